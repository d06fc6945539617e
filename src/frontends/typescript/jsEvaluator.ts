/**
 * A small static evaluator over a TypeScript/JavaScript tree-sitter tree. It never runs
 * the user's code: it walks the syntax, folds constants, follows variables, object literals
 * (shorthand, spread), arrays, loops and helper functions, and hands calls into the
 * TensorFlow.js API to `JsHost`. Type syntax (`as`, `!`, `<T>x`, annotations) is skipped.
 */
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import { Scope } from './jsScope';
import type { Completion } from './jsStatements';
import { execStatement, NORMAL } from './jsStatements';
import { binaryOperation, unaryOperation } from './jsOperators';
import type { JsFunction, JsValue } from './jsValues';
import { isUnknown, truthy, unknown, valueKind } from './jsValues';
import type { MemberContext } from './jsMembers';
import { memberOf } from './jsMembers';
import { assignTo } from './jsPatterns';
import { bindParameters, evalArguments } from './jsCalls';
import { evalArray, evalObject, evalTemplate } from './jsLiterals';
import { evalNew, instanceOf } from './jsClasses';
import { defaultStepBudget, defaultTimeBudgetMs, maxSyntaxDepth, nestingTooDeepMessage } from '../analysisLimits';
import { isTooLarge } from './jsSizeLimits';
import type { JsBudget, JsHost } from './jsHost';
import { BudgetExceeded } from './jsHost';

const MAX_DEPTH = 60;

