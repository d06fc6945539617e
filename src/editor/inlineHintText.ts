/**
 * What the inline hints and the status bar say, computed from an analysis without vscode:
 * one hint at the end of each constructor call (`-> [1, 64, 112, 112] · 9,408 params`).
 */
import type { FileAnalysis, LayerRecord, ModelReport, SourcePosition } from '../engine/report';
import { formatCompact, formatCount, formatShape } from '../analysis/format';
import type { MacsUnit } from '../analysis/describeLayer';

export interface InlineHint {
  readonly position: SourcePosition;
  readonly label: string;
  /** Longer text for the hint's tooltip. */
  readonly tooltip: string;
}

/** The hint text of a group of records built by one constructor call. */
export function hintLabel(records: readonly LayerRecord[]): string {
  const first = records[0];
  if (!first) return '';
  const outputs = new Set(records.map((record) => formatShape(record.output)));
  const more = outputs.size > 1 ? ` (+${outputs.size - 1} more shapes)` : '';
  const error = records.some((record) => record.issues.some((issue) => issue.severity === 'error')) ? ' · error' : '';
  return `-> ${formatShape(first.output)}${more} · ${formatCount(first.params)} params${error}`;
}

/** One hint per constructor call range, at its end, in source order. */
export function inlineHints(analysis: FileAnalysis): InlineHint[] {
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
    if (!first) continue;
    hints.push({
      position: first.range.end,
      label: ` ${hintLabel(records)}`,
      tooltip: records.map((record) => `${record.path}: ${formatShape(record.input)} -> ${formatShape(record.output)}`).join('\n'),
    });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}

/** Status bar text of a model: `ResNet: 11.69 M params · 1.82 G MACs`. */
export function statusText(model: ModelReport, unit: MacsUnit): string {
  const compute =
    unit === 'FLOPs'
      ? `${formatCompact(model.totalMacs * 2)} FLOPs`
      : unit === 'MACs'
        ? `${formatCompact(model.totalMacs)} MACs`
        : `${formatCompact(model.totalMacs)} MACs · ${formatCompact(model.totalMacs * 2)} FLOPs`;
  return `${model.name}: ${formatCompact(model.totalParams)} params · ${compute}`;
}

/** The model a cursor line belongs to: the innermost enclosing one, else the first of the file. */
export function modelAtLine(analysis: FileAnalysis, line: number): ModelReport | undefined {
  let best: ModelReport | undefined;
  for (const model of analysis.models) {
    if (model.range.start.line <= line && line <= model.range.end.line) {
      if (!best || model.range.start.line >= best.range.start.line) best = model;
    }
  }
  return best ?? analysis.models[0];
}
