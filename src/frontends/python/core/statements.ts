/**
 * Statement execution: assignments, if/for/while, def/class with their decorators, `del`,
 * imports (followed into other files by the analysis's import handler, python/imports/;
 * without one, or for modules a library models, as dotted namespaces, so every alias of
 * `torch.nn` resolves the same way), try/with bodies. An `if` that cannot be decided runs both
 * branches (branches.ts); an unknown `while` condition or loop iterable is reported as `info`
 * and skipped.
 */
import type { AnalysisContext } from './context';
import { assignTarget, deleteTarget, iterate } from './assignment';
import { boundedItems, noteTooLarge } from './sizeLimits';
import { appendAll } from '../../analysisLimits';
import { evaluate } from './evaluate';
import { taintSkippedLoop } from './loopTaint';
import { evaluateElements } from './displays';
import { applyDecorators } from './decorators';
import { runBothBranches } from './branches';
import { derivesNamedTuple, makeNamedTupleClass } from './recordClasses';
import { callValue } from './calls';
import { opSite } from './opSite';
import { binaryOp } from './operators';
import { recordOperator } from './graphOps';
import { Scope } from './scope';
import type { PyNode } from './syntax';
import { field, textOf } from './syntax';
import type { PyClass, PyFunction, Value } from './values';
import { isObject, isUnknown, truthy, unknown } from './values';

/** How a block ended: normally, by `return`, `break` or `continue`. */
export type Flow = undefined | { readonly returned: Value; readonly raised?: boolean } | 'break' | 'continue';

/** A `def` or `lambda` as a function value; defaults are evaluated now, as in Python. */
export function makeFunction(context: AnalysisContext, node: PyNode, scope: Scope, name: string): PyFunction {
  const defaults = new Map<string, Value>();
  const parameters = field(node, 'parameters');
  for (const parameter of parameters?.children ?? []) {
    if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
      defaults.set(textOf(context.syntax, field(parameter, 'name')!), evaluate(context, field(parameter, 'value')!, scope));
    }
  }
  // Methods see the module (or enclosing function), never the class body.
  const closure = scope.isClassBody && scope.parent ? scope.parent : scope;
  return { kind: 'function', name, node, closure, defaults, owner: null, flavor: null, syntax: context.syntax };
}

function defineClass(context: AnalysisContext, node: PyNode, scope: Scope): PyClass {
  const name = textOf(context.syntax, field(node, 'name')!);
  const superclasses = field(node, 'superclasses');
  const bases = (superclasses?.children ?? []).filter((child) => child.type !== 'keyword_argument').map((child) => evaluate(context, child, scope));
  const body = new Scope(scope, true);
  const cls: PyClass = { kind: 'class', name, node, bases, attrs: new Map(), torchBase: context.libraries.classBase(bases) };
  const block = field(node, 'body');
  if (block) execBlock(context, block, body);
  for (const [key, value] of body.entries()) {
    if (isObject(value) && value.kind === 'function' && value.owner === null) value.owner = cls;
    cls.attrs.set(key, value);
  }
  return derivesNamedTuple(bases) ? makeNamedTupleClass(context, cls, callValue) : cls;
}

function execImport(context: AnalysisContext, node: PyNode, scope: Scope): void {
  if (context.imports) {
    context.imports.execImport(context, node, scope);
    return;
  }
  if (node.type === 'import_statement') {
    for (const child of node.children) {
      if (child.type === 'aliased_import') {
        scope.set(textOf(context.syntax, field(child, 'alias')!), { kind: 'ns', path: textOf(context.syntax, field(child, 'name')!) });
      } else {
        const path = textOf(context.syntax, child);
        const head = path.split('.')[0];
        scope.set(head, { kind: 'ns', path: head });
      }
    }
    return;
  }
  const moduleNode = field(node, 'module_name');
  const module = moduleNode ? textOf(context.syntax, moduleNode) : '';
  for (const child of node.children) {
    if (child === moduleNode) continue;
    if (child.type === 'wildcard_import') {
      context.wildcardImports.push(module);
    } else if (child.type === 'aliased_import') {
      const imported = textOf(context.syntax, field(child, 'name')!);
      scope.set(textOf(context.syntax, field(child, 'alias')!), { kind: 'ns', path: `${module}.${imported}` });
    } else if (child.type === 'dotted_name' || child.type === 'identifier') {
      const imported = textOf(context.syntax, child);
      scope.set(imported, { kind: 'ns', path: `${module}.${imported}` });
    }
  }
}

