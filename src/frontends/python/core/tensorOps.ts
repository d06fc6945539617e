/**
 * Tensors as shapes: creation, broadcasting, indexing and the shape methods of
 * `torch.Tensor` (`view`, `reshape`, `flatten`, `permute`, `size()`, `chunk`, ...).
 * Run-time errors use PyTorch's own words; they are reported only when every shape
 * involved is known, so an unknown never turns into a false error.
 */
import type { AxisCoverage } from '../../../engine/gridding';
import { mergeCoverage } from '../../../engine/gridding';
import { mergeReceptiveFields } from '../../../engine/receptiveField';
import type { PyTensor, TrueDivision, Value } from './values';
import { intOf, isObject, isTensor, sequenceOf, tuple, unknown } from './values';

/** Where an operation happens, so that an error lands on the right expression. */
export interface OpSite {
  /** The expression's source text, for `unknown` reasons. */
  text(): string;
  /** Reports a PyTorch run-time error here and returns an unknown tensor. */
  error(message: string, from?: readonly PyTensor[]): PyTensor;
  /** This expression as the true division a float came from, when it is one written in the source. */
  division?(): TrueDivision;
}

/** A tensor of `shape` carrying the receptive field of its sources (the widest path wins). */
export function makeTensor(shape: readonly number[] | null, sources: readonly PyTensor[] = []): PyTensor {
  if (sources.length === 0) return { kind: 'tensor', shape, rf: null, coverage: null, dilations: [] };
  // A field is per spatial axis of an [N, C, *spatial] map; reshaping to another rank ends it.
  const spatial = (source: PyTensor): boolean => !shape || !source.rf || source.rf.size.length + 2 === shape.length;
  if (sources.length === 1) {
    return spatial(sources[0]) ? { ...sources[0], shape } : { kind: 'tensor', shape, rf: null, coverage: null, dilations: [] };
  }
  if (!sources.every(spatial)) return { kind: 'tensor', shape, rf: null, coverage: null, dilations: [] };
  const withField = sources.filter((source) => source.rf);
  const sameRank = withField.length > 0 && withField.every((source) => source.rf?.size.length === withField[0].rf?.size.length);
  const rf = sameRank ? mergeReceptiveFields(withField.map((source) => source.rf!)) : (withField[0]?.rf ?? null);
  let widest = sources[0];
  for (const source of sources) {
    if ((source.rf?.size[0] ?? 0) > (widest.rf?.size[0] ?? 0)) widest = source;
  }
  const coverages = sources.map((source) => source.coverage).filter((coverage): coverage is readonly AxisCoverage[] => coverage !== null);
  const coverage = coverages.length > 1 && coverages.every((item) => item.length === coverages[0].length) ? mergeCoverage(coverages) : widest.coverage;
  return { kind: 'tensor', shape, rf, coverage, dilations: widest.dilations };
}

/** An int list from varargs `f(1, 3, 224, 224)` or one sequence argument `f((1, 3, 224, 224))`. */
export function sizeArguments(args: readonly Value[]): number[] | null {
  const items = args.length === 1 && sequenceOf(args[0]) ? sequenceOf(args[0])! : args;
  const sizes: number[] = [];
  for (const item of items) {
    const size = intOf(item);
    if (size === undefined) return null;
    sizes.push(size);
  }
  return sizes;
}

function normalizeDim(dim: number, rank: number): number | undefined {
  const axis = dim < 0 ? dim + rank : dim;
  return axis >= 0 && axis < rank ? axis : undefined;
}

