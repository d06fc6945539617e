/**
 * Plain TypeScript heavy kernels: the exact reference and the fallback when WebAssembly
 * is unavailable. Convolution is im2col + GEMM, with dedicated depthwise and pointwise
 * paths; transposed convolution is GEMM + col2im (each input value scatters a scaled
 * copy of the kernel, which is what the column matrix holds).
 */
import { applyEpilogue } from './convFusion';
import type { Conv2dGeometry, ConvEpilogue, EpilogueMaps, HeavyKernels } from './heavyKernels';

/** C[M,N] += A[M,K] * B[K,N], all row-major; inner loop over contiguous N. */
export function gemmAccumulate(m: number, n: number, k: number, a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, c: Float32Array, cOffset: number): void {
  for (let i = 0; i < m; i++) {
    const cRow = cOffset + i * n;
    for (let p = 0; p < k; p++) {
      const scale = a[aOffset + i * k + p];
      if (scale === 0) continue;
      const bRow = bOffset + p * n;
      for (let j = 0; j < n; j++) c[cRow + j] += scale * b[bRow + j];
    }
  }
}

function fillBias(out: Float32Array, bias: Float32Array | null, channels: number, plane: number): void {
  if (!bias) return;
  for (let c = 0; c < channels; c++) out.fill(bias[c], c * plane, (c + 1) * plane);
}

/** Rows `(ci, ky, kx)` of the column matrix for one group, columns the output pixels. */
function im2col(g: Conv2dGeometry, input: Float32Array, firstChannel: number, channels: number, col: Float32Array): void {
  const { inHeight: h, inWidth: w, kernelHeight: kh, kernelWidth: kw, outHeight: oh, outWidth: ow } = g;
  let row = 0;
  for (let ci = 0; ci < channels; ci++) {
    const plane = (firstChannel + ci) * h * w;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++, row++) {
        const rowOffset = row * oh * ow;
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
          const dst = rowOffset + oy * ow;
          if (iy < 0 || iy >= h) {
            col.fill(0, dst, dst + ow);
            continue;
          }
          const src = plane + iy * w;
          for (let ox = 0; ox < ow; ox++) {
            const ix = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
            col[dst + ox] = ix >= 0 && ix < w ? input[src + ix] : 0;
          }
        }
      }
    }
  }
}

function depthwise(g: Conv2dGeometry, input: Float32Array, weight: Float32Array, out: Float32Array): void {
  const { inHeight: h, inWidth: w, kernelHeight: kh, kernelWidth: kw, outHeight: oh, outWidth: ow } = g;
  const multiplier = g.outChannels / g.inChannels;
  for (let co = 0; co < g.outChannels; co++) {
    const inPlane = Math.floor(co / multiplier) * h * w;
    const outPlane = co * oh * ow;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const tap = weight[(co * kh + ky) * kw + kx];
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
          if (iy < 0 || iy >= h) continue;
          const src = inPlane + iy * w;
          const dst = outPlane + oy * ow;
          for (let ox = 0; ox < ow; ox++) {
            const ix = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
            if (ix >= 0 && ix < w) out[dst + ox] += tap * input[src + ix];
          }
        }
      }
    }
  }
}

function isPointwise(g: Conv2dGeometry): boolean {
  return (
    g.kernelHeight === 1 &&
    g.kernelWidth === 1 &&
    g.strideHeight === 1 &&
    g.strideWidth === 1 &&
    g.padTop === 0 &&
    g.padLeft === 0 &&
    g.outHeight === g.inHeight &&
    g.outWidth === g.inWidth
  );
}

function conv2dEpilogue(g: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null, epilogue: ConvEpilogue): EpilogueMaps {
  return applyEpilogue(conv2d(g, input, weight, bias), g.outHeight * g.outWidth, epilogue);
}

function conv2d(g: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null): Float32Array {
  const plane = g.outHeight * g.outWidth;
  const out = new Float32Array(g.outChannels * plane);
  fillBias(out, bias, g.outChannels, plane);
  const inPerGroup = g.inChannels / g.groups;
  const outPerGroup = g.outChannels / g.groups;
  if (g.groups === g.inChannels && inPerGroup === 1) {
    depthwise(g, input, weight, out);
    return out;
  }
  const k = inPerGroup * g.kernelHeight * g.kernelWidth;
  const col = isPointwise(g) ? null : new Float32Array(k * plane);
  for (let group = 0; group < g.groups; group++) {
    let b = input;
    let bOffset = group * inPerGroup * plane;
    if (col) {
      im2col(g, input, group * inPerGroup, inPerGroup, col);
      b = col;
      bOffset = 0;
    }
    gemmAccumulate(outPerGroup, plane, k, weight, group * outPerGroup * k, b, bOffset, out, group * outPerGroup * plane);
  }
  return out;
}

function convTranspose2d(g: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null): Float32Array {
  const { inHeight: h, inWidth: w, kernelHeight: kh, kernelWidth: kw, outHeight: oh, outWidth: ow } = g;
  const outPlane = oh * ow;
  const inPlane = h * w;
  const out = new Float32Array(g.outChannels * outPlane);
  fillBias(out, bias, g.outChannels, outPlane);
  const inPerGroup = g.inChannels / g.groups;
  const outPerGroup = g.outChannels / g.groups;
  const rows = outPerGroup * kh * kw;
  const transposedWeight = new Float32Array(rows * inPerGroup);
  const col = new Float32Array(rows * inPlane);
  for (let group = 0; group < g.groups; group++) {
    // Weight rows are input channels; the column matrix needs them as the inner dimension.
    const base = group * inPerGroup * rows;
    for (let ci = 0; ci < inPerGroup; ci++) {
      for (let r = 0; r < rows; r++) transposedWeight[r * inPerGroup + ci] = weight[base + ci * rows + r];
    }
    col.fill(0);
    gemmAccumulate(rows, inPlane, inPerGroup, transposedWeight, 0, input, group * inPerGroup * inPlane, col, 0);
    for (let co = 0; co < outPerGroup; co++) {
      const dstPlane = (group * outPerGroup + co) * outPlane;
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          const src = ((co * kh + ky) * kw + kx) * inPlane;
          for (let iy = 0; iy < h; iy++) {
            const oy = iy * g.strideHeight - g.padTop + ky * g.dilationHeight;
            if (oy < 0 || oy >= oh) continue;
            for (let ix = 0; ix < w; ix++) {
              const ox = ix * g.strideWidth - g.padLeft + kx * g.dilationWidth;
              if (ox >= 0 && ox < ow) out[dstPlane + oy * ow + ox] += col[src + iy * w + ix];
            }
          }
        }
      }
    }
  }
  return out;
}

/** The plain TypeScript implementation of the heavy kernels. */
export const tsKernels: HeavyKernels = { name: 'typescript', conv2d, conv2dEpilogue, convTranspose2d };
