/**
 * The torchinfo-like text table of `conv-inspector analyze`: one row per layer call,
 * totals per model, then the diagnostics.
 */
import type { FileAnalysis, Finding, ModelReport } from '../engine/report';
import { formatAxes, formatCount, formatShape } from '../analysis/format';

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

function renderModel(model: ModelReport): string[] {
  const rows = [
    headers,
    ...model.layers.map((layer) => [
      layer.path,
      layer.kind,
      String(layer.range.start.line + 1),
      `${formatShape(layer.input)} -> ${formatShape(layer.output)}`,
      formatCount(layer.params),
      formatCount(layer.macs),
      formatAxes(layer.receptiveField),
    ]),
  ];
  const lines = renderRows(rows);
  const rule = '='.repeat(Math.max(...lines.map((line) => line.length)));
  const approximate = model.exactCounts ? '' : ' (approximate: a count passed 2^53)';
  return [
    rule,
    `${model.name} (line ${model.range.start.line + 1}), input ${formatShape(model.input)} from ${model.inputSource}`,
    rule,
    lines[0],
    '-'.repeat(rule.length),
    ...lines.slice(1),
    rule,
    `Output: ${formatShape(model.output)}`,
    `Total params: ${formatCount(model.totalParams)}${approximate}`,
    `Trainable params: ${formatCount(model.trainableParams)}`,
    `Non-trainable params: ${formatCount(model.totalParams - model.trainableParams)}`,
    `Total MACs: ${formatCount(model.totalMacs)} (FLOPs: ${formatCount(model.totalMacs * 2)})`,
    rule,
  ];
}

/** `file:line:column: severity: message [code]`, the shape linters and problem matchers read. */
export function formatFinding(file: string, finding: Finding): string {
  return `${file}:${finding.range.start.line + 1}:${finding.range.start.column + 1}: ${finding.severity}: ${finding.message} [${finding.code}]`;
}

export function renderTable(file: string, analysis: FileAnalysis): string {
  const out: string[] = [];
  if (analysis.models.length === 0) out.push(`${file}: no models found.`);
  for (const model of analysis.models) out.push(...renderModel(model), '');
  for (const finding of analysis.diagnostics) out.push(formatFinding(file, finding));
  return out.join('\n');
}
