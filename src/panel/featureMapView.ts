/**
 * Turns a feature-map run into what the panel shows for one layer: the channel grid as
 * viridis RGBA pixels (drawn here with the engine's renderer, so the panel, the CLI and the
 * preview command show the same picture), the thumbnails' geometry and value ranges, the
 * run's notes and, when the layer has no output, the reason. Pure: no `vscode`, no DOM.
 */
import type { FeatureMapsView } from '../protocol';
import type { FeatureMapOutcome } from '../featureMaps/workerProtocol';
import { channelPlanes, renderChannelGrid } from '../engine/image/featureGrid';

/** Thumbnails drawn per layer: enough to see the pattern, small enough to post quickly. */
export const MAX_PANEL_CHANNELS = 64;
/** Target edge of one thumbnail in pixels. */
const THUMBNAIL_PIXELS = 48;
const GAP = 2;

/** The parts of a `FeatureMapSnapshot` the view needs. */
export interface FeatureMapRun {
  readonly outcome?: FeatureMapOutcome;
  readonly error?: string;
}

/**
 * The section for layer `index` at `layerPath` after `run`. A layer that was not computed
 * gets the run's failure (or a generic reason) as `problem`; notes always pass through.
 */
export function buildFeatureMapsView(index: number, layerPath: string, run: FeatureMapRun): FeatureMapsView {
  const outcome = run.outcome;
  const notes = outcome?.notes ?? [];
  if (run.error !== undefined) return { index, status: 'done', notes, problem: run.error };
  const tensor = outcome?.outputs.find((output) => output.key === layerPath)?.tensor;
  // A graph run stops branch by branch: a layer's own reason, and none for a layer that ran.
  const stopped = outcome?.stopped?.find((node) => node.key === layerPath);
  const failure = stopped ? `${stopped.key}: ${stopped.message}` : outcome?.failure && !outcome.stopped ? `${outcome.failure.path}: ${outcome.failure.message}` : undefined;
  if (!tensor) {
    const problem =
      failure ??
      (outcome?.cancelled
        ? 'The run was cancelled before this layer.'
        : `No feature maps for ${layerPath}: the preview runs the model's layers in order and did not reach this one.`);
    return { index, status: 'done', notes, problem };
  }
  const { height, width } = channelPlanes(tensor);
  const zoom = Math.max(1, Math.floor(THUMBNAIL_PIXELS / Math.max(height, width)));
  const shown = Math.min(channelPlanes(tensor).channels, MAX_PANEL_CHANNELS);
  const columns = Math.max(1, Math.ceil(Math.sqrt(shown)));
  const grid = renderChannelGrid(tensor, { scaling: 'channel', columns, maxChannels: MAX_PANEL_CHANNELS, zoom, gap: GAP });
  return {
    index,
    status: 'done',
    shape: `[${tensor.shape.join(', ')}]`,
    grid: {
      width: grid.width,
      height: grid.height,
      columns,
      cellWidth: width * zoom,
      cellHeight: height * zoom,
      gap: GAP,
      // A fresh Uint8Array over the pixels: typed arrays cross postMessage as bytes, not JSON numbers.
      rgba: new Uint8Array(grid.rgba.buffer, grid.rgba.byteOffset, grid.rgba.byteLength),
      ranges: grid.ranges.map(({ min, max }) => ({ min, max })),
      channelsShown: grid.channelsShown,
      channelsTotal: grid.channelsTotal,
    },
    notes,
    // This layer ran; the failure is about a later one, and says which.
    ...(failure ? { problem: `Later layers not computed: ${failure}` } : {}),
  };
}

/** The section before anything was computed, or while a run is under way. */
export function pendingFeatureMapsView(index: number, progress?: string): FeatureMapsView {
  return progress === undefined ? { index, status: 'idle', notes: [] } : { index, status: 'running', progress, notes: [] };
}
