/**
 * The order of the inspector table's rows when the user sorts by a column. It lives with
 * the webview, which is the only place that sorts; it reads only the protocol's row type,
 * so it is also unit-tested in plain node.
 */
import type { TableRowView } from '../src/protocol';

/** The columns the table can be sorted by. */
export type SortKey = 'index' | 'path' | 'kind' | 'params' | 'macs' | 'receptiveField' | 'output';

function receptiveFieldArea(text: string): number {
  if (text === '?') return -1;
  return text.split('x').reduce((product, part) => product * Number(part), 1);
}

/** Rows sorted by a column; ties keep execution order so the order is stable and predictable. */
export function sortRows(rows: readonly TableRowView[], key: SortKey, descending: boolean): TableRowView[] {
  const value = (row: TableRowView): number | string => {
    switch (key) {
      case 'index':
        return row.index;
      case 'path':
        return row.path;
      case 'kind':
        return row.kind;
      // An unknown count sorts below every known one, as an unknown receptive field does.
      case 'params':
        return row.params ?? -1;
      case 'macs':
        return row.macs ?? -1;
      case 'receptiveField':
        return receptiveFieldArea(row.receptiveField);
      case 'output':
        return row.output;
    }
  };
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
    return order !== 0 ? order * direction : a.index - b.index;
  });
}
