/**
 * Expression evaluation over the plain syntax tree. Every node kind the interpreter does
 * not model becomes an Unknown naming the construct; nothing is ever executed for real.
 * Displays and comprehensions are in displays.ts, literals in literals.ts.
 */
import type { AnalysisContext } from './context';
import { callValue } from './calls';
import { getAttribute } from './attributes';
import { binaryOp, compare, subscriptValue } from './operators';
import type { Scope } from './scope';
import { assignTarget, iterate } from './assignment';
import { integerLiteral, stringLiteral } from './literals';
import { makeFunction } from './statements';
import { sameValue } from './branches';
import { opSite } from './opSite';
import { recordOperator, recordSubscript, recordTensorCall } from './graphOps';
import { comprehension, dictionary, elements } from './displays';
import type { PyNode } from './syntax';
import { field, textOf } from './syntax';
import { makeTensor } from './tensorOps';
import { boundedString, noteTooLarge } from './sizeLimits';
import type { PyTensor, Value } from './values';
import { isObject, isTensor, isUnknown, list, numberOf, pyFloat, truthy, tuple, unknown } from './values';

function evaluateSlice(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  // The colons are anonymous tokens; the named children fill start/stop/step in order of position.
  const parts: (PyNode | null)[] = [null, null, null];
  let slot = 0;
  let cursor = node.start;
  const text = context.syntax.source;
  for (const child of node.children) {
    for (let index = cursor; index < child.start; index++) if (text[index] === ':') slot++;
    parts[slot] = child;
    cursor = child.end;
  }
  const value = (part: PyNode | null): Value => (part ? evaluate(context, part, scope) : null);
  return { kind: 'slice', start: value(parts[0]), stop: value(parts[1]), step: value(parts[2]) };
}

/** Evaluates an expression node. */
/** `-x` of a tensor while a graph is built: a new tensor, so the graph has its `neg` node. */
function negated(context: AnalysisContext, value: PyTensor, node: PyNode): PyTensor {
  const result = makeTensor(value.shape, [value]);
  recordTensorCall(context, 'operator', 'neg', value, [], new Map(), result, node.range);
  return result;
}

