/**
 * Turns a feature-map run into what the panel shows: the selected layer's channel grid as
 * viridis RGBA pixels (drawn here with the engine's renderer, so the panel and the CLI show
 * the same picture), the input as the model sees it, the whole-model strip, the run's notes
 * and, when the layer has no output, the reason. Every picture is downsampled to keep one
 * message under FEATURE_MAP_MESSAGE_BYTES; `buildFeatureMapZoom` gives one layer's channels
 * at full resolution on demand. Pure: no `vscode`, no DOM.
 */
import type { FeatureMapGridView, FeatureMapInputView, FeatureMapScaling, FeatureMapStripView, FeatureMapsView } from '../protocol';
import type { FeatureMapOutcome } from '../featureMaps/workerProtocol';
import type { Tensor } from '../engine/kernels/tensor';
import { channelPlanes, rangeOf, renderChannelGrid, type ValueRange } from '../engine/image/featureGrid';
import { shrinkPlanes } from '../engine/image/downsample';
import { renderInputPicture } from '../engine/image/inputPicture';
import { pictureTensor } from '../engine/image/channelsFirst';
import { FEATURE_MAP_MESSAGE_BYTES, GRID_GAP, INPUT_PICTURE_EDGE, fitPlane, gridCells, planStrip, thumbnailEdge } from './featureMapBudget';

/** Thumbnails drawn per layer: enough to see the pattern, small enough to post quickly. */
export const MAX_PANEL_CHANNELS = 64;

/** The parts of a `FeatureMapSnapshot` the view needs. */
export interface FeatureMapRun {
  readonly outcome?: FeatureMapOutcome;
  readonly error?: string;
}

/** The user's display choices and the model's layer paths (record order), for the strip's tiles. */
export interface FeatureMapDisplay {
  readonly scaling?: FeatureMapScaling;
  readonly stripChannel?: number;
  readonly layerPaths?: readonly string[];
  /** The graph's main path (`mainPath`): the strip shows these nodes, in this order; without it, every output. */
  readonly mainPath?: readonly { readonly id: string; readonly kind: string }[];
}

const formatValue = (value: number): string => (Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : String(value));
const bytesOf = (rgba: Uint8ClampedArray): Uint8Array => new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);

/**
 * Channels `first ..` of a layer as a grid of thumbnails of at most `edge` pixels a side
 * (downsampled or enlarged to it). Colours use full-resolution ranges: each channel's own,
 * or with `layer` scaling one range over all channels of the layer.
 */
function layerGrid(tensor: Tensor, first: number, count: number, edge: number, scaling: FeatureMapScaling): FeatureMapGridView {
  const { channels, height, width } = channelPlanes(tensor);
  const plane = height * width;
  const shown = Math.max(0, Math.min(count, channels - first));
  const ranges: ValueRange[] = Array.from({ length: shown }, (_, c) => rangeOf(tensor.data, (first + c) * plane, (first + c + 1) * plane));
  const layerRange = scaling === 'layer' ? rangeOf(tensor.data, 0, channels * plane) : undefined;
  const { factor, zoom } = fitPlane(height, width, edge);
  const small = shrinkPlanes(tensor, factor, first, shown);
  const [, , cellRows, cellColumns] = small.shape;
  const columns = Math.max(1, Math.ceil(Math.sqrt(shown)));
  const grid = renderChannelGrid(small, { columns, maxChannels: shown, zoom, gap: GRID_GAP, ranges: layerRange ? ranges.map(() => layerRange) : ranges });
  return {
    width: grid.width,
    height: grid.height,
    columns,
    cellWidth: cellColumns * zoom,
    cellHeight: cellRows * zoom,
    gap: GRID_GAP,
    // A fresh Uint8Array over the pixels: typed arrays cross postMessage as bytes, not JSON numbers.
    rgba: bytesOf(grid.rgba),
    // The tooltips give each channel's own range, whatever the scaling.
    ranges: ranges.map(({ min, max }) => ({ min, max })),
    channelsShown: shown,
    channelsTotal: channels,
    firstChannel: first,
    downsampled: factor,
  };
}

