/**
 * Reduction op kernels: `mean`, `sum`, `amax`, `amin` over a list of axes (null: all) with
 * `keepdim`, and `F.normalize`. Trailing reduced axes (NCHW spatial) reduce contiguous
 * runs; otherwise the input is walked once in order, accumulating into the output (NHWC
 * spatial). Sums accumulate in float64.
 */
import type { BoundArgs } from '../../types';
import { KernelError, boolArg, elementCount, numberArg, type Tensor } from '../tensor';
import { contiguousStrides } from './axisGather';
import { axisArg, optionalNumberListArg } from './opArgs';

export type ReductionKind = 'mean' | 'sum' | 'amax' | 'amin';

function reduceRun(kind: ReductionKind, data: Float32Array, from: number, count: number): number {
  if (kind === 'amax' || kind === 'amin') {
    let best = data[from];
    for (let i = from + 1; i < from + count; i++) {
      const value = data[i];
      if (Number.isNaN(value)) return value;
      if (kind === 'amax' ? value > best : value < best) best = value;
    }
    return best;
  }
  let total = 0;
  for (let i = from; i < from + count; i++) total += data[i];
  return kind === 'mean' ? total / count : total;
}

/**
 * Reduces into `out` (indexed by the kept axes, `outStrides` 0 on reduced axes) by walking
 * the input once in order: the case where a kept axis comes last (NHWC spatial means).
 */
function accumulate(kind: ReductionKind, input: Tensor, outStrides: readonly number[], out: Float64Array): void {
  const shape = input.shape;
  const rank = shape.length;
  const width = shape[rank - 1];
  const step = outStrides[rank - 1];
  const x = input.data;
  const index = new Int32Array(rank);
  if (kind === 'amax') out.fill(-Infinity);
  if (kind === 'amin') out.fill(Infinity);
  for (let row = 0; row < x.length; row += width) {
    let base = 0;
    for (let axis = 0; axis < rank - 1; axis++) base += index[axis] * outStrides[axis];
    if (kind === 'amax') {
      for (let i = 0; i < width; i++) {
        const value = x[row + i];
        if (value > out[base + i * step] || value !== value) out[base + i * step] = value;
      }
    } else if (kind === 'amin') {
      for (let i = 0; i < width; i++) {
        const value = x[row + i];
        if (value < out[base + i * step] || value !== value) out[base + i * step] = value;
      }
    } else for (let i = 0; i < width; i++) out[base + i * step] += x[row + i];
    for (let axis = rank - 2; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
}

/** `x.mean(dim, keepdim)` and friends; `dim` null or empty reduces every axis. */
export function reduceOp(kind: ReductionKind, args: BoundArgs, input: Tensor): Tensor {
  const rank = input.shape.length;
  const listed = optionalNumberListArg(args, 'dim');
  const axes = listed === null || listed.length === 0 ? input.shape.map((_, axis) => axis) : listed;
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < 0 || axis >= Math.max(rank, 1)) {
      throw new KernelError(`Dimension out of range (expected to be in range of [0, ${rank - 1}], but got ${axis})`);
    }
  }
  const reduced = new Set(axes);
  const kept = input.shape.map((_, axis) => axis).filter((axis) => !reduced.has(axis));
  const count = elementCount([...reduced].map((axis) => input.shape[axis] ?? 1));
  if (count === 0 && (kind === 'amax' || kind === 'amin')) throw new KernelError(`${kind}(): Expected reduction dim to have non-zero size.`);
  const keptShape = kept.map((axis) => input.shape[axis]);
  const outCount = elementCount(keptShape);
  const data = new Float32Array(outCount);
  if (kept.every((axis, i) => axis === i)) {
    // The reduced axes are the trailing ones: each output reduces one contiguous run.
    for (let o = 0; o < outCount; o++) data[o] = reduceRun(kind, input.data, o * count, count);
  } else {
    const keptStrides = contiguousStrides(keptShape);
    const outStrides = input.shape.map((_, axis) => (reduced.has(axis) ? 0 : keptStrides[kept.indexOf(axis)]));
    const sums = new Float64Array(outCount);
    accumulate(kind, input, outStrides, sums);
    for (let o = 0; o < outCount; o++) data[o] = kind === 'mean' ? sums[o] / count : sums[o];
  }
  const keepdim = boolArg(args, 'keepdim', false);
  const shape = keepdim ? input.shape.map((size, axis) => (reduced.has(axis) ? 1 : size)) : keptShape;
  return { shape, data };
}

function normArgument(args: BoundArgs): number {
  if (args.p === 'inf') return Infinity;
  return numberArg(args, 'p', 2);
}

/** `F.normalize(x, p, dim, eps)`: `x / max(‖x‖_p along dim, eps)`. */
export function normalizeOp(args: BoundArgs, input: Tensor): Tensor {
  const p = normArgument(args);
  const eps = numberArg(args, 'eps', 1e-12);
  const dim = axisArg(args, 'dim', input.shape.length);
  const size = input.shape[dim];
  const inner = elementCount(input.shape.slice(dim + 1));
  const outer = elementCount(input.shape.slice(0, dim));
  const x = input.data;
  const out = new Float32Array(x.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * size * inner + i;
      const end = start + size * inner;
      let norm = 0;
      if (p === Infinity) for (let at = start; at < end; at += inner) norm = Math.max(norm, Math.abs(x[at]));
      else if (p === 0) for (let at = start; at < end; at += inner) norm += x[at] !== 0 ? 1 : 0;
      else if (p === 2) {
        for (let at = start; at < end; at += inner) norm += x[at] * x[at];
        norm = Math.sqrt(norm);
      } else {
        for (let at = start; at < end; at += inner) norm += Math.pow(Math.abs(x[at]), p);
        norm = Math.pow(norm, 1 / p);
      }
      const divisor = Math.max(norm, eps);
      for (let at = start; at < end; at += inner) out[at] = x[at] / divisor;
    }
  }
  return { shape: [...input.shape], data: out };
}
