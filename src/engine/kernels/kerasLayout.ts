/**
 * Channels-last (NHWC, Keras / TF.js) and channels-first (NCHW, the heavy kernels' layout)
 * transposes, used at the edges of the channels-last kernels that reuse NCHW code.
 */
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