function inputView(input: Tensor, layout: FeatureMapOutcome['layout']): FeatureMapInputView {
  const picture = renderInputPicture(pictureTensor(input, layout), INPUT_PICTURE_EDGE);
  const { min, max } = picture.ranges[0];
  const shrunk = picture.downsampled > 1 ? ` · shown at 1/${picture.downsampled}` : '';
  return {
    width: picture.width,
    height: picture.height,
    rgba: bytesOf(picture.rgba),
    caption: `[${input.shape.join(', ')}] · values ${formatValue(min)} … ${formatValue(max)}${shrunk}`,
  };
}

/** Record index of each output key (`path`, or `path#2` for a layer's second call). */
function recordIndexOf(key: string, layerPaths: readonly string[] | undefined): number | null {
  if (!layerPaths) return null;
  const [path, call = '1'] = key.split('#');
  let seen = 0;
  for (let index = 0; index < layerPaths.length; index++) {
    if (layerPaths[index] === path && ++seen === Number(call)) return index;
  }
  return layerPaths.indexOf(path) >= 0 ? layerPaths.indexOf(path) : null;
}

/**
 * The strip and input picture of a run, kept per run (and strip channel): they are the same
 * for every layer selected, and moving through the table should not redraw 60 tiles each time.
 */
const picturesOfRun = new WeakMap<FeatureMapOutcome, { key: string; strip: FeatureMapStripView; input?: FeatureMapInputView }>();

function runPictures(outcome: FeatureMapOutcome, channel: number, display: FeatureMapDisplay): { strip: FeatureMapStripView; input?: FeatureMapInputView } {
  const { layerPaths, mainPath } = display;
  const key = `${channel}|${layerPaths?.join('\n') ?? ''}|${mainPath?.map((node) => node.id).join('\n') ?? ''}`;
  const cached = picturesOfRun.get(outcome);
  if (cached?.key === key) return cached;
  const pictures = { key, strip: stripView(stripOutputs(outcome, mainPath), channel, layerPaths), ...(outcome.input ? { input: inputView(outcome.input, outcome.layout) } : {}) };
  picturesOfRun.set(outcome, pictures);
  return pictures;
}

/** The strip's maps as pictures: the main path's computed nodes (with their kind) when there is one, else every output. */
function stripOutputs(outcome: FeatureMapOutcome, mainPath: FeatureMapDisplay['mainPath']): { key: string; kind?: string; tensor: Tensor }[] {
  const picture = ({ key, tensor }: { key: string; tensor: Tensor }) => ({ key, tensor: pictureTensor(tensor, outcome.layout) });
  if (!mainPath || mainPath.length === 0) return outcome.outputs.map(picture);
  const byKey = new Map(outcome.outputs.map((output) => [output.key, output.tensor]));
  return mainPath.flatMap(({ id, kind }) => {
    const tensor = byKey.get(id);
    return tensor ? [{ ...picture({ key: id, tensor }), kind }] : [];
  });
}

/** One channel of every strip map, each tile shrunk to the strip's tile size, with its own range. */
function stripView(outputs: readonly { key: string; kind?: string; tensor: Tensor }[], channel: number, layerPaths: readonly string[] | undefined): FeatureMapStripView {
  const plan = planStrip(outputs.length);
  const tiles = outputs.slice(0, plan.layers).map(({ key, kind, tensor }) => {
    const { channels } = channelPlanes(tensor);
    return { key, kind, grid: layerGrid(tensor, Math.min(channel, channels - 1), 1, plan.edge, 'channel') };
  });
  const height = tiles.reduce((max, tile) => Math.max(max, tile.grid.height), 0);
  const width = tiles.reduce((sum, tile) => sum + tile.grid.width, 0) + Math.max(tiles.length - 1, 0) * GRID_GAP;
  const rgba = new Uint8Array(width * height * 4);
  let x = 0;
  const placed = tiles.map(({ key, kind, grid }) => {
    for (let y = 0; y < grid.height; y++) rgba.set(grid.rgba.subarray(y * grid.width * 4, (y + 1) * grid.width * 4), (y * width + x) * 4);
    const tile = { index: recordIndexOf(key, layerPaths), path: key, ...(kind ? { kind } : {}), x, width: grid.width };
    x += grid.width + GRID_GAP;
    return tile;
  });
  return { width, height, rgba, tiles: placed, channel, layersTotal: outputs.length };
}

