/**
 * The "Feature maps" section: Compute / Cancel with a progress bar, the scaling toggle and the
 * strip's channel, the input as the model sees it, the selected layer's channel grid (each
 * thumbnail's min/max in the tooltip; a click asks the host for full-resolution pages), the
 * whole-model strip (a click on a tile selects that layer), the run's notes and any problem.
 * The host draws every picture (RGBA); canvases get `data-drawn` once their pixels are in.
 */
import type { FeatureMapGridView, FeatureMapScaling, FeatureMapStripTile, FeatureMapStripView, FeatureMapsView } from '../src/protocol';
import { el } from './dom';

export interface FeatureMapActions {
  onCompute(index: number): void;
  onCancel(): void;
  onOptions(scaling: FeatureMapScaling, stripChannel: number): void;
  onZoom(index: number, firstChannel: number): void;
  onSelectLayer(index: number): void;
}

/** Typed arrays normally arrive as Uint8Array; an older host may send a plain index->byte object. */
function pixelsOf(rgba: unknown): Uint8ClampedArray<ArrayBuffer> {
  if (rgba instanceof Uint8Array) return new Uint8ClampedArray(rgba);
  if (rgba instanceof ArrayBuffer) return new Uint8ClampedArray(rgba);
  return Uint8ClampedArray.from(Object.values(rgba as Record<string, number>));
}

const formatValue = (value: number): string => (Number.isFinite(value) ? Number(value.toPrecision(4)).toString() : String(value));

/** A canvas holding `width` x `height` RGBA pixels. */
function pictureCanvas(attrs: Record<string, string | number>, width: number, height: number, rgba: unknown): HTMLCanvasElement {
  const canvas = el('canvas', { ...attrs, width, height, role: 'img' });
  const context = canvas.getContext('2d');
  const pixels = pixelsOf(rgba);
  if (context && width > 0 && pixels.length === width * height * 4) {
    context.putImageData(new ImageData(pixels, width, height), 0, 0);
    canvas.setAttribute('data-drawn', 'true');
  }
  return canvas;
}

/** `(x, y)` of a pointer event in the canvas' own pixels (it may be drawn smaller). */
function canvasPoint(canvas: HTMLCanvasElement, event: MouseEvent): { x: number; y: number } {
  const box = canvas.getBoundingClientRect();
  return { x: ((event.clientX - box.left) * canvas.width) / Math.max(box.width, 1), y: ((event.clientY - box.top) * canvas.height) / Math.max(box.height, 1) };
}

/** Which drawn channel (counted from the grid's first) is under `(x, y)`, or undefined in a gap. */
function channelAt(grid: FeatureMapGridView, x: number, y: number): number | undefined {
  const column = Math.floor(x / (grid.cellWidth + grid.gap));
  const row = Math.floor(y / (grid.cellHeight + grid.gap));
  if (column >= grid.columns || x - column * (grid.cellWidth + grid.gap) >= grid.cellWidth) return undefined;
  if (y - row * (grid.cellHeight + grid.gap) >= grid.cellHeight) return undefined;
  const channel = row * grid.columns + column;
  return channel < grid.channelsShown ? channel : undefined;
}

/** The grid canvas; `onPick` gets the absolute channel number of a clicked thumbnail. */
function drawGrid(grid: FeatureMapGridView, id: string, onPick?: (channel: number) => void): HTMLCanvasElement {
  const last = grid.firstChannel + grid.channelsShown - 1;
  const canvas = pictureCanvas(
    { id, 'data-channels': grid.channelsTotal, 'data-downsampled': grid.downsampled, 'aria-label': `Feature maps: channels ${grid.firstChannel}–${last} of ${grid.channelsTotal}` },
    grid.width,
    grid.height,
    grid.rgba,
  );
  canvas.addEventListener('mousemove', (event) => {
    const { x, y } = canvasPoint(canvas, event);
    const channel = channelAt(grid, x, y);
    const range = channel === undefined ? undefined : grid.ranges[channel];
    canvas.title = range && channel !== undefined ? `channel ${grid.firstChannel + channel}: min ${formatValue(range.min)}, max ${formatValue(range.max)}` : '';
  });
  if (onPick) {
    canvas.addEventListener('click', (event) => {
      const { x, y } = canvasPoint(canvas, event);
      const channel = channelAt(grid, x, y);
      if (channel !== undefined) onPick(grid.firstChannel + channel);
    });
  }
  return canvas;
}

/** A tile's node id and, along the main path, its kind: `conv2d (Conv2D)`. */
function tileLabel(tile: FeatureMapStripTile): string {
  return tile.kind ? `${tile.path} (${tile.kind})` : tile.path;
}

function drawStrip(strip: FeatureMapStripView, selected: number, onSelect: (index: number) => void): HTMLElement {
  const canvas = pictureCanvas(
    { id: 'feature-map-strip', 'data-tiles': strip.tiles.length, 'aria-label': `Channel ${strip.channel} of every layer` },
    strip.width,
    strip.height,
    strip.rgba,
  );
  const tileAt = (event: MouseEvent) => {
    const { x } = canvasPoint(canvas, event);
    return strip.tiles.find((tile) => x >= tile.x && x < tile.x + tile.width);
  };
  canvas.addEventListener('mousemove', (event) => {
    const tile = tileAt(event);
    canvas.title = tile ? tileLabel(tile) : '';
  });
  canvas.addEventListener('click', (event) => {
    const tile = tileAt(event);
    if (tile && tile.index !== null) onSelect(tile.index);
  });
  const mark = strip.tiles.find((tile) => tile.index === selected);
  const cut = strip.tiles.length < strip.layersTotal ? ` · first ${strip.tiles.length} of ${strip.layersTotal} layers` : '';
  const along = strip.tiles.some((tile) => tile.kind) ? ' along the main path' : '';
  return el(
    'figure',
    { class: 'feature-strip' },
    el(
      'figcaption',
      { id: 'feature-map-strip-caption' },
      `Whole model: channel ${strip.channel} of each layer${along}${cut}${mark ? ` · selected: ${tileLabel(mark)}` : ''} · click a tile to select its layer`,
    ),
    el('div', { class: 'strip-scroll' }, canvas),
    el('div', { class: 'strip-labels', id: 'feature-map-strip-labels' }, strip.tiles.map(tileLabel).join(' → ')),
  );
}

