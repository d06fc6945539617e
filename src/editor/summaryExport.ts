/**
 * Model summaries for `Export Model Summary...`: Markdown (a torchinfo-like table per model),
 * CSV (one row per layer call) and JSON (the shared report of `analyze --json`). Pure.
 */
import type { FileAnalysis, LayerRecord } from '../engine/report';
import type { ExportFormat } from '../analysis/exportFormats';
import { formatAxes, formatKnown, formatShape } from '../analysis/format';
import { recordMacs, recordParams } from '../engine/modelTotals';
import { countTotalsOf, totalsText } from '../analysis/totalsText';
import { jsonReportText } from '../analysis/jsonReport';
import { csvRow, markdownRow } from '../analysis/tableCells';
import type { NotebookProgram } from '../analysis/notebook';
import { lineLabelOf } from '../analysis/notebook';

function receptiveFieldText(record: LayerRecord): string {
  return record.receptiveField ? formatAxes(record.receptiveField) : '';
}

/** `line 12` in a file, `cell 5:3` in a notebook (program lines placed in their cells). */
function placeText(line: number, notebook: NotebookProgram | undefined): string {
  return notebook ? lineLabelOf(line, notebook) : `line ${line + 1}`;
}

export function summaryMarkdown(analysis: FileAnalysis, fileName: string, notebook?: NotebookProgram): string {
  const out: string[] = [`# Conv Inspector summary: ${fileName}`, ''];
  if (analysis.models.length === 0) out.push('No model found in this file.', '');
  for (const model of analysis.models) {
    out.push(`## ${model.name} (${placeText(model.range.start.line, notebook)})`, '');
    out.push(`Input ${formatShape(model.input)} (${model.inputSource}) -> output ${formatShape(model.output)}`, '');
    out.push('| layer | kind | input | output | params | MACs | receptive field |', '|---|---|---|---|---:|---:|---|');
    for (const record of model.layers) {
      out.push(
        markdownRow([
          record.path,
          record.kind,
          formatShape(record.input),
          formatShape(record.output),
          formatKnown(recordParams(record)),
          formatKnown(recordMacs(record)),
          receptiveFieldText(record),
        ]),
      );
    }
    const totals = totalsText(countTotalsOf(model));
    out.push('', `Total params: ${totals.params} (trainable ${totals.trainable}) · MACs: ${totals.macs} · FLOPs: ${totals.flops}${totals.approximate}`, '');
  }
  if (analysis.diagnostics.length > 0) {
    out.push('## Problems', '');
    for (const finding of analysis.diagnostics) out.push(`- ${placeText(finding.range.start.line, notebook)}, ${finding.severity}: ${finding.message}`);
    out.push('');
  }
  return out.join('\n');
}

/** One row per layer call; in a notebook the line column says `cell 5:3`, as the CLI's table does. */
export function summaryCsv(analysis: FileAnalysis, notebook?: NotebookProgram): string {
  const rows: (string | number)[][] = [['model', 'path', 'kind', 'line', 'input', 'output', 'params', 'trainable_params', 'macs', 'flops', 'receptive_field', 'jump']];
  for (const model of analysis.models) {
    for (const record of model.layers) {
      rows.push([
        model.name,
        record.path,
        record.kind,
        notebook ? lineLabelOf(record.range.start.line, notebook) : record.range.start.line + 1,
        formatShape(record.input),
        formatShape(record.output),
        // An unknown count reads ?, never 0.
        recordParams(record) ?? '?',
        recordParams(record) === null ? '?' : record.trainableParams,
        recordMacs(record) ?? '?',
        recordMacs(record) === null ? '?' : record.macs * 2,
        receptiveFieldText(record),
        record.jump ? formatAxes(record.jump) : '',
      ]);
    }
  }
  return `${rows.map((row) => csvRow(row)).join('\n')}\n`;
}

/** The same JSON report as `conv-inspector analyze --json`, so tools can read either. */
export function summaryJson(analysis: FileAnalysis, fileName: string, notebook?: NotebookProgram): string {
  return jsonReportText(fileName, analysis, notebook);
}

/** The summary in `format`; for a notebook, `analysis` is its whole program's and `notebook` places it in the cells. */
export function formatSummary(analysis: FileAnalysis, fileName: string, format: ExportFormat, notebook?: NotebookProgram): string {
  if (format === 'csv') return summaryCsv(analysis, notebook);
  if (format === 'json') return summaryJson(analysis, fileName, notebook);
  return summaryMarkdown(analysis, fileName, notebook);
}
