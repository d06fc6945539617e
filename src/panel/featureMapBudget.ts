/**
 * How big the feature-map pictures the host posts to the webview may be. One message stays
 * under `FEATURE_MAP_MESSAGE_BYTES`: the input picture and the whole-model strip get fixed
 * shares, the selected layer's grid the rest, and each picture is downsampled (box filter)
 * until it fits. Full-resolution maps stay in the host; the webview asks for one layer's
 * channels at full resolution, one message's worth at a time. Pure.
 */
import type { ToPanel } from '../protocol';

/** The most bytes one feature-map message may carry (pixels plus the JSON around them). */
export const FEATURE_MAP_MESSAGE_BYTES = 1_000_000;
/** Left for everything that is not pixels: ranges, tiles, notes, shapes. */
const JSON_RESERVE_BYTES = 48_000;
/** The input picture's longer side: enough to recognise the image (at most 64 KB of RGBA). */
export const INPUT_PICTURE_EDGE = 128;
/** The strip's share: one tile per layer, shrunk when a model has many layers. */
const STRIP_BYTES = 240_000;
const STRIP_MAX_EDGE = 40;
const STRIP_MIN_EDGE = 8;
/** Largest thumbnail side in the layer's grid, and the smallest worth drawing. */
const THUMBNAIL_MAX_EDGE = 64;
const THUMBNAIL_MIN_EDGE = 4;
export const GRID_GAP = 2;

/** Bytes of a picture of `width` x `height` RGBA pixels. */
const rgbaBytes = (width: number, height: number): number => width * height * 4;

/** Bytes left for the selected layer's grid. */
export const GRID_BYTES = FEATURE_MAP_MESSAGE_BYTES - JSON_RESERVE_BYTES - rgbaBytes(INPUT_PICTURE_EDGE, INPUT_PICTURE_EDGE) - STRIP_BYTES;

/** Tile side and how many layers the strip shows: all of them, unless even the smallest tiles overflow its share. */
export function planStrip(layers: number): { edge: number; layers: number } {
  const edge = Math.max(STRIP_MIN_EDGE, Math.min(STRIP_MAX_EDGE, Math.floor(Math.sqrt(STRIP_BYTES / Math.max(layers, 1) / 4)) - GRID_GAP));
  const fit = Math.floor(STRIP_BYTES / rgbaBytes(edge + GRID_GAP, edge));
  return { edge, layers: Math.min(layers, fit) };
}

/** Cells of a near-square grid of `channels` thumbnails (`ceil(sqrt(n))` columns): the last row may have empty ones. */
export function gridCells(channels: number): number {
  const columns = Math.max(1, Math.ceil(Math.sqrt(channels)));
  return columns * Math.ceil(Math.max(channels, 1) / columns);
}

/**
 * The longest thumbnail side that lets `channels` thumbnails (and their gaps) fit in
 * `bytes`: at most THUMBNAIL_MAX_EDGE, at least THUMBNAIL_MIN_EDGE.
 */
export function thumbnailEdge(channels: number, bytes = GRID_BYTES): number {
  const edge = Math.floor(Math.sqrt(bytes / gridCells(channels) / 4)) - GRID_GAP;
  return Math.max(THUMBNAIL_MIN_EDGE, Math.min(THUMBNAIL_MAX_EDGE, edge));
}

/**
 * How a plane of `height` x `width` becomes a thumbnail of at most `edge` pixels a side:
 * shrunk by `factor` when larger, enlarged by the integer `zoom` when smaller.
 */
export function fitPlane(height: number, width: number, edge: number): { factor: number; zoom: number } {
  const longest = Math.max(height, width, 1);
  if (longest > edge) return { factor: Math.ceil(longest / edge), zoom: 1 };
  return { factor: 1, zoom: Math.max(1, Math.floor(edge / longest)) };
}

/** The size of a message as it crosses to the webview: typed arrays as their bytes, the rest as JSON. */
export function messageBytes(message: ToPanel): number {
  let pixels = 0;
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) {
      pixels += value.byteLength;
      return 0;
    }
    return value;
  });
  return pixels + json.length;
}
