/**
 * Small tensors of known values, used as hyperparameters: `torch.arange(4) * 8`,
 * `[x.item() for x in torch.linspace(0, 0.1, 12)]`, `int(torch.tensor(n))`. The values sit
 * beside the tensor (a tensor's shape and field are what the rest of the interpreter reads),
 * as PyTorch holds them: int64 stays integral, float32 is rounded to float32 at each step.
 */
import { makeTensor } from './tensorOps';
import type { PyTensor, Value } from './values';
import { isObject, isTensor, list, numberOf, pyFloat } from './values';

interface KnownValues {
  readonly values: readonly number[];
  /** float32 (else int64). */
  readonly float: boolean;
}

/** Beyond this many elements a tensor's values are not kept (hyperparameters are small). */
const maxKnownElements = 4096;
const known = new WeakMap<PyTensor, KnownValues>();

/** A tensor of `shape` holding `values` (flat, row-major). */
export function valuedTensor(shape: readonly number[], values: readonly number[], float: boolean): PyTensor {
  const tensor = makeTensor(shape);
  if (values.length <= maxKnownElements) known.set(tensor, { values: float ? values.map(Math.fround) : values, float });
  return tensor;
}

/** `torch.arange(end)`, `(start, end)`, `(start, end, step)`; float when any bound is. */
export function arangeValues(args: readonly Value[]): PyTensor | undefined {
  const numbers = args.map(numberOf);
  if (numbers.length === 0 || numbers.some((value) => value === undefined)) return undefined;
  const [start, stop, step] = numbers.length === 1 ? [0, numbers[0]!, 1] : [numbers[0]!, numbers[1]!, numbers[2] ?? 1];
  if (step === 0) return undefined;
  const count = Math.max(0, Math.ceil((stop - start) / step));
  const float = args.some((arg) => isObject(arg) && arg.kind === 'float');
  return valuedTensor([count], count > maxKnownElements ? [] : Array.from({ length: count }, (_, index) => start + index * step), float);
}

/** `torch.linspace(start, end, steps)` as PyTorch's float32 kernel computes it (symmetric from both ends). */
export function linspaceValues(start: Value, end: Value, steps: Value): PyTensor | undefined {
  const [a, b, n] = [numberOf(start), numberOf(end), numberOf(steps)];
  if (a === undefined || b === undefined || n === undefined || !Number.isInteger(n) || n < 0) return undefined;
  if (n > maxKnownElements) return makeTensor([n]);
  const step = Math.fround(Math.fround(Math.fround(b) - Math.fround(a)) / Math.max(1, n - 1));
  const half = Math.floor(n / 2);
  const values = Array.from({ length: n }, (_, index) =>
    index < half ? Math.fround(Math.fround(a) + Math.fround(step * index)) : Math.fround(Math.fround(b) - Math.fround(step * (n - 1 - index))),
  );
  return valuedTensor([n], n === 1 ? [a] : values, true);
}

/** `torch.tensor(data)` of numbers (nested lists included): its shape, and its values when they are all known. */
export function tensorFromData(data: Value, asFloat: boolean): PyTensor | undefined {
  const shape: number[] = [];
  const flat: number[] = [];
  let float = asFloat;
  const visit = (value: Value, depth: number): boolean => {
    const number = numberOf(value);
    if (number !== undefined) {
      float ||= isObject(value) && value.kind === 'float';
      flat.push(number);
      return depth === shape.length;
    }
    if (!isObject(value) || (value.kind !== 'list' && value.kind !== 'tuple')) return false;
    if (depth === shape.length) shape.push(value.items.length);
    return shape[depth] === value.items.length && value.items.every((item) => visit(item, depth + 1));
  };
  return visit(data, 0) ? valuedTensor(shape, flat, float) : undefined;
}

function scalar(value: number, float: boolean): Value {
  return float ? pyFloat(value) : value;
}

/** `t.item()`, `int(t)`, `float(t)`: the one value of a one-element tensor, else undefined. */
export function tensorScalar(tensor: PyTensor): Value | undefined {
  const entry = known.get(tensor);
  return entry && entry.values.length === 1 ? scalar(entry.values[0], entry.float) : undefined;
}

/** `t.tolist()`: nested lists by the shape, else undefined. */
export function tensorToList(tensor: PyTensor): Value | undefined {
  const entry = known.get(tensor);
  if (!entry || !tensor.shape) return undefined;
  const shape = tensor.shape;
  if (shape.length === 0) return scalar(entry.values[0], entry.float);
  let offset = 0;
  const build = (depth: number): Value =>
    list(Array.from({ length: shape[depth] }, () => (depth === shape.length - 1 ? scalar(entry.values[offset++], entry.float) : build(depth + 1))));
  return build(0);
}

