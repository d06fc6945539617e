/**
 * Downsampling of feature maps for display: each channel plane is reduced by an integer
 * factor with a box filter (the mean of each `factor` x `factor` block, partial blocks at
 * the edges averaged over what they hold), so a thumbnail keeps the plane's average
 * pattern instead of the aliasing that skipping pixels gives. Pure.
 */
import type { Tensor } from '../kernels/tensor';
import { channelPlanes } from './featureGrid';

/**
 * Channels `first .. first + count - 1` of the first batch item, each plane shrunk by
 * `factor` (1: copied as they are), as a `[1, count, h, w]` tensor.
 */
export function shrinkPlanes(tensor: Tensor, factor: number, first = 0, count = Infinity): Tensor {
  const { channels, height, width } = channelPlanes(tensor);
  const from = Math.min(Math.max(first, 0), channels);
  const shown = Math.max(0, Math.min(count, channels - from));
  const f = Math.max(1, Math.floor(factor));
  const outH = Math.ceil(height / f);
  const outW = Math.ceil(width / f);
  const plane = height * width;
  const data = new Float32Array(shown * outH * outW);
  for (let c = 0; c < shown; c++) {
    const base = (from + c) * plane;
    for (let y = 0; y < outH; y++) {
      const y1 = Math.min((y + 1) * f, height);
      for (let x = 0; x < outW; x++) {
        const x1 = Math.min((x + 1) * f, width);
        let sum = 0;
        for (let yy = y * f; yy < y1; yy++) for (let xx = x * f; xx < x1; xx++) sum += tensor.data[base + yy * width + xx];
        data[(c * outH + y) * outW + x] = sum / ((y1 - y * f) * (x1 - x * f));
      }
    }
  }
  return { shape: [1, shown, outH, outW], data };
}
