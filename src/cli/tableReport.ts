/**
 * The torchinfo-like text table of `conv-inspector analyze`: one row per layer call,
 * totals per model, then the diagnostics.
 */
import type { FileAnalysis, Finding, ModelReport, SourcePosition } from '../engine/report';
import { formatAxes, formatKnown, formatShape } from '../analysis/format';
import { recordMacs, recordParams } from '../engine/modelTotals';
import { countTotalsOf, totalsText } from '../analysis/totalsText';
import type { NotebookProgram } from '../analysis/notebook';
import { lineLabelOf } from '../analysis/notebook';

/** A 1-based line as the user finds it: `12` in a file, `cell 5:3` (cell index, line in the cell) in a notebook. */
const lineLabel = (position: SourcePosition, notebook: NotebookProgram | undefined): string => lineLabelOf(position.line, notebook);

const headers = ['Layer (path)', 'Kind', 'Line', 'Input -> Output', 'Params', 'MACs', 'RF'];

function renderRows(rows: string[][]): string[] {
  const widths = headers.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const numeric = new Set([2, 4, 5]);
  return rows.map((row) =>
    row
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd(),
  );
}

function renderModel(model: ModelReport, notebook: NotebookProgram | undefined): string[] {
  const rows = [
    headers,
    ...model.layers.map((layer) => [
      layer.path,
      layer.kind,
      lineLabel(layer.range.start, notebook),
      `${formatShape(layer.input)} -> ${formatShape(layer.output)}`,
      formatKnown(recordParams(layer)),
      formatKnown(recordMacs(layer)),
      formatAxes(layer.receptiveField),
    ]),
  ];
  const lines = renderRows(rows);
  const rule = '='.repeat(Math.max(...lines.map((line) => line.length)));
  const totals = totalsText(countTotalsOf(model));
  return [
    rule,
    `${model.name} (${notebook ? '' : 'line '}${lineLabel(model.range.start, notebook)}), input ${formatShape(model.input)} from ${model.inputSource}`,
    rule,
    lines[0],
    '-'.repeat(rule.length),
    ...lines.slice(1),
    rule,
    `Output: ${formatShape(model.output)}`,
    `Total params: ${totals.params}${totals.approximate}`,
    `Trainable params: ${totals.trainable}`,
    `Non-trainable params: ${totals.nonTrainable}`,
    `Total MACs: ${totals.macs} (FLOPs: ${totals.flops})`,
    rule,
  ];
}

/** `file:line:column: severity: message [code]`, the shape linters and problem matchers read (`nb.ipynb:cell 5:3:7: ...` in a notebook). */
export function formatFinding(file: string, finding: Finding, notebook?: NotebookProgram): string {
  return `${file}:${lineLabel(finding.range.start, notebook)}:${finding.range.start.column + 1}: ${finding.severity}: ${finding.message} [${finding.code}]`;
}

export function renderTable(file: string, analysis: FileAnalysis, notebook?: NotebookProgram): string {
  const out: string[] = [];
  if (analysis.models.length === 0) out.push(`${file}: no models found.`);
  for (const model of analysis.models) out.push(...renderModel(model, notebook), '');
  for (const finding of analysis.diagnostics) out.push(formatFinding(file, finding, notebook));
  return out.join('\n');
}
