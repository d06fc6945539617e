/**
 * Every message between the extension host and the inspector webview, both ways, plus the
 * runtime guard for what the webview sends. The webview is untrusted input (it renders
 * strings from the user's files): the host only acts on messages `parseFromPanel` accepts.
 * Pure: no `vscode`, no DOM, so both bundles and the unit tests import it.
 */
import type { ExportFormat } from './analysis/exportFormats';
import { isExportFormat } from './analysis/exportFormats';

/** One cell group of a table row, already formatted by the host (the webview only displays). */
export interface TableRowView {
  /** Index of the record in `ModelReport.layers`: the row's identity in every message. */
  readonly index: number;
  readonly path: string;
  readonly kind: string;
  /** Key arguments, `-` when the layer has none: kernel, stride, padding, dilation, groups. */
  readonly k: string;
  readonly s: string;
  readonly p: string;
  readonly d: string;
  readonly g: string;
  readonly input: string;
  readonly output: string;
  /** Null when the count is unknown (shown as `?`, never 0). */
  readonly params: number | null;
  readonly macs: number | null;
  readonly receptiveField: string;
  /** 0-based source line of the constructor call. */
  readonly line: number;
  /**
   * In a notebook: the cell the constructor call is in (0-based index among all cells) and
   * its 0-based line there; `line` is then in the active cell's coordinates, where the lines
   * of other cells lie past its end.
   */
  readonly place?: { readonly cell: number; readonly line: number };
  /** Worst severity of the row's issues, absent when it has none. */
  readonly severity?: 'error' | 'warning' | 'info';
  /** The issues' messages, one per line: the row's tooltip. */
  readonly issueText?: string;
}

/** The totals row: counts of the whole model (shared layers once), memory in bytes for float32. */
export interface TotalsView {
  readonly params: number;
  readonly trainableParams: number;
  readonly macs: number;
  readonly flops: number;
  readonly weightBytes: number;
  readonly activationBytes: number;
  /** False when a count passed 2^53 and is only approximate. */
  readonly exact: boolean;
  /** Parameter holders whose count is unknown: the params (and weight memory) are then lower bounds. */
  readonly unknownParamLayers: number;
  /** Layer calls whose MACs are unknown: MACs and FLOPs are then lower bounds. */
  readonly unknownMacLayers: number;
  /** Layer calls whose output shape is unknown: the activation memory is then a lower bound. */
  readonly unknownOutputLayers: number;
}

/** One node of the graph view, formatted by the host. */
export interface GraphNodeView {
  /** The graph's node id (`layer1.0.conv1`, `add:3`, `input`): module paths group by its dots. */
  readonly id: string;
  /** Layer class name or op kind. */
  readonly kind: string;
  /** Output shape text, `?` when unknown; several outputs joined by ` | `. */
  readonly shape: string;
  /** Own parameters; null when unknown (shown as `?`, never 0). Ops have 0. */
  readonly params: number | null;
  /** Ids of the nodes this one reads, in argument order, each once. */
  readonly inputs: readonly string[];
  /** The record (table row) of a layer node. */
  readonly index?: number;
  /** Why the node's output is unknown or its input is not the whole story. */
  readonly note?: string;
}

/** The current model's dataflow graph for the graph view. */
export interface GraphView {
  readonly nodes: readonly GraphNodeView[];
  /** True when the front end built no graph and the view chains the records instead. */
  readonly fromRecords: boolean;
}

/** What the panel shows for one file. */
export interface PanelState {
  /** File name shown in the header; empty when no analysable editor is active. */
  readonly fileName: string;
  /** Shown instead of the table (no file, no model, analysis failed, ...). */
  readonly message?: string;
  /** Why part of the model (or the whole file) is unknown, one sentence with the fix: the panel's banner. */
  readonly reason?: string;
  /** The file's models: `label` tells them apart in the picker; `unused` classes are listed last. */
  readonly models: readonly { readonly name: string; readonly line: number; readonly label: string; readonly unused: boolean }[];
  readonly modelIndex: number;
  readonly modelInput: string;
  readonly inputSource: string;
  readonly rows: readonly TableRowView[];
  readonly totals: TotalsView | null;
  /** Row (record index) under the editor's cursor, or null. */
  readonly highlighted: number | null;
  /** The current model's graph (absent when there is no model). */
  readonly graph?: GraphView;
}