/** Node types that only wrap an expression with type information. */
const typeWrappers = new Set(['as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'parenthesized_expression', 'await_expression']);

export class JsEvaluator {
  private steps = 0;
  private depth = 0;
  /** Nested `eval`/`exec` frames: past the limit an expression is unknown, not a stack overflow. */
  private nesting = 0;
  private readonly maxSteps: number;
  private readonly deadline: number;
  /** Set when the budget ran out: nothing more is evaluated. */
  budgetSpent = false;
  /** The analysed file's tree: code from other trees (imported modules) reports at the call that reached it. */
  homeTree: Tree | null = null;
  /** Functions that ran at least once (so `analyzeTfjs` can run the others as entry points). */
  readonly calledFunctions = new Set<Node['id']>();

  readonly members: MemberContext;

  constructor(
    readonly host: JsHost,
    budget: JsBudget = { steps: defaultStepBudget, timeMs: defaultTimeBudgetMs },
  ) {
    this.members = { host, invoke: (fn, args, site) => this.callValue(fn, args, site) };
    this.maxSteps = budget.steps;
    this.deadline = Date.now() + budget.timeMs;
  }

  /** Counts one step; the clock is read every 1,024 steps. */
  private step(): void {
    if (++this.steps > this.maxSteps || ((this.steps & 1023) === 0 && Date.now() > this.deadline)) {
      this.budgetSpent = true;
      throw new BudgetExceeded();
    }
  }

  /**
   * Runs code found at `code`; when that is another file's code (an imported module), what
   * it reports and builds points at `site`, the outermost place in the analysed file that
   * led there (a layer built in a helper module shows at the helper's call).
   */
  runAt<T>(code: Node, site: Node, run: () => T): T {
    if (this.host.outerSite !== null || this.homeTree === null || code.tree === this.homeTree) return run();
    this.host.outerSite = site;
    try {
      return run();
    } finally {
      this.host.outerSite = null;
    }
  }

  /** Declares the functions of a block before any statement runs, as JS does. */
  hoistAll(statements: readonly Node[], scope: Scope): void {
    for (const statement of statements) this.hoist(statement, scope);
  }

  /** Runs statements in order; a `return` at top level just stops. */
  execBlock(statements: readonly Node[], scope: Scope): Completion {
    this.hoistAll(statements, scope);
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
    this.step();
    if (this.nesting >= maxSyntaxDepth) {
      this.host.note(node, nestingTooDeepMessage);
      return NORMAL;
    }
    this.nesting++;
    try {
      return execStatement(this, node, scope);
    } finally {
      this.nesting--;
    }
  }

  eval(node: Node, scope: Scope): JsValue {
    this.step();
    if (this.nesting >= maxSyntaxDepth) {
      this.host.note(node, nestingTooDeepMessage);
      return unknown('an expression nested too deep');
    }
    this.nesting++;
    try {
      return this.evalNode(node, scope);
    } finally {
      this.nesting--;
    }
  }

  private evalNode(node: Node, scope: Scope): JsValue {
    if (typeWrappers.has(node.type)) {
      const inner = node.type === 'type_assertion' ? node.namedChildren[node.namedChildren.length - 1] : node.namedChildren[0];
      return inner ? this.eval(inner, scope) : undefined;
    }
    switch (node.type) {
      case 'number':
        return Number(node.text.replace(/_/g, ''));
      case 'string':
        return node.text.slice(1, -1);
      case 'regex':
        return { kind: 'regex', pattern: node.childForFieldName('pattern')?.text ?? '', flags: node.childForFieldName('flags')?.text ?? '' };
      case 'template_string':
        return evalTemplate(this, node, scope);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
      case 'undefined':
        return undefined;
      case 'identifier':
        return this.lookup(node, scope);
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
      case 'call_expression':
        return this.evalCall(node, scope);
      case 'new_expression':
        return evalNew(this, node, scope);
      case 'this':
        return scope.has('this') ? scope.lookup('this') : unknown('this outside a class');
      case 'super':
        return scope.has('super') ? scope.lookup('super') : unknown('super outside a subclass');
      case 'class':
        return { kind: 'class', name: node.childForFieldName('name')?.text ?? '<anonymous>', node, closure: scope };
      case 'arrow_function':
      case 'function_expression':
      case 'function':
        return { kind: 'function', name: '<anonymous>', node, closure: scope };
      case 'object':
        return evalObject(this, node, scope);
      case 'array':
        return evalArray(this, node, scope);
      case 'binary_expression':
        return this.evalBinary(node, scope);
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
        assignTo(this, node.childForFieldName('left')!, value, scope);
        return value;
      }
      case 'augmented_assignment_expression': {
        const left = node.childForFieldName('left')!;
        const operator = (node.childForFieldName('operator')?.text ?? node.children[1]?.text ?? '=').slice(0, -1);
        const value = this.noteTooLarge(node, binaryOperation(operator, this.eval(left, scope), this.eval(node.childForFieldName('right')!, scope)));
        assignTo(this, left, value, scope);
        return value;
      }
      case 'update_expression': {
        const argument = node.childForFieldName('argument')!;
        const old = this.eval(argument, scope);
        const increment = node.text.includes('++') ? 1 : -1;
        const value = binaryOperation('+', old, increment);
        assignTo(this, argument, value, scope);
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

  /** An identifier's value: a variable of the file, a modelled global, or unknown. */
  lookup(node: Node, scope: Scope): JsValue {
    if (scope.has(node.text)) return scope.lookup(node.text);
    if (node.text === 'Math' || node.text === 'Array' || node.text === 'Object' || node.text === 'Number') return { kind: 'ns', path: node.text };
    if (node.text === 'undefined') return undefined;
    if (node.text === 'Infinity') return Infinity;
    return unknown(`${node.text} is not defined in this file`);
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
    const right = this.eval(node.childForFieldName('right')!, scope);
    if (operator === 'instanceof') return instanceOf(left, right);
    return this.noteTooLarge(node, binaryOperation(operator, left, right));
  }

  /** Reports a value that was too large to build, once, at the expression that would have built it. */
  noteTooLarge(node: Node, value: JsValue): JsValue {
    if (isTooLarge(value)) this.host.note(node, value.reason);
    return value;
  }

  private evalCall(node: Node, scope: Scope): JsValue {
    const calleeNode = node.childForFieldName('function')!;
    const args = evalArguments(this, node.childForFieldName('arguments'), scope);
    let self: JsValue | undefined;
    let callee: JsValue;
    if (calleeNode.type === 'member_expression') {
      self = this.eval(calleeNode.childForFieldName('object')!, scope);
      callee = memberOf(self, calleeNode.childForFieldName('property')!.text, calleeNode, this.members);
    } else callee = this.eval(calleeNode, scope);
    return this.noteTooLarge(node, this.callValue(callee, args, node, self));
  }

  /** Calls a function value: user function, builtin or modelled namespace member. */
  callValue(callee: JsValue, args: JsValue[], site: Node, self?: JsValue): JsValue {
    if (typeof callee !== 'object' || callee === null) return unknown(`${site.text.slice(0, 40)} is not a function`);
    if (callee.kind === 'builtin') return callee.call(args, site, self);
    if (callee.kind === 'ns') return this.host.callNamespace(callee.path, args, site);
    if (callee.kind === 'function') return this.runAt(callee.node, site, () => this.callFunction(callee, args));
    if (callee.kind === 'unknown') return unknown(callee.reason);
    return unknown(`${valueKind(callee)} is not callable`);
  }

  callFunction(fn: JsFunction, args: JsValue[]): JsValue {
    if (this.depth >= MAX_DEPTH) return unknown('call depth limit reached');
    this.calledFunctions.add(fn.node.id);
    const scope = new Scope(fn.closure);
    bindParameters(this, fn, args, scope);
    const body = fn.node.childForFieldName('body');
    if (!body) return undefined;
    this.depth++;
    try {
      if (body.type !== 'statement_block') return this.eval(body, scope);
      const completion = this.execBlock(
        body.namedChildren.filter((c): c is Node => c !== null),
        scope,
      );
      return completion.type === 'return' ? completion.value : undefined;
    } finally {
      this.depth--;
    }
  }
}
