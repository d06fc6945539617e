/**
 * The model table: sortable headers (buttons), one row per layer call, the model's totals
 * under it, and a roving-tabindex keyboard model (arrow keys move, Home/End jump, Enter
 * reveals the source). The columns follow the panel's width (columnLayout.ts): at side-bar
 * width the layer, its output and its params; wider, MACs, receptive field, arguments, kind
 * and input join. Nothing scrolls sideways: a long path is shortened in the middle and its
 * cell's tooltip gives it whole.
 */
import type { PanelState, TableRowView } from '../src/protocol';
import type { SortKey } from './rowOrder';
import { sortRows } from './rowOrder';
import { el } from './dom';
import { TextWidths } from './textWidths';
import { renderTotals } from './totalsView';
import type { ColumnWidths, FixedColumn } from './columnLayout';
import { COLUMN_WIDTH_CH, chooseColumns, middleEllipsis } from './columnLayout';
import type { Column } from './tableColumns';
import { ALL_COLUMNS } from './tableColumns';

export interface TableCallbacks {
  /** The focused row changed (keyboard or click). */
  readonly onSelect: (index: number) => void;
  /** Click or Enter: reveal the row's source line. */
  readonly onReveal: (index: number) => void;
}

const rowClasses = (row: TableRowView): string => (row.severity ? `layer issue-${row.severity}` : 'layer');

/** Everything a row shows, to tell whether it changed. */
const rowKey = (row: TableRowView): string => JSON.stringify(row);

/**
 * Rows per chunk. Each chunk is its own fixed-layout table in a `content-visibility: auto`
 * block, so the browser skips layout and paint of chunks off screen: an edit that changes
 * every row of a 600-layer model costs the visible chunks, not the whole table.
 */
const ROWS_PER_CHUNK = 48;
/** Height of one row in px, for the size a skipped chunk reserves. */
const ROW_HEIGHT_PX = 20;
/** Left and right padding of a cell (the stylesheet's `.layers td`). */
const CELL_PADDING_PX = 3;
/** Room kept after a path for the issue marker (` ✖`), in `ch`. */
const MARKER_CH = 2.5;

/** Owns the grid element; re-rendered on every state, sorting kept across states. */
export class TableView {
  readonly element: HTMLDivElement;
  /** The model's totals, a block under the table (shown whole at any width). */
  readonly totalsElement: HTMLElement;
  /** Every body row in drawn order (across chunks). */
  private rowElements: HTMLTableRowElement[] = [];
  private sortKey: SortKey = 'index';
  private descending = false;
  private state: PanelState | undefined;
  private focusedIndex: number | null = null;
  /** The rows as last drawn, in drawn order: an edit that keeps the rows only patches what changed. */
  private drawnRows: readonly TableRowView[] = [];
  /** The columns the current width affords. */
  private columns: readonly Column[] = ALL_COLUMNS.filter((column) => ['path', 'output', 'params'].includes(column.name));
  /** Each fixed column's width in `ch`, sized to its widest cell (measured per state). */
  private widths: ColumnWidths = COLUMN_WIDTH_CH;
  /** The rows `widths` was measured for. */
  private measuredRows: readonly TableRowView[] | undefined;
  private readonly text: TextWidths;

  constructor(private readonly callbacks: TableCallbacks) {
    this.element = el('div', { id: 'layers', class: 'layers', role: 'grid', 'aria-label': 'Layers of the model' });
    this.text = new TextWidths(this.element);
    this.totalsElement = el('dl', { id: 'totals', class: 'totals', 'aria-label': 'Model totals' });
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.element.addEventListener('click', (event) => this.onClick(event));
    new ResizeObserver(() => this.fitWidth()).observe(this.element);
  }

  /** The same column widths for the header, every chunk and the totals, so they line up. */
  private columnGroup(): HTMLTableColElement {
    return el(
      'colgroup',
      {},
      ...this.columns.map((column) => {
        const col = el('col', { class: `col-${column.name}` });
        // Through CSSOM: the webview's CSP refuses style attributes.
        if (column.name !== 'path') col.style.width = `${this.widths[column.name].toFixed(2)}ch`;
        return col;
      }),
    );
  }

  private chunkTable(...content: HTMLElement[]): HTMLTableElement {
    return el('table', { role: 'presentation' }, this.columnGroup(), ...content);
  }

