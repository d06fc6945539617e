/**
 * Statements of the static JS evaluator: declarations, blocks, if/switch, loops (bounded),
 * try (the try block and `finally` run; `catch` is for run-time failures), classes.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsEvaluator } from './jsEvaluator';
import { Scope } from './jsScope';
import { bindPattern } from './jsPatterns';
import type { JsValue } from './jsValues';
import { truthy, valueKind } from './jsValues';

export type Completion = { type: 'normal' } | { type: 'return'; value: JsValue } | { type: 'break' } | { type: 'continue' };
export const NORMAL: Completion = { type: 'normal' };
const MAX_LOOP = 10_000;

function children(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

/** Executes one statement. */
export function execStatement(ev: JsEvaluator, node: Node, scope: Scope): Completion {
  switch (node.type) {
    case 'expression_statement':
      for (const child of children(node)) ev.eval(child, scope);
      return NORMAL;
    case 'lexical_declaration':
    case 'variable_declaration':
      for (const declarator of children(node)) {
        if (declarator.type !== 'variable_declarator') continue;
        const valueNode = declarator.childForFieldName('value');
        const value = valueNode ? ev.eval(valueNode, scope) : undefined;
        const nameNode = declarator.childForFieldName('name');
        if (nameNode) bindPattern(ev, nameNode, value, scope, true);
      }
      return NORMAL;
    case 'export_statement': {
      const declaration = node.childForFieldName('declaration');
      if (declaration) return ev.exec(declaration, scope);
      const value = node.childForFieldName('value');
      if (value) ev.eval(value, scope);
      return NORMAL;
    }
    case 'class_declaration': {
      const name = node.childForFieldName('name')?.text;
      if (name) scope.declare(name, { kind: 'class', name, node, closure: scope });
      return NORMAL;
    }
    case 'statement_block':
      return ev.execBlock(children(node), new Scope(scope));
    case 'return_statement': {
      const argument = node.namedChildren[0];
      return { type: 'return', value: argument ? ev.eval(argument, scope) : undefined };
    }
    case 'if_statement':
      return execIf(ev, node, scope);
    case 'switch_statement':
      return execSwitch(ev, node, scope);
    case 'for_statement':
      return execFor(ev, node, scope);
    case 'for_in_statement':
      return execForIn(ev, node, scope);
    case 'while_statement':
      return execWhile(ev, node, scope, false);
    case 'do_statement':
      return execWhile(ev, node, scope, true);
    case 'try_statement': {
      const body = node.childForFieldName('body');
      const result = body ? ev.exec(body, scope) : NORMAL;
      const finalizer = node.childForFieldName('finalizer');
      const finalBlock = finalizer?.namedChildren.find((c) => c?.type === 'statement_block');
      if (finalBlock) ev.exec(finalBlock, scope);
      return result;
    }
    case 'labeled_statement': {
      const body = node.childForFieldName('body');
      return body ? ev.exec(body, scope) : NORMAL;
    }
    case 'break_statement':
      return { type: 'break' };
    case 'continue_statement':
      return { type: 'continue' };
    case 'else_clause':
      return ev.execBlock(children(node), scope);
    default:
      return NORMAL; // imports (handled up front), types, interfaces, comments, throw
  }
}

function execIf(ev: JsEvaluator, node: Node, scope: Scope): Completion {
  const conditionNode = node.childForFieldName('condition')!;
  const condition = ev.eval(conditionNode, scope);
  const truth = truthy(condition);
  const consequence = node.childForFieldName('consequence');
  const alternative = node.childForFieldName('alternative');
  if (truth === undefined) {
    // Unknown condition: follow the main branch, which is what most model code means.
    ev.host.note(conditionNode, `condition could not be evaluated (${(condition as { reason: string }).reason}); assuming the if-branch`);
    return consequence ? ev.exec(consequence, scope) : NORMAL;
  }
  if (truth) return consequence ? ev.exec(consequence, scope) : NORMAL;
  return alternative ? ev.exec(alternative, scope) : NORMAL;
}

