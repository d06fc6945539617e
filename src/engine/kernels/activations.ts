/**
 * Element-wise activations and softmax, with PyTorch's definitions and defaults
 * (GELU exact by erf or the tanh approximation, Softplus reverting to linear above
 * `threshold`, Hardswish/Hardsigmoid piecewise forms).
 */
import type { BoundArgs } from '../types';
import { KernelError, numberArg, stringArg, type LayerWeights, type Tensor } from './tensor';

/** erf to near double precision: the Maclaurin series for small |x|, erfc's continued fraction beyond. */
function erf(x: number): number {
  // Short polynomial fits (Abramowitz-Stegun 7.1.26) are only 1.5e-7 accurate, visible next to PyTorch.
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series converges fast enough here in double precision.
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc, accurate for larger |x|.
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return x > 0 ? 1 - erfc : erfc - 1;
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

type Unary = (x: number) => number;

function unaryFor(kind: string, args: BoundArgs): Unary | undefined {
  switch (kind) {
    case 'ReLU':
      return (x) => (x > 0 ? x : 0);
    case 'ReLU6':
      return (x) => Math.min(Math.max(x, 0), 6);
    case 'LeakyReLU': {
      const slope = numberArg(args, 'negative_slope', 0.01);
      return (x) => (x > 0 ? x : x * slope);
    }
    case 'ELU': {
      const alpha = numberArg(args, 'alpha', 1);
      return (x) => (x > 0 ? x : alpha * Math.expm1(x));
    }
    case 'SELU':
      return (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
    case 'Sigmoid':
      return (x) => 1 / (1 + Math.exp(-x));
    case 'Tanh':
      return Math.tanh;
    case 'SiLU':
      return (x) => x / (1 + Math.exp(-x));
    case 'Mish':
      return (x) => x * Math.tanh(x > 20 ? x : Math.log1p(Math.exp(x)));
    case 'Hardswish':
      return (x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6;
    case 'Hardsigmoid':
      return (x) => Math.min(Math.max(x + 3, 0), 6) / 6;
    case 'Hardtanh': {
      const lo = numberArg(args, 'min_val', -1);
      const hi = numberArg(args, 'max_val', 1);
      return (x) => Math.min(Math.max(x, lo), hi);
    }
    case 'GELU': {
      if (stringArg(args, 'approximate', 'none') === 'tanh') {
        const c = Math.sqrt(2 / Math.PI);
        return (x) => 0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x * x * x)));
      }
      return (x) => 0.5 * x * (1 + erf(x / Math.SQRT2));
    }
    case 'Softplus': {
      const beta = numberArg(args, 'beta', 1);
      const threshold = numberArg(args, 'threshold', 20);
      return (x) => (x * beta > threshold ? x : Math.log1p(Math.exp(beta * x)) / beta);
    }
    case 'Identity':
    case 'Dropout':
    case 'Dropout1d':
    case 'Dropout2d':
    case 'Dropout3d':
    case 'AlphaDropout':
      return (x) => x;
    default:
      return undefined;
  }
}

/** True when `kind` is an activation (or an inference no-op such as Dropout) handled here. */
export function isActivation(kind: string): boolean {
  return unaryFor(kind, {}) !== undefined || kind === 'Softmax' || kind === 'LogSoftmax' || kind === 'PReLU';
}

function softmax(args: BoundArgs, input: Tensor, log: boolean): Tensor {
  const rank = input.shape.length;
  // PyTorch's implicit dim (a deprecation path): 0 for ranks 0, 1 and 3, else 1.
  let dim = args.dim === null || args.dim === undefined ? (rank === 0 || rank === 1 || rank === 3 ? 0 : 1) : numberArg(args, 'dim');
  if (dim < 0) dim += rank;
  if (dim < 0 || dim >= rank) throw new KernelError(`Dimension out of range (expected to be in range of [${-rank}, ${rank - 1}], but got ${dim})`);
  const size = input.shape[dim];
  const inner = input.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const outer = input.data.length / (size * inner);
  const out = new Float32Array(input.data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let max = -Infinity;
      for (let k = 0; k < size; k++) max = Math.max(max, input.data[base + k * inner]);
      let sum = 0;
      for (let k = 0; k < size; k++) sum += Math.exp(input.data[base + k * inner] - max);
      for (let k = 0; k < size; k++) {
        const shifted = input.data[base + k * inner] - max;
        out[base + k * inner] = log ? shifted - Math.log(sum) : Math.exp(shifted) / sum;
      }
    }
  }
  return { shape: [...input.shape], data: out };
}

function prelu(input: Tensor, weights: LayerWeights): Tensor {
  const weight = weights.weight;
  if (!weight) throw new KernelError('missing weight tensor');
  const channels = weight.data.length;
  if (channels !== 1 && input.shape[1] !== channels) {
    throw new KernelError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${channels} and channel size = ${input.shape[1]}.`);
  }
  const inner = input.shape.slice(2).reduce((a, b) => a * b, 1);
  const out = new Float32Array(input.data.length);
  for (let i = 0; i < out.length; i++) {
    const x = input.data[i];
    const slope = channels === 1 ? weight.data[0] : weight.data[Math.floor(i / inner) % channels];
    out[i] = x > 0 ? x : x * slope;
  }
  return { shape: [...input.shape], data: out };
}

/** Runs an activation layer; throws for a kind that is not one. */
export function runActivation(kind: string, args: BoundArgs, input: Tensor, weights: LayerWeights): Tensor {
  if (kind === 'Softmax' || kind === 'LogSoftmax') return softmax(args, input, kind === 'LogSoftmax');
  if (kind === 'PReLU') return prelu(input, weights);
  const fn = unaryFor(kind, args);
  if (!fn) throw new KernelError(`no kernel for layer kind '${kind}'`);
  const out = new Float32Array(input.data.length);
  for (let i = 0; i < out.length; i++) out[i] = fn(input.data[i]);
  return { shape: [...input.shape], data: out };
}