/** A per-axis picture: `values[y * width + x]` (coverage: 0/1; scatter: overlap counts). */
export interface GridPicture {
  readonly width: number;
  readonly height: number;
  readonly values: readonly number[];
  readonly caption: string;
}

/** Channel-to-group wiring of a grouped convolution. */
export interface GroupWiring {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly groups: number;
}

/** The detail block for one layer. */
export interface LayerDetailView {
  readonly index: number;
  readonly title: string;
  /** Output-size formula per spatial axis with the numbers filled in. */
  readonly formulas: readonly string[];
  readonly weightShapes: readonly string[];
  /** Labelled facts of the card: `Output` → `[1, 64, 32, 32]`. */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** Sentences under the facts: variant notes, the gridding explanation, the layer's issues. */
  readonly notes: readonly string[];
  readonly coverage?: GridPicture;
  readonly scatter?: GridPicture;
  readonly wiring?: GroupWiring;
}

/** One row of the compare-variants table. */
export interface VariantView {
  readonly label: string;
  /** The layer(s) the row stands for, e.g. `Conv2d(3, 30, 10, groups=3)`. */
  readonly description: string;
  /** Null when the framework would reject this variant (see the description). */
  readonly params: number | null;
  readonly macs: number | null;
  readonly receptiveField: string;
  readonly output: string;
  /** Params and MACs relative to the standard convolution; null when either is unknown. */
  readonly paramsRatio: number | null;
  readonly macsRatio: number | null;
  /** True for the row that is the user's own configuration (marked in the table). */
  readonly yours: boolean;
}

export interface VariantsView {
  readonly title: string;
  readonly rows: readonly VariantView[];
  /** Set instead of rows when the selected layer is not a convolution. */
  readonly message?: string;
}

/** One layer's feature maps drawn by the host: viridis RGBA pixels, row-major, `width * height * 4` bytes. */
export interface FeatureMapGridView {
  readonly width: number;
  readonly height: number;
  /** Geometry of the thumbnails, so the webview can tell which channel the pointer is on. */
  readonly columns: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly gap: number;
  readonly rgba: Uint8Array;
  /** Value range of every drawn channel (the thumbnail's tooltip). */
  readonly ranges: readonly { readonly min: number; readonly max: number }[];
  readonly channelsShown: number;
  readonly channelsTotal: number;
  /** The first drawn channel (a full-resolution page starts anywhere). */
  readonly firstChannel: number;
  /** Each thumbnail is the plane shrunk by this factor (1: full resolution). */
  readonly downsampled: number;
}

/** One tile of the whole-model strip: which layer it is and where it lies (pixels from the left). */
export interface FeatureMapStripTile {
  /** Record index of the layer (selects it when the tile is clicked); null when no record matches. */
  readonly index: number | null;
  readonly path: string;
  /** The node's kind (`Conv2D`, `cat`), when the strip follows the graph's main path. */
  readonly kind?: string;
  readonly x: number;
  readonly width: number;
}

/** One chosen channel of every computed layer, side by side, in the run's order. */
export interface FeatureMapStripView {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
  readonly tiles: readonly FeatureMapStripTile[];
  /** The channel asked for (a layer with fewer channels shows its last one). */
  readonly channel: number;
  /** Computed layers; more than `tiles.length` when the strip was cut to fit a message. */
  readonly layersTotal: number;
}

/** The input as the model sees it (cropped or letterboxed, resized, normalized), as RGB pixels. */
export interface FeatureMapInputView {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
  /** `[1, 3, 224, 224] · values -2.1 … 2.6`. */
  readonly caption: string;
}

/** How thumbnails are scaled: each channel with its own min/max, or the whole layer with one. */
export type FeatureMapScaling = 'channel' | 'layer';

