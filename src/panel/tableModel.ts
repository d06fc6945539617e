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
import { recordMacs, recordParams } from '../engine/modelTotals';
import { defaultModel, modelPickerEntries, modelUse } from '../analysis/modelChoice';
import { cellLineLabel } from '../analysis/notebook';
import { rootCause } from './rootCause';

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
    params: recordParams(record),
    macs: recordMacs(record),
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
    exact: !model.approximateCounts && Number.isSafeInteger(2 * model.totalMacs),
    unknownParamLayers: model.unknownParamLayers ?? 0,
    unknownMacLayers: model.unknownMacLayers ?? 0,
    unknownOutputLayers: model.layers.filter((layer) => layer.output === null).length,
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

const sameRange = (a: SourceRange, b: SourceRange): boolean =>
  a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;

/**
 * The models in the order a layer or line is looked up in: the current model if the file
 * uses it, then the called, declared and unused ones. A layer of a building block belongs to
 * the block's own (unused) report and to the model that builds it: the model wins.
 */
function lookupOrder(analysis: FileAnalysis, currentModel: number): number[] {
  const rank = { called: 0, declared: 1, unused: 2 } as const;
  const order = analysis.models.map((_, index) => index).sort((a, b) => rank[modelUse(analysis.models[a])] - rank[modelUse(analysis.models[b])] || a - b);
  const current = analysis.models[currentModel];
  return current && modelUse(current) !== 'unused' ? [currentModel, ...order.filter((index) => index !== currentModel)] : order;
}

/** The model the panel opens a file on: the one it builds and calls, else the one at the cursor line. */
export function initialModelIndex(analysis: FileAnalysis, line: number): number {
  const model = defaultModel(analysis, line);
  return model ? analysis.models.indexOf(model) : 0;
}

/**
 * The model and row for a cursor position, by the hover's rules (a constructor call,
 * `self.conv1` in forward, a variable holding a layer, a model's first line), then by line:
 * anywhere on a constructor's line counts. Outside every model, or inside a class the file
 * does not use while it uses another model, the current model stays. A layer built once and
 * called several times (a block's conv) has one line for every call: when `currentHighlight`
 * is one of them (the row the user clicked, whose line the editor now shows), it stays.
 */
export function placeCursor(
  analysis: FileAnalysis,
  getLine: (line: number) => string,
  position: SourcePosition,
  currentModel: number,
  currentHighlight: number | null = null,
): CursorPlace {
  const target = locateTarget(analysis, getLine, position);
  const order = lookupOrder(analysis, currentModel);
  const first = target?.type === 'layer' ? target.records[0] : undefined;
  const current = currentHighlight === null ? undefined : analysis.models[currentModel]?.layers[currentHighlight];
  const keepsCurrent = current !== undefined && (first ? sameRange(current.range, first.range) : target?.type !== 'model' && current.range.start.line === position.line);
  if (keepsCurrent) return { modelIndex: currentModel, highlighted: currentHighlight };
  if (first) {
    for (const modelIndex of order) {
      const index = analysis.models[modelIndex].layers.findIndex((layer) => sameRange(layer.range, first.range));
      if (index >= 0) return { modelIndex, highlighted: index };
    }
  }
  if (target?.type === 'model') return { modelIndex: Math.max(0, analysis.models.indexOf(target.model)), highlighted: null };
  for (const modelIndex of order) {
    const index = analysis.models[modelIndex].layers.findIndex((layer) => layer.range.start.line === position.line);
    if (index >= 0) return { modelIndex, highlighted: index };
  }
  const at = modelIndexAt(analysis, position);
  const usesAnother = analysis.models.some((model) => modelUse(model) !== 'unused');
  if (at !== undefined && (modelUse(analysis.models[at]) !== 'unused' || !usesAnother)) return { modelIndex: at, highlighted: null };
  return { modelIndex: currentModel, highlighted: null };
}

export interface StateInput {
  readonly fileName: string;
  readonly analysis: FileAnalysis | undefined;
  readonly modelIndex: number;
  readonly highlighted: number | null;
  /** Shown when there is no analysis (no editor, unsupported language, failure). */
  readonly message?: string;
  /** The file's lines, so picker entries can name a model by its assignment (`model = UNet(...)`). */
  readonly getLine?: (line: number) => string;
  /** In a notebook cell: the cell and the line in it where a line of the analysis is. */
  readonly placeOf?: (line: number) => { readonly cell: number; readonly line: number };
}

const cellAndLine = ({ cell, line }: { readonly cell: number; readonly line: number }) => ({ cell, line });

/** The whole panel state for one file and one chosen model. */
export function buildPanelState(input: StateInput): PanelState {
  const models = input.analysis?.models ?? [];
  const model: ModelReport | undefined = models[input.modelIndex] ?? models[0];
  const message = input.message ?? (input.analysis && models.length === 0 ? 'No model found in this file.' : undefined);
  const { placeOf } = input;
  const pickerEntries = modelPickerEntries(models, input.getLine, placeOf && ((line) => cellLineLabel(placeOf(line))));
  const reason = input.analysis ? rootCause(input.analysis, model) : undefined;
  return {
    fileName: input.fileName,
    ...(message !== undefined ? { message } : {}),
    ...(reason !== undefined ? { reason } : {}),
    models: models.map((entry, index) => ({ name: entry.name, line: entry.range.start.line, ...pickerEntries[index] })),
    modelIndex: model ? models.indexOf(model) : 0,
    modelInput: model ? formatShape(model.input) : '',
    inputSource: model?.inputSource ?? '',
    rows: model
      ? model.layers.map((record, index) => (placeOf ? { ...buildRow(record, index), place: cellAndLine(placeOf(record.range.start.line)) } : buildRow(record, index)))
      : [],
    totals: model ? buildTotals(model) : null,
    highlighted: model && input.highlighted !== null && input.highlighted < model.layers.length ? input.highlighted : null,
  };
}
