/**
 * The model table: sortable headers (buttons), one row per layer call, the model's totals
 * under it, and a roving-tabindex keyboard model (arrow keys move, Home/End jump, Enter
 * reveals the source). The columns follow the panel's width (columnLayout.ts): at side-bar
 * width the layer, its output and its params; wider, MACs, receptive field, arguments, kind
 * and input join; the Columns control (columnChooser.ts) overrides the width's choice, and
 * the webview's saved state keeps it while the panel is hidden. Nothing scrolls sideways: a
 * long path is shortened in the middle (tableFit.ts) and its cell's tooltip gives it whole.
 */
import type { PanelState, TableRowView } from '../src/protocol';
import type { SortKey } from './rowOrder';
import { sortRows } from './rowOrder';
import { el } from './dom';
import { TextWidths } from './textWidths';
import { renderTotals } from './totalsView';
import type { ColumnChoice, ColumnWidths } from './columnLayout';
import { COLUMN_WIDTH_CH, fitColumns, readColumnChoice, toggleColumn } from './columnLayout';
import type { Column } from './tableColumns';
import { ALL_COLUMNS } from './tableColumns';
import { bodyRow, patchRow, rowKey } from './tableRows';
import { PathFitter, contentWidths, learnTableText } from './tableFit';
import { ColumnChooser } from './columnChooser';

export interface TableCallbacks {
  /** The focused row changed (keyboard or click). */
  readonly onSelect: (index: number) => void;
  /** Click or Enter: reveal the row's source line. */
  readonly onReveal: (index: number) => void;
}

/** Where the user's column choice is kept (the webview's state, which outlives a hidden panel). */
export interface ColumnChoiceStore {
  load(): unknown;
  save(choice: ColumnChoice): void;
}

/**
 * Rows per chunk. Each chunk is its own fixed-layout table in a `content-visibility: auto`
 * block, so the browser skips layout and paint of chunks off screen: an edit that changes
 * every row of a 600-layer model costs the visible chunks, not the whole table.
 */
const ROWS_PER_CHUNK = 48;
/** Height of one row in px, for the size a skipped chunk reserves. */
const ROW_HEIGHT_PX = 20;

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
  private readonly paths: PathFitter;
  /** The columns the user chose, or `null`: the width chooses. */
  private choice: ColumnChoice;
  /** The Columns control; the page places it above the table. */
  readonly chooser: ColumnChooser;

  constructor(
    private readonly callbacks: TableCallbacks,
    private readonly store?: ColumnChoiceStore,
  ) {
    this.element = el('div', { id: 'layers', class: 'layers', role: 'grid', 'aria-label': 'Layers of the model' });
    this.text = new TextWidths(this.element);
    this.paths = new PathFitter(this.text);
    this.choice = readColumnChoice(store?.load());
    this.chooser = new ColumnChooser({
      onToggle: (name) =>
        this.choose(
          toggleColumn(
            this.choice,
            this.columns.map((column) => column.name),
            name,
          ),
        ),
      onFitToWidth: () => this.choose(null),
    });
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

  /** A new column choice: kept in the webview's state, then the table is refitted. */
  private choose(choice: ColumnChoice): void {
    this.choice = choice;
    this.store?.save(choice);
    this.fitWidth();
  }

  /**
   * Sizes the columns to the rows (when they changed) and picks those the width affords or
   * the user chose; a change of either rebuilds the table, then the paths are fitted. Called
   * on every render and whenever the panel is resized.
   */
  private fitWidth(): void {
    if (this.element.clientWidth === 0 || !this.state) return;
    learnTableText(this.text, this.state.rows);
    let changed = false;
    if (this.measuredRows !== this.state.rows) {
      this.measuredRows = this.state.rows;
      const widths = contentWidths(this.text, this.state.rows);
      changed = JSON.stringify(widths) !== JSON.stringify(this.widths);
      this.widths = widths;
    }
    const fit = fitColumns(this.element.clientWidth / this.text.ch, this.choice, this.widths);
    this.chooser.update(this.choice, fit);
    if (changed || fit.shown.join() !== this.columns.map((column) => column.name).join()) {
      this.columns = ALL_COLUMNS.filter((column) => fit.shown.includes(column.name));
      this.drawnRows = [];
      this.render(this.state);
      return;
    }
    this.paths.fit(this.element, this.state.rows, this.rowElements);
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
        if (rowKey(row) !== rowKey(this.drawnRows[i])) patchRow(this.columns, this.rowElements[i], row);
      });
    } else {
      const header = this.chunkTable(el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, ...this.columns.map((column) => this.headerCell(column)))));
      header.classList.add('head-table');
      this.rowElements = rows.map((row) => bodyRow(this.columns, row));
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
