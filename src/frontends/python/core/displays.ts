/**
 * Displays and comprehensions: tuple, list and dict displays with their `*` / `**`
 * unpacking, and list, dict and set comprehensions and generator expressions, run clause
 * by clause in a child scope.
 */
import type { AnalysisContext } from './context';
import { evaluate } from './evaluate';
import { assignTarget, iterate } from './assignment';
import type { Scope } from './scope';
import type { PyNode } from './syntax';
import { field, textOf } from './syntax';
import type { PyDict, Value } from './values';
import { isObject, keyOf, list, truthy, tuple, unknown } from './values';
import { boundedItems, noteTooLarge, tooManyItems } from './sizeLimits';
import { appendAll } from '../../analysisLimits';
import { maxCollectionItems } from '../../analysisLimits';

/** Evaluates a list of element nodes, expanding `*splat`. */
export function evaluateElements(context: AnalysisContext, nodes: readonly PyNode[], scope: Scope): Value[] | PyDict | Value {
  const values: Value[] = [];
  for (const node of nodes) {
    if (node.type === 'list_splat' || node.type === 'list_splat_pattern') {
      const inner = evaluate(context, node.children[0], scope);
      const items = iterate(context, inner);
      if (!items) return unknown(`unpacking ${textOf(context.syntax, node)}`);
      const tooMany = boundedItems(values.length + items.length, 'a display');
      if (tooMany) return noteTooLarge(context, node, tooMany);
      appendAll(values, items);
    } else {
      values.push(evaluate(context, node, scope));
    }
  }
  return values;
}

/** A tuple or list display (`make` builds it), or what stopped its elements (a failed `*splat`). */
export function elements(context: AnalysisContext, nodes: readonly PyNode[], scope: Scope, make: (items: Value[]) => Value): Value {
  const result = evaluateElements(context, nodes, scope);
  return Array.isArray(result) ? make(result) : (result as Value);
}

/** A dict display, with `**splat` entries. */
export function dictionary(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  const dict: PyDict = { kind: 'dict', entries: new Map() };
  for (const child of node.children) {
    if (child.type === 'pair') {
      const key = evaluate(context, field(child, 'key')!, scope);
      const value = evaluate(context, field(child, 'value')!, scope);
      const hash = keyOf(key);
      if (hash === undefined) return unknown(`a dict key ${textOf(context.syntax, child)}`);
      dict.entries.set(hash, [key, value]);
    } else if (child.type === 'dictionary_splat') {
      const other = evaluate(context, child.children[0], scope);
      if (!isObject(other) || other.kind !== 'dict') return unknown(`unpacking ${textOf(context.syntax, child)}`);
      const tooMany = boundedItems(dict.entries.size + other.entries.size, 'a dict');
      if (tooMany) return noteTooLarge(context, child, tooMany);
      for (const [hash, entry] of other.entries) dict.entries.set(hash, entry);
    }
  }
  return dict;
}

/** List/tuple/dict comprehensions and generator expressions (generators become tuples). */
export function comprehension(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  const body = field(node, 'body') ?? node.children[0];
  const clauses = node.children.filter((child) => child.type === 'for_in_clause' || child.type === 'if_clause');
  const results: Value[] = [];
  const dict: PyDict = { kind: 'dict', entries: new Map() };
  const inner = scope.child();
  let failed: Value | undefined;
  const run = (index: number): void => {
    if (failed !== undefined) return;
    if (index === clauses.length) {
      if (node.type === 'dictionary_comprehension') {
        const key = evaluate(context, field(body, 'key')!, inner);
        const hash = keyOf(key);
        if (hash === undefined) {
          failed = unknown('a dict comprehension key');
          return;
        }
        dict.entries.set(hash, [key, evaluate(context, field(body, 'value')!, inner)]);
      } else {
        results.push(evaluate(context, body, inner));
      }
      // Each item costs a step, but a step budget raised by a setting must not build more than the limit.
      if (results.length + dict.entries.size > maxCollectionItems) failed = noteTooLarge(context, node, tooManyItems('a comprehension', results.length + dict.entries.size));
      return;
    }
    const clause = clauses[index];
    if (clause.type === 'if_clause') {
      const condition = truthy(evaluate(context, clause.children[0], inner));
      if (condition === undefined) {
        failed = unknown(`the condition in ${textOf(context.syntax, node)}`);
        return;
      }
      if (condition) run(index + 1);
      return;
    }
    const source = evaluate(context, field(clause, 'right') ?? clause.children[clause.children.length - 1], inner);
    const items = iterate(context, source);
    if (!items) {
      failed = unknown(`iterating ${textOf(context.syntax, clause)}`);
      return;
    }
    for (const item of items) {
      context.step();
      assignTarget(context, field(clause, 'left') ?? clause.children[0], item, inner);
      run(index + 1);
    }
  };
  run(0);
  if (failed !== undefined) return failed;
  if (node.type === 'dictionary_comprehension') return dict;
  return node.type === 'list_comprehension' ? list(results) : tuple(results);
}