function optionsBar(view: FeatureMapsView, actions: FeatureMapActions): HTMLElement {
  const scaling = el(
    'select',
    { id: 'feature-map-scaling', 'aria-label': 'Scaling' },
    el('option', { value: 'channel', selected: view.scaling !== 'layer' }, 'per-channel scaling'),
    el('option', { value: 'layer', selected: view.scaling === 'layer' }, 'per-layer scaling'),
  );
  const channel = el('input', { id: 'strip-channel', type: 'number', min: 0, step: 1, value: view.strip?.channel ?? 0, 'aria-label': 'Strip channel' });
  const send = (): void => actions.onOptions(scaling.value === 'layer' ? 'layer' : 'channel', Math.max(0, Math.floor(Number(channel.value) || 0)));
  scaling.addEventListener('change', send);
  channel.addEventListener('change', send);
  return el('div', { class: 'toolbar feature-options' }, scaling, el('label', { for: 'strip-channel' }, 'strip channel'), channel);
}

/** Builds the section for the selected layer. */
export function renderFeatureMaps(view: FeatureMapsView, actions: FeatureMapActions): HTMLElement {
  const section = el('section', { id: 'feature-maps', 'data-index': view.index, 'data-status': view.status, 'aria-label': 'Feature maps' }, el('h2', {}, 'Feature maps'));
  if (view.status === 'running') {
    const cancel = el('button', { type: 'button', id: 'cancel-feature-maps' }, 'Cancel');
    cancel.addEventListener('click', () => actions.onCancel());
    const bar = view.total ? el('progress', { value: view.done ?? 0, max: view.total }) : el('progress', {});
    section.append(el('p', { id: 'feature-maps-progress', role: 'status' }, bar, ' Computing ', view.progress ?? '', ' '), cancel);
  } else {
    const compute = el('button', { type: 'button', id: 'compute-feature-maps' }, view.status === 'done' ? 'Recompute feature maps' : 'Compute feature maps');
    compute.addEventListener('click', () => actions.onCompute(view.index));
    section.append(compute);
  }
  if (view.problem) section.append(el('p', { id: 'feature-maps-problem', class: 'error', role: 'alert' }, view.problem));
  if (view.status === 'done' && (view.grid || view.strip)) section.append(optionsBar(view, actions));
  if (view.grid) {
    const { channelsShown, channelsTotal, downsampled } = view.grid;
    const count = channelsShown === channelsTotal ? `${channelsTotal} channels` : `first ${channelsShown} of ${channelsTotal} channels`;
    const size = downsampled > 1 ? ` · shown at 1/${downsampled}` : '';
    const scaling = view.scaling === 'layer' ? 'per-layer scaling' : 'per-channel scaling';
    section.append(
      el(
        'figure',
        { class: 'feature-grid' },
        el(
          'figcaption',
          { id: 'feature-maps-caption', 'data-channels': channelsTotal },
          `${count} · output ${view.shape ?? ''} · ${scaling}${size} · hover for min/max, click for full resolution`,
        ),
        drawGrid(view.grid, 'feature-map-grid', (channel) => actions.onZoom(view.index, channel)),
      ),
      el('div', { id: 'feature-map-zoom-host' }),
    );
  }
  if (view.strip) section.append(drawStrip(view.strip, view.index, actions.onSelectLayer));
  if (view.input) {
    section.append(
      el(
        'figure',
        { class: 'feature-input' },
        el('figcaption', { id: 'feature-map-input-caption' }, `Input as the model sees it: ${view.input.caption}`),
        pictureCanvas({ id: 'feature-map-input', 'aria-label': 'Model input' }, view.input.width, view.input.height, view.input.rgba),
      ),
    );
  }
  if (view.notes.length > 0) section.append(el('ul', { class: 'notes', id: 'feature-maps-notes' }, ...view.notes.map((note) => el('li', {}, note))));
  return section;
}

/** One full-resolution page of a layer's channels, with buttons to the previous and next page. */
export function renderFeatureMapZoom(index: number, grid: FeatureMapGridView, actions: FeatureMapActions): HTMLElement {
  const last = grid.firstChannel + grid.channelsShown - 1;
  const previous = el('button', { type: 'button', id: 'zoom-previous', disabled: grid.firstChannel === 0 }, '◀');
  const next = el('button', { type: 'button', id: 'zoom-next', disabled: last >= grid.channelsTotal - 1 }, '▶');
  previous.addEventListener('click', () => actions.onZoom(index, Math.max(0, grid.firstChannel - grid.channelsShown)));
  next.addEventListener('click', () => actions.onZoom(index, last + 1));
  const size = grid.downsampled > 1 ? `at 1/${grid.downsampled} (one channel is larger than a message)` : 'at full resolution';
  return el(
    'figure',
    { class: 'feature-zoom', id: 'feature-map-zoom', 'data-first': grid.firstChannel },
    el('figcaption', { id: 'feature-map-zoom-caption' }, previous, ` channels ${grid.firstChannel}–${last} of ${grid.channelsTotal} ${size} `, next),
    drawGrid(grid, 'feature-map-zoom-grid'),
  );
}
