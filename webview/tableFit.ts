/**
 * Measuring the layer table for its width: each fixed column sized to its widest cell, and
 * every path fitted to the path column (pathEllipsis.ts decides the text, the full path stays
 * in the cell's tooltip). Measures in the table's own font through TextWidths.
 */
import type { TableRowView } from '../src/protocol';
import type { ColumnWidths, FixedColumn } from './columnLayout';
import { COLUMN_WIDTH_CH } from './columnLayout';
import { PathShortener } from './pathEllipsis';
import { ALL_COLUMNS } from './tableColumns';
import { hasIssueMarker } from './tableRows';
import type { TextWidths } from './textWidths';

/** Left and right padding of a cell (the stylesheet's `.layers td`). */
const CELL_PADDING_PX = 3;
/** Room kept after a path for the issue marker (` ✖`), in `ch`. */
const MARKER_CH = 2.5;

/** Teaches `text` every character the table may draw (headers with a sort arrow, every cell). */
export function learnTableText(text: TextWidths, rows: readonly TableRowView[]): void {
  text.learn(
    (function* () {
      for (const column of ALL_COLUMNS) yield `${column.title} ▼`;
      for (const row of rows) for (const column of ALL_COLUMNS) yield column.cell(row);
    })(),
  );
}

/**
 * Each fixed column as wide as its widest cell or header (a sort arrow included), in `ch`,
 * plus the cell padding: a shape never wraps and a number is never cut.
 */
export function contentWidths(text: TextWidths, rows: readonly TableRowView[]): ColumnWidths {
  const chPx = text.ch;
  const paddingCh = (2 * CELL_PADDING_PX + 2) / chPx;
  const widths = { ...COLUMN_WIDTH_CH };
  for (const column of ALL_COLUMNS) {
    if (column.name === 'path') continue;
    // Headers are bold: a tenth wider than the regular characters measured.
    const header = 1.1 * (text.measure(column.title) + (column.sortKey ? text.measure(' ▼') : 0));
    const widest = rows.reduce((most, row) => Math.max(most, text.measure(column.cell(row))), header);
    widths[column.name as FixedColumn] = widest / chPx + paddingCh;
  }
  return widths;
}

/** Fits the drawn paths to the path column, one shortener per list of paths and font. */
export class PathFitter {
  private shortener: PathShortener | undefined;
  private key: { rows: readonly TableRowView[]; ch: number } | undefined;

  constructor(private readonly text: TextWidths) {}

  /** Shortens every path of `rowElements` to the width of `table`'s path header. */
  fit(table: HTMLElement, rows: readonly TableRowView[], rowElements: readonly HTMLTableRowElement[]): void {
    const header = table.querySelector<HTMLElement>('th[data-col="path"]');
    if (!header) return;
    const style = getComputedStyle(header);
    const width = header.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (width <= 0) return;
    const chPx = this.text.ch;
    if (!this.shortener || this.key?.rows !== rows || this.key.ch !== chPx) {
      this.shortener = new PathShortener(
        rows.map((row) => row.path),
        (candidate) => this.text.measure(candidate),
      );
      this.key = { rows, ch: chPx };
    }
    for (const row of rowElements) {
      const cell = row.querySelector<HTMLElement>('td[data-col="path"]');
      const path = cell?.dataset.path;
      if (!cell || path === undefined) continue;
      const room = hasIssueMarker(row) ? width - MARKER_CH * chPx : width;
      // 1 px of slack for kerning, which a sum of characters ignores.
      const text = this.shortener.shorten(path, room - 1);
      if (cell.textContent !== text) cell.textContent = text;
    }
  }
}
