/**
 * The inspector table's columns: header, tooltip, sort key and cell text of each. The host
 * formats every number; the cells only choose which text to show (`?` for unknown counts).
 */
import type { TableRowView } from '../src/protocol';
import type { SortKey } from './rowOrder';
import type { ColumnName } from './columnLayout';
import { compactArgs } from './columnLayout';
import { formatCompact, formatKnown } from '../src/analysis/format';

/** One column of the table: its header, what it sorts by and its cell text. */
export interface Column {
  readonly title: string;
  readonly name: ColumnName;
  readonly sortKey?: SortKey;
  readonly numeric?: boolean;
  /** Header tooltip: what the column means. */
  readonly tooltip?: string;
  readonly cell: (row: TableRowView) => string;
}

/** Every column in display order; the width decides which are shown (columnLayout.ts). */
export const ALL_COLUMNS: readonly Column[] = [
  { title: 'Layer', name: 'path', sortKey: 'index', cell: (row) => row.path, tooltip: 'Layer path (sorts in execution order)' },
  { title: 'Kind', name: 'kind', sortKey: 'kind', cell: (row) => row.kind },
  { title: 'Args', name: 'args', cell: compactArgs, tooltip: 'k kernel, s stride, p padding, d dilation, g groups' },
  { title: 'Input', name: 'input', cell: (row) => row.input },
  { title: 'Output', name: 'output', sortKey: 'output', cell: (row) => row.output },
  { title: 'Params', name: 'params', sortKey: 'params', numeric: true, cell: (row) => formatKnown(row.params) },
  { title: 'MACs', name: 'macs', sortKey: 'macs', numeric: true, cell: (row) => formatKnown(row.macs, formatCompact) },
  {
    title: 'RF',
    name: 'rf',
    sortKey: 'receptiveField',
    numeric: true,
    cell: (row) => row.receptiveField,
    tooltip: 'Receptive field: input pixels one output pixel depends on, over every path of the model',
  },
];