/**
 * The section for layer `index` at `layerPath` after `run`. A layer that was not computed
 * gets the run's failure (or a generic reason) as `problem`; notes always pass through; the
 * input picture and the strip come with every computed run.
 */
export function buildFeatureMapsView(index: number, layerPath: string, run: FeatureMapRun, display: FeatureMapDisplay = {}): FeatureMapsView {
  const outcome = run.outcome;
  const notes = outcome?.notes ?? [];
  const scaling = display.scaling ?? 'channel';
  if (run.error !== undefined) return { index, status: 'done', notes, problem: run.error, scaling };
  const tensor = outcome?.outputs.find((output) => output.key === layerPath)?.tensor;
  // A graph run stops branch by branch: a layer's own reason, and none for a layer that ran.
  const stopped = outcome?.stopped?.find((node) => node.key === layerPath);
  const failure = stopped ? `${stopped.key}: ${stopped.message}` : outcome?.failure && !outcome.stopped ? `${outcome.failure.path}: ${outcome.failure.message}` : undefined;
  const computed = outcome ? runPictures(outcome, display.stripChannel ?? 0, display) : undefined;
  const pictures = {
    ...(computed?.input ? { input: computed.input } : {}),
    ...(computed && outcome && outcome.outputs.length > 0 ? { strip: computed.strip } : {}),
  };
  if (!tensor) {
    const problem =
      failure ??
      (outcome?.cancelled
        ? 'The run was cancelled before this layer.'
        : `No feature maps for ${layerPath}: the preview runs the model's layers in order and did not reach this one.`);
    return { index, status: 'done', notes, problem, scaling, ...pictures };
  }
  const picture = pictureTensor(tensor, outcome?.layout);
  const shown = Math.min(channelPlanes(picture).channels, MAX_PANEL_CHANNELS);
  return {
    index,
    status: 'done',
    // The shape as the framework has it (NHWC for Keras); the grid reads the channels either way.
    shape: `[${tensor.shape.join(', ')}]`,
    grid: layerGrid(picture, 0, shown, thumbnailEdge(shown), scaling),
    notes,
    scaling,
    ...pictures,
    // This layer ran; the failure is about a later one, and says which.
    ...(failure ? { problem: `Later layers not computed: ${failure}` } : {}),
  };
}

/**
 * Layer `layerPath`'s channels from `firstChannel` on at full resolution: as many as one
 * message holds (at least one; a single plane larger than a message is shrunk until it fits).
 */
export function buildFeatureMapZoom(layerPath: string, run: FeatureMapRun, firstChannel: number, scaling: FeatureMapScaling = 'channel'): FeatureMapGridView | undefined {
  const output = run.outcome?.outputs.find((candidate) => candidate.key === layerPath)?.tensor;
  if (!output) return undefined;
  const tensor = pictureTensor(output, run.outcome?.layout);
  const { channels, height, width } = channelPlanes(tensor);
  if (firstChannel >= channels) return undefined;
  const budget = FEATURE_MAP_MESSAGE_BYTES - 48_000;
  const planeBytes = (height + GRID_GAP) * (width + GRID_GAP) * 4;
  let count = Math.max(1, Math.min(channels - firstChannel, Math.floor(budget / planeBytes)));
  while (count > 1 && gridCells(count) * planeBytes > budget) count -= 1;
  // Full resolution: the edge is the plane's own, unless one plane alone is over the budget.
  const edge = planeBytes > budget ? Math.floor(Math.sqrt(budget / 4)) - GRID_GAP : Math.max(height, width);
  return layerGrid(tensor, firstChannel, count, edge, scaling);
}

/** The section before anything was computed, or while a run is under way. */
export function pendingFeatureMapsView(index: number, progress?: string, done?: number, total?: number): FeatureMapsView {
  if (progress === undefined) return { index, status: 'idle', notes: [] };
  return { index, status: 'running', progress, notes: [], ...(done !== undefined && total !== undefined ? { done, total } : {}) };
}
