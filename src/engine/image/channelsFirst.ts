/**
 * Channels-last feature maps (Keras, TF.js: `[N, H, W, C]`) as the picture renderers read
 * them, channels first (`[N, C, H, W]`): one contiguous plane per channel. The values are
 * the same; only their order changes, once per map shown.
 */
import type { Tensor } from '../kernels/tensor';

/** `[N, ...spatial, C]` -> `[N, C, ...spatial]`; a tensor of rank 2 or less is returned as is. */
export function channelsFirst(tensor: Tensor): Tensor {
  const shape = tensor.shape;
  if (shape.length <= 2) return tensor;
  const batch = shape[0];
  const channels = shape[shape.length - 1];
  const spatial = shape.slice(1, -1);
  const plane = spatial.reduce((a, b) => a * b, 1);
  const data = new Float32Array(tensor.data.length);
  for (let n = 0; n < batch; n++) {
    const base = n * plane * channels;
    for (let p = 0; p < plane; p++) {
      const from = base + p * channels;
      for (let c = 0; c < channels; c++) data[base + c * plane + p] = tensor.data[from + c];
    }
  }
  return { shape: [batch, channels, ...spatial], data };
}

const reordered = new WeakMap<Tensor, Tensor>();

/** The picture of a map in `layout`: channels-last maps are reordered (memoised per tensor), channels-first ones pass through. */
export function pictureTensor(tensor: Tensor, layout: 'channels-first' | 'channels-last' | undefined): Tensor {
  if (layout !== 'channels-last') return tensor;
  let picture = reordered.get(tensor);
  if (!picture) {
    picture = channelsFirst(tensor);
    reordered.set(tensor, picture);
  }
  return picture;
}
