/**
 * Elementwise op kernels: the binary arithmetic ops with NumPy/PyTorch broadcasting (a
 * scalar operand is a 0-d tensor), and the unary ops without an `nn` twin. Axes are first
 * coalesced, so a same-shape add is one flat loop and a squeeze-excitation multiply
 * ([N, C, H, W] * [N, C, 1, 1]) a loop of rows.
 */
import type { BoundArgs } from '../../types';
import { KernelError, elementCount, numberArg, stringArg, type Tensor } from '../tensor';
import { broadcastShapes, broadcastStrides } from './axisGather';

export type BinaryKind = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum';
export type UnaryKind = 'neg' | 'abs' | 'exp' | 'log' | 'sqrt' | 'rsqrt' | 'clamp';

const f32 = Math.fround;

/** PyTorch's `div(..., rounding_mode='floor')` for floats (Python's `//`: fmod-based, so it agrees with the remainder). */
function floorDivide(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = f32(a % b);
  let quotient = f32(f32(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) quotient = f32(quotient - 1);
  if (quotient === 0) {
    const exact = a / b;
    return exact < 0 || Object.is(exact, -0) ? -0 : 0;
  }
  let floored = Math.floor(quotient);
  if (quotient - floored > 0.5) floored += 1;
  return floored;
}

/** The two operands: the tensor inputs, or the input and the scalar `other` in source order. */
function operands(args: BoundArgs, inputs: readonly Tensor[]): [Tensor, Tensor] {
  if (inputs.length >= 2) return [inputs[0], inputs[1]];
  if (inputs.length === 0) throw new KernelError('an elementwise operation needs an input tensor');
  const scalar: Tensor = { shape: [], data: Float32Array.of(numberArg(args, 'other')) };
  return args.reversed === true ? [scalar, inputs[0]] : [inputs[0], scalar];
}

/** Drops size-1 axes and merges neighbours both operands read contiguously, so inner rows are as long as possible. */
function coalesce(shape: readonly number[], stridesA: readonly number[], stridesB: readonly number[]): [number[], number[], number[]] {
  const sizes: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  shape.forEach((size, axis) => {
    if (size === 1) return;
    const last = sizes.length - 1;
    if (last >= 0 && a[last] === stridesA[axis] * size && b[last] === stridesB[axis] * size) {
      sizes[last] *= size;
      a[last] = stridesA[axis];
      b[last] = stridesB[axis];
    } else {
      sizes.push(size);
      a.push(stridesA[axis]);
      b.push(stridesB[axis]);
    }
  });
  if (sizes.length === 0) return [[1], [0], [0]];
  return [sizes, a, b];
}

/** `out[o + i] = a[ia + i*sa] (op) alpha * b[ib + i*sb]` for one row; one loop per op, no per-element calls. */
function binaryRow(
  kind: BinaryKind,
  mode: string,
  alpha: number,
  out: Float32Array,
  o: number,
  n: number,
  a: Float32Array,
  ia: number,
  sa: number,
  b: Float32Array,
  ib: number,
  sb: number,
): void {
  switch (kind) {
    case 'add':
      // The residual add (same shapes) and `x + 3` (hardswish) are the hot cases: plain loops.
      if (sa === 1 && sb === 1 && alpha === 1) for (let i = 0; i < n; i++) out[o + i] = a[ia + i] + b[ib + i];
      else if (sa === 1 && sb === 0) {
        const term = alpha * b[ib];
        for (let i = 0; i < n; i++) out[o + i] = a[ia + i] + term;
      } else for (let i = 0; i < n; i++) out[o + i] = a[ia + i * sa] + alpha * b[ib + i * sb];
      return;
    case 'sub':
      for (let i = 0; i < n; i++) out[o + i] = a[ia + i * sa] - alpha * b[ib + i * sb];
      return;
    case 'mul':
      // A squeeze-excitation gate multiplies each row by one value.
      if (sa === 1 && sb === 0) {
        const gate = b[ib];
        for (let i = 0; i < n; i++) out[o + i] = a[ia + i] * gate;
      } else for (let i = 0; i < n; i++) out[o + i] = a[ia + i * sa] * b[ib + i * sb];
      return;
    case 'div':
      if (mode === 'floor') for (let i = 0; i < n; i++) out[o + i] = floorDivide(a[ia + i * sa], b[ib + i * sb]);
      else if (mode === 'trunc') for (let i = 0; i < n; i++) out[o + i] = Math.trunc(f32(a[ia + i * sa] / b[ib + i * sb]));
      else for (let i = 0; i < n; i++) out[o + i] = a[ia + i * sa] / b[ib + i * sb];
      return;
    case 'pow':
      for (let i = 0; i < n; i++) out[o + i] = Math.pow(a[ia + i * sa], b[ib + i * sb]);
      return;
    case 'maximum':
      for (let i = 0; i < n; i++) out[o + i] = Math.max(a[ia + i * sa], b[ib + i * sb]);
      return;
    case 'minimum':
      for (let i = 0; i < n; i++) out[o + i] = Math.min(a[ia + i * sa], b[ib + i * sb]);
      return;
  }
}

/** `add`, `sub` (with `alpha`), `mul`, `div` (with `rounding_mode`), `pow`, `maximum`, `minimum`, broadcasting as PyTorch does. */
export function binaryOp(kind: BinaryKind, args: BoundArgs, inputs: readonly Tensor[]): Tensor {
  const [a, b] = operands(args, inputs);
  const shape = broadcastShapes(a.shape, b.shape);
  const alpha = kind === 'add' || kind === 'sub' ? numberArg(args, 'alpha', 1) : 1;
  const mode = kind === 'div' ? stringArg(args, 'rounding_mode', '') : '';
  if (mode !== '' && mode !== 'floor' && mode !== 'trunc') {
    throw new KernelError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${mode}'`);
  }
  const out = new Float32Array(elementCount(shape));
  const [sizes, stridesA, stridesB] = coalesce(shape, broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape));
  const rank = sizes.length;
  const width = sizes[rank - 1];
  const index = new Int32Array(rank);
  for (let o = 0; o < out.length; o += width) {
    let ia = 0;
    let ib = 0;
    for (let axis = 0; axis < rank - 1; axis++) {
      ia += index[axis] * stridesA[axis];
      ib += index[axis] * stridesB[axis];
    }
    binaryRow(kind, mode, alpha, out, o, width, a.data, ia, stridesA[rank - 1], b.data, ib, stridesB[rank - 1]);
    for (let axis = rank - 2; axis >= 0; axis--) {
      if (++index[axis] < sizes[axis]) break;
      index[axis] = 0;
    }
  }
  return { shape, data: out };
}

/** `neg`, `abs`, `exp`, `log`, `sqrt`, `rsqrt`, and `clamp` (`min`/`max`, null for no bound; min then max, as PyTorch). */
export function unaryOp(kind: UnaryKind, args: BoundArgs, input: Tensor): Tensor {
  const x = input.data;
  const out = new Float32Array(x.length);
  const n = x.length;
  switch (kind) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      break;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      break;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      break;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      break;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      break;
    case 'rsqrt':
      for (let i = 0; i < n; i++) out[i] = 1 / Math.sqrt(x[i]);
      break;
    case 'clamp': {
      const low = numberArg(args, 'min', -Infinity);
      const high = numberArg(args, 'max', Infinity);
      for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(x[i], low), high);
      break;
    }
  }
  return { shape: [...input.shape], data: out };
}
