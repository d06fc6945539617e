/**
 * Convolution and transposed convolution layers (1-D, 2-D, 3-D), NCHW as PyTorch.
 * 1-D runs as 2-D with a height of 1; 3-D runs as a sum of 2-D convolutions over the
 * kernel's depth taps, so every case goes through the same heavy 2-D kernels.
 */
import type { BoundArgs } from '../types';
import type { ChannelAffine } from './convFusion';
import type { Conv2dGeometry, EpilogueActivation, HeavyKernels } from './heavyKernels';
import { padSpatial, type PaddingMode } from './padding';
import { KernelError, boolArg, numberArg, requireWeight, stringArg, tupleArg, type LayerWeights, type Tensor } from './tensor';

/** Spatial settings of a conv layer, one value per spatial axis (depth, height, width order). */
interface ConvSettings {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: number[];
  readonly stride: number[];
  readonly dilation: number[];
  readonly pads: [number, number][];
  readonly groups: number;
  readonly bias: boolean;
  readonly paddingMode: PaddingMode;
}

function readSettings(dims: number, args: BoundArgs, transposed: boolean): ConvSettings {
  const kernel = tupleArg(args, 'kernel_size', dims);
  const stride = tupleArg(args, 'stride', dims, 1);
  const dilation = tupleArg(args, 'dilation', dims, 1);
  const groups = numberArg(args, 'groups', 1);
  const inChannels = numberArg(args, 'in_channels');
  const outChannels = numberArg(args, 'out_channels');
  if (groups <= 0) throw new KernelError('groups must be a positive integer');
  if (inChannels % groups !== 0) throw new KernelError('in_channels must be divisible by groups');
  if (outChannels % groups !== 0) throw new KernelError('out_channels must be divisible by groups');
  if (stride.some((s) => s <= 0)) throw new KernelError('non-positive stride is not supported');
  const padding = args.padding;
  let pads: [number, number][];
  if (padding === 'valid') {
    pads = kernel.map(() => [0, 0]);
  } else if (padding === 'same') {
    if (transposed) throw new KernelError(`Invalid padding string 'same', should be one of {'valid'}`);
    if (stride.some((s) => s !== 1)) throw new KernelError(`padding='same' is not supported for strided convolutions`);
    pads = kernel.map((k, axis) => {
      const total = dilation[axis] * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  } else if (typeof padding === 'string') {
    throw new KernelError(`Invalid padding string '${padding}', should be one of {'valid', 'same'}`);
  } else {
    pads = tupleArg(args, 'padding', dims, 0).map((p) => [p, p]);
  }
  if (pads.some(([before]) => before < 0)) throw new KernelError('negative padding is not supported');
  const paddingMode = stringArg(args, 'padding_mode', 'zeros') as PaddingMode;
  if (!['zeros', 'reflect', 'replicate', 'circular'].includes(paddingMode)) {
    throw new KernelError(`padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${paddingMode}'`);
  }
  return { inChannels, outChannels, kernel, stride, dilation, pads, groups, bias: boolArg(args, 'bias', true), paddingMode };
}

function checkInput(input: Tensor, dims: number, s: ConvSettings, weightShape: readonly number[]): void {
  if (input.shape.length !== dims + 2) {
    throw new KernelError(`Expected ${dims + 2}D (batched) input to conv${dims}d, but got input of size: [${input.shape.join(', ')}]`);
  }
  if (input.shape[1] !== s.inChannels) {
    throw new KernelError(
      `Given groups=${s.groups}, weight of size [${weightShape.join(', ')}], expected input[${input.shape.join(', ')}] to have ${s.inChannels} channels, but got ${input.shape[1]} channels instead`,
    );
  }
}

/** Pads `[D, H, W]`-style lists (1 to 3 axes) out to 3 axes with neutral leading values. */
function to3<T>(values: readonly T[], neutral: T): T[] {
  return [...new Array<T>(3 - values.length).fill(neutral), ...values];
}

/** The heavy kernels' 2-D geometry from 3-axis (`[D, H, W]`) sizes: the H and W parts; D runs as slices. */
export function geometry2d(
  channelsIn: number,
  channelsOut: number,
  inDims: number[],
  outDims: number[],
  s3: {
    kernel: number[];
    stride: number[];
    dilation: number[];
    padBefore: number[];
  },
  groups: number,
): Conv2dGeometry {
  return {
    inChannels: channelsIn,
    inHeight: inDims[1],
    inWidth: inDims[2],
    outChannels: channelsOut,
    kernelHeight: s3.kernel[1],
    kernelWidth: s3.kernel[2],
    strideHeight: s3.stride[1],
    strideWidth: s3.stride[2],
    padTop: s3.padBefore[1],
    padLeft: s3.padBefore[2],
    dilationHeight: s3.dilation[1],
    dilationWidth: s3.dilation[2],
    groups,
    outHeight: outDims[1],
    outWidth: outDims[2],
  };
}

/** `[C, D, H, W]` of one batch item -> one `[C, H, W]` slice per depth. */
function depthSlices(data: Float32Array, channels: number, depth: number, plane: number): Float32Array[] {
  return Array.from({ length: depth }, (_, z) => {
    const slice = new Float32Array(channels * plane);
    for (let c = 0; c < channels; c++) slice.set(data.subarray((c * depth + z) * plane, (c * depth + z + 1) * plane), c * plane);
    return slice;
  });
}

/** `[A, B, kD, kH, kW]` -> one `[A, B, kH, kW]` weight per depth tap. */
function weightDepthTaps(weight: Float32Array, rows: number, kd: number, tap: number): Float32Array[] {
  return Array.from({ length: kd }, (_, z) => {
    const slice = new Float32Array(rows * tap);
    for (let r = 0; r < rows; r++) slice.set(weight.subarray((r * kd + z) * tap, (r * kd + z + 1) * tap), r * tap);
    return slice;
  });
}

/** Runs `Conv{dims}d`. Weights: `weight [C_out, C_in/g, ...k]`, optional `bias [C_out]`. */
export function runConv(dims: number, args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels): Tensor {
  return convolveLayer(dims, args, input, weights, kernels)[0];
}

/**
 * Runs a `Conv2d` followed by a BatchNorm (as its per-channel affine form) and optionally
 * an activation, in one pass over the output: returns the conv, BatchNorm and activation
 * maps (two maps without an activation).
 */
export function runConvEpilogue(args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels, affine: ChannelAffine, activation: EpilogueActivation): Tensor[] {
  return convolveLayer(2, args, input, weights, kernels, { affine, activation });
}

function convolveLayer(
  dims: number,
  args: BoundArgs,
  input: Tensor,
  weights: LayerWeights,
  kernels: HeavyKernels,
  post?: { affine: ChannelAffine; activation: EpilogueActivation },
): Tensor[] {
  const s = readSettings(dims, args, false);
  const weightShape = [s.outChannels, s.inChannels / s.groups, ...s.kernel];
  const weight = requireWeight(weights, 'weight', weightShape);
  const bias = s.bias ? requireWeight(weights, 'bias', [s.outChannels]).data : null;
  checkInput(input, dims, s, weightShape);
  let x = input;
  let padBefore = s.pads.map(([before]) => before);
  let padAfter = s.pads.map(([, after]) => after);
  if (s.paddingMode !== 'zeros') {
    x = padSpatial(input, s.pads, s.paddingMode);
    padBefore = padBefore.map(() => 0);
    padAfter = padAfter.map(() => 0);
  }
  const inSpatial = x.shape.slice(2);
  const outSpatial = inSpatial.map((size, axis) => {
    const span = size + padBefore[axis] + padAfter[axis] - s.dilation[axis] * (s.kernel[axis] - 1) - 1;
    if (span < 0) {
      throw new KernelError(
        `Calculated padded input size per channel: (${inSpatial.map((v, a) => v + padBefore[a] + padAfter[a]).join(' x ')}). Kernel size: (${s.kernel.map((k, a) => s.dilation[a] * (k - 1) + 1).join(' x ')}). Kernel size can't be greater than actual input size`,
      );
    }
    return Math.floor(span / s.stride[axis]) + 1;
  });
  const in3 = to3(inSpatial, 1);
  const out3 = to3(outSpatial, 1);
  const s3 = { kernel: to3(s.kernel, 1), stride: to3(s.stride, 1), dilation: to3(s.dilation, 1), padBefore: to3(padBefore, 0) };
  const g = geometry2d(s.inChannels, s.outChannels, in3, out3, s3, s.groups);
  const batch = x.shape[0];
  const inItem = s.inChannels * in3[0] * in3[1] * in3[2];
  const outPlane = out3[1] * out3[2];
  const outItem = s.outChannels * out3[0] * outPlane;
  const shape = [batch, s.outChannels, ...outSpatial];
  if (batch === 1 && in3[0] === 1 && s3.kernel[0] === 1) {
    // One image (every preview): the kernel's own arrays are the maps, no copy.
    if (!post) return [{ shape, data: kernels.conv2d(g, x.data, weight.data, bias) }];
    const maps = kernels.conv2dEpilogue(g, x.data, weight.data, bias, { ...post.affine, activation: post.activation });
    return [maps.conv, maps.normalized, maps.activated].flatMap((data) => (data ? [{ shape, data }] : []));
  }
  if (post) throw new KernelError('a conv epilogue runs on one 2-D image');
  const out = new Float32Array(batch * outItem);
  for (let n = 0; n < batch; n++) {
    const item = x.data.subarray(n * inItem, (n + 1) * inItem);
    if (in3[0] === 1 && s3.kernel[0] === 1) {
      out.set(kernels.conv2d(g, item, weight.data, bias), n * outItem);
      continue;
    }
    const slices = depthSlices(item, s.inChannels, in3[0], in3[1] * in3[2]);
    const taps = weightDepthTaps(weight.data, s.outChannels * (s.inChannels / s.groups), s3.kernel[0], s3.kernel[1] * s3.kernel[2]);
    for (let od = 0; od < out3[0]; od++) {
      const acc = new Float32Array(s.outChannels * outPlane);
      for (let kd = 0; kd < s3.kernel[0]; kd++) {
        const id = od * s3.stride[0] - s3.padBefore[0] + kd * s3.dilation[0];
        if (id < 0 || id >= in3[0]) continue;
        const part = kernels.conv2d(g, slices[id], taps[kd], null);
        for (let i = 0; i < part.length; i++) acc[i] += part[i];
      }
      for (let co = 0; co < s.outChannels; co++) {
        const dst = n * outItem + (co * out3[0] + od) * outPlane;
        for (let i = 0; i < outPlane; i++) out[dst + i] = acc[co * outPlane + i] + (bias ? bias[co] : 0);
      }
    }
  }
  return [{ shape, data: out }];
}

/** Runs `ConvTranspose{dims}d`. Weights: `weight [C_in, C_out/g, ...k]`, optional `bias [C_out]`. */
export function runConvTranspose(dims: number, args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels): Tensor {
  const s = readSettings(dims, args, true);
  if (s.paddingMode !== 'zeros') throw new KernelError(`Only "zeros" padding mode is supported for ConvTranspose${dims}d`);
  const outputPadding = tupleArg(args, 'output_padding', dims, 0);
  outputPadding.forEach((op, axis) => {
    if (op >= s.stride[axis] && op >= s.dilation[axis]) {
      throw new KernelError(
        `output padding must be smaller than either stride or dilation, but got output_padding_${axis}: ${op}, stride_${axis}: ${s.stride[axis]}, dilation_${axis}: ${s.dilation[axis]}`,
      );
    }
  });
  const weightShape = [s.inChannels, s.outChannels / s.groups, ...s.kernel];
  const weight = requireWeight(weights, 'weight', weightShape);
  const bias = s.bias ? requireWeight(weights, 'bias', [s.outChannels]).data : null;
  checkInput(input, dims, s, weightShape);
  const inSpatial = input.shape.slice(2);
  const padBefore = s.pads.map(([before]) => before);
  const outSpatial = inSpatial.map((size, axis) => (size - 1) * s.stride[axis] - 2 * padBefore[axis] + s.dilation[axis] * (s.kernel[axis] - 1) + outputPadding[axis] + 1);
  if (outSpatial.some((size) => size <= 0)) throw new KernelError(`Given transposed convolution settings give a non-positive output size [${outSpatial.join(', ')}]`);
  const in3 = to3(inSpatial, 1);
  const out3 = to3(outSpatial, 1);
  const s3 = { kernel: to3(s.kernel, 1), stride: to3(s.stride, 1), dilation: to3(s.dilation, 1), padBefore: to3(padBefore, 0) };
  const g = geometry2d(s.inChannels, s.outChannels, in3, out3, s3, s.groups);
  const batch = input.shape[0];
  const inItem = s.inChannels * in3[0] * in3[1] * in3[2];
  const outPlane = out3[1] * out3[2];
  const outItem = s.outChannels * out3[0] * outPlane;
  const out = new Float32Array(batch * outItem);
  for (let n = 0; n < batch; n++) {
    const item = input.data.subarray(n * inItem, (n + 1) * inItem);
    if (in3[0] === 1 && s3.kernel[0] === 1) {
      out.set(kernels.convTranspose2d(g, item, weight.data, bias), n * outItem);
      continue;
    }
    const slices = depthSlices(item, s.inChannels, in3[0], in3[1] * in3[2]);
    const taps = weightDepthTaps(weight.data, s.inChannels * (s.outChannels / s.groups), s3.kernel[0], s3.kernel[1] * s3.kernel[2]);
    const acc = new Float32Array(out3[0] * s.outChannels * outPlane);
    for (let id = 0; id < in3[0]; id++) {
      for (let kd = 0; kd < s3.kernel[0]; kd++) {
        const od = id * s3.stride[0] - s3.padBefore[0] + kd * s3.dilation[0];
        if (od < 0 || od >= out3[0]) continue;
        const part = kernels.convTranspose2d(g, slices[id], taps[kd], null);
        const base = od * s.outChannels * outPlane;
        for (let i = 0; i < part.length; i++) acc[base + i] += part[i];
      }
    }
    for (let co = 0; co < s.outChannels; co++) {
      for (let od = 0; od < out3[0]; od++) {
        const dst = n * outItem + (co * out3[0] + od) * outPlane;
        const src = (od * s.outChannels + co) * outPlane;
        for (let i = 0; i < outPlane; i++) out[dst + i] = acc[src + i] + (bias ? bias[co] : 0);
      }
    }
  }
  return { shape: [batch, s.outChannels, ...outSpatial], data: out };
}
