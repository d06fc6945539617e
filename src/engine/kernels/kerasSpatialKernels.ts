/**
 * Keras / TensorFlow.js 2-D layers that move pixels, channels-last: UpSampling2D (nearest
 * repeats; bilinear with half-pixel centres as Keras 3's `ops.image.resize`, without them
 * when the node says `half_pixel_centers: false`, as TF.js resizes), ZeroPadding2D,
 * Cropping2D and Conv2DTranspose (Keras's output length, its `'same'` padding as TF's
 * transposed convolution, `kernel [kH, kW, C_out, C_in]`), the last through the same heavy
 * kernels as PyTorch's ConvTranspose2d.
 */
import type { BoundArgs } from '../types';
import { pairsArg } from '../tf/coreLayers';
import { transposeOutputLength } from '../tf/convLayers';
import type { HeavyKernels } from './heavyKernels';
import { applyKerasActivation } from './kerasCoreKernels';
import { runUpsample } from './resample';
import { KernelError, boolArg, numberArg, requireWeight, stringArg, tupleArg, type LayerWeights, type Tensor } from './tensor';
import { runHeavyOnNhwc, toChannelsFirst, toChannelsLast } from './kerasLayout';

/** TF.js's bilinear resize (TF 1's, no half-pixel centres): output `o` samples input `o * in / out`. */
function legacyBilinear(input: Tensor, sh: number, sw: number): Tensor {
  const [batch, h, w, c] = input.shape;
  const oh = h * sh;
  const ow = w * sw;
  const out = new Float32Array(batch * oh * ow * c);
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < oh; y++) {
      const sy = (y * h) / oh;
      const y0 = Math.floor(sy);
      const y1 = Math.min(y0 + 1, h - 1);
      const fy = sy - y0;
      for (let x = 0; x < ow; x++) {
        const sx = (x * w) / ow;
        const x0 = Math.floor(sx);
        const x1 = Math.min(x0 + 1, w - 1);
        const fx = sx - x0;
        const at = (yy: number, xx: number, ch: number): number => input.data[((n * h + yy) * w + xx) * c + ch];
        for (let ch = 0; ch < c; ch++) {
          const top = at(y0, x0, ch) + (at(y0, x1, ch) - at(y0, x0, ch)) * fx;
          const bottom = at(y1, x0, ch) + (at(y1, x1, ch) - at(y1, x0, ch)) * fx;
          out[((n * oh + y) * ow + x) * c + ch] = top + (bottom - top) * fy;
        }
      }
    }
  }
  return { shape: [batch, oh, ow, c], data: out };
}

function upSampling(args: BoundArgs, input: Tensor): Tensor {
  const [batch, h, w, c] = input.shape;
  const [sh, sw] = tupleArg(args, 'size', 2, 2);
  const interpolation = stringArg(args, 'interpolation', 'nearest');
  if (interpolation === 'bilinear') {
    if (!boolArg(args, 'half_pixel_centers', true)) return legacyBilinear(input, sh, sw);
    return toChannelsLast(runUpsample({ mode: 'bilinear', scale_factor: [sh, sw], align_corners: false }, toChannelsFirst(input)));
  }
  if (interpolation !== 'nearest') throw new KernelError(`no kernel for UpSampling2D interpolation '${interpolation}'`);
  const out = new Float32Array(batch * h * sh * w * sw * c);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < h * sh; y++) {
      for (let x = 0; x < w * sw; x++, o += c) {
        const src = ((n * h + Math.floor(y / sh)) * w + Math.floor(x / sw)) * c;
        out.set(input.data.subarray(src, src + c), o);
      }
    }
  }
  return { shape: [batch, h * sh, w * sw, c], data: out };
}

