/**
 * A small static evaluator over a TypeScript/JavaScript tree-sitter tree. It never runs
 * the user's code: it walks the syntax, folds constants, follows variables, object literals
 * (shorthand, spread), arrays, loops and helper functions, and hands calls into the
 * TensorFlow.js API to `JsHost`. Type syntax (`as`, `!`, `<T>x`, annotations) is skipped.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { Scope } from './jsScope';
import { binaryOperation, unaryOperation } from './jsOperators';
import type { JsFunction, JsValue } from './jsValues';
import { isUnknown, jsArray, jsObject, truthy, unknown, valueKind } from './jsValues';
import type { MemberContext } from './jsMembers';
import { memberOf } from './jsMembers';

/** The library side of evaluation: TF.js namespaces and objects. */
export interface JsHost {
  /** Calls a modelled namespace member such as `tf.layers.conv2d` or `tf.sequential`. */
  callNamespace(path: string, args: JsValue[], site: Node): JsValue;
  /** Property of a library object (layer, tensor, model); undefined = not modelled. */
  member(object: JsValue, name: string, site: Node): JsValue | undefined;
  /** Reports that something could not be followed (shown as an info diagnostic). */
  note(site: Node, message: string): void;
}

type Completion = { type: 'normal' } | { type: 'return'; value: JsValue } | { type: 'break' } | { type: 'continue' };
const NORMAL: Completion = { type: 'normal' };
const MAX_STEPS = 200_000;
const MAX_DEPTH = 60;
const MAX_LOOP = 10_000;

