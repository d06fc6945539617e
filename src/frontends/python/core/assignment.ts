/**
 * Assignment targets (names, tuple/list patterns with `*rest`, attributes, subscripts), `del`
 * targets, and what a `for` loop or an unpacking iterates over.
 */
import type { AnalysisContext } from './context';
import { setAttribute } from './attributes';
import { evaluate } from './evaluate';
import { sliceIndices } from './operators';
import type { Scope } from './scope';
import type { PyNode } from './syntax';
import { field, fields, textOf } from './syntax';
import type { Value } from './values';
import { intOf, isObject, keyOf, moduleChildren, rangeLength, sequenceOf, unknown } from './values';
import { fitsCollection } from '../../analysisLimits';
import { namedTupleItems } from './recordClasses';
import { tensorItems } from './tensorValues';

/** The values a `for` loop would visit, or undefined when unknown. */
export function iterate(_context: AnalysisContext, value: Value): readonly Value[] | undefined {
  if (typeof value === 'string') return fitsCollection(value.length) ? [...value] : undefined;
  if (!isObject(value)) return undefined;
  switch (value.kind) {
    case 'tuple':
    case 'list':
      return value.items;
    case 'range': {
      const count = rangeLength(value);
      if (!fitsCollection(count)) return undefined;
      const items: number[] = [];
      for (let index = 0; index < count; index++) items.push(value.start + index * value.step);
      return items;
    }
    case 'dict':
      return [...value.entries.values()].map(([key]) => key);
    case 'container':
      return value.container === 'ModuleDict' ? [...value.children.keys()] : [...value.children.values()];
    case 'instance':
      if (value.cls.torchBase === 'ModuleDict') return moduleChildren(value).map(([key]) => key);
      return value.cls.torchBase === 'Sequential' || value.cls.torchBase === 'ModuleList' ? moduleChildren(value).map(([, child]) => child) : namedTupleItems(value);
    case 'tensor':
      return tensorItems(value);
    default:
      return undefined;
  }
}

/** Binds `value` to an assignment target (name, tuple/list pattern, attribute, subscript). */
export function assignTarget(context: AnalysisContext, target: PyNode, value: Value, scope: Scope): void {
  switch (target.type) {
    case 'identifier':
      scope.set(textOf(context.syntax, target), value);
      return;
    case 'tuple_pattern':
    case 'list_pattern':
    case 'pattern_list':
    case 'tuple':
    case 'list':
    case 'expression_list': {
      const targets = target.children;
      const items = iterate(context, value);
      const starred = targets.findIndex((child) => child.type === 'list_splat_pattern' || child.type === 'list_splat');
      if (!items || (starred < 0 && items.length !== targets.length)) {
        for (const child of targets) assignTarget(context, child, unknown(`unpacking ${textOf(context.syntax, target)}`), scope);
        return;
      }
      if (starred < 0) {
        targets.forEach((child, index) => assignTarget(context, child, items[index], scope));
        return;
      }
      const after = targets.length - starred - 1;
      targets.slice(0, starred).forEach((child, index) => assignTarget(context, child, items[index], scope));
      assignTarget(context, targets[starred].children[0], { kind: 'list', items: items.slice(starred, items.length - after) }, scope);
      targets.slice(starred + 1).forEach((child, index) => assignTarget(context, child, items[items.length - after + index], scope));
      return;
    }
    case 'parenthesized_expression':
      assignTarget(context, target.children[0], value, scope);
      return;
    case 'attribute': {
      const object = evaluate(context, field(target, 'object')!, scope);
      setAttribute(context, object, textOf(context.syntax, field(target, 'attribute')!), value);
      return;
    }
    case 'subscript': {
      const container = evaluate(context, field(target, 'value')!, scope);
      const index = evaluate(context, fields(target, 'subscript')[0], scope);
      setItem(container, index, value);
      return;
    }
    default:
      return;
  }
}

function setItem(container: Value, index: Value, value: Value): void {
  if (!isObject(container)) return;
  if (container.kind === 'dict') {
    const key = keyOf(index);
    if (key !== undefined) container.entries.set(key, [index, value]);
  } else if (container.kind === 'list') {
    if (isObject(index) && index.kind === 'slice') {
      const picked = sliceIndices(container.items.length, index.start, index.stop, index.step);
      const items = sequenceOf(value);
      if (picked && items && index.step === null && picked.length > 0) container.items.splice(picked[0], picked.length, ...items);
      return;
    }
    let position = intOf(index);
    if (position === undefined) return;
    if (position < 0) position += container.items.length;
    if (position >= 0 && position < container.items.length) container.items[position] = value;
  } else if (container.kind === 'container') {
    const key = typeof index === 'string' ? index : intOf(index) !== undefined ? [...container.children.keys()][intOf(index)!] : undefined;
    if (key !== undefined) container.children.set(key, value);
  }
}

/** `del name`, `del d[key]`, `del l[i]`, `del obj.attr`. */
export function deleteTarget(context: AnalysisContext, target: PyNode, scope: Scope): void {
  if (target.type === 'identifier') {
    scope.delete(textOf(context.syntax, target));
    return;
  }
  if (target.type === 'tuple' || target.type === 'list' || target.type === 'parenthesized_expression' || target.type === 'expression_list') {
    for (const item of target.children) deleteTarget(context, item, scope);
    return;
  }
  // Anything else (the `del` keyword, commas, a comment, or an error node from broken code) deletes nothing.
  if (target.type !== 'attribute' && target.type !== 'subscript') return;
  const container = evaluate(context, field(target, target.type === 'attribute' ? 'object' : 'value')!, scope);
  if (!isObject(container)) return;
  if (target.type === 'attribute' && (container.kind === 'instance' || container.kind === 'class')) {
    container.attrs.delete(textOf(context.syntax, field(target, 'attribute')!));
    return;
  }
  if (target.type !== 'subscript') return;
  const index = evaluate(context, fields(target, 'subscript')[0], scope);
  if (container.kind === 'dict') {
    const key = keyOf(index);
    if (key !== undefined) container.entries.delete(key);
  } else if (container.kind === 'list' && typeof index === 'number') {
    container.items.splice(index < 0 ? index + container.items.length : index, 1);
  } else if (container.kind === 'container' && typeof index === 'string') {
    container.children.delete(index);
  }
}