/** The feature-map section of the selected layer. */
export interface FeatureMapsView {
  /** Record index of the layer the section is about. */
  readonly index: number;
  /** `idle`: nothing computed yet; `running`: a run is under way (Cancel is offered). */
  readonly status: 'idle' | 'running' | 'done';
  /** `3/4 conv2` while running. */
  readonly progress?: string;
  /** Layers done and to do while running (the progress bar). */
  readonly done?: number;
  readonly total?: number;
  readonly scaling?: FeatureMapScaling;
  readonly input?: FeatureMapInputView;
  readonly strip?: FeatureMapStripView;
  /** Output shape of the layer as computed, e.g. `[1, 16, 32, 32]`. */
  readonly shape?: string;
  readonly grid?: FeatureMapGridView;
  /** What was done: weights, image adaptation, where the run stopped. */
  readonly notes: readonly string[];
  /** Why there is no grid (over the memory budget, a branch the runner cannot follow, ...). */
  readonly problem?: string;
}

/** Host -> webview. */
export type ToPanel =
  /** The whole state: sent after `ready`, on a new analysis, a new active editor or model. */
  | { readonly type: 'state'; readonly state: PanelState }
  /** The cursor moved onto another layer (or off every layer). */
  | { readonly type: 'highlight'; readonly index: number | null }
  /** The detail of the selected layer. */
  | { readonly type: 'detail'; readonly detail: LayerDetailView }
  /** The compare-variants table for the selected layer. */
  | { readonly type: 'variants'; readonly variants: VariantsView }
  /** Outcome of a `setInputShape` request: an error text for the field, or ok. */
  | { readonly type: 'inputShapeResult'; readonly ok: boolean; readonly message?: string }
  /** The selected layer's feature maps (or the progress / problem of computing them). */
  | { readonly type: 'featureMaps'; readonly view: FeatureMapsView }
  /** Channels of one layer at full resolution (as many as one message holds), asked for by `zoomFeatureMap`. */
  | { readonly type: 'featureMapZoom'; readonly index: number; readonly grid: FeatureMapGridView };

/** Webview -> host. Untrusted: always through `parseFromPanel`. */
export type FromPanel =
  /** The webview script is running: the host (re)sends the last state. */
  | { readonly type: 'ready' }
  /** The model picker changed. */
  | { readonly type: 'selectModel'; readonly modelIndex: number }
  /** A row got the focus (arrow keys, click): the host answers with `detail`. */
  | { readonly type: 'selectLayer'; readonly index: number }
  /** A row was clicked or Enter pressed: the host reveals its source line. */
  | { readonly type: 'revealLayer'; readonly index: number }
  /** The input-shape field was submitted, e.g. `1, 3, 224, 224`. */
  | { readonly type: 'setInputShape'; readonly text: string }
  /** Compare variants of a conv row. */
  | { readonly type: 'requestVariants'; readonly index: number }
  /** Compute the feature maps of the current model and show those of layer `index`. */
  | { readonly type: 'computeFeatureMaps'; readonly index: number }
  /** Stop the feature-map run under way. */
  | { readonly type: 'cancelFeatureMaps' }
  /** Layer `index`'s channels from `firstChannel` on, at full resolution (the host answers `featureMapZoom`). */
  | { readonly type: 'zoomFeatureMap'; readonly index: number; readonly firstChannel: number }
  /** The scaling toggle and the strip's channel changed. */
  | { readonly type: 'featureMapOptions'; readonly scaling: FeatureMapScaling; readonly stripChannel: number }
  /** Save the table through the host's save dialog. */
  | { readonly type: 'export'; readonly format: ExportFormat }
  /** A graph node was clicked or Enter pressed: the host reveals its source (layer nodes use `revealLayer`). */
  | { readonly type: 'revealGraphNode'; readonly id: string }
  /** Save the graph view as SVG (text the webview serialised, checked by the guard). */
  | { readonly type: 'exportSvg'; readonly svg: string }
  /** Save a PNG the webview drew: `data:image/png;base64,...`. */
  | { readonly type: 'exportPng'; readonly dataUrl: string }
  /** A script error in the webview, for the host's log. */
  | { readonly type: 'log'; readonly message: string };

