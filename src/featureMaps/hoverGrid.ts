/**
 * The small grid of a layer's first channels shown in the editor's hover: a PNG (as a `data:`
 * URI, which VS Code's hover Markdown renders as an image) of at most HOVER_CHANNELS
 * thumbnails of at most HOVER_THUMBNAIL pixels a side, each with its own range. Built only
 * from maps already computed; a hover never starts a run. Pure.
 */
import { shrinkPlanes } from '../engine/image/downsample';
import { channelPlanes, encodeRgbaPng, renderChannelGrid } from '../engine/image/featureGrid';
import type { Tensor } from '../engine/kernels/tensor';

/** Channels in the hover's grid: enough to see what the layer does, small enough to stay out of the way. */
export const HOVER_CHANNELS = 16;
/** Longest side of one thumbnail in the hover. */
export const HOVER_THUMBNAIL = 32;

/** What the hover shows for a layer's output. */
export interface HoverGrid {
  readonly dataUri: string;
  readonly width: number;
  readonly height: number;
  readonly channelsShown: number;
  readonly channelsTotal: number;
}

/** Base64 without Buffer (the web extension host has none). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The first channels of `tensor` as a PNG grid, shrunk or enlarged to thumbnails of about HOVER_THUMBNAIL pixels. */
export function hoverGrid(tensor: Tensor): HoverGrid {
  const { channels, height, width } = channelPlanes(tensor);
  const shown = Math.min(channels, HOVER_CHANNELS);
  const longest = Math.max(height, width, 1);
  const factor = Math.max(1, Math.ceil(longest / HOVER_THUMBNAIL));
  const zoom = factor > 1 ? 1 : Math.max(1, Math.floor(HOVER_THUMBNAIL / longest));
  const small = shrinkPlanes(tensor, factor, 0, shown);
  const grid = renderChannelGrid(small, { columns: Math.min(shown, 8), maxChannels: shown, zoom, gap: 1 });
  return {
    dataUri: `data:image/png;base64,${toBase64(encodeRgbaPng(grid.width, grid.height, grid.rgba))}`,
    width: grid.width,
    height: grid.height,
    channelsShown: shown,
    channelsTotal: channels,
  };
}
