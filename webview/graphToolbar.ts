/**
 * The graph view's toolbar: fit, actual size, zoom, expand and collapse the module groups,
 * SVG and PNG export, and the status line. Every button has a title and an accessible name.
 */
import { el } from './dom';
import { ZOOM_STEP } from './graphViewport';

export interface GraphToolbarActions {
  readonly fit: () => void;
  readonly actualSize: () => void;
  readonly zoom: (factor: number) => void;
  readonly expandAll: () => void;
  readonly collapseTop: () => void;
  readonly exportSvg: () => void;
  readonly exportPng: () => void;
}

/** The toolbar element, with `status` at its end. */
export function createGraphToolbar(actions: GraphToolbarActions, status: HTMLElement): HTMLElement {
  const button = (label: string, title: string, action: () => void): HTMLButtonElement => {
    const element = el('button', { type: 'button', title, 'aria-label': title }, label);
    element.addEventListener('click', action);
    return element;
  };
  return el(
    'div',
    { class: 'graph-toolbar', role: 'toolbar', 'aria-label': 'Graph' },
    button('Fit', 'Fit the graph in the view', actions.fit),
    button('1:1', 'Actual size, on the focused or highlighted node', actions.actualSize),
    button('+', 'Zoom in', () => actions.zoom(ZOOM_STEP)),
    button('−', 'Zoom out', () => actions.zoom(1 / ZOOM_STEP)),
    button('Expand all', 'Expand every module group', actions.expandAll),
    button('Collapse', 'Collapse the top-level module groups', actions.collapseTop),
    el(
      'span',
      { class: 'exports', role: 'group', 'aria-label': 'Export graph' },
      button('SVG', 'Export the graph as SVG', actions.exportSvg),
      button('PNG', 'Export the graph as PNG', actions.exportPng),
    ),
    status,
  );
}