/** `a OP b` where at least one side is a tensor: broadcasting as PyTorch does. */
export function broadcastTensors(op: string, left: Value, right: Value, site: OpSite): Value {
  const tensors = [left, right].filter(isTensor);
  if (!['+', '-', '*', '/', '//', '%', '**', '@'].includes(op)) return makeTensor(null, tensors);
  const shapes: (readonly number[] | null)[] = [left, right].map((value) => (isTensor(value) ? value.shape : []));
  if (shapes.some((shape) => shape === null)) return makeTensor(null, tensors);
  const [a, b] = shapes as (readonly number[])[];
  if (op === '@') return matmulShape(a, b, site, tensors);
  const rank = Math.max(a.length, b.length);
  const result: number[] = [];
  for (let index = 1; index <= rank; index++) {
    const sizeA = a[a.length - index] ?? 1;
    const sizeB = b[b.length - index] ?? 1;
    // NaN: a dimension Keras leaves open (None), which matches any size until run time.
    const open = Number.isNaN(sizeA) || Number.isNaN(sizeB);
    if (!open && sizeA !== sizeB && sizeA !== 1 && sizeB !== 1) {
      return site.error(`The size of tensor a (${sizeA}) must match the size of tensor b (${sizeB}) at non-singleton dimension ${rank - index}`, tensors);
    }
    result.unshift(sizeA === 1 ? sizeB : sizeB === 1 ? sizeA : open ? Number.NaN : sizeA);
  }
  return makeTensor(result, tensors);
}

function matmulShape(a: readonly number[], b: readonly number[], site: OpSite, tensors: PyTensor[]): PyTensor {
  if (a.length < 1 || b.length < 1) return makeTensor(null, tensors);
  const inner = b.length === 1 ? b[0] : b[b.length - 2];
  if (a[a.length - 1] !== inner && !Number.isNaN(a[a.length - 1]) && !Number.isNaN(inner)) {
    const rows = a.length === 1 ? 1 : a.slice(0, -1).reduce((x, y) => x * y, 1);
    return site.error(`mat1 and mat2 shapes cannot be multiplied (${rows}x${a[a.length - 1]} and ${inner}x${b[b.length - 1]})`, tensors);
  }
  const shape = [...a.slice(0, -1), ...(b.length === 1 ? [] : [b[b.length - 1]])];
  return makeTensor(shape, tensors);
}

/** `t[index]` with ints, slices, None and Ellipsis. */
export function indexTensor(source: PyTensor, index: Value): Value {
  if (!source.shape) return makeTensor(null, [source]);
  const parts = isObject(index) && index.kind === 'tuple' ? index.items : [index];
  const shape: number[] = [];
  let axis = 0;
  const explicit = parts.filter((part) => !(isObject(part) && part.kind === 'ns' && part.path === 'Ellipsis') && part !== null).length;
  for (const part of parts) {
    if (part === null) {
      shape.push(1);
      continue;
    }
    if (isObject(part) && part.kind === 'ns' && part.path === 'Ellipsis') {
      const skipped = source.shape.length - explicit;
      for (let count = 0; count < skipped; count++) shape.push(source.shape[axis++]);
      continue;
    }
    const size = source.shape[axis];
    if (size === undefined) return makeTensor(null, [source]);
    if (intOf(part) !== undefined) {
      axis++;
      continue;
    }
    // An array of indices (numpy's `data[index_array]`): that axis takes the array's length.
    if (isTensor(part) && part.shape?.length === 1) {
      shape.push(part.shape[0]);
      axis++;
      continue;
    }
    if (isObject(part) && part.kind === 'slice') {
      const start = part.start === null ? 0 : intOf(part.start);
      const stop = part.stop === null ? size : intOf(part.stop);
      const step = part.step === null ? 1 : intOf(part.step);
      if (start === undefined || stop === undefined || step === undefined || step <= 0) return makeTensor(null, [source]);
      const from = Math.min(Math.max(start < 0 ? start + size : start, 0), size);
      const to = Math.min(Math.max(stop < 0 ? stop + size : stop, 0), size);
      shape.push(Math.max(0, Math.ceil((to - from) / step)));
      axis++;
      continue;
    }
    return makeTensor(null, [source]);
  }
  shape.push(...source.shape.slice(axis));
  return makeTensor(shape, [source]);
}

