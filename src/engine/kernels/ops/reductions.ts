/**
 * Reduction op kernels: `mean`, `sum`, `amax`, `amin` over a list of axes (null: all) with
 * `keepdim`, and `F.normalize`. The reduced axes are first moved last (one gather, skipped
 * when they already are), so every output element reduces one contiguous run; sums
 * accumulate in float64.
 */
import type { BoundArgs } from '../../types';
import { KernelError, boolArg, elementCount, numberArg, type Tensor } from '../tensor';
import { contiguousStrides, gatherAxes, steppedOffsets } from './axisGather';
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
  const order = [...kept, ...[...reduced].sort((a, b) => a - b)];
  const count = elementCount([...reduced].map((axis) => input.shape[axis] ?? 1));
  if (count === 0 && (kind === 'amax' || kind === 'amin')) throw new KernelError(`${kind}(): Expected reduction dim to have non-zero size.`);
  const strides = contiguousStrides(input.shape);
  const moved = order.every((axis, i) => axis === i)
    ? input
    : gatherAxes(
        input,
        order.map((axis) => input.shape[axis]),
        order.map((axis) => steppedOffsets(input.shape[axis], 0, 1, strides[axis])),
      );
  const outCount = elementCount(kept.map((axis) => input.shape[axis]));
  const data = new Float32Array(outCount);
  for (let o = 0; o < outCount; o++) data[o] = reduceRun(kind, moved.data, o * count, count);
  const keepdim = boolArg(args, 'keepdim', false);
  const shape = keepdim ? input.shape.map((size, axis) => (reduced.has(axis) ? 1 : size)) : kept.map((axis) => input.shape[axis]);
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
