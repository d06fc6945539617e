/**
 * The inspector's table as data: rows, totals and the cursor-to-row mapping, built from a
 * FileAnalysis. Pure (no vscode, no DOM) so it is unit-tested in node and shared with the
 * webview bundle (sorting).
 */
import type { ArgValue } from '../engine/types';
import type { FileAnalysis, LayerRecord, ModelReport, SourcePosition, SourceRange } from '../engine/report';
import type { PanelState, TableRowView, TotalsView } from '../protocol';
import { formatArg, formatAxes, formatShape } from '../analysis/format';
import { layerArg } from '../analysis/describeLayer';
import { locateTarget } from '../editor/layerLocator';

/** float32: what the memory figures of the totals row assume. */
export const BYTES_PER_FLOAT32 = 4;

type ArgRole = Parameters<typeof layerArg>[1];

function argText(record: LayerRecord, role: ArgRole): string {
  let value: ArgValue | undefined = layerArg(record.args, role);
  // Pooling strides default to the kernel (None in PyTorch, null in Keras): show what runs.
  if ((value === null || value === undefined) && role === 'stride' && /Pool/.test(record.kind)) value = layerArg(record.args, 'kernel');
  if (value === undefined || value === null) return '-';
  // Strings such as 'same' read better without the Python quotes in a narrow column.
  return typeof value === 'string' ? value : formatArg(value);
}

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 } as const;

/** One table row for a layer record. */
export function buildRow(record: LayerRecord, index: number): TableRowView {
  const row: TableRowView = {
    index,
    path: record.path,
    kind: record.kind,
    k: argText(record, 'kernel'),
    s: argText(record, 'stride'),
    p: argText(record, 'padding'),
    d: argText(record, 'dilation'),
    g: argText(record, 'groups'),
    input: formatShape(record.input),
    output: formatShape(record.output),
    params: record.params,
    macs: record.macs,
    receptiveField: formatAxes(record.receptiveField),
    line: record.range.start.line,
  };
  if (record.issues.length === 0) return row;
  const worst = record.issues.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
  return { ...row, severity: worst.severity, issueText: record.issues.map((issue) => issue.message).join('\n') };
}

const elementCount = (shape: readonly number[]): number => shape.reduce((product, size) => product * size, 1);

/**
 * Totals of a model. Weight memory = all parameters as float32. Activation memory = the sum
 * of every layer call's output tensor as float32 (what one forward pass keeps for backward,
 * the convention of torchinfo's "forward pass size" without its factor 2 for gradients).
 */
export function buildTotals(model: ModelReport): TotalsView {
  const activations = model.layers.reduce((sum, layer) => sum + (layer.output ? elementCount(layer.output) : 0), 0);
  return {
    params: model.totalParams,
    trainableParams: model.trainableParams,
    macs: model.totalMacs,
    flops: 2 * model.totalMacs,
    weightBytes: model.totalParams * BYTES_PER_FLOAT32,
    activationBytes: activations * BYTES_PER_FLOAT32,
    exact: model.exactCounts && Number.isSafeInteger(2 * model.totalMacs),
  };
}

function contains(range: SourceRange, position: SourcePosition): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.column >= range.start.column);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.column <= range.end.column);
  return afterStart && beforeEnd;
}

const rangeSize = (range: SourceRange): number => (range.end.line - range.start.line) * 1e6 + (range.end.column - range.start.column);

/** The innermost model whose definition contains the position, or undefined. */
export function modelIndexAt(analysis: FileAnalysis, position: SourcePosition): number | undefined {
  let best: number | undefined;
  analysis.models.forEach((model, index) => {
    if (!contains(model.range, position)) return;
    if (best === undefined || rangeSize(model.range) < rangeSize(analysis.models[best].range)) best = index;
  });
  return best;
}

/** The model that owns the layer at the position (a layer built in a helper may sit outside the model's range). */
export function modelIndexOwningLayerAt(analysis: FileAnalysis, position: SourcePosition): number | undefined {
  const index = analysis.models.findIndex((model) => layerIndexAt(model, position) !== undefined);
  return index >= 0 ? index : undefined;
}

/** The first record whose constructor call contains the position (a shared layer: its first call). */
export function layerIndexAt(model: ModelReport, position: SourcePosition): number | undefined {
  let best: number | undefined;
  model.layers.forEach((layer, index) => {
    if (!contains(layer.range, position)) return;
    if (best === undefined || rangeSize(layer.range) < rangeSize(model.layers[best].range)) best = index;
  });
  return best;
}

/** Where the panel looks for a cursor position: the model to show and the row to highlight. */
export interface CursorPlace {
  readonly modelIndex: number;
  readonly highlighted: number | null;
}

/**
 * The model and row for a cursor position, by the hover's rules (a constructor call,
 * `self.conv1` in forward, a variable holding a layer, a model's first line), then by line:
 * anywhere on a constructor's line counts. Outside every model the current model stays.
 */
export function placeCursor(analysis: FileAnalysis, getLine: (line: number) => string, position: SourcePosition, currentModel: number): CursorPlace {
  const target = locateTarget(analysis, getLine, position);
  if (target?.type === 'layer' && target.model && target.records.length > 0) {
    const modelIndex = analysis.models.indexOf(target.model);
    const index = target.model.layers.indexOf(target.records[0]);
    if (modelIndex >= 0) return { modelIndex, highlighted: index >= 0 ? index : null };
  }
  if (target?.type === 'model') return { modelIndex: Math.max(0, analysis.models.indexOf(target.model)), highlighted: null };
  for (const [modelIndex, model] of analysis.models.entries()) {
    const index = model.layers.findIndex((layer) => layer.range.start.line === position.line);
    if (index >= 0) return { modelIndex, highlighted: index };
  }
  return { modelIndex: modelIndexAt(analysis, position) ?? currentModel, highlighted: null };
}

export interface StateInput {
  readonly fileName: string;
  readonly analysis: FileAnalysis | undefined;
  readonly modelIndex: number;
  readonly highlighted: number | null;
  /** Shown when there is no analysis (no editor, unsupported language, failure). */
  readonly message?: string;
}

/** The whole panel state for one file and one chosen model. */
export function buildPanelState(input: StateInput): PanelState {
  const models = input.analysis?.models ?? [];
  const model: ModelReport | undefined = models[input.modelIndex] ?? models[0];
  const message = input.message ?? (input.analysis && models.length === 0 ? 'No model found in this file.' : undefined);
  return {
    fileName: input.fileName,
    ...(message !== undefined ? { message } : {}),
    models: models.map((entry) => ({ name: entry.name, line: entry.range.start.line })),
    modelIndex: model ? models.indexOf(model) : 0,
    modelInput: model ? formatShape(model.input) : '',
    inputSource: model?.inputSource ?? '',
    rows: model ? model.layers.map(buildRow) : [],
    totals: model ? buildTotals(model) : null,
    highlighted: model && input.highlighted !== null && input.highlighted < model.layers.length ? input.highlighted : null,
  };
}