/** The shape of `view`/`reshape` with one `-1` inferred; PyTorch's error when it does not fit. */
export function viewShape(source: PyTensor, requested: number[] | null, site: OpSite): PyTensor {
  if (!source.shape || !requested) return makeTensor(null, [source]);
  const total = source.shape.reduce((x, y) => x * y, 1);
  const known = requested.filter((size) => size !== -1).reduce((x, y) => x * y, 1);
  const inferred = requested.filter((size) => size === -1).length;
  const invalid = (): PyTensor => site.error(`shape '[${requested.join(', ')}]' is invalid for input of size ${total}`, [source]);
  if (inferred > 1) return site.error('only one dimension can be inferred', [source]);
  if (inferred === 1) {
    if (known === 0 || total % known !== 0) return invalid();
    return makeTensor(
      requested.map((size) => (size === -1 ? total / known : size)),
      [source],
    );
  }
  return known === total ? makeTensor(requested, [source]) : invalid();
}

/** `torch.flatten(t, start_dim, end_dim)` / `t.flatten(...)`. */
export function flattenShape(source: PyTensor, startDim: number, endDim: number): PyTensor {
  if (!source.shape) return makeTensor(null, [source]);
  const rank = source.shape.length;
  if (rank === 0) return makeTensor([1], [source]);
  const start = normalizeDim(startDim, rank);
  const end = normalizeDim(endDim, rank);
  if (start === undefined || end === undefined || start > end) return makeTensor(null, [source]);
  const merged = source.shape.slice(start, end + 1).reduce((x, y) => x * y, 1);
  return makeTensor([...source.shape.slice(0, start), merged, ...source.shape.slice(end + 1)], [source]);
}

/** `torch.cat` / `torch.stack` over a sequence of tensors. */
export function concatenate(value: Value, dimValue: Value, stack: boolean, site: OpSite): Value {
  const items = sequenceOf(value);
  if (!items || items.length === 0 || !items.every(isTensor)) return makeTensor(null, items?.filter(isTensor) ?? []);
  const tensors = items as PyTensor[];
  const dim = intOf(dimValue);
  if (dim === undefined || tensors.some((item) => !item.shape)) return makeTensor(null, tensors);
  const first = tensors[0].shape!;
  const rank = first.length + (stack ? 1 : 0);
  const axis = normalizeDim(dim, rank);
  if (axis === undefined) return makeTensor(null, tensors);
  for (let number = 1; number < tensors.length; number++) {
    const shape = tensors[number].shape!;
    if (shape.length !== first.length) {
      return site.error(`Tensors must have same number of dimensions: got ${first.length} and ${shape.length}`, tensors);
    }
    for (let index = 0; index < first.length; index++) {
      if (stack && shape[index] !== first[index]) {
        return site.error(`stack expects each tensor to be equal size, but got [${first.join(', ')}] at entry 0 and [${shape.join(', ')}] at entry ${number}`, tensors);
      }
      if (!stack && index !== axis && shape[index] !== first[index]) {
        return site.error(
          `Sizes of tensors must match except in dimension ${axis}. Expected size ${first[index]} but got size ${shape[index]} for tensor number ${number} in the list.`,
          tensors,
        );
      }
    }
  }
  const shape = [...first];
  if (stack) shape.splice(axis, 0, tensors.length);
  else shape[axis] = tensors.reduce((sum, item) => sum + item.shape![axis], 0);
  return makeTensor(shape, tensors);
}

/** Reductions called as `(dim, keepdim)` after the tensor, as methods (`t.mean(1)`) and as torch functions (`torch.sum(t, 1)`). */
export const dimReductions: ReadonlySet<string> = new Set(['mean', 'sum', 'amax', 'amin', 'prod', 'std', 'var', 'logsumexp']);

/** A reduction of `source` whose `dim` is `args[dimIndex]` (or `dim=`) and whose `keepdim` comes right after it (or `keepdim=`). */
export function reduceCall(source: PyTensor, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, dimIndex: number): PyTensor {
  return reduceShape(source, args[dimIndex] ?? kwargs.get('dim') ?? null, kwargs.get('keepdim') === true || args[dimIndex + 1] === true);
}

