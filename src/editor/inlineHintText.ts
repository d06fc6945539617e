/**
 * What the inline hints and the status bar say, computed from an analysis without vscode:
 * one hint at the end of each constructor call (`→ [1, 64, 112, 112] · 9.41K`), kept under
 * VS Code's hint length cap so it is never cut mid-number; unknown counts read `?`.
 */
import type { FileAnalysis, LayerRecord, ModelReport, SourcePosition } from '../engine/report';
import { formatBound, formatCompact, formatKnown, formatShape, formatShort } from '../analysis/format';
import type { MacsUnit } from '../analysis/describeLayer';
import { recordParams } from '../engine/modelTotals';

export interface InlineHint {
  readonly position: SourcePosition;
  readonly label: string;
  /** Longer text for the hint's tooltip. */
  readonly tooltip: string;
}

/** VS Code's default `editor.inlayHints.maximumLength`: a longer label is cut with `…`. */
export const HINT_LENGTH_CAP = 43;

/** What a layer without parameters (ReLU, pooling, Flatten) shows: its shape, or no hint. */
export type ParameterFreeHints = 'shape' | 'none';

export interface InlineHintOptions {
  readonly parameterFree: ParameterFreeHints;
  /** Source lines: a hint after a constructor directly called (`Dense(10)(x)`) moves past the call. */
  readonly getLine?: (line: number) => string;
}

/** True for a layer that owns no parameters (a known zero, not an unknown count). */
function isParameterFree(records: readonly LayerRecord[]): boolean {
  return records.every((record) => recordParams(record) === 0 && record.paramTensors.length === 0);
}

/**
 * The parameters a hint shows for one call. One constructor that built several instances
 * (a block class used 16 times) shows its first instance's, as the panel's rows do. A block
 * from an imported module (`Down(64, 128)`: a pooling, convs and norms, all anchored at the
 * call) shows its own total, each distinct layer once. Unknown parts make a lower bound.
 */
function groupParams(records: readonly LayerRecord[]): string {
  if (new Set(records.map((record) => record.kind)).size === 1) return formatKnown(recordParams(records[0]!), formatShort);
  const seen = new Set<number>();
  let total = 0;
  let unknown = 0;
  for (const record of records) {
    if (seen.has(record.layerId)) continue;
    seen.add(record.layerId);
    const params = recordParams(record);
    if (params === null) unknown += 1;
    else total += params;
  }
  return formatBound(total, unknown, formatShort);
}

/** `[1,64,32,32]`: the shape without spaces, when the spaced one does not fit. */
const tightShape = (text: string): string => text.replace(/, /g, ',');

/**
 * The hint text of a group of records built by one constructor call, at most `cap`
 * characters: the parts that do not fit are dropped whole (the tooltip has everything).
 */
export function hintLabel(records: readonly LayerRecord[], cap = HINT_LENGTH_CAP): string {
  const first = records[0];
  if (!first) return '';
  const outputs = new Set(records.map((record) => formatShape(record.output)));
  const more = outputs.size > 1 ? ` (+${outputs.size - 1})` : '';
  const error = records.some((record) => record.issues.some((issue) => issue.severity === 'error')) ? ' · error' : '';
  const shape = formatShape(first.output);
  const params = isParameterFree(records) ? '' : ` · ${groupParams(records)}`;
  const candidates = [
    `→ ${shape}${more}${params}${error}`,
    `→ ${tightShape(shape)}${more}${params}${error}`,
    `→ ${tightShape(shape)}${params}${error}`,
    `→ ${tightShape(shape)}${error}`,
    `→ ${tightShape(shape)}`,
  ];
  // Leave room for the space the hint is drawn after.
  return candidates.find((text) => text.length < cap) ?? `→ ${first.output ? `${first.output.length}-d` : '?'}${error}`;
}

/** Past a call that directly follows `end` on its line (`layers.Dense(10)(x)`): the end of that call. */
export function endOfCallExpression(lineText: string, end: SourcePosition): SourcePosition {
  let column = end.column;
  while (lineText[column] === '(') {
    let depth = 0;
    let index = column;
    for (; index < lineText.length; index += 1) {
      if (lineText[index] === '(') depth += 1;
      else if (lineText[index] === ')' && --depth === 0) break;
    }
    if (depth !== 0 || index >= lineText.length) break;
    column = index + 1;
  }
  return { line: end.line, column };
}

/** One hint per constructor call range, at the end of its call expression, in source order. */
export function inlineHints(analysis: FileAnalysis, options: InlineHintOptions = { parameterFree: 'shape' }): InlineHint[] {
  const groups = new Map<string, LayerRecord[]>();
  for (const model of analysis.models) {
    for (const record of model.layers) {
      const key = `${record.range.end.line}:${record.range.end.column}`;
      const group = groups.get(key);
      if (group) {
        if (!group.some((seen) => seen.layerId === record.layerId && seen.input === record.input)) group.push(record);
      } else {
        groups.set(key, [record]);
      }
    }
  }
  const hints: InlineHint[] = [];
  for (const records of groups.values()) {
    const first = records[0];
    if (!first || (options.parameterFree === 'none' && isParameterFree(records))) continue;
    const end = first.range.end;
    hints.push({
      position: options.getLine ? endOfCallExpression(options.getLine(end.line), end) : end,
      label: ` ${hintLabel(records)}`,
      tooltip: records.map((record) => `${record.path}: ${formatShape(record.input)} -> ${formatShape(record.output)} · ${formatKnown(recordParams(record))} params`).join('\n'),
    });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}

/** `≥ 1.20 M`, `?`: a compact total that never shows unknown parts as a plain number. */
const compactTotal = (value: number, unknownParts: number | undefined): string => formatBound(value, unknownParts, formatCompact);

/** Status bar text of a model: `ResNet: 11.69 M params · 1.82 G MACs`, `≥ 1.20 M params · ... (3 layers unknown)`. */
export function statusText(model: ModelReport, unit: MacsUnit): string {
  const macs = compactTotal(model.totalMacs, model.unknownMacLayers);
  const flops = compactTotal(model.totalMacs * 2, model.unknownMacLayers);
  const compute = unit === 'FLOPs' ? `${flops} FLOPs` : unit === 'MACs' ? `${macs} MACs` : `${macs} MACs · ${flops} FLOPs`;
  const unknown = Math.max(model.unknownParamLayers ?? 0, model.unknownMacLayers ?? 0);
  const suffix = unknown > 0 ? ` (${unknown} ${unknown === 1 ? 'layer' : 'layers'} unknown)` : '';
  return `${model.name}: ${compactTotal(model.totalParams, model.unknownParamLayers)} params · ${compute}${suffix}`;
}

/**
 * Status bar text of a model whose layers raise an error: `⚠ ResNet: error on line 86`, or
 * with `place` (a notebook's `cell 3:4`) `⚠ Net: error in cell 3:4`.
 */
export function errorStatusText(model: Pick<ModelReport, 'name'>, line: number, place?: string): string {
  return place ? `${model.name}: error in ${place}` : `${model.name}: error on line ${line + 1}`;
}
