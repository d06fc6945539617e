/**
 * The switch between the inspector's table and its graph view: two tabs; the chosen view is
 * `data-view` on the app element, which the stylesheet reads to show one and hide the other
 * (so the table's own code never needs to know). Arrow keys move between the tabs.
 */
import { el } from './dom';

export type InspectorView = 'table' | 'graph';

/** The tab list; `onChange` runs after `data-view` is set on `app`. */
export function createViewSwitch(app: HTMLElement, onChange: (view: InspectorView) => void): HTMLElement {
  const tabs: Record<InspectorView, HTMLButtonElement> = {
    table: el('button', { type: 'button', role: 'tab', id: 'view-tab-table', 'data-view': 'table' }, 'Table'),
    graph: el('button', { type: 'button', role: 'tab', id: 'view-tab-graph', 'data-view': 'graph' }, 'Graph'),
  };
  const choose = (view: InspectorView, focus = false): void => {
    app.dataset.view = view;
    for (const [name, tab] of Object.entries(tabs)) {
      tab.setAttribute('aria-selected', String(name === view));
      tab.tabIndex = name === view ? 0 : -1;
    }
    if (focus) tabs[view].focus();
    onChange(view);
  };
  for (const [name, tab] of Object.entries(tabs) as [InspectorView, HTMLButtonElement][]) {
    tab.addEventListener('click', () => choose(name));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      choose(name === 'table' ? 'graph' : 'table', true);
    });
  }
  choose('table');
  return el('div', { class: 'view-switch', role: 'tablist', 'aria-label': 'View' }, tabs.table, tabs.graph);
}
