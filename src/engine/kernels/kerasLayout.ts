/**
 * Channels-last (NHWC, Keras / TF.js) and channels-first (NCHW, the heavy kernels' layout)
 * transposes, used at the edges of the channels-last kernels that reuse NCHW code, and the
 * one way those kernels call a heavy (transposed) convolution on an NHWC batch.
 */
import { geometry2d } from './conv';
import type { HeavyKernels } from './heavyKernels';
import type { Tensor } from './tensor';

/** Transposes `[N, H, W, C]` to `[N, C, H, W]`. */
export function toChannelsFirst(t: Tensor): Tensor {
  const [n, h, w, c] = t.shape;
  const out = new Float32Array(t.data.length);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((b * h + y) * w + x) * c;
        for (let ch = 0; ch < c; ch++) out[((b * c + ch) * h + y) * w + x] = t.data[src + ch];
      }
    }
  }
  return { shape: [n, c, h, w], data: out };
}

/** Transposes `[N, C, H, W]` to `[N, H, W, C]`. */
export function toChannelsLast(t: Tensor): Tensor {
  const [n, c, h, w] = t.shape;
  const out = new Float32Array(t.data.length);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const src = (b * c + ch) * h * w;
      for (let i = 0; i < h * w; i++) out[(b * h * w + i) * c + ch] = t.data[src + i];
    }
  }
  return { shape: [n, h, w, c], data: out };
}

/** Sizes of a 2-D (transposed) convolution on NHWC data, per axis `[height, width]`. */
export interface NhwcConvSizes {
  readonly outChannels: number;
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  /** Padding before the first row / column. */
  readonly padBefore: readonly number[];
  readonly out: readonly number[];
  readonly groups: number;
}

/**
 * Runs `kernels[kind]` on every image of the NHWC `input` with PyTorch-layout `weight`
 * (`[C_out, C_in/g, kH, kW]`, transposed: `[C_in, C_out/g, kH, kW]`); the result is NHWC.
 */
export function runHeavyOnNhwc(
  kind: 'conv2d' | 'convTranspose2d',
  kernels: HeavyKernels,
  input: Tensor,
  sizes: NhwcConvSizes,
  weight: Float32Array,
  bias: Float32Array | null,
): Tensor {
  const [batch, h, w, cin] = input.shape;
  const [outHeight, outWidth] = sizes.out;
  const one = (values: readonly number[], first: number): number[] => [first, values[0], values[1]];
  const axes = { kernel: one(sizes.kernel, 1), stride: one(sizes.stride, 1), dilation: one(sizes.dilation, 1), padBefore: one(sizes.padBefore, 0) };
  const g = geometry2d(cin, sizes.outChannels, [1, h, w], [1, outHeight, outWidth], axes, sizes.groups);
  const nchw = toChannelsFirst(input);
  const inItem = cin * h * w;
  const outItem = sizes.outChannels * outHeight * outWidth;
  const out = new Float32Array(batch * outItem);
  for (let n = 0; n < batch; n++) out.set(kernels[kind](g, nchw.data.subarray(n * inItem, (n + 1) * inItem), weight, bias), n * outItem);
  return toChannelsLast({ shape: [batch, sizes.outChannels, outHeight, outWidth], data: out });
}
