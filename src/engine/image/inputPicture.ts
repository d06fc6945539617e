/**
 * The model's input drawn for people, as the model sees it: after the crop or letterbox,
 * the resize and the normalization. Three channels are drawn as RGB and one as gray, with
 * one value range for the whole tensor, so what normalization did to each channel's
 * balance stays visible. Pure.
 */
import type { Tensor } from '../kernels/tensor';
import { shrinkPlanes } from './downsample';
import { channelPlanes, type RenderedGrid } from './featureGrid';

/** Draws a batch-1 NCHW input at most `maxEdge` pixels on its longer side (box-filtered). */
export function renderInputPicture(tensor: Tensor, maxEdge: number): RenderedGrid & { readonly downsampled: number } {
  const planes = channelPlanes(tensor);
  const factor = Math.max(1, Math.ceil(Math.max(planes.height, planes.width) / Math.max(1, maxEdge)));
  const colour = planes.channels >= 3 ? 3 : 1;
  const small = shrinkPlanes(tensor, factor, 0, colour);
  const [, , height, width] = small.shape;
  let min = Infinity;
  let max = -Infinity;
  for (const value of small.data) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const span = max - min;
  const plane = height * width;
  const rgba = new Uint8ClampedArray(plane * 4);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      const value = small.data[(colour === 3 ? c : 0) * plane + i];
      rgba[i * 4 + c] = span > 0 ? Math.round(((value - min) / span) * 255) : 0;
    }
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba, ranges: [{ min, max }], channelsShown: colour, channelsTotal: planes.channels, downsampled: factor };
}