/** The items a loop over a known 1-d tensor visits: 0-d tensors. */
export function tensorItems(tensor: PyTensor): readonly Value[] | undefined {
  const entry = known.get(tensor);
  if (!entry || tensor.shape?.length !== 1) return undefined;
  return entry.values.map((value) => valuedTensor([], [value], entry.float));
}

/** `t[i]` of a known tensor: the i-th row (a 0-d tensor for a 1-d one). */
export function tensorElement(tensor: PyTensor, index: Value): PyTensor | undefined {
  const entry = known.get(tensor);
  const position = typeof index === 'number' ? index : undefined;
  const shape = tensor.shape;
  if (!entry || !shape || shape.length === 0 || position === undefined) return undefined;
  const row = position < 0 ? position + shape[0] : position;
  if (row < 0 || row >= shape[0]) return undefined;
  const size = entry.values.length / shape[0];
  return valuedTensor(shape.slice(1), entry.values.slice(row * size, (row + 1) * size), entry.float);
}

/** The operators known values follow, as a table (Python's `//` floors). */
const arithmetic: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '//': (a, b) => Math.floor(a / b),
  '**': (a, b) => a ** b,
};

/** `a OP b` where a known tensor meets a number or a known tensor of the same shape (or one element); else undefined. */
export function valuedArithmetic(op: string, left: Value, right: Value): PyTensor | undefined {
  // The common case, two tensors of unknown values, leaves at once (this runs for every tensor operator).
  if (!(isTensor(left) && known.has(left)) && !(isTensor(right) && known.has(right))) return undefined;
  const side = (value: Value): KnownValues | undefined => {
    if (isTensor(value)) return known.get(value);
    const number = numberOf(value);
    return number === undefined ? undefined : { values: [number], float: isObject(value) && value.kind === 'float' };
  };
  const [a, b] = [side(left), side(right)];
  const operation = Object.hasOwn(arithmetic, op) ? arithmetic[op] : undefined;
  if (!a || !b || !operation) return undefined;
  const shape = (isTensor(left) && a.values.length >= b.values.length ? left.shape : isTensor(right) ? right.shape : null) ?? null;
  if (!shape || (a.values.length !== b.values.length && a.values.length !== 1 && b.values.length !== 1)) return undefined;
  const length = Math.max(a.values.length, b.values.length);
  const values: number[] = [];
  for (let index = 0; index < length; index++) {
    const value = operation(a.values[a.values.length === 1 ? 0 : index], b.values[b.values.length === 1 ? 0 : index]);
    if (!Number.isFinite(value)) return undefined;
    values.push(value);
  }
  return valuedTensor(shape, values, a.float || b.float || op === '/');
}

/** Round half to even, as torch.round does. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  return diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
}

/** Element-wise functions and casts on known values: name -> (value -> value, result is float?). */
const unaryFunctions: ReadonlyMap<string, { readonly apply: (value: number) => number; readonly float: boolean | null }> = new Map([
  ['round', { apply: roundHalfEven, float: null }],
  ['floor', { apply: Math.floor, float: null }],
  ['ceil', { apply: Math.ceil, float: null }],
  ['abs', { apply: Math.abs, float: null }],
  ['neg', { apply: (value: number) => -value, float: null }],
  ['log', { apply: Math.log, float: true }],
  ['log2', { apply: Math.log2, float: true }],
  ['exp', { apply: Math.exp, float: true }],
  ['sqrt', { apply: Math.sqrt, float: true }],
  ['int', { apply: Math.trunc, float: false }],
  ['long', { apply: Math.trunc, float: false }],
  ['float', { apply: (value: number) => value, float: true }],
  ['double', { apply: (value: number) => value, float: true }],
]);

/** Whether `name` is a function or method known values follow (a cheap test before the lookup). */
export function isValueFunction(name: string): boolean {
  return unaryFunctions.has(name) || name === 'diff' || name === 'sum';
}

/** `torch.round(t)`, `t.int()`, `torch.diff(t)`, `t.sum()` of a known tensor; undefined when its values are not known. */
export function valuedFunction(name: string, tensor: PyTensor): PyTensor | undefined {
  const entry = known.get(tensor);
  if (!entry || !tensor.shape) return undefined;
  const unary = unaryFunctions.get(name);
  if (unary) {
    const float = unary.float ?? entry.float;
    const values = entry.values.map(unary.apply);
    return values.every(Number.isFinite) ? valuedTensor(tensor.shape, values, float) : undefined;
  }
  if (name === 'sum' && tensor.shape.length <= 1) return valuedTensor([], [entry.values.reduce((total, value) => total + value, 0)], entry.float);
  if (name === 'diff' && tensor.shape.length === 1) {
    return valuedTensor(
      [Math.max(0, entry.values.length - 1)],
      entry.values.slice(1).map((value, index) => value - entry.values[index]),
      entry.float,
    );
  }
  return undefined;
}