/** ZeroPadding2D (positive pads) and Cropping2D (the same with negative pads). */
function padOrCrop(kind: 'ZeroPadding2D' | 'Cropping2D', args: BoundArgs, input: Tensor): Tensor {
  const [batch, h, w, c] = input.shape;
  const sign = kind === 'Cropping2D' ? -1 : 1;
  const [[top, bottom], [left, right]] = pairsArg(kind === 'Cropping2D' ? args.cropping : args.padding, 2, kind === 'Cropping2D' ? 'cropping' : 'padding').map(
    ([before, after]) => [before * sign, after * sign],
  );
  const oh = h + top + bottom;
  const ow = w + left + right;
  if (oh <= 0 || ow <= 0) throw new KernelError(`${kind} leaves an empty output (${oh} x ${ow})`);
  const out = new Float32Array(batch * oh * ow * c);
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < oh; y++) {
      const sy = y - top;
      if (sy < 0 || sy >= h) continue;
      for (let x = 0; x < ow; x++) {
        const sx = x - left;
        if (sx < 0 || sx >= w) continue;
        const src = ((n * h + sy) * w + sx) * c;
        out.set(input.data.subarray(src, src + c), ((n * oh + y) * ow + x) * c);
      }
    }
  }
  return { shape: [batch, oh, ow, c], data: out };
}

/**
 * Conv2DTranspose: the scatter `out[i * s - pad + k * d] += x[i] * W[k]`, where `pad` is the
 * padding the forward convolution from the output back to the input would put before
 * (`'same'`: half the total, the extra after; `'valid'`: none).
 */
function convTranspose(args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels): Tensor {
  const [, h, w, cin] = input.shape;
  const k = tupleArg(args, 'kernel_size', 2);
  const s = tupleArg(args, 'strides', 2, 1);
  const d = tupleArg(args, 'dilation_rate', 2, 1);
  const cout = numberArg(args, 'filters');
  const padding = stringArg(args, 'padding', 'valid').toLowerCase();
  const outputPadding = args.output_padding === null || args.output_padding === undefined ? null : tupleArg(args, 'output_padding', 2);
  const kernel = requireWeight(weights, 'kernel', [k[0], k[1], cout, cin]).data;
  const bias = boolArg(args, 'use_bias', true) ? requireWeight(weights, 'bias', [cout]).data : null;
  const out = [h, w].map((size, axis) => transposeOutputLength(size, k[axis], padding, outputPadding?.[axis] ?? null, s[axis], d[axis]));
  const pads = [h, w].map((size, axis) => {
    const dk = d[axis] * (k[axis] - 1) + 1;
    if (padding !== 'same') return 0;
    if (outputPadding) return Math.floor(dk / 2);
    return Math.floor(Math.max((size - 1) * s[axis] + dk - out[axis], 0) / 2);
  });
  // [kH, kW, O, I] -> PyTorch's transposed layout [I, O, kH, kW].
  const iohw = new Float32Array(kernel.length);
  for (let ky = 0; ky < k[0]; ky++)
    for (let kx = 0; kx < k[1]; kx++)
      for (let o = 0; o < cout; o++) for (let i = 0; i < cin; i++) iohw[((i * cout + o) * k[0] + ky) * k[1] + kx] = kernel[((ky * k[1] + kx) * cout + o) * cin + i];
  const sizes = { outChannels: cout, kernel: k, stride: s, dilation: d, padBefore: pads, out, groups: 1 };
  return applyKerasActivation(args.activation, runHeavyOnNhwc('convTranspose2d', kernels, input, sizes, iohw, bias));
}

const spatialKinds = new Set(['UpSampling2D', 'ZeroPadding2D', 'Cropping2D', 'Conv2DTranspose']);

/** True when `runKerasSpatialLayer` runs this class. */
export function isKerasSpatialLayer(kind: string): boolean {
  return spatialKinds.has(kind);
}

/** Runs one of the layers above on an NHWC tensor. */
export function runKerasSpatialLayer(kind: string, args: BoundArgs, input: Tensor, weights: LayerWeights, kernels: HeavyKernels): Tensor {
  switch (kind) {
    case 'UpSampling2D':
      return upSampling(args, input);
    case 'ZeroPadding2D':
    case 'Cropping2D':
      return padOrCrop(kind, args, input);
    case 'Conv2DTranspose':
      return convTranspose(args, input, weights, kernels);
    default:
      throw new KernelError(`no channels-last kernel for layer kind '${kind}'`);
  }
}
