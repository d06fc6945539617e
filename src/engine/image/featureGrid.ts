/**
 * Renders feature maps for people: a perceptual colormap (viridis, interpolated from
 * its 9-step palette), a grid of channel thumbnails into an RGBA buffer with the value
 * range of each channel, and PNG encoding (for `conv-inspector preview`).
 */
import { encode } from 'fast-png';
import type { Tensor } from '../kernels/tensor';

/** matplotlib's viridis sampled at 9 evenly spaced points. */
const viridisStops: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
];

/** 256-entry RGB lookup table of the colormap. */
export const viridisTable: Uint8Array = (() => {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const position = (i / 255) * (viridisStops.length - 1);
    const low = Math.min(Math.floor(position), viridisStops.length - 2);
    const t = position - low;
    for (let c = 0; c < 3; c++) table[i * 3 + c] = Math.round(viridisStops[low][c] * (1 - t) + viridisStops[low + 1][c] * t);
  }
  return table;
})();

export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

export interface GridOptions {
  /** `channel`: each thumbnail uses its own min/max; `layer`: one range for the whole layer. */
  readonly scaling?: 'channel' | 'layer';
  /** Columns of the grid; default close to a square. */
  readonly columns?: number;
  /** At most this many channels are drawn (the first ones); default 64. */
  readonly maxChannels?: number;
  /** Each value becomes a `zoom` x `zoom` block; default: enough for ~64 px thumbnails. */
  readonly zoom?: number;
  /** Gap between thumbnails in pixels; default 2. */
  readonly gap?: number;
  /**
   * The range each drawn channel is scaled with, overriding `scaling` (a downsampled grid is
   * coloured with its full-resolution ranges, a per-layer toggle with the whole layer's).
   */
  readonly ranges?: readonly ValueRange[];
}

export interface RenderedGrid {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
  /** Range of every drawn channel (for the hover's min/max). */
  readonly ranges: ValueRange[];
  readonly channelsShown: number;
  readonly channelsTotal: number;
}

/** Channels, height and width of one batch item: `[N, C, H, W]`, `[N, C, L]` (one row) or `[N, F]` (one channel). */
export function channelPlanes(tensor: Tensor): { channels: number; height: number; width: number } {
  const [, c = 1, ...rest] = tensor.shape;
  if (tensor.shape.length <= 2) return { channels: 1, height: 1, width: c };
  if (rest.length === 1) return { channels: c, height: 1, width: rest[0] };
  const width = rest[rest.length - 1];
  const height = rest.slice(0, -1).reduce((a, b) => a * b, 1);
  return { channels: c, height, width };
}

/** The smallest and largest value of `data[from..to)`. */
export function rangeOf(data: Float32Array, from: number, to: number): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Draws the first batch item's channels as colormapped thumbnails on a dark background. */
export function renderChannelGrid(tensor: Tensor, options: GridOptions = {}): RenderedGrid {
  const { channels, height, width } = channelPlanes(tensor);
  const shown = Math.min(channels, options.maxChannels ?? 64);
  const columns = options.columns ?? Math.ceil(Math.sqrt(shown));
  const rows = Math.ceil(shown / columns);
  const zoom = options.zoom ?? Math.max(1, Math.floor(64 / Math.max(height, width)));
  const gap = options.gap ?? 2;
  const cellW = width * zoom;
  const cellH = height * zoom;
  const outW = columns * cellW + (columns - 1) * gap;
  const outH = rows * cellH + (rows - 1) * gap;
  const rgba = new Uint8ClampedArray(outW * outH * 4);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  const plane = height * width;
  const ranges = Array.from({ length: shown }, (_, c) => options.ranges?.[c] ?? rangeOf(tensor.data, c * plane, (c + 1) * plane));
  const layerRange = ranges.reduce((acc, r) => ({ min: Math.min(acc.min, r.min), max: Math.max(acc.max, r.max) }), { min: Infinity, max: -Infinity });
  for (let c = 0; c < shown; c++) {
    const range = options.scaling === 'layer' && !options.ranges ? layerRange : ranges[c];
    const span = range.max - range.min;
    const originX = (c % columns) * (cellW + gap);
    const originY = Math.floor(c / columns) * (cellH + gap);
    for (let y = 0; y < cellH; y++) {
      const row = c * plane + Math.floor(y / zoom) * width;
      for (let x = 0; x < cellW; x++) {
        const value = tensor.data[row + Math.floor(x / zoom)];
        // A constant channel (span 0) is drawn at the low end, NaN at the high end.
        const level = span > 0 ? Math.round(((value - range.min) / span) * 255) : Number.isNaN(value) ? 255 : 0;
        const index = Math.min(Math.max(level, 0), 255) * 3;
        const at = ((originY + y) * outW + originX + x) * 4;
        rgba[at] = viridisTable[index];
        rgba[at + 1] = viridisTable[index + 1];
        rgba[at + 2] = viridisTable[index + 2];
      }
    }
  }
  return { width: outW, height: outH, rgba, ranges, channelsShown: shown, channelsTotal: channels };
}

/**
 * The compact whole-model strip: one channel of every layer side by side, each scaled
 * to `cellSize` pixels high (nearest neighbour) and colormapped with its own range.
 */
export function renderLayerStrip(outputs: readonly Tensor[], channel = 0, cellSize = 48, gap = 2): RenderedGrid {
  const cells = outputs.map((tensor) => {
    const planes = channelPlanes(tensor);
    const c = Math.min(channel, planes.channels - 1);
    const plane = planes.height * planes.width;
    const single: Tensor = { shape: [1, 1, planes.height, planes.width], data: tensor.data.subarray(c * plane, (c + 1) * plane) };
    const zoom = Math.max(1, Math.floor(cellSize / Math.max(planes.height, planes.width)));
    return renderChannelGrid(single, { zoom, gap: 0 });
  });
  const width = cells.reduce((sum, cell) => sum + cell.width, 0) + Math.max(cells.length - 1, 0) * gap;
  const height = cells.reduce((max, cell) => Math.max(max, cell.height), 0);
  const rgba = new Uint8ClampedArray(Math.max(width, 0) * height * 4);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  let x0 = 0;
  for (const cell of cells) {
    for (let y = 0; y < cell.height; y++) {
      rgba.set(cell.rgba.subarray(y * cell.width * 4, (y + 1) * cell.width * 4), (y * width + x0) * 4);
    }
    x0 += cell.width + gap;
  }
  return { width, height, rgba, ranges: cells.map((cell) => cell.ranges[0]), channelsShown: cells.length, channelsTotal: cells.length };
}

/** Encodes an RGBA buffer as PNG bytes. */
export function encodeRgbaPng(width: number, height: number, rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  return encode({ width, height, data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength), channels: 4, depth: 8 });
}
