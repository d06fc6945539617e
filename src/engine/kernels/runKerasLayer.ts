/**
 * Keras / TensorFlow.js semantics (channels-last, NHWC) for the layers feature maps run:
 * here Conv2D, DepthwiseConv2D, SeparableConv2D, MaxPooling2D, AveragePooling2D (and their
 * 1-D forms on a height of 1, Conv1D with `'causal'` padding), and the
 * entry point that sends the others to `kerasCoreKernels.ts` (any rank) and
 * `kerasSpatialKernels.ts` (upsampling, padding, cropping, transposed conv). Tensors
 * are transposed to NCHW at the edges and run through the same heavy kernels; what
 * differs is Keras' `'same'` padding (asymmetric, extra at the bottom/right), its
 * pooling (padding never counted, never a maximum) and its weight layouts
 * (`kernel [kH, kW, C_in/g, C_out]`, `depthwise_kernel [kH, kW, C_in, multiplier]`).
 */
import type { BoundArgs } from '../types';
import type { HeavyKernels } from './heavyKernels';
import { KernelError, boolArg, numberArg, stringArg, tupleArg, type LayerWeights, type Tensor } from './tensor';
import { tsKernels } from './tsKernels';
import { applyKerasActivation, isKerasCoreLayer, runKerasCoreLayer } from './kerasCoreKernels';
import { runHeavyOnNhwc } from './kerasLayout';
import { isKerasSpatialLayer, runKerasSpatialLayer } from './kerasSpatialKernels';

/** Keras output size and padding before, per axis: `'same'` -> ceil(in/s), `'valid'` -> ceil((in - dk + 1)/s). */
function kerasAxis(size: number, kernel: number, stride: number, dilation: number, padding: string): { out: number; before: number } {
  const dk = dilation * (kernel - 1) + 1;
  if (padding === 'same') {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + dk - size, 0);
    return { out, before: Math.floor(total / 2) };
  }
  if (padding !== 'valid') throw new KernelError(`The \`padding\` argument must be one of "valid", "same". Received: ${padding}`);
  const out = Math.ceil((size - dk + 1) / stride);
  if (out <= 0) throw new KernelError(`Negative dimension size: input ${size}, kernel ${dk} with padding 'valid'`);
  return { out, before: 0 };
}

function firstWeight(weights: LayerWeights, names: readonly string[]): Tensor {
  for (const name of names) {
    const t = weights[name];
    if (t) return t;
  }
  throw new KernelError(`missing ${names[0]} tensor`);
}

function convChannelsLast(kind: 'Conv2D' | 'DepthwiseConv2D', args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels): Tensor {
  const [, h, w, cin] = input.shape;
  const k = tupleArg(args, 'kernel_size', 2);
  const s = tupleArg(args, 'strides', 2, 1);
  const d = tupleArg(args, 'dilation_rate', 2, 1);
  const padding = stringArg(args, 'padding', 'valid').toLowerCase();
  const depthwise = kind === 'DepthwiseConv2D';
  const groups = depthwise ? cin : numberArg(args, 'groups', 1);
  const cout = depthwise ? cin * numberArg(args, 'depth_multiplier', 1) : numberArg(args, 'filters');
  const kernel = firstWeight(weights, depthwise ? ['depthwise_kernel', 'kernel'] : ['kernel']);
  const expected = depthwise ? [k[0], k[1], cin, cout / cin] : [k[0], k[1], cin / groups, cout];
  if (kernel.shape.join() !== expected.join()) throw new KernelError(`kernel has shape [${kernel.shape.join(', ')}], expected [${expected.join(', ')}]`);
  // [kH, kW, I, O] -> PyTorch [C_out, C_in/g, kH, kW] (for depthwise, O index = c * multiplier + m).
  const inPerGroup = depthwise ? 1 : cin / groups;
  const perOut = depthwise ? cout / cin : cout;
  const oihw = new Float32Array(kernel.data.length);
  for (let ky = 0; ky < k[0]; ky++) {
    for (let kx = 0; kx < k[1]; kx++) {
      for (let i = 0; i < (depthwise ? cin : inPerGroup); i++) {
        for (let o = 0; o < perOut; o++) {
          const value = kernel.data[((ky * k[1] + kx) * (depthwise ? cin : inPerGroup) + i) * perOut + o];
          const outChannel = depthwise ? i * perOut + o : o;
          const inChannel = depthwise ? 0 : i;
          oihw[((outChannel * inPerGroup + inChannel) * k[0] + ky) * k[1] + kx] = value;
        }
      }
    }
  }
  const bias = boolArg(args, 'use_bias', true) ? (weights.bias?.data ?? null) : null;
  if (boolArg(args, 'use_bias', true) && !bias) throw new KernelError('missing bias tensor');
  const axisH = kerasAxis(h, k[0], s[0], d[0], padding);
  const axisW = kerasAxis(w, k[1], s[1], d[1], padding);
  const sizes = { outChannels: cout, kernel: k, stride: s, dilation: d, padBefore: [axisH.before, axisW.before], out: [axisH.out, axisW.out], groups };
  return applyKerasActivation(args.activation, runHeavyOnNhwc('conv2d', kernels, input, sizes, oihw, bias));
}