/** A condition's truth, or why it is unknown. */
function decide(context: AnalysisContext, node: PyNode, scope: Scope): boolean | { readonly reason: string } {
  const value = evaluate(context, node, scope);
  return truthy(value) ?? { reason: isUnknown(value) ? ` (${value.reason})` : '' };
}

function condition(context: AnalysisContext, node: PyNode, scope: Scope): boolean | undefined {
  const decided = decide(context, node, scope);
  if (typeof decided === 'boolean') return decided;
  context.unsupported(node, `the condition \`${textOf(context.syntax, node).slice(0, 60)}\`${decided.reason}`);
  return undefined;
}

/**
 * An `if` statement from one of its clauses on: `from` -1 is the `if` itself, else the index
 * in its children where the search for the next `elif`/`else` starts (no array is built: ifs
 * run in every forward()).
 */
function execIf(context: AnalysisContext, node: PyNode, from: number, scope: Scope): Flow {
  let clause: PyNode | undefined = from < 0 ? node : undefined;
  let next = 0;
  for (let index = Math.max(0, from); clause === undefined && index < node.children.length; index++) {
    if (node.children[index].field === 'alternative') {
      clause = node.children[index];
      next = index + 1;
    }
  }
  if (!clause) return undefined;
  if (clause.type === 'else_clause') return execBlock(context, field(clause, 'body') ?? clause.children[0], scope);
  const test = field(clause, 'condition')!;
  const decided = decide(context, test, scope);
  if (decided === true) return execBlock(context, field(clause, 'consequence')!, scope);
  if (decided === false) return execIf(context, node, next, scope);
  return runBothBranches(
    context,
    scope,
    test,
    decided.reason,
    () => execBlock(context, field(clause, 'consequence')!, scope),
    () => execIf(context, node, next, scope),
  );
}

/** Executes the statements of a block (or module) in order. */
export function execBlock(context: AnalysisContext, block: PyNode, scope: Scope): Flow {
  for (const statement of block.children) {
    const flow = execStatement(context, statement, scope);
    if (flow !== undefined) return flow;
  }
  return undefined;
}

function execLoopBody(context: AnalysisContext, body: PyNode, scope: Scope): Flow | 'stop' {
  const flow = execBlock(context, body, scope);
  if (flow === 'break') return 'stop';
  if (flow !== undefined && flow !== 'continue') return flow;
  return undefined;
}

