/**
 * The "Feature maps" section: Compute / Cancel, progress, the channel grid the host drew
 * (viridis RGBA) on a canvas with each channel's min/max in the tooltip, the run's notes and
 * any problem as text. The canvas gets `data-drawn` once its pixels are in, for the e2e test.
 */
import type { FeatureMapGridView, FeatureMapsView } from '../src/protocol';
import { el } from './dom';

export interface FeatureMapActions {
  onCompute(index: number): void;
  onCancel(): void;
}

/** Typed arrays normally arrive as Uint8Array; an older host may send a plain index->byte object. */
function pixelsOf(rgba: unknown): Uint8ClampedArray<ArrayBuffer> {
  if (rgba instanceof Uint8Array) return new Uint8ClampedArray(rgba);
  if (rgba instanceof ArrayBuffer) return new Uint8ClampedArray(rgba);
  return Uint8ClampedArray.from(Object.values(rgba as Record<string, number>));
}

const formatValue = (value: number): string => (Number.isFinite(value) ? Number(value.toPrecision(4)).toString() : String(value));

/** Which drawn channel is under `(x, y)` in canvas pixels, or undefined in a gap. */
function channelAt(grid: FeatureMapGridView, x: number, y: number): number | undefined {
  const column = Math.floor(x / (grid.cellWidth + grid.gap));
  const row = Math.floor(y / (grid.cellHeight + grid.gap));
  if (column >= grid.columns || x - column * (grid.cellWidth + grid.gap) >= grid.cellWidth) return undefined;
  if (y - row * (grid.cellHeight + grid.gap) >= grid.cellHeight) return undefined;
  const channel = row * grid.columns + column;
  return channel < grid.channelsShown ? channel : undefined;
}

function drawGrid(grid: FeatureMapGridView): HTMLCanvasElement {
  const canvas = el('canvas', {
    id: 'feature-map-grid',
    width: grid.width,
    height: grid.height,
    'data-channels': grid.channelsTotal,
    role: 'img',
    'aria-label': `Feature maps: ${grid.channelsShown} of ${grid.channelsTotal} channels`,
  });
  const context = canvas.getContext('2d');
  const pixels = pixelsOf(grid.rgba);
  if (context && pixels.length === grid.width * grid.height * 4 && grid.width > 0) {
    context.putImageData(new ImageData(pixels, grid.width, grid.height), 0, 0);
    canvas.setAttribute('data-drawn', 'true');
  }
  canvas.addEventListener('mousemove', (event) => {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * grid.width) / Math.max(box.width, 1);
    const y = ((event.clientY - box.top) * grid.height) / Math.max(box.height, 1);
    const channel = channelAt(grid, x, y);
    const range = channel === undefined ? undefined : grid.ranges[channel];
    canvas.title = range && channel !== undefined ? `channel ${channel}: min ${formatValue(range.min)}, max ${formatValue(range.max)}` : '';
  });
  return canvas;
}

/** Builds the section for the selected layer. */
export function renderFeatureMaps(view: FeatureMapsView, actions: FeatureMapActions): HTMLElement {
  const section = el('section', { id: 'feature-maps', 'data-index': view.index, 'data-status': view.status, 'aria-label': 'Feature maps' }, el('h2', {}, 'Feature maps'));
  if (view.status === 'running') {
    const cancel = el('button', { type: 'button', id: 'cancel-feature-maps' }, 'Cancel');
    cancel.addEventListener('click', () => actions.onCancel());
    section.append(el('p', { id: 'feature-maps-progress', role: 'status' }, el('progress', {}), ' Computing ', view.progress ?? '', ' '), cancel);
  } else {
    const compute = el('button', { type: 'button', id: 'compute-feature-maps' }, view.status === 'done' ? 'Recompute feature maps' : 'Compute feature maps');
    compute.addEventListener('click', () => actions.onCompute(view.index));
    section.append(compute);
  }
  if (view.problem) section.append(el('p', { id: 'feature-maps-problem', class: 'error', role: 'alert' }, view.problem));
  if (view.grid) {
    const { channelsShown, channelsTotal } = view.grid;
    const count = channelsShown === channelsTotal ? `${channelsTotal} channels` : `first ${channelsShown} of ${channelsTotal} channels`;
    section.append(
      el(
        'figure',
        { class: 'feature-grid' },
        el('figcaption', { id: 'feature-maps-caption', 'data-channels': channelsTotal }, `${count} · output ${view.shape ?? ''} · per-channel scaling, hover for min/max`),
        drawGrid(view.grid),
      ),
    );
  }
  if (view.notes.length > 0) section.append(el('ul', { class: 'notes', id: 'feature-maps-notes' }, ...view.notes.map((note) => el('li', {}, note))));
  return section;
}
