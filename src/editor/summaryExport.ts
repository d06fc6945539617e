/**
 * Model summaries for `Export Model Summary...`: Markdown (a torchinfo-like table per model),
 * CSV (one row per layer call) and JSON (the CLI's JSON contract: 1-based lines). Pure.
 */
import type { FileAnalysis, LayerRecord } from '../engine/report';
import { formatAxes, formatCount, formatShape } from '../analysis/format';

export type SummaryFormat = 'markdown' | 'csv' | 'json';

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function receptiveFieldText(record: LayerRecord): string {
  return record.receptiveField ? formatAxes(record.receptiveField) : '';
}

export function summaryMarkdown(analysis: FileAnalysis, fileName: string): string {
  const out: string[] = [`# Conv Inspector summary: ${fileName}`, ''];
  if (analysis.models.length === 0) out.push('No model found in this file.', '');
  for (const model of analysis.models) {
    out.push(`## ${model.name} (line ${model.range.start.line + 1})`, '');
    out.push(`Input ${formatShape(model.input)} (${model.inputSource}) -> output ${formatShape(model.output)}`, '');
    out.push('| layer | kind | input | output | params | MACs | receptive field |', '|---|---|---|---|---:|---:|---|');
    for (const record of model.layers) {
      out.push(`| ${markdownCell(record.path)} | ${record.kind} | ${formatShape(record.input)} | ${formatShape(record.output)} | ${formatCount(record.params)} | ${formatCount(record.macs)} | ${receptiveFieldText(record)} |`);
    }
    out.push('', `Total params: ${formatCount(model.totalParams)} (trainable ${formatCount(model.trainableParams)}) · MACs: ${formatCount(model.totalMacs)} · FLOPs: ${formatCount(model.totalMacs * 2)}${model.exactCounts ? '' : ' (approximate)'}`, '');
  }
  if (analysis.diagnostics.length > 0) {
    out.push('## Problems', '');
    for (const finding of analysis.diagnostics) out.push(`- line ${finding.range.start.line + 1}, ${finding.severity}: ${finding.message}`);
    out.push('');
  }
  return out.join('\n');
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function summaryCsv(analysis: FileAnalysis): string {
  const rows: (string | number)[][] = [['model', 'path', 'kind', 'line', 'input', 'output', 'params', 'trainable_params', 'macs', 'flops', 'receptive_field', 'jump']];
  for (const model of analysis.models) {
    for (const record of model.layers) {
      rows.push([model.name, record.path, record.kind, record.range.start.line + 1, formatShape(record.input), formatShape(record.output),
        record.params, record.trainableParams, record.macs, record.macs * 2, receptiveFieldText(record), record.jump ? formatAxes(record.jump) : '']);
    }
  }
  return `${rows.map((row) => row.map((cell) => csvField(cell)).join(',')).join('\n')}\n`;
}

/** The CLI's `--json` contract, so tools can read either. */
export function summaryJson(analysis: FileAnalysis, fileName: string): string {
  const report = {
    file: fileName,
    language: analysis.language,
    models: analysis.models.map((model) => ({
      name: model.name, line: model.range.start.line + 1, input: model.input, inputSource: model.inputSource, output: model.output,
      totalParams: model.totalParams, trainableParams: model.trainableParams, totalMacs: model.totalMacs,
      layers: model.layers.map((record) => ({
        path: record.path, kind: record.kind, line: record.range.start.line + 1, endLine: record.range.end.line + 1,
        input: record.input, output: record.output, params: record.params, macs: record.macs,
        receptiveField: record.receptiveField, jump: record.jump,
      })),
    })),
    diagnostics: analysis.diagnostics.map((finding) => ({
      line: finding.range.start.line + 1, endLine: finding.range.end.line + 1, severity: finding.severity, code: finding.code, message: finding.message,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function formatSummary(analysis: FileAnalysis, fileName: string, format: SummaryFormat): string {
  if (format === 'csv') return summaryCsv(analysis);
  if (format === 'json') return summaryJson(analysis, fileName);
  return summaryMarkdown(analysis, fileName);
}
