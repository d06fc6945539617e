/**
 * The "Columns" control above the layer table: a disclosure button opening a checklist of
 * the columns (the layer path always shows) and "Fit to width", which gives the choice back
 * to the width. A chosen column the width cannot hold is marked "no room" in the list and
 * counted on the button, so a narrow side bar says what it left out instead of scrolling
 * sideways. Native `details` and checkboxes: keyboard and screen readers work as usual.
 */
import type { ColumnChoice, ColumnFit, FixedColumn } from './columnLayout';
import { el } from './dom';
import { ALL_COLUMNS } from './tableColumns';

export interface ColumnChooserCallbacks {
  /** The user ticked or unticked a column. */
  readonly onToggle: (name: FixedColumn) => void;
  /** The user gave the choice back to the width. */
  readonly onFitToWidth: () => void;
}

export class ColumnChooser {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly boxes = new Map<FixedColumn, { input: HTMLInputElement; note: HTMLElement }>();
  private readonly fitButton: HTMLButtonElement;

  constructor(callbacks: ColumnChooserCallbacks) {
    this.summary = el('summary', { title: 'Choose the columns of the layer table' }, 'Columns');
    const items = ALL_COLUMNS.filter((column) => column.name !== 'path').map((column) => {
      const name = column.name as FixedColumn;
      const input = el('input', { type: 'checkbox', 'data-col': name, id: `column-${name}` });
      const note = el('span', { class: 'no-room', id: `column-${name}-no-room`, hidden: true }, ' (no room)');
      input.addEventListener('change', () => callbacks.onToggle(name));
      this.boxes.set(name, { input, note });
      return el('label', { for: `column-${name}`, title: column.tooltip }, input, column.title, note);
    });
    this.fitButton = el('button', { type: 'button', 'data-columns': 'fit' }, 'Fit to width');
    this.fitButton.addEventListener('click', () => callbacks.onFitToWidth());
    const list = el('fieldset', { class: 'column-list' }, el('legend', {}, 'Show columns'), ...items, this.fitButton);
    this.element = el('details', { id: 'column-chooser', class: 'column-chooser' }, this.summary, list);
    // Escape closes the list and gives the focus back to its button.
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !this.element.open) return;
      event.preventDefault();
      this.element.open = false;
      this.summary.focus();
    });
  }

  /** Ticks what shows, marks what was chosen but has no room, and says so on the button. */
  update(choice: ColumnChoice, fit: ColumnFit): void {
    for (const [name, { input, note }] of this.boxes) {
      input.checked = fit.shown.includes(name) || fit.noRoom.includes(name);
      note.hidden = !fit.noRoom.includes(name);
      if (fit.noRoom.includes(name)) input.setAttribute('aria-describedby', note.id);
      else input.removeAttribute('aria-describedby');
    }
    this.summary.textContent = fit.noRoom.length > 0 ? `Columns (${fit.noRoom.length} without room)` : 'Columns';
    this.element.dataset.noRoom = fit.noRoom.join(' ');
    this.fitButton.disabled = choice === null;
  }
}