function poolChannelsLast(kind: 'max' | 'avg', args: BoundArgs, input: Tensor): Tensor {
  const [batch, h, w, c] = input.shape;
  const k = tupleArg(args, 'pool_size', 2, 2);
  const s = args.strides === null || args.strides === undefined ? k : tupleArg(args, 'strides', 2);
  const padding = stringArg(args, 'padding', 'valid').toLowerCase();
  const axisH = kerasAxis(h, k[0], s[0], 1, padding);
  const axisW = kerasAxis(w, k[1], s[1], 1, padding);
  const out = new Float32Array(batch * axisH.out * axisW.out * c);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < axisH.out; oy++) {
      const y0 = Math.max(oy * s[0] - axisH.before, 0);
      const y1 = Math.min(oy * s[0] - axisH.before + k[0], h);
      for (let ox = 0; ox < axisW.out; ox++) {
        const x0 = Math.max(ox * s[1] - axisW.before, 0);
        const x1 = Math.min(ox * s[1] - axisW.before + k[1], w);
        for (let ch = 0; ch < c; ch++, o++) {
          let acc = kind === 'max' ? -Infinity : 0;
          for (let y = y0; y < y1; y++) {
            for (let x = x0; x < x1; x++) {
              const v = input.data[((n * h + y) * w + x) * c + ch];
              acc = kind === 'max' ? Math.max(acc, v) : acc + v;
            }
          }
          out[o] = kind === 'max' ? acc : acc / ((y1 - y0) * (x1 - x0));
        }
      }
    }
  }
  return { shape: [batch, axisH.out, axisW.out, c], data: out };
}

/** SeparableConv2D: a depthwise convolution without bias, then a 1x1 convolution (`pointwise_kernel`, `bias`). */
function separableConv(args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels): Tensor {
  const depthwiseArgs = { ...args, activation: null, use_bias: false };
  const depthwise = convChannelsLast('DepthwiseConv2D', depthwiseArgs, input, { depthwise_kernel: weights.depthwise_kernel }, kernels);
  const pointwiseArgs = { filters: args.filters, kernel_size: 1, use_bias: args.use_bias ?? true, activation: args.activation ?? null, padding: 'valid' };
  return convChannelsLast('Conv2D', pointwiseArgs, depthwise, { kernel: weights.pointwise_kernel, bias: weights.bias }, kernels);
}

const fourDimensionalKinds = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'MaxPooling2D', 'AveragePooling2D']);

/** The 1-D layers and the 2-D layer each runs as, on a height of 1. */
const oneDimensionalKinds: Readonly<Record<string, 'Conv2D' | 'MaxPooling2D' | 'AveragePooling2D'>> = {
  Conv1D: 'Conv2D',
  MaxPooling1D: 'MaxPooling2D',
  AveragePooling1D: 'AveragePooling2D',
};

/** A single number of a 1-D layer's argument (`3`, `(3,)`), else `fallback`. */
function scalarArg(args: BoundArgs, name: string, fallback: number | null): number | null {
  const value = args[name];
  if (value === null || value === undefined) return fallback;
  return tupleArg(args, name, 1)[0];
}