/** Executes one statement. */
export function execStatement(context: AnalysisContext, node: PyNode, scope: Scope): Flow {
  context.step();
  switch (node.type) {
    case 'expression_statement':
      for (const child of node.children) execExpressionStatement(context, child, scope);
      return undefined;
    case 'return_statement': {
      const value = node.children[0];
      if (!value) return { returned: null };
      if (value.type === 'expression_list') {
        const items = evaluateElements(context, value.children, scope);
        return { returned: Array.isArray(items) ? { kind: 'tuple', items } : (items as Value) };
      }
      return { returned: evaluate(context, value, scope) };
    }
    case 'if_statement':
      return execIf(context, node, -1, scope);
    case 'for_statement': {
      const source = evaluate(context, field(node, 'right')!, scope);
      const items = iterate(context, source);
      if (!items) {
        const what = `the loop over \`${textOf(context.syntax, field(node, 'right')!).slice(0, 60)}\``;
        context.unsupported(field(node, 'right')!, what);
        taintSkippedLoop(context, node, scope, `a value set in ${what}`);
        return undefined;
      }
      for (const item of items) {
        context.step();
        assignTarget(context, field(node, 'left')!, item, scope);
        const flow = execLoopBody(context, field(node, 'body')!, scope);
        if (flow === 'stop') return undefined;
        if (flow !== undefined) return flow;
      }
      const orElse = field(node, 'alternative');
      return orElse ? execBlock(context, orElse.children[0], scope) : undefined;
    }
    case 'while_statement': {
      for (;;) {
        const decided = condition(context, field(node, 'condition')!, scope);
        if (decided === undefined) taintSkippedLoop(context, node, scope, `a value set in the \`while\` loop at line ${node.range.start.line + 1}`);
        if (!decided) return undefined;
        const flow = execLoopBody(context, field(node, 'body')!, scope);
        if (flow === 'stop') return undefined;
        if (flow !== undefined) return flow;
      }
    }
    case 'function_definition': {
      const name = textOf(context.syntax, field(node, 'name')!);
      scope.set(name, makeFunction(context, node, scope, name));
      return undefined;
    }
    case 'decorated_definition': {
      const definition = field(node, 'definition')!;
      const name = textOf(context.syntax, field(definition, 'name')!);
      const previous = scope.has(name) ? scope.lookup(name) : undefined;
      const flow = execStatement(context, definition, scope);
      const value = scope.lookup(name);
      if (value !== undefined)
        scope.set(
          name,
          applyDecorators(context, node, value, previous, {
            evaluate: (expression) => evaluate(context, expression, scope),
            call: (decorator, decorated, site) => callValue(context, decorator, [decorated], new Map(), site),
          }),
        );
      return flow;
    }
    case 'class_definition': {
      scope.set(textOf(context.syntax, field(node, 'name')!), defineClass(context, node, scope));
      return undefined;
    }
    case 'import_statement':
    case 'import_from_statement':
      execImport(context, node, scope);
      return undefined;
    case 'try_statement': {
      const flow = execBlock(context, field(node, 'body')!, scope);
      if (flow !== undefined) return flow;
      for (const child of node.children) {
        if (child.type === 'else_clause' || child.type === 'finally_clause') {
          const inner = execBlock(context, child.children[child.children.length - 1], scope);
          if (inner !== undefined) return inner;
        }
      }
      return undefined;
    }
    case 'with_statement': {
      for (const clause of node.children.filter((child) => child.type === 'with_clause')) {
        for (const item of clause.children) {
          const value = item.children[0];
          if (value?.type === 'as_pattern') {
            const target = field(value, 'alias');
            evaluate(context, value.children[0], scope);
            if (target) assignTarget(context, target.children[0] ?? target, unknown('a context manager'), scope);
          } else if (value) {
            evaluate(context, value, scope);
          }
        }
      }
      return execBlock(context, field(node, 'body')!, scope);
    }
    case 'break_statement':
      return 'break';
    case 'continue_statement':
      return 'continue';
    case 'raise_statement':
      return { returned: unknown('a raised exception'), raised: true };
    case 'delete_statement':
      for (const target of node.children[0]?.type === 'expression_list' ? node.children[0].children : node.children) deleteTarget(context, target, scope);
      return undefined;
    case 'block':
      return execBlock(context, node, scope);
    case 'assert_statement':
      // Not checked, but evaluated: test functions call their model inside the assert.
      if (node.children[0]) evaluate(context, node.children[0], scope);
      return undefined;
    default:
      // pass, assert, global, nonlocal, del, print, ERROR nodes: nothing to do statically.
      return undefined;
  }
}

function execExpressionStatement(context: AnalysisContext, node: PyNode, scope: Scope): void {
  if (node.type === 'assignment') {
    const right = field(node, 'right');
    if (!right) return;
    const value = right.type === 'assignment' ? assignChain(context, right, scope) : evaluate(context, right, scope);
    assignTarget(context, field(node, 'left')!, value, scope);
    context.noteAssignment(node, value, scope);
    return;
  }
  if (node.type === 'augmented_assignment') {
    const left = field(node, 'left')!;
    const current = evaluate(context, left, scope);
    const value = evaluate(context, field(node, 'right')!, scope);
    const op = node.tokens[0].slice(0, -1);
    if (op === '+' && isObject(current) && current.kind === 'list') {
      const items = iterate(context, value);
      const tooMany = items ? boundedItems(current.items.length + items.length, 'a list') : undefined;
      if (tooMany) assignTarget(context, left, noteTooLarge(context, node, tooMany), scope);
      else if (items) appendAll(current.items, items);
      return;
    }
    if (op === '+' && isObject(current) && current.kind === 'container' && current.container !== 'ModuleDict') {
      // ModuleList/Sequential `+=` extends in place.
      for (const item of iterate(context, value) ?? []) current.children.set(String(current.children.size), item);
      return;
    }
    const result = noteTooLarge(context, node, binaryOp(op, current, value, opSite(context, node)));
    if (context.recorder?.graph) recordOperator(context, op, current, value, result, node.range);
    assignTarget(context, left, context.libraries.operatorResult(context, result, [current, value], op, node), scope);
    return;
  }
  evaluate(context, node, scope);
}

function assignChain(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  // A chain cut short by a syntax error (`a = b =`) has no right-hand side: its targets are unknown.
  const right = field(node, 'right');
  const value = !right ? unknown('an assignment without a value') : right.type === 'assignment' ? assignChain(context, right, scope) : evaluate(context, right, scope);
  assignTarget(context, field(node, 'left')!, value, scope);
  return value;
}
