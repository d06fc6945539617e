/**
 * Batch normalization (inference, running statistics), Linear, Flatten, and the
 * graph joins (add, concat) the front ends build for `forward()` code.
 */
import type { BoundArgs } from '../types';
import type { HeavyKernels } from './heavyKernels';
import { KernelError, boolArg, numberArg, requireWeight, type LayerWeights, type Tensor } from './tensor';

/** `BatchNorm{n}d` in eval mode: `(x - running_mean) / sqrt(running_var + eps) * weight + bias`. */
export function runBatchNorm(args: BoundArgs, input: Tensor, weights: LayerWeights): Tensor {
  const channels = numberArg(args, 'num_features');
  if (input.shape[1] !== channels) {
    throw new KernelError(`running_mean should contain ${input.shape[1]} elements not ${channels}`);
  }
  const eps = numberArg(args, 'eps', 1e-5);
  const affine = boolArg(args, 'affine', true);
  const tracked = boolArg(args, 'track_running_stats', true);
  const mean = tracked ? requireWeight(weights, 'running_mean', [channels]).data : null;
  const variance = tracked ? requireWeight(weights, 'running_var', [channels]).data : null;
  const scale = affine ? requireWeight(weights, 'weight', [channels]).data : null;
  const shift = affine ? requireWeight(weights, 'bias', [channels]).data : null;
  const inner = input.shape.slice(2).reduce((a, b) => a * b, 1);
  const batch = input.shape[0];
  const out = new Float32Array(input.data.length);
  for (let c = 0; c < channels; c++) {
    let m = mean ? mean[c] : 0;
    let v = variance ? variance[c] : 0;
    if (!tracked) {
      // Without running statistics PyTorch normalizes by the batch statistics even in eval().
      let sum = 0;
      for (let n = 0; n < batch; n++) for (let i = 0; i < inner; i++) sum += input.data[(n * channels + c) * inner + i];
      m = sum / (batch * inner);
      let sq = 0;
      for (let n = 0; n < batch; n++) for (let i = 0; i < inner; i++) sq += (input.data[(n * channels + c) * inner + i] - m) ** 2;
      v = sq / (batch * inner);
    }
    const k = (scale ? scale[c] : 1) / Math.sqrt(v + eps);
    const b = (shift ? shift[c] : 0) - m * k;
    for (let n = 0; n < batch; n++) {
      const base = (n * channels + c) * inner;
      for (let i = 0; i < inner; i++) out[base + i] = input.data[base + i] * k + b;
    }
  }
  return { shape: [...input.shape], data: out };
}

/** `Linear`: `x @ weight.T + bias` on the last dimension (the product in `kernels.linear` when they have it). */
export function runLinear(args: BoundArgs, input: Tensor, weights: LayerWeights, kernels?: HeavyKernels): Tensor {
  const inFeatures = numberArg(args, 'in_features');
  const outFeatures = numberArg(args, 'out_features');
  const last = input.shape[input.shape.length - 1];
  const rows = input.data.length / last;
  if (last !== inFeatures) {
    throw new KernelError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${last} and ${inFeatures}x${outFeatures})`);
  }
  const weight = requireWeight(weights, 'weight', [outFeatures, inFeatures]).data;
  const bias = boolArg(args, 'bias', true) ? requireWeight(weights, 'bias', [outFeatures]).data : null;
  const shape = [...input.shape.slice(0, -1), outFeatures];
  if (kernels?.linear) {
    const product = kernels.linear(input.data, rows, inFeatures, weight, outFeatures);
    if (bias) for (let i = 0; i < product.length; i++) product[i] += bias[i % outFeatures];
    return { shape, data: product };
  }
  const out = new Float32Array(rows * outFeatures);
  const data = input.data;
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outFeatures; o++) {
      let sum = bias ? bias[o] : 0;
      const w = o * inFeatures;
      const x = r * inFeatures;
      for (let i = 0; i < inFeatures; i++) sum += data[x + i] * weight[w + i];
      out[r * outFeatures + o] = sum;
    }
  }
  return { shape, data: out };
}

/** `Flatten(start_dim, end_dim)`. */
export function runFlatten(args: BoundArgs, input: Tensor): Tensor {
  const rank = input.shape.length;
  let start = numberArg(args, 'start_dim', 1);
  let end = numberArg(args, 'end_dim', -1);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  if (start < 0 || end >= rank || start > end) throw new KernelError('flatten() has invalid args: start_dim cannot come after end_dim');
  const merged = input.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
  return { shape: [...input.shape.slice(0, start), merged, ...input.shape.slice(end + 1)], data: input.data };
}

/** Element-wise sum of same-shape tensors (residual connections). */
export function addTensors(inputs: readonly Tensor[]): Tensor {
  if (inputs.length === 0) throw new KernelError('add needs at least one input');
  const [first] = inputs;
  const out = Float32Array.from(first.data);
  for (const other of inputs.slice(1)) {
    if (other.shape.length !== first.shape.length || other.shape.some((s, i) => s !== first.shape[i])) {
      throw new KernelError(`The size of tensor a ([${first.shape.join(', ')}]) must match the size of tensor b ([${other.shape.join(', ')}])`);
    }
    for (let i = 0; i < out.length; i++) out[i] += other.data[i];
  }
  return { shape: [...first.shape], data: out };
}

/** `torch.cat(inputs, dim)`. */
export function concatTensors(inputs: readonly Tensor[], dim: number): Tensor {
  if (inputs.length === 0) throw new KernelError('torch.cat(): expected a non-empty list of Tensors');
  const rank = inputs[0].shape.length;
  const axis = dim < 0 ? dim + rank : dim;
  for (const t of inputs) {
    if (t.shape.length !== rank || t.shape.some((s, i) => i !== axis && s !== inputs[0].shape[i])) {
      throw new KernelError(`Sizes of tensors must match except in dimension ${axis}`);
    }
  }
  const outer = inputs[0].shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = inputs[0].shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const total = inputs.reduce((sum, t) => sum + t.shape[axis], 0);
  const out = new Float32Array(outer * total * inner);
  let offset = 0;
  for (const t of inputs) {
    const chunk = t.shape[axis] * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * total * inner + offset);
    offset += chunk;
  }
  const shape = [...inputs[0].shape];
  shape[axis] = total;
  return { shape, data: out };
}
