/**
 * Python's arithmetic, comparisons and subscripts on interpreter values, with Python's
 * rules where they differ from JS (floor division and modulo round towards -inf, `/`
 * always gives a float, `**` of ints stays an int). Tensors broadcast.
 */
import { bitwiseOperation, compareOrdered } from '../../numberOperators';
import { boundedItems, boundedString } from './sizeLimits';
import { appendAll } from '../../analysisLimits';
import type { OpSite } from './tensorOps';
import { broadcastTensors, indexTensor } from './tensorOps';
import { tensorElement, valuedArithmetic } from './tensorValues';
import { namedTupleItems } from './recordClasses';
import type { TrueDivision, Value } from './values';
import { intOf, isObject, isTensor, isUnknown, keyOf, list, moduleChildren, numberOf, pyFloat, rangeLength, sequenceOf, tuple, unknown } from './values';

function isFloat(value: Value): boolean {
  return isObject(value) && value.kind === 'float';
}

/** A float operand's true division, so that what is computed from it still names where the float came from. */
function divisionOf(left: Value, right: Value): TrueDivision | undefined {
  return (isObject(left) && left.kind === 'float' ? left.division : undefined) ?? (isObject(right) && right.kind === 'float' ? right.division : undefined);
}

function numeric(value: number, float: boolean, left: Value, right: Value): Value {
  if (!float) return value;
  const division = divisionOf(left, right);
  return division ? { kind: 'float', value, division } : pyFloat(value);
}

/** `a / b`: always a float; of two ints, one that remembers the division (`out_planes/4` as a channel count is a classic bug). */
function trueDivision(a: number, b: number, left: Value, right: Value, site: OpSite): Value {
  const division = isFloat(left) || isFloat(right) ? divisionOf(left, right) : site.division?.();
  return division ? { kind: 'float', value: a / b, division } : pyFloat(a / b);
}

/** `left OP right` for the binary operators; `site` is the expression, for messages. */
export function binaryOp(op: string, left: Value, right: Value, site: OpSite): Value {
  const describe = (): string => site.text();
  if (isUnknown(left)) return left;
  if (isUnknown(right)) return right;
  if (isTensor(left) || isTensor(right)) return valuedArithmetic(op, left, right) ?? broadcastTensors(op, left, right, site);
  const a = numberOf(left);
  const b = numberOf(right);
  if (a !== undefined && b !== undefined) {
    const float = isFloat(left) || isFloat(right);
    switch (op) {
      case '+':
        return numeric(a + b, float, left, right);
      case '-':
        return numeric(a - b, float, left, right);
      case '*':
        return numeric(a * b, float, left, right);
      case '/':
        return b === 0 ? unknown(`division by zero in ${describe()}`) : trueDivision(a, b, left, right, site);
      case '//':
        return b === 0 ? unknown(`division by zero in ${describe()}`) : numeric(Math.floor(a / b), float, left, right);
      case '%':
        return b === 0 ? unknown(`modulo by zero in ${describe()}`) : numeric(a - b * Math.floor(a / b), float, left, right);
      case '**':
        return numeric(a ** b, float || b < 0, left, right);
      default:
        return bitwiseOperation(op, a, b) ?? unknown(`the operator ${op}`);
    }
  }
  if (typeof left === 'string' && typeof right === 'string' && op === '+') return boundedString(left.length + right.length) ?? left + right;
  if (typeof left === 'string' && op === '%') return percentFormat(left, right) ?? unknown('%-formatting of a string');
  const leftItems = sequenceOf(left);
  const rightItems = sequenceOf(right);
  if (op === '+' && leftItems && rightItems && isObject(left) && isObject(right) && left.kind === right.kind) {
    const tooMany = boundedItems(leftItems.length + rightItems.length, `a ${left.kind}`);
    if (tooMany) return tooMany;
    return left.kind === 'list' ? list([...leftItems, ...rightItems]) : tuple([...leftItems, ...rightItems]);
  }
  if (op === '*') {
    const count = intOf(right) ?? intOf(left);
    const items = leftItems ?? rightItems;
    const text = typeof left === 'string' ? left : typeof right === 'string' ? right : undefined;
    // Sized before anything is allocated: `[0] * 10**9` must not build a billion items.
    if (count !== undefined && text !== undefined) return boundedString(text.length * Math.max(0, count)) ?? text.repeat(Math.max(0, count));
    if (count !== undefined && items) {
      const tooMany = boundedItems(items.length * Math.max(0, count), 'a repeated sequence');
      if (tooMany) return tooMany;
      const repeated: Value[] = [];
      for (let index = 0; index < count; index++) appendAll(repeated, items);
      const container = leftItems ? left : right;
      return isObject(container) && container.kind === 'list' ? list(repeated) : tuple(repeated);
    }
  }
  return unknown(`${describe()}`);
}

