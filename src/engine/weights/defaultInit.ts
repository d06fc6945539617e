/**
 * Deterministic default weights: PyTorch's default init distributions (kaiming_uniform
 * with a=sqrt(5) for conv/linear weights, i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)), the
 * same bound for biases; BatchNorm 1/0 with running stats 0/1; PReLU `init`) drawn from a
 * seeded generator keyed by the layer path, so a preview is the same on every run and an
 * edit to one layer does not change the weights of the others.
 */
import { boolArg, numberArg, tupleArg, type LayerWeights, type Tensor } from '../kernels/tensor';
import type { BoundArgs } from '../types';

/** The parameter and buffer shapes a PyTorch layer owns, by state_dict name (empty when none). */
export function expectedTensorShapes(kind: string, args: BoundArgs): Record<string, number[]> {
  const conv = /^(Conv|ConvTranspose)([123])d$/.exec(kind);
  if (conv) {
    const dims = Number(conv[2]);
    const k = tupleArg(args, 'kernel_size', dims);
    const cin = numberArg(args, 'in_channels');
    const cout = numberArg(args, 'out_channels');
    const groups = numberArg(args, 'groups', 1);
    const weight = conv[1] === 'Conv' ? [cout, cin / groups, ...k] : [cin, cout / groups, ...k];
    return boolArg(args, 'bias', true) ? { weight, bias: [cout] } : { weight };
  }
  if (/^BatchNorm[123]d$/.test(kind)) {
    const c = numberArg(args, 'num_features');
    return {
      ...(boolArg(args, 'affine', true) ? { weight: [c], bias: [c] } : {}),
      ...(boolArg(args, 'track_running_stats', true) ? { running_mean: [c], running_var: [c] } : {}),
    };
  }
  if (kind === 'Linear') {
    const weight = [numberArg(args, 'out_features'), numberArg(args, 'in_features')];
    return boolArg(args, 'bias', true) ? { weight, bias: [weight[0]] } : { weight };
  }
  if (kind === 'PReLU') return { weight: [numberArg(args, 'num_parameters', 1)] };
  return {};
}

/** FNV-1a, to turn a layer path into a seed. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for weight previews, and identical on every platform. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniformTensor(shape: number[], bound: number, seed: number): Tensor {
  const next = seededUniform(seed);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = (next() * 2 - 1) * bound;
  return { shape, data };
}

function filled(shape: number[], value: number): Tensor {
  return { shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value) };
}

/** PyTorch's fan_in: dim 1 times the receptive field (for a transposed conv dim 1 is C_out/g). */
function fanIn(weightShape: number[]): number {
  return weightShape.slice(1).reduce((a, b) => a * b, 1);
}

/** The default-init weights of one layer, deterministic for a given `path` and `seed`. */
export function defaultLayerWeights(kind: string, args: BoundArgs, path: string, seed = 0): LayerWeights {
  const shapes = expectedTensorShapes(kind, args);
  const out: Record<string, Tensor> = {};
  if (/^BatchNorm[123]d$/.test(kind)) {
    if (shapes.weight) out.weight = filled(shapes.weight, 1);
    if (shapes.bias) out.bias = filled(shapes.bias, 0);
    if (shapes.running_mean) out.running_mean = filled(shapes.running_mean, 0);
    if (shapes.running_var) out.running_var = filled(shapes.running_var, 1);
    return out;
  }
  if (kind === 'PReLU') return { weight: filled(shapes.weight, numberArg(args, 'init', 0.25)) };
  if (!shapes.weight) return out;
  const fan = fanIn(shapes.weight);
  const bound = fan > 0 ? 1 / Math.sqrt(fan) : 0;
  out.weight = uniformTensor(shapes.weight, bound, hashString(`${seed}:${path}:weight`));
  if (shapes.bias) out.bias = uniformTensor(shapes.bias, bound, hashString(`${seed}:${path}:bias`));
  return out;
}