export function evaluate(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  context.step();
  switch (node.type) {
    case 'identifier': {
      const name = textOf(context.syntax, node);
      let value = scope.lookup(name);
      if (value === undefined) value = context.libraries.unboundName(context, name); // `from keras.layers import *`
      return value === undefined ? unknown(`the name '${name}'`) : value;
    }
    case 'integer': {
      const text = textOf(context.syntax, node);
      // `1j` is an integer token with a suffix: a complex number.
      return /j$/i.test(text) ? unknown('a complex number') : integerLiteral(text);
    }
    case 'float': {
      const text = textOf(context.syntax, node).replace(/_/g, '');
      return /j$/i.test(text) ? unknown('a complex number') : pyFloat(Number(text));
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    case 'ellipsis':
      return { kind: 'ns', path: 'Ellipsis' };
    case 'string':
      return stringLiteral(context, node, scope);
    case 'concatenated_string': {
      let result = '';
      for (const part of node.children) {
        const value = evaluate(context, part, scope);
        if (typeof value !== 'string') return unknown(`the string ${textOf(context.syntax, node)}`);
        const tooLong = boundedString(result.length + value.length);
        if (tooLong) return noteTooLarge(context, node, tooLong);
        result += value;
      }
      return result;
    }
    case 'parenthesized_expression':
      return evaluate(context, node.children[0], scope);
    case 'tuple':
    case 'expression_list':
    case 'pattern_list':
      return elements(context, node.children, scope, tuple);
    case 'list':
      return elements(context, node.children, scope, list);
    case 'set':
      return unknown('a set');
    case 'dictionary':
      return dictionary(context, node, scope);
    case 'list_comprehension':
    case 'generator_expression':
    case 'dictionary_comprehension':
    case 'set_comprehension':
      return comprehension(context, node, scope);
    case 'binary_operator': {
      const left = evaluate(context, field(node, 'left')!, scope);
      const right = evaluate(context, field(node, 'right')!, scope);
      // A library may track what `x + y` depends on (Keras keeps the layer calls of both sides).
      const result = noteTooLarge(context, node, binaryOp(node.tokens[0], left, right, opSite(context, node)));
      if (context.recorder?.graph) recordOperator(context, node.tokens[0], left, right, result, node.range);
      return context.libraries.operatorResult(context, result, [left, right], node.tokens[0], node);
    }
    case 'unary_operator': {
      const value = evaluate(context, node.children[0], scope);
      const op = node.tokens[0];
      if (isTensor(value)) return op === '-' && context.recorder?.graph ? negated(context, value, node) : value;
      const number = numberOf(value);
      if (number === undefined) return isUnknown(value) ? value : unknown(textOf(context.syntax, node));
      const float = isObject(value) && value.kind === 'float';
      const result = op === '-' ? -number : op === '~' ? ~number : number;
      return float ? pyFloat(result) : result;
    }
    case 'not_operator': {
      const value = truthy(evaluate(context, node.children[0], scope));
      return value === undefined ? unknown(textOf(context.syntax, node)) : !value;
    }
    case 'boolean_operator': {
      const left = evaluate(context, field(node, 'left')!, scope);
      const decided = truthy(left);
      if (decided === undefined) return unknown(textOf(context.syntax, node));
      const isAnd = node.tokens[0] === 'and';
      if (isAnd ? !decided : decided) return left;
      return evaluate(context, field(node, 'right')!, scope);
    }
    case 'comparison_operator':
      return comparison(context, node, scope);
    case 'conditional_expression': {
      const [whenTrue, condition, whenFalse] = node.children;
      const decided = truthy(evaluate(context, condition, scope));
      if (decided !== undefined) return evaluate(context, decided ? whenTrue : whenFalse, scope);
      // Undecided: both sides, kept when they agree (as an undecided `if` does, see branches.ts).
      return sameValue(evaluate(context, whenTrue, scope), evaluate(context, whenFalse, scope)) ?? unknown(textOf(context.syntax, node));
    }
    case 'named_expression': {
      const value = evaluate(context, field(node, 'value')!, scope);
      assignTarget(context, field(node, 'name')!, value, scope);
      return value;
    }
    case 'attribute': {
      const object = evaluate(context, field(node, 'object')!, scope);
      return getAttribute(context, object, textOf(context.syntax, field(node, 'attribute')!), node);
    }
    case 'subscript': {
      const value = evaluate(context, field(node, 'value')!, scope);
      const indexNodes = node.children.filter((child) => child.field === 'subscript');
      const indices = indexNodes.map((child) => evaluate(context, child, scope));
      const index = indices.length === 1 ? indices[0] : tuple(indices);
      if (isObject(value) && value.kind === 'ns' && value.path === 'sys.modules') return runningModule(scope, index);
      const result = subscriptValue(value, index, () => textOf(context.syntax, node));
      if (context.recorder?.graph && isTensor(value)) recordSubscript(context, value, index, result, node.range);
      return result;
    }
    case 'slice':
      return evaluateSlice(context, node, scope);
    case 'call':
      return evaluateCall(context, node, scope);
    case 'lambda':
      return makeFunction(context, node, scope, '<lambda>');
    case 'await':
      return evaluate(context, node.children[0], scope);
    default:
      return unknown(`the expression ${textOf(context.syntax, node).slice(0, 40)}`);
  }
}

function comparison(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  const operands = node.children.map((child) => evaluate(context, child, scope));
  const operators: string[] = [];
  for (let index = 0; index < node.tokens.length; index++) {
    const token = node.tokens[index];
    const next = node.tokens[index + 1];
    if (token === 'not' && next === 'in') {
      operators.push('not in');
      index++;
    } else if (token === 'is' && next === 'not') {
      operators.push('is not');
      index++;
    } else operators.push(token);
  }
  // Identity tests on tensors are plain Python; `<`, `==`, ... on tensors are element-wise.
  if (operands.some(isTensor) && operators.some((op) => op !== 'is' && op !== 'is not')) {
    const tensors = operands.filter(isTensor);
    return tensors.length === 1 ? makeTensor(tensors[0].shape, tensors) : makeTensor(null, tensors);
  }
  for (let index = 0; index < operators.length; index++) {
    const result = compare(operators[index], operands[index], operands[index + 1]);
    if (result === undefined) return unknown(textOf(context.syntax, node));
    if (!result) return false;
  }
  return true;
}

/** Shared by every call without keyword arguments (most calls); callees only read kwargs. */
const noKeywords: ReadonlyMap<string, Value> = new Map();

/** Evaluates a call's arguments (`*args`, `**kwargs`, keywords) and calls the function. */
export function evaluateCall(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  const functionNode = field(node, 'function')!;
  const callee = evaluate(context, functionNode, scope);
  const argumentsNode = field(node, 'arguments');
  const args: Value[] = [];
  let kwargs: Map<string, Value> | undefined;
  if (argumentsNode?.type === 'generator_expression') {
    args.push(comprehension(context, argumentsNode, scope));
  } else if (argumentsNode) {
    for (const child of argumentsNode.children) {
      if (child.type === 'keyword_argument') {
        kwargs ??= new Map();
        kwargs.set(textOf(context.syntax, field(child, 'name')!), evaluate(context, field(child, 'value')!, scope));
      } else if (child.type === 'list_splat') {
        const items = iterate(context, evaluate(context, child.children[0], scope));
        if (!items) return unknown(`unpacking ${textOf(context.syntax, child)}`);
        args.push(...items);
      } else if (child.type === 'dictionary_splat') {
        const dict = evaluate(context, child.children[0], scope);
        if (!isObject(dict) || dict.kind !== 'dict') return unknown(`unpacking ${textOf(context.syntax, child)}`);
        kwargs ??= new Map();
        for (const [key, value] of dict.entries.values()) if (typeof key === 'string') kwargs.set(key, value);
      } else {
        args.push(evaluate(context, child, scope));
      }
    }
  }
  return callValue(context, callee, args, kwargs ?? noKeywords, node);
}

/**
 * `sys.modules[__name__]`: the module whose code runs now, as a module object over its globals
 * (builder registries write their functions with `setattr` on it). Other modules are unknown.
 */
function runningModule(scope: Scope, name: Value): Value {
  let globals = scope;
  while (globals.parent?.parent) globals = globals.parent;
  if (typeof name !== 'string' || globals.lookupOwn('__name__') !== name) return unknown('sys.modules of another module');
  return { kind: 'module', name, attribute: (attribute) => globals.lookupOwn(attribute), setAttribute: (attribute, value) => globals.set(attribute, value) };
}