/** `'layer%d' % i`, `'%s_%d' % (a, b)`: the common conversions; undefined for anything else. */
function percentFormat(template: string, values: Value): string | undefined {
  const items = isObject(values) && values.kind === 'tuple' ? values.items : [values];
  let next = 0;
  let failed = false;
  const text = template.replace(/%([-+ 0#]*\d*(?:\.\d+)?)([disrf%])/g, (_, flags: string, conversion: string) => {
    if (conversion === '%') return '%';
    const value = items[next++];
    if (value === undefined) {
      failed = true;
      return '';
    }
    const number = numberOf(value);
    if (conversion === 'd' || conversion === 'i') {
      if (number === undefined) {
        failed = true;
        return '';
      }
      return String(Math.trunc(number));
    }
    if (conversion === 'f') {
      const digits = /\.(\d+)/.exec(flags);
      if (number === undefined) {
        failed = true;
        return '';
      }
      return number.toFixed(digits ? Number(digits[1]) : 6);
    }
    if (typeof value === 'string') return conversion === 'r' ? `'${value}'` : value;
    if (number !== undefined) return isObject(value) && value.kind === 'float' && Number.isInteger(number) ? `${number}.0` : String(number);
    if (value === null) return 'None';
    failed = true;
    return '';
  });
  return failed || next !== items.length ? undefined : text;
}

/** Python equality for the values the interpreter knows; undefined when it cannot tell. */
export function equals(left: Value, right: Value): boolean | undefined {
  if (isUnknown(left) || isUnknown(right) || isTensor(left) || isTensor(right)) return undefined;
  if (left === null || right === null) return left === right;
  if (isObject(left) && isObject(right) && left.kind === 'ns' && right.kind === 'ns') return left.path === right.path;
  const a = numberOf(left);
  const b = numberOf(right);
  if (a !== undefined && b !== undefined) return a === b;
  if (typeof left === 'string' || typeof right === 'string') return left === right;
  const leftItems = sequenceOf(left);
  const rightItems = sequenceOf(right);
  if (leftItems && rightItems) {
    if (leftItems.length !== rightItems.length) return false;
    for (let index = 0; index < leftItems.length; index++) {
      const same = equals(leftItems[index], rightItems[index]);
      if (same !== true) return same;
    }
    return true;
  }
  return left === right;
}

/** One comparison `left OP right`: true, false or undefined (unknown). */
export function compare(op: string, left: Value, right: Value): boolean | undefined {
  switch (op) {
    case 'is':
      if (isUnknown(left) || isUnknown(right)) return undefined;
      if (isObject(left) && isObject(right) && left.kind === 'ns' && right.kind === 'ns') return left.path === right.path;
      return left === right;
    case 'is not': {
      const same = compare('is', left, right);
      return same === undefined ? undefined : !same;
    }
    case '==':
      return equals(left, right);
    case '!=': {
      const same = equals(left, right);
      return same === undefined ? undefined : !same;
    }
    case 'in':
      return contains(right, left);
    case 'not in': {
      const found = contains(right, left);
      return found === undefined ? undefined : !found;
    }
    default:
      break;
  }
  const a = numberOf(left);
  const b = numberOf(right);
  if (a !== undefined && b !== undefined) return compareOrdered(op, a, b);
  if (typeof left === 'string' && typeof right === 'string') return compareOrdered(op, left, right);
  return undefined;
}

function contains(container: Value, item: Value): boolean | undefined {
  if (typeof container === 'string' && typeof item === 'string') return container.includes(item);
  if (!isObject(container)) return undefined;
  if (container.kind === 'dict') {
    const key = keyOf(item);
    return key === undefined ? undefined : container.entries.has(key);
  }
  if (container.kind === 'container') return typeof item === 'string' ? container.children.has(item) : undefined;
  if (container.kind === 'range') {
    const value = intOf(item);
    if (value === undefined) return undefined;
    const offset = value - container.start;
    return offset % container.step === 0 && offset / container.step >= 0 && offset / container.step < rangeLength(container);
  }
  const items = sequenceOf(container);
  if (!items) return undefined;
  let unsure = false;
  for (const candidate of items) {
    const same = equals(candidate, item);
    if (same === true) return true;
    if (same === undefined) unsure = true;
  }
  return unsure ? undefined : false;
}

/** Python's slice of a sequence of length `length`: the selected indices. */
export function sliceIndices(length: number, start: Value, stop: Value, step: Value): number[] | undefined {
  const stepValue = step === null ? 1 : intOf(step);
  if (stepValue === undefined || stepValue === 0) return undefined;
  const clamp = (value: Value, fallback: number): number | undefined => {
    if (value === null) return fallback;
    let index = intOf(value);
    if (index === undefined) return undefined;
    if (index < 0) index += length;
    return stepValue > 0 ? Math.min(Math.max(index, 0), length) : Math.min(Math.max(index, -1), length - 1);
  };
  const from = clamp(start, stepValue > 0 ? 0 : length - 1);
  const to = clamp(stop, stepValue > 0 ? length : -1);
  if (from === undefined || to === undefined) return undefined;
  const indices: number[] = [];
  for (let index = from; stepValue > 0 ? index < to : index > to; index += stepValue) indices.push(index);
  return indices;
}

/** Ids for Sequentials made by slicing, apart from the analysis' own counter. */
let slicedModuleIds = 1_000_000_000;

/** `container[index]` for sequences, strings, dicts, ranges, tensors and containers of modules. */
export function subscriptValue(container: Value, index: Value, describe: () => string): Value {
  if (isUnknown(container)) return container;
  if (isTensor(container)) return tensorElement(container, index) ?? indexTensor(container, index);
  if (isUnknown(index)) return index;
  if (isObject(container) && container.kind === 'dict') {
    const key = keyOf(index);
    const entry = key === undefined ? undefined : container.entries.get(key);
    return entry ? entry[1] : unknown(`the key ${describe()}`);
  }
  let items: readonly Value[] | undefined = sequenceOf(container) ?? namedTupleItems(container);
  if (!items && typeof container === 'string') items = [...container];
  if (!items && isObject(container) && container.kind === 'range') {
    const range = container;
    const length = rangeLength(range);
    // `range(10**9)[5]` is computed, not listed.
    const position = intOf(index);
    if (position !== undefined) {
      const at = position < 0 ? position + length : position;
      return at >= 0 && at < length ? range.start + at * range.step : unknown(describe());
    }
    const tooMany = boundedItems(length, 'a range');
    if (tooMany) return tooMany;
    items = Array.from({ length }, (_, offset) => range.start + offset * range.step);
  }
  if (!items && isObject(container) && (container.kind === 'container' || (container.kind === 'instance' && container.moduleId !== null))) {
    if (container.kind === 'container' ? container.container === 'ModuleDict' : container.cls.torchBase === 'ModuleDict') {
      const children = container.kind === 'container' ? container.children : container.attrs;
      return typeof index === 'string' && children.has(index) ? (children.get(index) ?? null) : unknown(`the key ${describe()}`);
    }
    const children = moduleChildren(container);
    if (isObject(index) && index.kind === 'slice') {
      // nn.Sequential[a:b] is an nn.Sequential of the same modules, keys kept.
      const picked = sliceIndices(children.length, index.start, index.stop, index.step);
      if (!picked) return unknown(describe());
      const site = container.kind === 'container' ? container.site : container.cls.node;
      return { kind: 'container', moduleId: slicedModuleIds++, container: 'Sequential', children: new Map(picked.map((position) => children[position])), site };
    }
    items = children.map(([, child]) => child);
  }
  if (!items) return unknown(describe());
  if (isObject(index) && index.kind === 'slice') {
    const picked = sliceIndices(items.length, index.start, index.stop, index.step);
    if (!picked) return unknown(describe());
    const values = picked.map((position) => (items as readonly Value[])[position]);
    if (typeof container === 'string') return values.join('');
    if (isObject(container) && container.kind === 'list') return list(values);
    return tuple(values);
  }
  let position = intOf(index);
  if (position === undefined || !Number.isInteger(position)) return unknown(describe());
  if (position < 0) position += items.length;
  if (position < 0 || position >= items.length) return unknown(`index out of range in ${describe()}`);
  return items[position];
}