/** Longest text accepted from the webview (a PNG of a big table is a few MB). */
export const MAX_PNG_DATA_URL_LENGTH = 32 * 1024 * 1024;
const MAX_TEXT_LENGTH = 1000;
/** Highest channel the strip may be asked for (no framework layer has more channels). */
const MAX_CHANNEL_INDEX = 1 << 20;
const PNG_PREFIX = 'data:image/png;base64,';

type Fields = Record<string, unknown>;

const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isShortText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;

const parsers: Readonly<Record<FromPanel['type'], (fields: Fields) => FromPanel | undefined>> = {
  ready: () => ({ type: 'ready' }),
  selectModel: (f) => (isIndex(f.modelIndex) ? { type: 'selectModel', modelIndex: f.modelIndex } : undefined),
  selectLayer: (f) => (isIndex(f.index) ? { type: 'selectLayer', index: f.index } : undefined),
  revealLayer: (f) => (isIndex(f.index) ? { type: 'revealLayer', index: f.index } : undefined),
  computeFeatureMaps: (f) => (isIndex(f.index) ? { type: 'computeFeatureMaps', index: f.index } : undefined),
  cancelFeatureMaps: () => ({ type: 'cancelFeatureMaps' }),
  zoomFeatureMap: (f) => (isIndex(f.index) && isIndex(f.firstChannel) ? { type: 'zoomFeatureMap', index: f.index, firstChannel: f.firstChannel } : undefined),
  featureMapOptions: (f) =>
    (f.scaling === 'channel' || f.scaling === 'layer') && isIndex(f.stripChannel) && f.stripChannel <= MAX_CHANNEL_INDEX
      ? { type: 'featureMapOptions', scaling: f.scaling, stripChannel: f.stripChannel }
      : undefined,
  requestVariants: (f) => (isIndex(f.index) ? { type: 'requestVariants', index: f.index } : undefined),
  setInputShape: (f) => (isShortText(f.text) ? { type: 'setInputShape', text: f.text } : undefined),
  export: (f) => (isExportFormat(f.format) ? { type: 'export', format: f.format } : undefined),
  exportPng: (f) =>
    typeof f.dataUrl === 'string' &&
    f.dataUrl.startsWith(PNG_PREFIX) &&
    f.dataUrl.length <= MAX_PNG_DATA_URL_LENGTH &&
    /^[A-Za-z0-9+/]*={0,2}$/.test(f.dataUrl.slice(PNG_PREFIX.length))
      ? { type: 'exportPng', dataUrl: f.dataUrl }
      : undefined,
  revealGraphNode: (f) => (isShortText(f.id) ? { type: 'revealGraphNode', id: f.id } : undefined),
  exportSvg: (f) =>
    typeof f.svg === 'string' && f.svg.length <= MAX_PNG_DATA_URL_LENGTH && f.svg.startsWith('<svg ') && f.svg.trimEnd().endsWith('</svg>')
      ? { type: 'exportSvg', svg: f.svg }
      : undefined,
  log: (f) => (typeof f.message === 'string' ? { type: 'log', message: f.message.slice(0, MAX_TEXT_LENGTH) } : undefined),
};

/**
 * Accepts a message from the webview only when it is exactly one of the `FromPanel` shapes;
 * returns a fresh object with only the known fields (nothing else passes through), or
 * undefined. Never throws, whatever it is given (getters that throw, proxies, cycles).
 */
export function parseFromPanel(message: unknown): FromPanel | undefined {
  try {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
    const fields = message as Fields;
    const type = fields.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(parsers, type)) return undefined;
    return parsers[type as FromPanel['type']](fields);
  } catch {
    return undefined;
  }
}

/** A short, safe description of a rejected message for the log (never the whole payload). */
export function describeRejected(message: unknown): string {
  try {
    if (typeof message !== 'object' || message === null) return `non-object message (${typeof message})`;
    const type = (message as Fields).type;
    return `message with type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}`;
  } catch {
    return 'unreadable message';
  }
}

/** Typed send helper: whatever posts to the webview gets only `ToPanel` messages. */
export type PostToPanel = (message: ToPanel) => void;
/** Typed send helper on the webview side. */
export type PostFromPanel = (message: FromPanel) => void;
