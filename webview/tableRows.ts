/**
 * The layer table's body rows: building a row's cells from the shown columns, and patching a
 * drawn row in place when only its numbers changed (typing in a big file re-sends the same
 * rows, and rebuilding thousands of cells would cost every keystroke).
 */
import type { TableRowView } from '../src/protocol';
import { el } from './dom';
import type { Column } from './tableColumns';

/** The row's classes: a layer, and its worst issue's severity when it has one. */
export const rowClasses = (row: TableRowView): string => (row.severity ? `layer issue-${row.severity}` : 'layer');

/** Everything a row shows, to tell whether it changed. */
export const rowKey = (row: TableRowView): string => JSON.stringify(row);

/** Whether a drawn row carries an issue marker after its path (` ✖`), which takes room. */
export const hasIssueMarker = (row: HTMLTableRowElement): boolean =>
  row.classList.contains('issue-error') || row.classList.contains('issue-warning') || row.classList.contains('issue-info');

/** One body row; `data-index` and `data-line` tie it to the layer and its source line. */
export function bodyRow(columns: readonly Column[], row: TableRowView): HTMLTableRowElement {
  return el(
    'tr',
    {
      role: 'row',
      class: rowClasses(row),
      'data-index': row.index,
      'data-line': row.line,
      tabindex: -1,
      'aria-selected': 'false',
      title: row.issueText,
    },
    ...columns.map((column) => bodyCell(column, row)),
  );
}

/** A cell; the path cell keeps the whole path in `data-path` and its tooltip (its text is fitted later). */
function bodyCell(column: Column, row: TableRowView): HTMLTableCellElement {
  const text = column.cell(row);
  if (column.name !== 'path') return el('td', { role: 'gridcell', 'data-col': column.name, class: column.numeric ? 'num' : undefined }, text);
  return el('td', { role: 'gridcell', 'data-col': 'path', 'data-path': text, title: `${text} (${row.kind})` }, text);
}

/** Rewrites only the cells and attributes whose text changed (no new elements, focus kept). */
export function patchRow(columns: readonly Column[], element: HTMLTableRowElement, row: TableRowView): void {
  columns.forEach((column, i) => {
    const cell = element.cells[i];
    const text = column.cell(row);
    if (!cell) return;
    if (column.name === 'path') {
      // The shortened text is refitted after the patch; the tooltip and the source stay whole.
      cell.dataset.path = text;
      cell.title = `${text} (${row.kind})`;
    } else if (cell.textContent !== text) cell.textContent = text;
  });
  element.className = rowClasses(row);
  element.dataset.line = String(row.line);
  if (row.issueText) element.title = row.issueText;
  else element.removeAttribute('title');
}
