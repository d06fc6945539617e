/**
 * The panel's table as Markdown, CSV or JSON: exactly the rows and totals the panel shows.
 * Pure, so the formats are unit-tested without VS Code.
 */
import type { ExportFormat } from '../analysis/exportFormats';
import type { PanelState, TableRowView, TotalsView } from '../protocol';
import { formatCount, formatKnown } from '../analysis/format';
import { totalsText } from '../analysis/totalsText';
import { csvRow, markdownRow, markdownText } from '../analysis/tableCells';
import { cellLineLabel } from '../analysis/notebook';

const COLUMNS: readonly { readonly title: string; readonly cell: (row: TableRowView) => string }[] = [
  { title: 'path', cell: (row) => row.path },
  { title: 'kind', cell: (row) => row.kind },
  { title: 'k', cell: (row) => row.k },
  { title: 's', cell: (row) => row.s },
  { title: 'p', cell: (row) => row.p },
  { title: 'd', cell: (row) => row.d },
  { title: 'g', cell: (row) => row.g },
  { title: 'input', cell: (row) => row.input },
  { title: 'output', cell: (row) => row.output },
  { title: 'params', cell: (row) => formatKnown(row.params, String) },
  { title: 'MACs', cell: (row) => formatKnown(row.macs, String) },
  { title: 'RF', cell: (row) => row.receptiveField },
  // In a notebook, the cell and its line (`cell 3:4`), as the CLI's table says it.
  { title: 'line', cell: (row) => (row.place ? cellLineLabel(row.place) : String(row.line + 1)) },
  { title: 'issues', cell: (row) => row.issueText ?? '' },
];

function modelName(state: PanelState): string {
  return state.models[state.modelIndex]?.name ?? '';
}

function toMarkdown(state: PanelState): string {
  const lines = [
    `# ${markdownText(modelName(state))} (${markdownText(state.fileName)})`,
    '',
    `Input: ${state.modelInput} (${state.inputSource})`,
    '',
    markdownRow(COLUMNS.map((column) => column.title)),
    `|${COLUMNS.map((column) => (['params', 'MACs', 'line'].includes(column.title) ? ' ---: ' : ' --- ')).join('|')}|`,
    ...state.rows.map((row) => markdownRow(COLUMNS.map((column) => column.cell(row)))),
  ];
  const totals = state.totals;
  if (totals) {
    const words = totalsText({ ...totals, approximate: !totals.exact });
    const weights = totals.unknownParamLayers > 0 ? `≥ ${formatCount(totals.weightBytes)}` : formatCount(totals.weightBytes);
    lines.push(
      '',
      `Total params: ${words.params} (trainable ${words.trainable})${words.approximate}`,
      `MACs: ${words.macs}, FLOPs: ${words.flops}`,
      `Weight memory (float32): ${weights} bytes, activation memory (float32): ${formatCount(totals.activationBytes)} bytes`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function toCsv(state: PanelState): string {
  const lines = [csvRow(COLUMNS.map((column) => column.title))];
  for (const row of state.rows) lines.push(csvRow(COLUMNS.map((column) => column.cell(row))));
  return `${lines.join('\r\n')}\r\n`;
}

/** The totals for JSON: a total of which no part is known is null, never 0. */
function jsonTotals(totals: TotalsView): Record<string, number | boolean | null> {
  const unknownParams = totals.unknownParamLayers > 0 && totals.params === 0;
  const unknownMacs = totals.unknownMacLayers > 0 && totals.macs === 0;
  return {
    ...totals,
    params: unknownParams ? null : totals.params,
    trainableParams: unknownParams ? null : totals.trainableParams,
    weightBytes: unknownParams ? null : totals.weightBytes,
    macs: unknownMacs ? null : totals.macs,
    flops: unknownMacs ? null : totals.flops,
  };
}

function toJson(state: PanelState): string {
  const model = {
    file: state.fileName,
    model: modelName(state),
    input: state.modelInput,
    inputSource: state.inputSource,
    totals: state.totals && jsonTotals(state.totals),
    // 1-based lines, like the CLI's JSON contract; in a notebook, the cell and the line in it.
    layers: state.rows.map(({ index: _index, line, place, ...rest }) => ({ ...rest, ...(place ? { cell: place.cell, line: place.line + 1 } : { line: line + 1 }) })),
  };
  return `${JSON.stringify(model, null, 2)}\n`;
}

/** The table of the current state in the given format. */
export function exportTable(state: PanelState, format: ExportFormat): string {
  switch (format) {
    case 'markdown':
      return toMarkdown(state);
    case 'csv':
      return toCsv(state);
    case 'json':
      return toJson(state);
  }
}