/**
 * Conv1D, MaxPooling1D, AveragePooling1D on `[N, L, C]`: the 2-D layer on `[N, 1, L, C]`.
 * Conv1D's `'causal'` padding is `d * (k - 1)` zeros before the sequence, then `'valid'`.
 */
function runOneDimensional(kind: string, as: 'Conv2D' | 'MaxPooling2D' | 'AveragePooling2D', args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels): Tensor {
  if (input.shape.length !== 3) throw new KernelError(`Input 0 of layer "${kind}" is incompatible with the layer: expected ndim=3, found ndim=${input.shape.length}`);
  const [batch, length, channels] = input.shape;
  const conv = as === 'Conv2D';
  const size = scalarArg(args, conv ? 'kernel_size' : 'pool_size', 2)!;
  const stride = scalarArg(args, 'strides', conv ? 1 : null) ?? size;
  const dilation = conv ? scalarArg(args, 'dilation_rate', 1)! : 1;
  let padding = stringArg(args, 'padding', 'valid').toLowerCase();
  let data = input.data;
  let padded = length;
  if (padding === 'causal' && conv) {
    const before = dilation * (size - 1);
    padded = length + before;
    const out = new Float32Array(batch * padded * channels);
    for (let n = 0; n < batch; n++) out.set(input.data.subarray(n * length * channels, (n + 1) * length * channels), (n * padded + before) * channels);
    data = out;
    padding = 'valid';
  }
  const args2d: BoundArgs = conv
    ? { ...args, kernel_size: [1, size], strides: [1, stride], dilation_rate: [1, dilation], padding }
    : { ...args, pool_size: [1, size], strides: [1, stride], padding };
  const kernel = weights.kernel;
  const weights2d = conv && kernel ? { ...weights, kernel: { shape: [1, ...kernel.shape], data: kernel.data } } : weights;
  const out = runKerasLayer(as, args2d, { shape: [batch, 1, padded, channels], data }, weights2d, kernels);
  return { shape: [batch, out.shape[2], out.shape[3]], data: out.data };
}

/** True when `runKerasLayer` has a channels-last kernel for this Keras / TF.js class name. */
export function canRunKerasLayer(kind: string): boolean {
  return fourDimensionalKinds.has(kind) || kind in oneDimensionalKinds || isKerasSpatialLayer(kind) || isKerasCoreLayer(kind);
}

/**
 * Runs a Keras / TF.js layer on a channels-last tensor (NHWC for 2-D layers, NLC for 1-D) (`data_format='channels_last'`, the
 * default). Arguments are snake_case as `kerasBinding.ts` binds them.
 */
export function runKerasLayer(kind: string, args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels = tsKernels): Tensor {
  if (isKerasCoreLayer(kind)) return runKerasCoreLayer(kind, args, input, weights);
  // A class without a kernel (an RNN, a wrapper) says so, before any rank check that would blame its input.
  if (!canRunKerasLayer(kind)) throw new KernelError(`no channels-last kernel for layer kind '${kind}'`);
  if (args.data_format === 'channels_first') throw new KernelError(`data_format='channels_first' is not supported by the feature-map preview of ${kind}`);
  const oneDimensional = Object.prototype.hasOwnProperty.call(oneDimensionalKinds, kind) ? oneDimensionalKinds[kind] : undefined;
  if (oneDimensional) return runOneDimensional(kind, oneDimensional, args, input, weights, kernels);
  if (input.shape.length !== 4) throw new KernelError(`Input 0 of layer "${kind}" is incompatible with the layer: expected ndim=4, found ndim=${input.shape.length}`);
  switch (kind) {
    case 'Conv2D':
    case 'DepthwiseConv2D':
      return convChannelsLast(kind, args, input, weights, kernels);
    case 'MaxPooling2D':
      return poolChannelsLast('max', args, input);
    case 'AveragePooling2D':
      return poolChannelsLast('avg', args, input);
    case 'SeparableConv2D':
      return separableConv(args, input, weights, kernels);
    default:
      if (isKerasSpatialLayer(kind)) return runKerasSpatialLayer(kind, args, input, weights, kernels);
      throw new KernelError(`no channels-last kernel for layer kind '${kind}'`);
  }
}