function execSwitch(ev: JsEvaluator, node: Node, scope: Scope): Completion {
  const value = ev.eval(node.childForFieldName('value')!, scope);
  const cases = children(node.childForFieldName('body')!);
  let start = cases.findIndex((c) => c.type === 'switch_case' && ev.eval(c.childForFieldName('value')!, scope) === value);
  if (start < 0) start = cases.findIndex((c) => c.type === 'switch_default');
  if (start < 0) return NORMAL;
  const switchScope = new Scope(scope);
  for (const clause of cases.slice(start)) {
    const body = children(clause).filter((c) => c !== clause.childForFieldName('value'));
    const completion = ev.execBlock(body, switchScope);
    if (completion.type === 'break') return NORMAL;
    if (completion.type !== 'normal') return completion;
  }
  return NORMAL;
}

function loopBody(ev: JsEvaluator, body: Node | null, scope: Scope): Completion | 'break' {
  if (!body) return NORMAL;
  const completion = ev.exec(body, new Scope(scope));
  if (completion.type === 'break') return 'break';
  if (completion.type === 'return') return completion;
  return NORMAL;
}

function execFor(ev: JsEvaluator, node: Node, scope: Scope): Completion {
  const loopScope = new Scope(scope);
  const initializer = node.childForFieldName('initializer');
  if (initializer) {
    if (initializer.type.endsWith('declaration')) ev.exec(initializer, loopScope);
    else ev.eval(initializer, loopScope);
  }
  for (let i = 0; i < MAX_LOOP; i++) {
    const conditionNode = node.childForFieldName('condition');
    if (conditionNode && conditionNode.type !== 'empty_statement') {
      const condition = ev.eval(conditionNode.type === 'expression_statement' ? conditionNode.namedChildren[0]! : conditionNode, loopScope);
      const truth = truthy(condition);
      if (truth === undefined) {
        ev.host.note(conditionNode, 'loop condition could not be evaluated; the loop is skipped');
        return NORMAL;
      }
      if (!truth) return NORMAL;
    }
    const result = loopBody(ev, node.childForFieldName('body'), loopScope);
    if (result === 'break') return NORMAL;
    if (result.type === 'return') return result;
    const increment = node.childForFieldName('increment');
    if (increment) ev.eval(increment, loopScope);
  }
  ev.host.note(node, `loop stopped after ${MAX_LOOP} iterations`);
  return NORMAL;
}

function execForIn(ev: JsEvaluator, node: Node, scope: Scope): Completion {
  const rightNode = node.childForFieldName('right')!;
  const right = ev.eval(rightNode, scope);
  const isOf = node.children.some((c) => c?.type === 'of');
  let items: JsValue[];
  if (typeof right === 'object' && right !== null && right.kind === 'array') items = isOf ? right.items : right.items.map((_v, i) => String(i));
  else if (typeof right === 'object' && right !== null && right.kind === 'object' && !isOf) items = [...right.props.keys()];
  else if (typeof right === 'string' && isOf) items = [...right];
  else {
    ev.host.note(rightNode, `cannot iterate over ${valueKind(right)}; the loop is skipped`);
    return NORMAL;
  }
  const left = node.childForFieldName('left')!;
  for (const item of items) {
    const loopScope = new Scope(scope);
    bindPattern(ev, left, item, loopScope, true);
    const result = loopBody(ev, node.childForFieldName('body'), loopScope);
    if (result === 'break') return NORMAL;
    if (result.type === 'return') return result;
  }
  return NORMAL;
}

function execWhile(ev: JsEvaluator, node: Node, scope: Scope, bodyFirst: boolean): Completion {
  for (let i = 0; i < MAX_LOOP; i++) {
    if (!bodyFirst || i > 0) {
      const truth = truthy(ev.eval(node.childForFieldName('condition')!, scope));
      if (truth !== true) return NORMAL;
    }
    const result = loopBody(ev, node.childForFieldName('body'), scope);
    if (result === 'break') return NORMAL;
    if (result.type === 'return') return result;
  }
  ev.host.note(node, `loop stopped after ${MAX_LOOP} iterations`);
  return NORMAL;
}
