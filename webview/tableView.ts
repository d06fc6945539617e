/**
 * The model table: sortable headers (buttons), one row per layer call, a totals row, and a
 * roving-tabindex keyboard model (arrow keys move, Home/End jump, Enter reveals the source).
 */
import type { PanelState, TableRowView, TotalsView } from '../src/protocol';
import type { SortKey } from './rowOrder';
import { sortRows } from './rowOrder';
import { formatBound, formatCompact, formatCount, formatKnown } from '../src/analysis/format';
import { totalsText } from '../src/analysis/totalsText';
import { el } from './dom';

export interface TableCallbacks {
  /** The focused row changed (keyboard or click). */
  readonly onSelect: (index: number) => void;
  /** Click or Enter: reveal the row's source line. */
  readonly onReveal: (index: number) => void;
}

interface Column {
  readonly title: string;
  readonly name: string;
  readonly sortKey?: SortKey;
  readonly numeric?: boolean;
  readonly cell: (row: TableRowView) => string;
}

const COLUMNS: readonly Column[] = [
  { title: '#', name: 'index', sortKey: 'index', numeric: true, cell: (row) => String(row.index + 1) },
  { title: 'Path', name: 'path', sortKey: 'path', cell: (row) => row.path },
  { title: 'Kind', name: 'kind', sortKey: 'kind', cell: (row) => row.kind },
  { title: 'k', name: 'k', cell: (row) => row.k },
  { title: 's', name: 's', cell: (row) => row.s },
  { title: 'p', name: 'p', cell: (row) => row.p },
  { title: 'd', name: 'd', cell: (row) => row.d },
  { title: 'g', name: 'g', cell: (row) => row.g },
  { title: 'Input → Output', name: 'shapes', sortKey: 'output', cell: (row) => `${row.input} → ${row.output}` },
  { title: 'Params', name: 'params', sortKey: 'params', numeric: true, cell: (row) => formatKnown(row.params) },
  { title: 'MACs', name: 'macs', sortKey: 'macs', numeric: true, cell: (row) => formatKnown(row.macs, formatCompact) },
  { title: 'RF', name: 'rf', sortKey: 'receptiveField', numeric: true, cell: (row) => row.receptiveField },
];

const rowClasses = (row: TableRowView): string => (row.severity ? `layer issue-${row.severity}` : 'layer');

/** Everything a row shows, to tell whether it changed. */
const rowKey = (row: TableRowView): string => JSON.stringify(row);

const formatBytes = (bytes: number): string => `${formatCompact(bytes)}B`;

/**
 * Rows per chunk. Each chunk is its own fixed-layout table in a `content-visibility: auto`
 * block, so the browser skips layout and paint of chunks off screen: an edit that changes
 * every row of a 600-layer model costs the visible chunks, not the whole table.
 */
const ROWS_PER_CHUNK = 48;
/** Height of one row in px, for the size a skipped chunk reserves. */
const ROW_HEIGHT_PX = 20;

/** The same column widths for the header, every chunk and the totals, so they line up. */
function columnGroup(): HTMLTableColElement {
  return el('colgroup', {}, ...COLUMNS.map((column) => el('col', { class: `col-${column.name}` })));
}

function chunkTable(...content: HTMLElement[]): HTMLTableElement {
  return el('table', { role: 'presentation' }, columnGroup(), ...content);
}

/** Owns the grid element; re-rendered on every state, sorting kept across states. */
export class TableView {
  readonly element: HTMLDivElement;
  /** Every body row in drawn order (across chunks). */
  private rowElements: HTMLTableRowElement[] = [];
  private sortKey: SortKey = 'index';
  private descending = false;
  private state: PanelState | undefined;
  private focusedIndex: number | null = null;
  /** The rows as last drawn, in drawn order: an edit that keeps the rows only patches what changed. */
  private drawnRows: readonly TableRowView[] = [];

  constructor(private readonly callbacks: TableCallbacks) {
    this.element = el('div', { id: 'layers', class: 'layers', role: 'grid', 'aria-label': 'Layers of the model' });
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.element.addEventListener('click', (event) => this.onClick(event));
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
      this.element.querySelector('.totals-table')?.remove();
    } else {
      const header = chunkTable(el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, ...COLUMNS.map((column) => this.headerCell(column)))));
      header.classList.add('head-table');
      this.rowElements = rows.map((row) => this.bodyRow(row));
      const chunks: HTMLElement[] = [];
      for (let start = 0; start < this.rowElements.length; start += ROWS_PER_CHUNK) {
        const chunkRows = this.rowElements.slice(start, start + ROWS_PER_CHUNK);
        chunks.push(
          el('div', { class: 'chunk', style: `contain-intrinsic-size: auto ${chunkRows.length * ROW_HEIGHT_PX}px` }, chunkTable(el('tbody', { role: 'rowgroup' }, ...chunkRows))),
        );
      }
      this.element.replaceChildren(header, ...chunks);
    }
    this.drawnRows = rows;
    if (state.totals) this.element.append(chunkTable(el('tfoot', { role: 'rowgroup' }, this.totalsRow(state.totals))));
    this.element.lastElementChild?.classList.toggle('totals-table', state.totals !== null);
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
    if (!column.sortKey) return el('th', { scope: 'col', role: 'columnheader', 'data-col': column.name }, column.title);
    const active = column.sortKey === this.sortKey;
    const sort = active ? (this.descending ? 'descending' : 'ascending') : 'none';
    const button = el('button', { type: 'button', class: 'sort', title: `Sort by ${column.title}` }, column.title, active ? (this.descending ? ' ▼' : ' ▲') : '');
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
      ...COLUMNS.map((column) => el('td', { role: 'gridcell', 'data-col': column.name, class: column.numeric ? 'num' : undefined }, column.cell(row))),
    );
  }

  /** Rewrites only the cells and attributes whose text changed (no new elements, focus kept). */
  private patchRow(element: HTMLTableRowElement, row: TableRowView): void {
    COLUMNS.forEach((column, i) => {
      const cell = element.cells[i];
      const text = column.cell(row);
      if (cell && cell.textContent !== text) cell.textContent = text;
    });
    element.className = rowClasses(row);
    element.dataset.line = String(row.line);
    if (row.issueText) element.title = row.issueText;
    else element.removeAttribute('title');
  }

  private totalsRow(totals: TotalsView): HTMLTableRowElement {
    const words = totalsText({ ...totals, approximate: !totals.exact });
    const weights = totals.unknownParamLayers > 0 ? `≥ ${formatBytes(totals.weightBytes)}` : formatBytes(totals.weightBytes);
    const text =
      `Total params ${words.params} (trainable ${words.trainable}) · ` +
      `${words.macs} MACs · ${words.flops} FLOPs${totals.exact ? '' : ' (approximate)'} · ` +
      `float32 weights ${weights}, activations ${formatBytes(totals.activationBytes)}`;
    return el(
      'tr',
      { role: 'row', class: 'totals', 'data-params': totals.params, 'data-macs': totals.macs },
      el('th', { scope: 'row', colspan: 9 }, text),
      el('td', { class: 'num', 'data-col': 'params' }, formatBound(totals.params, totals.unknownParamLayers, formatCount)),
      el('td', { class: 'num', 'data-col': 'macs' }, formatBound(totals.macs, totals.unknownMacLayers, formatCompact)),
      el('td'),
    );
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