/** Node types that only wrap an expression with type information. */
const typeWrappers = new Set(['as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'parenthesized_expression', 'await_expression']);

export class JsEvaluator {
  private steps = 0;
  private depth = 0;
  /** Functions that ran at least once (so `analyzeTfjs` can run the others as entry points). */
  readonly calledFunctions = new Set<Node['id']>();

  private readonly members: MemberContext;

  constructor(private readonly host: JsHost) {
    this.members = { host, invoke: (fn, args, site) => this.callValue(fn, args, site) };
  }

  /** Runs statements in order; a `return` at top level just stops. */
  execBlock(statements: readonly Node[], scope: Scope): Completion {
    for (const statement of statements) this.hoist(statement, scope);
    for (const statement of statements) {
      const completion = this.exec(statement, scope);
      if (completion.type !== 'normal') return completion;
    }
    return NORMAL;
  }

  /** Function declarations are visible before their line, as in JS. */
  private hoist(statement: Node, scope: Scope): void {
    const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
    if (declaration?.type === 'function_declaration' || declaration?.type === 'generator_function_declaration') {
      const name = declaration.childForFieldName('name')?.text ?? '<anonymous>';
      scope.declare(name, { kind: 'function', name, node: declaration, closure: scope });
    }
  }

  exec(node: Node, scope: Scope): Completion {
    if (++this.steps > MAX_STEPS) throw new BudgetExceeded();
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.eval(child, scope);
        return NORMAL;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const declarator of node.namedChildren) {
          if (declarator?.type !== 'variable_declarator') continue;
          const valueNode = declarator.childForFieldName('value');
          const value = valueNode ? this.eval(valueNode, scope) : undefined;
          const nameNode = declarator.childForFieldName('name');
          if (nameNode) this.bindPattern(nameNode, value, scope, true);
        }
        return NORMAL;
      case 'export_statement': {
        const declaration = node.childForFieldName('declaration');
        if (declaration) return this.exec(declaration, scope);
        const value = node.childForFieldName('value');
        if (value) this.eval(value, scope);
        return NORMAL;
      }
      case 'function_declaration':
      case 'generator_function_declaration':
        return NORMAL; // hoisted
      case 'statement_block':
        return this.execBlock(node.namedChildren.filter((c): c is Node => c !== null), new Scope(scope));
      case 'return_statement': {
        const argument = node.namedChildren[0];
        return { type: 'return', value: argument ? this.eval(argument, scope) : undefined };
      }
      case 'if_statement': return this.execIf(node, scope);
      case 'for_statement': return this.execFor(node, scope);
      case 'for_in_statement': return this.execForIn(node, scope);
      case 'while_statement': return this.execWhile(node, scope);
      case 'break_statement': return { type: 'break' };
      case 'continue_statement': return { type: 'continue' };
      case 'else_clause':
        return this.execBlock(node.namedChildren.filter((c): c is Node => c !== null), scope);
      default:
        return NORMAL; // imports are handled by the host's prelude; types, classes, comments are skipped
    }
  }

  private execIf(node: Node, scope: Scope): Completion {
    const condition = this.eval(node.childForFieldName('condition')!, scope);
    const truth = truthy(condition);
    const consequence = node.childForFieldName('consequence');
    const alternative = node.childForFieldName('alternative');
    if (truth === undefined) {
      // Unknown condition: follow the main branch, which is what most model code means.
      this.host.note(node.childForFieldName('condition')!, `condition could not be evaluated (${(condition as { reason: string }).reason}); assuming the if-branch`);
      return consequence ? this.exec(consequence, scope) : NORMAL;
    }
    if (truth) return consequence ? this.exec(consequence, scope) : NORMAL;
    return alternative ? this.exec(alternative, scope) : NORMAL;
  }

  private loopBody(body: Node | null, scope: Scope): Completion | 'break' {
    if (!body) return NORMAL;
    const completion = this.exec(body, new Scope(scope));
    if (completion.type === 'break') return 'break';
    if (completion.type === 'return') return completion;
    return NORMAL;
  }

  private execFor(node: Node, scope: Scope): Completion {
    const loopScope = new Scope(scope);
    const initializer = node.childForFieldName('initializer');
    if (initializer) {
      if (initializer.type.endsWith('declaration')) this.exec(initializer, loopScope);
      else this.eval(initializer, loopScope);
    }
    for (let i = 0; i < MAX_LOOP; i++) {
      const conditionNode = node.childForFieldName('condition');
      if (conditionNode && conditionNode.type !== 'empty_statement') {
        const condition = this.eval(conditionNode.type === 'expression_statement' ? conditionNode.namedChildren[0]! : conditionNode, loopScope);
        const truth = truthy(condition);
        if (truth === undefined) {
          this.host.note(conditionNode, 'loop condition could not be evaluated; the loop is skipped');
          return NORMAL;
        }
        if (!truth) return NORMAL;
      }
      const result = this.loopBody(node.childForFieldName('body'), loopScope);
      if (result === 'break') return NORMAL;
      if (result.type === 'return') return result;
      const increment = node.childForFieldName('increment');
      if (increment) this.eval(increment, loopScope);
    }
    this.host.note(node, `loop stopped after ${MAX_LOOP} iterations`);
    return NORMAL;
  }

  private execForIn(node: Node, scope: Scope): Completion {
    const right = this.eval(node.childForFieldName('right')!, scope);
    const isOf = node.children.some((c) => c?.type === 'of');
    let items: JsValue[];
    if (typeof right === 'object' && right !== null && right.kind === 'array') items = isOf ? right.items : right.items.map((_v, i) => String(i));
    else if (typeof right === 'object' && right !== null && right.kind === 'object' && !isOf) items = [...right.props.keys()];
    else {
      this.host.note(node.childForFieldName('right')!, `cannot iterate over ${valueKind(right)}; the loop is skipped`);
      return NORMAL;
    }
    const left = node.childForFieldName('left')!;
    for (const item of items) {
      const loopScope = new Scope(scope);
      this.bindPattern(left, item, loopScope, true);
      const result = this.loopBody(node.childForFieldName('body'), loopScope);
      if (result === 'break') return NORMAL;
      if (result.type === 'return') return result;
    }
    return NORMAL;
  }

  private execWhile(node: Node, scope: Scope): Completion {
    for (let i = 0; i < MAX_LOOP; i++) {
      const truth = truthy(this.eval(node.childForFieldName('condition')!, scope));
      if (truth !== true) return NORMAL;
      const result = this.loopBody(node.childForFieldName('body'), scope);
      if (result === 'break') return NORMAL;
      if (result.type === 'return') return result;
    }
    this.host.note(node, `loop stopped after ${MAX_LOOP} iterations`);
    return NORMAL;
  }

  /** Binds an identifier or a destructuring pattern (object/array, defaults, rest). */
  bindPattern(pattern: Node, value: JsValue, scope: Scope, declare: boolean): void {
    const set = (name: string, v: JsValue): void => (declare ? scope.declare(name, v) : scope.assign(name, v));
    switch (pattern.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        set(pattern.text, value);
        return;
      case 'assignment_pattern':
      case 'object_assignment_pattern': {
        const left = pattern.childForFieldName('left')!;
        const resolved = value === undefined ? this.eval(pattern.childForFieldName('right')!, scope) : value;
        this.bindPattern(left, resolved, scope, declare);
        return;
      }
      case 'object_pattern':
        for (const child of pattern.namedChildren) {
          if (!child) continue;
          if (child.type === 'pair_pattern') {
            const key = child.childForFieldName('key')!;
            this.bindPattern(child.childForFieldName('value')!, memberOf(value, propertyKey(key), child, this.members), scope, declare);
          } else if (child.type === 'rest_pattern') {
            set(child.namedChildren[0]?.text ?? '', value);
          } else {
            const nameNode = child.type === 'object_assignment_pattern' ? child.childForFieldName('left')! : child;
            const member = memberOf(value, nameNode.text, child, this.members);
            this.bindPattern(child, member, scope, declare);
          }
        }
        return;
      case 'array_pattern': {
        const items = typeof value === 'object' && value !== null && value.kind === 'array' ? value.items : null;
        pattern.namedChildren.forEach((child, i) => {
          if (!child) return;
          if (child.type === 'rest_pattern') set(child.namedChildren[0]?.text ?? '', items ? jsArray(items.slice(i)) : unknown('rest of an unknown array'));
          else this.bindPattern(child, items ? items[i] : unknown('element of an unknown array'), scope, declare);
        });
        return;
      }
      default:
        return;
    }
  }

  eval(node: Node, scope: Scope): JsValue {
    if (++this.steps > MAX_STEPS) throw new BudgetExceeded();
    if (typeWrappers.has(node.type)) {
      const inner = node.type === 'type_assertion' ? node.namedChildren[node.namedChildren.length - 1] : node.namedChildren[0];
      return inner ? this.eval(inner, scope) : undefined;
    }
    switch (node.type) {
      case 'number': return Number(node.text.replace(/_/g, ''));
      case 'string': return node.text.slice(1, -1);
      case 'template_string': return this.evalTemplate(node, scope);
      case 'true': return true;
      case 'false': return false;
      case 'null': return null;
      case 'undefined': return undefined;
      case 'identifier': return this.lookup(node, scope);
      case 'member_expression': {
        const object = this.eval(node.childForFieldName('object')!, scope);
        return memberOf(object, node.childForFieldName('property')!.text, node, this.members);
      }
      case 'subscript_expression': {
        const object = this.eval(node.childForFieldName('object')!, scope);
        const index = this.eval(node.childForFieldName('index')!, scope);
        if (typeof index === 'number' || typeof index === 'string') return memberOf(object, String(index), node, this.members);
        return unknown(`index ${node.childForFieldName('index')!.text} is not known`);
      }
      case 'call_expression': return this.evalCall(node, scope);
      case 'new_expression': return unknown(`new ${node.childForFieldName('constructor')?.text ?? ''}(...) is not followed`);
      case 'arrow_function':
      case 'function_expression':
      case 'function':
        return { kind: 'function', name: '<anonymous>', node, closure: scope };
      case 'object': return this.evalObject(node, scope);
      case 'array': return this.evalArray(node, scope);
      case 'binary_expression': return this.evalBinary(node, scope);
      case 'unary_expression': {
        const operator = node.childForFieldName('operator')?.text ?? node.children[0]?.text ?? '';
        return unaryOperation(operator, this.eval(node.childForFieldName('argument')!, scope));
      }
      case 'ternary_expression': {
        const truth = truthy(this.eval(node.childForFieldName('condition')!, scope));
        if (truth === undefined) return this.eval(node.childForFieldName('consequence')!, scope);
        return this.eval(node.childForFieldName(truth ? 'consequence' : 'alternative')!, scope);
      }
      case 'assignment_expression': {
        const value = this.eval(node.childForFieldName('right')!, scope);
        this.assign(node.childForFieldName('left')!, value, scope);
        return value;
      }
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left')!;
        const operator = (node.childForFieldName('operator')?.text ?? node.children[1]?.text ?? '=').slice(0, -1);
        const value = binaryOperation(operator, this.eval(left, scope), this.eval(node.childForFieldName('right')!, scope));
        this.assign(left, value, scope);
        return value;
      }
      case 'update_expression': {
        const argument = node.childForFieldName('argument')!;
        const old = this.eval(argument, scope);
        const increment = node.text.includes('++') ? 1 : -1;
        const value = binaryOperation('+', old, increment);
        this.assign(argument, value, scope);
        return node.text.startsWith('++') || node.text.startsWith('--') ? value : old;
      }
      case 'sequence_expression': {
        let last: JsValue;
        for (const child of node.namedChildren) if (child) last = this.eval(child, scope);
        return last;
      }
      default:
        return unknown(`${node.type.replace(/_/g, ' ')} is not evaluated`);
    }
  }

  private lookup(node: Node, scope: Scope): JsValue {
    if (scope.has(node.text)) return scope.lookup(node.text);
    if (node.text === 'Math' || node.text === 'Array' || node.text === 'Object' || node.text === 'Number') return { kind: 'ns', path: node.text };
    if (node.text === 'undefined') return undefined;
    if (node.text === 'Infinity') return Infinity;
    return unknown(`${node.text} is not defined in this file`);
  }

  private assign(target: Node, value: JsValue, scope: Scope): void {
    if (target.type === 'identifier') scope.assign(target.text, value);
    else if (target.type === 'member_expression' || target.type === 'subscript_expression') {
      const object = this.eval(target.childForFieldName('object')!, scope);
      const keyNode = target.type === 'member_expression' ? target.childForFieldName('property')! : target.childForFieldName('index')!;
      const key = target.type === 'member_expression' ? keyNode.text : this.eval(keyNode, scope);
      if (typeof object === 'object' && object !== null && object.kind === 'object' && (typeof key === 'string' || typeof key === 'number')) object.props.set(String(key), value);
      else if (typeof object === 'object' && object !== null && object.kind === 'array' && typeof key === 'number') object.items[key] = value;
    } else if (target.type === 'object_pattern' || target.type === 'array_pattern') this.bindPattern(target, value, scope, false);
  }

  private evalTemplate(node: Node, scope: Scope): JsValue {
    let text = '';
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'template_substitution') {
        const value = this.eval(child.namedChildren[0]!, scope);
        if (isUnknown(value) || (typeof value === 'object' && value !== null)) return unknown('template string with an unknown part');
        text += String(value);
      } else text += child.text;
    }
    return text;
  }

  private evalObject(node: Node, scope: Scope): JsValue {
    const object = jsObject();
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'pair') {
        const keyNode = child.childForFieldName('key')!;
        const key = keyNode.type === 'computed_property_name' ? this.eval(keyNode.namedChildren[0]!, scope) : propertyKey(keyNode);
        object.props.set(String(key), this.eval(child.childForFieldName('value')!, scope));
      } else if (child.type === 'shorthand_property_identifier') {
        object.props.set(child.text, this.lookup(child, scope));
      } else if (child.type === 'spread_element') {
        const spread = this.eval(child.namedChildren[0]!, scope);
        if (typeof spread === 'object' && spread !== null && spread.kind === 'object') for (const [k, v] of spread.props) object.props.set(k, v);
        else if (spread !== undefined && spread !== null) this.host.note(child, `spread of ${child.namedChildren[0]!.text} could not be followed`);
      } else if (child.type === 'method_definition') {
        const name = child.childForFieldName('name')?.text ?? '';
        object.props.set(name, { kind: 'function', name, node: child, closure: scope });
      }
    }
    return object;
  }

  private evalArray(node: Node, scope: Scope): JsValue {
    const items: JsValue[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'spread_element') {
        const spread = this.eval(child.namedChildren[0]!, scope);
        if (typeof spread === 'object' && spread !== null && spread.kind === 'array') items.push(...spread.items);
        else return unknown(`spread of ${child.namedChildren[0]!.text} could not be followed`);
      } else items.push(this.eval(child, scope));
    }
    return jsArray(items);
  }

  private evalBinary(node: Node, scope: Scope): JsValue {
    const operator = node.childForFieldName('operator')?.text ?? '';
    const left = this.eval(node.childForFieldName('left')!, scope);
    if (operator === '&&' || operator === '||' || operator === '??') {
      const truth = operator === '??' ? (isUnknown(left) ? undefined : left !== null && left !== undefined) : truthy(left);
      if (truth === undefined) return left;
      if (operator === '&&') return truth ? this.eval(node.childForFieldName('right')!, scope) : left;
      return truth ? left : this.eval(node.childForFieldName('right')!, scope);
    }
    return binaryOperation(operator, left, this.eval(node.childForFieldName('right')!, scope));
  }

  private evalCall(node: Node, scope: Scope): JsValue {
    const calleeNode = node.childForFieldName('function')!;
    const argsNode = node.childForFieldName('arguments');
    const args: JsValue[] = [];
    for (const child of argsNode?.namedChildren ?? []) {
      if (!child) continue;
      if (child.type === 'spread_element') {
        const spread = this.eval(child.namedChildren[0]!, scope);
        if (typeof spread === 'object' && spread !== null && spread.kind === 'array') args.push(...spread.items);
        else args.push(unknown('spread arguments'));
      } else args.push(this.eval(child, scope));
    }
    let self: JsValue | undefined;
    let callee: JsValue;
    if (calleeNode.type === 'member_expression') {
      self = this.eval(calleeNode.childForFieldName('object')!, scope);
      callee = memberOf(self, calleeNode.childForFieldName('property')!.text, calleeNode, this.members);
    } else callee = this.eval(calleeNode, scope);
    return this.callValue(callee, args, node, self);
  }

  /** Calls a function value: user function, builtin or modelled namespace member. */
  callValue(callee: JsValue, args: JsValue[], site: Node, self?: JsValue): JsValue {
    if (typeof callee !== 'object' || callee === null) return unknown(`${site.text.slice(0, 40)} is not a function`);
    if (callee.kind === 'builtin') return callee.call(args, site, self);
    if (callee.kind === 'ns') return this.host.callNamespace(callee.path, args, site);
    if (callee.kind === 'function') return this.callFunction(callee, args);
    if (callee.kind === 'unknown') return unknown(callee.reason);
    return unknown(`${valueKind(callee)} is not callable`);
  }

  callFunction(fn: JsFunction, args: JsValue[]): JsValue {
    if (this.depth >= MAX_DEPTH) return unknown('call depth limit reached');
    this.calledFunctions.add(fn.node.id);
    const scope = new Scope(fn.closure);
    const params = fn.node.childForFieldName('parameters') ?? fn.node.childForFieldName('parameter');
    if (params) {
      if (params.type === 'identifier') scope.declare(params.text, args[0]);
      let i = 0;
      for (const param of params.type === 'identifier' ? [] : params.namedChildren) {
        if (!param) continue;
        const pattern = param.childForFieldName('pattern') ?? param;
        const defaultNode = param.childForFieldName('value');
        if (pattern.type === 'rest_pattern') {
          this.bindPattern(pattern.namedChildren[0]!, jsArray(args.slice(i)), scope, true);
          break;
        }
        let value = args[i++];
        if (value === undefined && defaultNode) value = this.eval(defaultNode, scope);
        this.bindPattern(pattern, value, scope, true);
      }
    }
    const body = fn.node.childForFieldName('body');
    if (!body) return undefined;
    this.depth++;
    try {
      if (body.type !== 'statement_block') return this.eval(body, scope);
      const completion = this.execBlock(body.namedChildren.filter((c): c is Node => c !== null), scope);
      return completion.type === 'return' ? completion.value : undefined;
    } finally {
      this.depth--;
    }
  }
}

/** Thrown when a file would take too long to evaluate (a huge loop, runaway recursion). */
export class BudgetExceeded extends Error {
  constructor() {
    super('evaluation budget exceeded');
  }
}

function propertyKey(node: Node): string {
  return node.type === 'string' ? node.text.slice(1, -1) : node.text;
}
