/**
 * Keras / TensorFlow.js layers of any rank, channels-last: Dense (on the last axis),
 * BatchNormalization at inference (moving statistics), the activation layers and the
 * `activation=` strings of every layer, Flatten (NHWC order, so just the same data),
 * Reshape, global pooling, the inference no-ops (Dropout and friends) and the merge layers
 * that are not element-wise ops (Concatenate, Average). Weight names and layouts are
 * Keras's own (`kernel [in, units]`, `gamma`, `beta`, `moving_mean`, `moving_variance`).
 */
import type { ArgValue, BoundArgs } from '../types';
import { runActivation } from './activations';
import { concatTensors } from './dense';
import { KernelError, boolArg, numberArg, reshape, requireWeight, type LayerWeights, type Tensor } from './tensor';

/** Keras activation names and the activation kernel (with its arguments) each is. */
const activationKinds: Readonly<Record<string, readonly [string, BoundArgs]>> = {
  relu: ['ReLU', {}],
  relu6: ['ReLU6', {}],
  sigmoid: ['Sigmoid', {}],
  tanh: ['Tanh', {}],
  elu: ['ELU', {}],
  selu: ['SELU', {}],
  softplus: ['Softplus', {}],
  swish: ['SiLU', {}],
  silu: ['SiLU', {}],
  gelu: ['GELU', {}],
  mish: ['Mish', {}],
  // Keras 3's hard_sigmoid / hard_silu are relu6(x + 3) / 6 (times x), as PyTorch's.
  hard_sigmoid: ['Hardsigmoid', {}],
  hard_silu: ['Hardswish', {}],
  hard_swish: ['Hardswish', {}],
  leaky_relu: ['LeakyReLU', { negative_slope: 0.2 }],
  softmax: ['Softmax', { dim: -1 }],
  log_softmax: ['LogSoftmax', { dim: -1 }],
};

/** Applies a Keras `activation=` value (a name, `None` or `'linear'`) to a layer's output. */
export function applyKerasActivation(name: ArgValue | undefined, input: Tensor): Tensor {
  if (name === null || name === undefined || name === 'linear') return input;
  const entry = typeof name === 'string' ? activationKinds[name] : undefined;
  if (!entry) throw new KernelError(`no kernel for activation ${JSON.stringify(name)}`);
  return runActivation(entry[0], entry[1], input, {});
}

/** Keras `ReLU(max_value, negative_slope, threshold)`. */
function reluLayer(args: BoundArgs, input: Tensor): Tensor {
  const max = args.max_value === null || args.max_value === undefined ? Infinity : numberArg(args, 'max_value');
  const slope = numberArg(args, 'negative_slope', 0);
  const threshold = numberArg(args, 'threshold', 0);
  const out = new Float32Array(input.data.length);
  for (let i = 0; i < out.length; i++) {
    const x = input.data[i];
    out[i] = x >= max ? max : x >= threshold ? x : slope * (x - threshold);
  }
  return { shape: [...input.shape], data: out };
}

/** A (possibly negative) axis of a rank-`rank` tensor, made non-negative. */
function axisOf(value: ArgValue | undefined, rank: number, fallback: number): number {
  const axis = typeof value === 'number' ? value : Array.isArray(value) && value.length === 1 && typeof value[0] === 'number' ? value[0] : fallback;
  const resolved = axis < 0 ? axis + rank : axis;
  if (resolved < 0 || resolved >= rank) throw new KernelError(`axis ${axis} is out of bounds for a tensor of rank ${rank}`);
  return resolved;
}

/** `Dense`: `x @ kernel + bias` on the last axis, then the activation. */
function dense(args: BoundArgs, input: Tensor, weights: LayerWeights): Tensor {
  const units = numberArg(args, 'units');
  const features = input.shape[input.shape.length - 1];
  const kernel = requireWeight(weights, 'kernel', [features, units]).data;
  const bias = boolArg(args, 'use_bias', true) ? requireWeight(weights, 'bias', [units]).data : null;
  const rows = input.data.length / features;
  const out = new Float32Array(rows * units);
  for (let r = 0; r < rows; r++) {
    const row = out.subarray(r * units, (r + 1) * units);
    if (bias) row.set(bias);
    for (let i = 0; i < features; i++) {
      const x = input.data[r * features + i];
      if (x === 0) continue;
      for (let o = 0; o < units; o++) row[o] += x * kernel[i * units + o];
    }
  }
  return applyKerasActivation(args.activation, { shape: [...input.shape.slice(0, -1), units], data: out });
}

/** `BatchNormalization` at inference: `(x - moving_mean) / sqrt(moving_variance + epsilon) * gamma + beta` on `axis`. */
function batchNorm(args: BoundArgs, input: Tensor, weights: LayerWeights): Tensor {
  const rank = input.shape.length;
  const axis = axisOf(args.axis, rank, -1);
  const channels = input.shape[axis];
  const eps = numberArg(args, 'epsilon', 1e-3);
  const mean = requireWeight(weights, 'moving_mean', [channels]).data;
  const variance = requireWeight(weights, 'moving_variance', [channels]).data;
  const gamma = boolArg(args, 'scale', true) ? requireWeight(weights, 'gamma', [channels]).data : null;
  const beta = boolArg(args, 'center', true) ? requireWeight(weights, 'beta', [channels]).data : null;
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    // TF computes `x * (gamma * rsqrt(var + eps)) + (beta - mean * that)`: the same order here.
    scale[c] = (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + eps);
    shift[c] = (beta ? beta[c] : 0) - mean[c] * scale[c];
  }
  const inner = input.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(input.data.length);
  for (let i = 0; i < out.length; i++) {
    const c = Math.floor(i / inner) % channels;
    out[i] = input.data[i] * scale[c] + shift[c];
  }
  return { shape: [...input.shape], data: out };
}