/** `t.mean(dim, keepdim)`, `t.sum(...)`, `t.amax(...)`: reduce over dims, or everything. */
export function reduceShape(source: PyTensor, dimValue: Value, keepDim: boolean): PyTensor {
  if (!source.shape) return makeTensor(null, [source]);
  if (dimValue === null) return makeTensor(keepDim ? source.shape.map(() => 1) : [], [source]);
  const dims = sequenceOf(dimValue) ?? [dimValue];
  const axes = new Set<number>();
  for (const dim of dims) {
    const axis = intOf(dim) === undefined ? undefined : normalizeDim(intOf(dim)!, source.shape.length);
    if (axis === undefined) return makeTensor(null, [source]);
    axes.add(axis);
  }
  const shape: number[] = [];
  source.shape.forEach((size, index) => {
    if (!axes.has(index)) shape.push(size);
    else if (keepDim) shape.push(1);
  });
  return makeTensor(shape, [source]);
}

/** `t.chunk(n, dim)` / `t.split(size_or_sizes, dim)`: a tuple of tensors. */
export function splitTensor(source: PyTensor, how: 'chunk' | 'split', amount: Value, dimValue: Value): Value {
  const dim = intOf(dimValue);
  if (!source.shape || dim === undefined) return unknown(`${how} of a tensor of unknown shape`);
  const axis = normalizeDim(dim, source.shape.length);
  if (axis === undefined) return unknown(`${how} along dimension ${dim}`);
  const size = source.shape[axis];
  let sizes: number[];
  const explicit = sequenceOf(amount);
  if (explicit) {
    sizes = explicit.map((item) => intOf(item) ?? -1);
    if (sizes.includes(-1)) return unknown(`${how} with unknown sizes`);
  } else {
    const count = intOf(amount);
    if (count === undefined || count <= 0) return unknown(`${how} with an unknown size`);
    const piece = how === 'chunk' ? Math.ceil(size / count) : count;
    sizes = [];
    for (let left = size; left > 0; left -= piece) sizes.push(Math.min(piece, left));
  }
  return tuple(
    sizes.map((part) =>
      makeTensor(
        source.shape!.map((old, index) => (index === axis ? part : old)),
        [source],
      ),
    ),
  );
}

/** `t.permute(...)`, `t.transpose(a, b)`, `t.unsqueeze(d)`, `t.squeeze(d?)`. */
export function rearrange(source: PyTensor, how: string, args: readonly Value[]): PyTensor {
  const shape = source.shape;
  if (!shape) return makeTensor(null, [source]);
  const ints = args.map(intOf);
  if (how === 'permute') {
    const order = sizeArguments(args);
    if (!order || order.length !== shape.length) return makeTensor(null, [source]);
    const axes = order.map((dim) => normalizeDim(dim, shape.length));
    return axes.some((axis) => axis === undefined)
      ? makeTensor(null, [source])
      : makeTensor(
          axes.map((axis) => shape[axis!]),
          [source],
        );
  }
  if (how === 'transpose') {
    const a = ints[0] === undefined ? undefined : normalizeDim(ints[0], shape.length);
    const b = ints[1] === undefined ? undefined : normalizeDim(ints[1], shape.length);
    if (a === undefined || b === undefined) return makeTensor(null, [source]);
    const result = [...shape];
    [result[a], result[b]] = [result[b], result[a]];
    return makeTensor(result, [source]);
  }
  if (how === 'unsqueeze') {
    const axis = ints[0] === undefined ? undefined : normalizeDim(ints[0], shape.length + 1);
    if (axis === undefined) return makeTensor(null, [source]);
    const result = [...shape];
    result.splice(axis, 0, 1);
    return makeTensor(result, [source]);
  }
  if (how === 'squeeze') {
    if (args.length === 0 || args[0] === null)
      return makeTensor(
        shape.filter((size) => size !== 1),
        [source],
      );
    const axis = ints[0] === undefined ? undefined : normalizeDim(ints[0], shape.length);
    if (axis === undefined) return makeTensor(null, [source]);
    return makeTensor(shape[axis] === 1 ? shape.filter((_, index) => index !== axis) : shape, [source]);
  }
  return makeTensor(null, [source]);
}