  /**
   * Sizes the columns to the rows (when they changed) and picks those the width affords; a
   * change of either rebuilds the table, then the paths are fitted. Called on every render
   * and whenever the panel is resized.
   */
  private fitWidth(): void {
    if (this.element.clientWidth === 0 || !this.state) return;
    const state = this.state;
    this.text.learn(
      (function* () {
        for (const column of ALL_COLUMNS) yield `${column.title} ▼`;
        for (const row of state.rows) for (const column of ALL_COLUMNS) yield column.cell(row);
      })(),
    );
    const chPx = this.text.ch;
    let changed = false;
    if (this.measuredRows !== this.state.rows) {
      this.measuredRows = this.state.rows;
      const widths = this.contentWidths(this.state.rows, chPx);
      changed = JSON.stringify(widths) !== JSON.stringify(this.widths);
      this.widths = widths;
    }
    const names = chooseColumns(this.element.clientWidth / chPx, this.widths);
    if (changed || names.join() !== this.columns.map((column) => column.name).join()) {
      this.columns = ALL_COLUMNS.filter((column) => names.includes(column.name));
      this.drawnRows = [];
      this.render(this.state);
      return;
    }
    this.fitPaths(chPx);
  }

  /**
   * Each fixed column as wide as its widest cell or header (a sort arrow included), in `ch`,
   * plus the cell padding: a shape never wraps and a number is never cut.
   */
  private contentWidths(rows: readonly TableRowView[], chPx: number): ColumnWidths {
    const paddingCh = (2 * CELL_PADDING_PX + 2) / chPx;
    const widths = { ...COLUMN_WIDTH_CH };
    for (const column of ALL_COLUMNS) {
      if (column.name === 'path') continue;
      // Headers are bold: a tenth wider than the regular characters measured.
      const header = 1.1 * (this.text.measure(column.title) + (column.sortKey ? this.text.measure(' ▼') : 0));
      const widest = rows.reduce((most, row) => Math.max(most, this.text.measure(column.cell(row))), header);
      widths[column.name as FixedColumn] = widest / chPx + paddingCh;
    }
    return widths;
  }

  /** Shortens every path in the middle to the path column's width (the tooltip keeps it whole). */
  private fitPaths(chPx = this.text.ch): void {
    const header = this.element.querySelector<HTMLElement>('th[data-col="path"]');
    if (!header) return;
    const style = getComputedStyle(header);
    const width = header.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (width <= 0) return;
    for (const row of this.rowElements) {
      const cell = row.querySelector<HTMLElement>('td[data-col="path"]');
      const path = cell?.dataset.path;
      if (!cell || path === undefined) continue;
      const room = row.classList.contains('issue-error') || row.classList.contains('issue-warning') || row.classList.contains('issue-info') ? width - MARKER_CH * chPx : width;
      // 1 px of slack for kerning, which a sum of characters ignores.
      const text = middleEllipsis(path, room - 1, (candidate) => this.text.measure(candidate));
      if (cell.textContent !== text) cell.textContent = text;
    }
  }