/** `GlobalAveragePooling*` / `GlobalMaxPooling*` over the spatial axes (1 .. rank-2), `keepdims` as Keras. */
function globalPool(kind: 'avg' | 'max', args: BoundArgs, input: Tensor): Tensor {
  const [batch, ...rest] = input.shape;
  const channels = rest[rest.length - 1];
  const positions = rest.slice(0, -1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(batch * channels).fill(kind === 'max' ? -Infinity : 0);
  for (let n = 0; n < batch; n++) {
    for (let p = 0; p < positions; p++) {
      const base = (n * positions + p) * channels;
      for (let c = 0; c < channels; c++) {
        const v = input.data[base + c];
        out[n * channels + c] = kind === 'max' ? Math.max(out[n * channels + c], v) : out[n * channels + c] + v;
      }
    }
  }
  if (kind === 'avg') for (let i = 0; i < out.length; i++) out[i] /= positions;
  const keep = boolArg(args, 'keepdims', false);
  return { shape: keep ? [batch, ...rest.slice(0, -1).map(() => 1), channels] : [batch, channels], data: out };
}

/** `Reshape(target_shape)`: the batch stays, one `-1` takes what is left. */
function reshapeLayer(args: BoundArgs, input: Tensor): Tensor {
  const target = args.target_shape;
  if (!Array.isArray(target) || !target.every((d) => typeof d === 'number' || d === null)) throw new KernelError('target_shape is not known');
  const dims = target as (number | null)[];
  const size = input.data.length / input.shape[0];
  const known = dims.reduce<number>((a, d) => (d === null || d < 0 ? a : a * d), 1);
  return reshape(input, [input.shape[0], ...dims.map((d) => (d === null || d < 0 ? size / known : d))]);
}

/** Layers that are the identity at inference (dropout and noise, augmentation, InputLayer). */
const inferenceIdentity =
  /^(?:(?:Spatial)?Dropout(?:[123]D)?|AlphaDropout|Gaussian(?:Noise|Dropout)|ActivityRegularization|Identity|InputLayer|Random(?:Flip|Rotation|Zoom|Translation|Contrast|Brightness|Height|Width))$/;

const oneInputKinds = new Set([
  'Dense',
  'BatchNormalization',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'Flatten',
  'Reshape',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'GlobalAveragePooling3D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
  'GlobalMaxPooling3D',
]);

/** True when `runKerasCoreLayer` runs this class on one input of any rank. */
export function isKerasCoreLayer(kind: string): boolean {
  return oneInputKinds.has(kind) || inferenceIdentity.test(kind);
}

/** Runs a rank-free Keras / TF.js layer on one channels-last tensor. */
export function runKerasCoreLayer(kind: string, args: BoundArgs, input: Tensor, weights: LayerWeights): Tensor {
  if (inferenceIdentity.test(kind)) return input;
  switch (kind) {
    case 'Dense':
      return dense(args, input, weights);
    case 'BatchNormalization':
      return batchNorm(args, input, weights);
    case 'Activation':
      return applyKerasActivation(args.activation, input);
    case 'ReLU':
      return reluLayer(args, input);
    case 'LeakyReLU':
      // Keras 3 names it `negative_slope` (0.3), Keras 2 and TF.js `alpha` (0.3).
      return runActivation('LeakyReLU', { negative_slope: numberArg(args, args.negative_slope === undefined ? 'alpha' : 'negative_slope', 0.3) }, input, {});
    case 'ELU':
      return runActivation('ELU', { alpha: numberArg(args, 'alpha', 1) }, input, {});
    case 'Softmax':
      return runActivation('Softmax', { dim: axisOf(args.axis, input.shape.length, -1) }, input, {});
    case 'Flatten':
      if (args.data_format === 'channels_first' || args.data_format === 'channelsFirst') throw new KernelError("Flatten with data_format='channels_first' has no preview kernel");
      return reshape(input, [input.shape[0], input.data.length / input.shape[0]]);
    case 'Reshape':
      return reshapeLayer(args, input);
    default:
      if (kind.startsWith('GlobalAveragePooling')) return globalPool('avg', args, input);
      if (kind.startsWith('GlobalMaxPooling')) return globalPool('max', args, input);
      throw new KernelError(`no channels-last kernel for layer kind '${kind}'`);
  }
}

/** True for the merge layers `runKerasMergeLayer` runs (the element-wise ones are tensor ops). */
export function isKerasMergeLayer(kind: string): boolean {
  return kind === 'Concatenate' || kind === 'Average';
}

/** `Concatenate(axis)` and `Average` on their list of inputs. */
export function runKerasMergeLayer(kind: string, args: BoundArgs, inputs: readonly Tensor[]): Tensor {
  if (inputs.length === 0) throw new KernelError(`${kind} needs at least one input`);
  if (kind === 'Concatenate') return concatTensors(inputs, axisOf(args.axis, inputs[0].shape.length, -1));
  const out = new Float32Array(inputs[0].data.length);
  for (const input of inputs) {
    if (input.data.length !== out.length) throw new KernelError(`Average needs inputs of one shape, got [${inputs.map((t) => t.shape.join(', ')).join('] and [')}]`);
    for (let i = 0; i < out.length; i++) out[i] += input.data[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= inputs.length;
  return { shape: [...inputs[0].shape], data: out };
}