  render(state: PanelState): void {
    const previousHighlight = this.state?.highlighted ?? null;
    this.state = state;
    const focused = document.activeElement;
    const focusedHeader = focused instanceof HTMLButtonElement && this.element.contains(focused) ? focused.closest('th')?.dataset.col : undefined;
    const hadRowFocus = focused instanceof HTMLTableRowElement && this.element.contains(focused);
    const rows = sortRows(state.rows, this.sortKey, this.descending);
    // Typing in a big file re-sends the same rows with a few changed numbers: patch those
    // rows in place instead of rebuilding thousands of cells.
    if (this.rowElements.length > 0 && rows.length === this.drawnRows.length && rows.every((row, i) => row.index === this.drawnRows[i].index)) {
      rows.forEach((row, i) => {
        if (rowKey(row) !== rowKey(this.drawnRows[i])) this.patchRow(this.rowElements[i], row);
      });
    } else {
      const header = this.chunkTable(el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, ...this.columns.map((column) => this.headerCell(column)))));
      header.classList.add('head-table');
      this.rowElements = rows.map((row) => this.bodyRow(row));
      const chunks: HTMLElement[] = [];
      for (let start = 0; start < this.rowElements.length; start += ROWS_PER_CHUNK) {
        const chunkRows = this.rowElements.slice(start, start + ROWS_PER_CHUNK);
        const chunk = el('div', { class: 'chunk' }, this.chunkTable(el('tbody', { role: 'rowgroup' }, ...chunkRows)));
        chunk.style.containIntrinsicSize = `auto ${chunkRows.length * ROW_HEIGHT_PX}px`;
        chunks.push(chunk);
      }
      this.element.replaceChildren(header, ...chunks);
    }
    this.drawnRows = rows;
    renderTotals(this.totalsElement, state.totals);
    this.fitWidth();
    this.focusedIndex = state.highlighted ?? this.focusedIndex;
    this.updateTabStops();
    // A new highlight (the cursor moved to another model's layer) is scrolled to; an unchanged one is left where the user scrolled.
    this.highlight(state.highlighted, state.highlighted !== previousHighlight);
    // Re-rendering (a sort, a new analysis) must not throw the keyboard user out of the table.
    if (focusedHeader) this.element.querySelector<HTMLElement>(`th[data-col="${focusedHeader}"] button`)?.focus();
    else if (hadRowFocus) this.element.querySelector<HTMLElement>('tbody tr[tabindex="0"]')?.focus();
  }

  /** Marks the row under the editor's cursor and scrolls it into view. */
  highlight(index: number | null, scroll = true): void {
    if (this.state && this.state.highlighted !== index) this.state = { ...this.state, highlighted: index };
    for (const row of this.element.querySelectorAll('tbody tr.highlighted, tbody tr[aria-selected="true"]')) {
      row.classList.remove('highlighted');
      row.setAttribute('aria-selected', 'false');
    }
    if (index === null) return;
    const row = this.rowElement(index);
    if (!row) return;
    row.classList.add('highlighted');
    row.setAttribute('aria-selected', 'true');
    if (scroll) row.scrollIntoView({ block: 'nearest' });
  }

  private headerCell(column: Column): HTMLTableCellElement {
    if (!column.sortKey) return el('th', { scope: 'col', role: 'columnheader', 'data-col': column.name, title: column.tooltip }, column.title);
    const active = column.sortKey === this.sortKey;
    const sort = active ? (this.descending ? 'descending' : 'ascending') : 'none';
    const button = el(
      'button',
      { type: 'button', class: 'sort', title: `${column.tooltip ? `${column.tooltip}. ` : ''}Sort by ${column.title}` },
      column.title,
      active ? (this.descending ? ' ▼' : ' ▲') : '',
    );
    const key = column.sortKey;
    button.addEventListener('click', () => {
      this.descending = key === this.sortKey ? !this.descending : column.numeric === true;
      this.sortKey = key;
      // The header shows the sort: always rebuild it.
      this.drawnRows = [];
      if (this.state) this.render(this.state);
    });
    return el('th', { scope: 'col', role: 'columnheader', 'aria-sort': sort, 'data-col': column.name, class: column.numeric ? 'num' : undefined }, button);
  }

  private bodyRow(row: TableRowView): HTMLTableRowElement {
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
      ...this.columns.map((column) => this.bodyCell(column, row)),
    );
  }

  private bodyCell(column: Column, row: TableRowView): HTMLTableCellElement {
    const text = column.cell(row);
    if (column.name !== 'path') return el('td', { role: 'gridcell', 'data-col': column.name, class: column.numeric ? 'num' : undefined }, text);
    return el('td', { role: 'gridcell', 'data-col': 'path', 'data-path': text, title: `${text} (${row.kind})` }, text);
  }

  /** Rewrites only the cells and attributes whose text changed (no new elements, focus kept). */
  private patchRow(element: HTMLTableRowElement, row: TableRowView): void {
    this.columns.forEach((column, i) => {
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

  private rowElement(index: number): HTMLTableRowElement | null {
    return this.element.querySelector(`tbody tr[data-index="${index}"]`);
  }

  private updateTabStops(): void {
    const focused = this.focusedIndex === null ? null : this.rowElement(this.focusedIndex);
    const tabStop = focused ?? this.rowElements[0];
    for (const row of this.element.querySelectorAll<HTMLTableRowElement>('tbody tr[tabindex="0"]')) if (row !== tabStop) row.tabIndex = -1;
    if (tabStop) tabStop.tabIndex = 0;
  }

  private focusRow(row: HTMLTableRowElement): void {
    this.focusedIndex = Number(row.dataset.index);
    this.updateTabStops();
    row.focus();
    this.callbacks.onSelect(this.focusedIndex);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const current = (event.target as HTMLElement).closest('tbody tr') as HTMLTableRowElement | null;
    if (!current) return;
    const rows = this.rowElements;
    const position = rows.indexOf(current);
    const targets: Record<string, number> = { ArrowDown: position + 1, ArrowUp: position - 1, Home: 0, End: rows.length - 1, PageDown: position + 10, PageUp: position - 10 };
    if (event.key in targets) {
      event.preventDefault();
      const next = rows[Math.max(0, Math.min(rows.length - 1, targets[event.key]))];
      if (next) this.focusRow(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.callbacks.onReveal(Number(current.dataset.index));
    }
  }

  private onClick(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest('tbody tr') as HTMLTableRowElement | null;
    if (!row) return;
    this.focusRow(row);
    this.callbacks.onReveal(Number(row.dataset.index));
  }
}
