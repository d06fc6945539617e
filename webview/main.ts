/**
 * The inspector webview's entry: receives `ToPanel` messages, renders header, table, detail
 * and variants, and sends `FromPanel` messages. It only displays; every number comes from
 * the host. State survives a hide/show through the host's replay after `ready`; the user's
 * own view choices (the table's columns) through the webview's saved state.
 */
import type { FromPanel, PanelState, ToPanel } from '../src/protocol';
import type { ExportFormat } from '../src/analysis/exportFormats';
import { EXPORT_FORMATS } from '../src/analysis/exportFormats';
import { validateShapeText } from '../src/analysis/shapeText';
import { el } from './dom';
import { TableView } from './tableView';
import { renderDetail } from './detailView';
import { renderVariants } from './variantsView';
import type { FeatureMapActions } from './featureMapsView';
import { renderFeatureMapZoom, renderFeatureMaps } from './featureMapsView';
import { renderViewToPng } from './exportPng';
import { GraphPanelView } from './graphView';
import { createViewSwitch } from './viewSwitch';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscodeApi = acquireVsCodeApi();
const post = (message: FromPanel): void => vscodeApi.postMessage(message);

const app = document.getElementById('app') as HTMLElement;
let state: PanelState | undefined;

/** The webview's saved state, shared by its parts: each keeps its own key. */
const savedState = (): Record<string, unknown> => {
  const saved = vscodeApi.getState();
  return typeof saved === 'object' && saved !== null ? (saved as Record<string, unknown>) : {};
};
const table = new TableView(
  {
    onSelect: (index) => post({ type: 'selectLayer', index }),
    onReveal: (index) => post({ type: 'revealLayer', index }),
  },
  { load: () => savedState().tableColumns, save: (choice) => vscodeApi.setState({ ...savedState(), tableColumns: choice }) },
);
const title = el('h1');
const modelPicker = el('select', { id: 'model-picker', 'aria-label': 'Model' });
const shapeInput = el('input', {
  id: 'input-shape',
  type: 'text',
  spellcheck: 'false',
  'aria-label': 'Input shape, e.g. 1, 3, 224, 224',
  placeholder: 'auto-detect, e.g. 1, 3, 224, 224',
});
const shapeError = el('span', { id: 'input-shape-error', class: 'error', role: 'status' });
const shapeForm = el(
  'form',
  { id: 'input-shape-form', class: 'shape' },
  el('label', { for: 'input-shape' }, 'Input'),
  shapeInput,
  el('button', { type: 'submit' }, 'Set'),
  shapeError,
);
const exportButtons = (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => {
  const button = el('button', { type: 'button', 'data-export': format }, EXPORT_FORMATS[format].label);
  button.addEventListener('click', () => post({ type: 'export', format }));
  return button;
});
const pngButton = el('button', { type: 'button', 'data-export': 'png' }, 'PNG');
const message = el('p', { class: 'message', id: 'message' });
const banner = el('p', { class: 'banner', id: 'reason', role: 'note' });
const tableWrap = el('div', { class: 'table-wrap' }, table.element);
const detailHost = el('div', { id: 'detail-host' });
const variantsHost = el('div', { id: 'variants-host' });
const featureMapsHost = el('div', { id: 'feature-maps-host' });
const graphView = new GraphPanelView(post);
const viewSwitch = createViewSwitch(app, (view) => graphView.setVisible(view === 'graph'));
const featureMapActions: FeatureMapActions = {
  onCompute: (index) => post({ type: 'computeFeatureMaps', index }),
  onCancel: () => post({ type: 'cancelFeatureMaps' }),
  onOptions: (scaling, stripChannel) => post({ type: 'featureMapOptions', scaling, stripChannel }),
  onZoom: (index, firstChannel) => post({ type: 'zoomFeatureMap', index, firstChannel }),
  onSelectLayer: (index) => post({ type: 'selectLayer', index }),
};
const header = el(
  'header',
  {},
  title,
  el('div', { class: 'toolbar' }, modelPicker, shapeForm, el('span', { class: 'exports', role: 'group', 'aria-label': 'Export' }, 'Export', ...exportButtons, pngButton)),
);

modelPicker.addEventListener('change', () => post({ type: 'selectModel', modelIndex: Number(modelPicker.value) }));
shapeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  // The host's own reader, so the field refuses exactly what the host would.
  // An empty field means "detect the input" (the host removes the directive), never an error.
  const problem = shapeInput.value.trim() === '' ? undefined : validateShapeText(shapeInput.value);
  if (problem) {
    shapeError.textContent = problem;
    shapeInput.setAttribute('aria-invalid', 'true');
    return;
  }
  shapeError.textContent = '';
  shapeInput.removeAttribute('aria-invalid');
  post({ type: 'setInputShape', text: shapeInput.value });
});
pngButton.addEventListener('click', () => post({ type: 'exportPng', dataUrl: renderViewToPng(app) }));

function renderState(next: PanelState): void {
  const modelChanged = !state || state.fileName !== next.fileName || state.modelIndex !== next.modelIndex;
  state = next;
  title.textContent = next.fileName ? `${next.fileName}${next.models[next.modelIndex] ? ` · ${next.models[next.modelIndex].name}` : ''}` : 'Conv Inspector';
  // Used models first, unused classes last (their labels say so).
  const order = next.models.map((_, index) => index).sort((a, b) => Number(next.models[a].unused) - Number(next.models[b].unused) || a - b);
  modelPicker.replaceChildren(...order.map((index) => el('option', { value: index, selected: index === next.modelIndex }, next.models[index].label)));
  modelPicker.hidden = next.models.length < 2;
  if (document.activeElement !== shapeInput) shapeInput.value = next.modelInput === '?' ? '' : next.modelInput.replace(/^\[|\]$/g, '');
  shapeInput.title = next.inputSource ? `From ${next.inputSource}` : '';
  shapeForm.hidden = next.models.length === 0;
  message.textContent = next.message ?? '';
  message.hidden = !next.message;
  banner.textContent = next.reason ?? '';
  banner.hidden = !next.reason;
  tableWrap.hidden = next.rows.length === 0;
  table.chooser.element.hidden = tableWrap.hidden;
  table.render(next);
  graphView.render(next);
  if (modelChanged) {
    // An error about another file's or model's input does not stay.
    shapeError.textContent = '';
    shapeInput.removeAttribute('aria-invalid');
    detailHost.replaceChildren();
    variantsHost.replaceChildren();
    featureMapsHost.replaceChildren();
  }
  if (app.firstChild !== header)
    app.replaceChildren(header, message, banner, viewSwitch, table.chooser.element, tableWrap, table.totalsElement, graphView.element, detailHost, featureMapsHost, variantsHost);
}

function handle(incoming: ToPanel): void {
  switch (incoming.type) {
    case 'state':
      renderState(incoming.state);
      break;
    case 'highlight':
      table.highlight(incoming.index);
      graphView.highlight(incoming.index);
      break;
    case 'detail': {
      const row = state?.rows.find((entry) => entry.index === incoming.detail.index);
      const isConv = row !== undefined && /Conv/.test(row.kind);
      detailHost.replaceChildren(renderDetail(incoming.detail, isConv ? (index) => post({ type: 'requestVariants', index }) : undefined));
      break;
    }
    case 'variants':
      variantsHost.replaceChildren(renderVariants(incoming.variants));
      variantsHost.scrollIntoView({ block: 'nearest' });
      break;
    case 'featureMaps':
      featureMapsHost.replaceChildren(renderFeatureMaps(incoming.view, featureMapActions));
      break;
    case 'featureMapZoom': {
      // Only for the layer still shown: a late page of another layer is dropped.
      const zoomHost = featureMapsHost.querySelector<HTMLElement>(`#feature-maps[data-index="${incoming.index}"] #feature-map-zoom-host`);
      zoomHost?.replaceChildren(renderFeatureMapZoom(incoming.index, incoming.grid, featureMapActions));
      break;
    }
    case 'inputShapeResult':
      shapeError.textContent = incoming.ok ? '' : (incoming.message ?? 'Invalid input shape');
      if (incoming.ok) shapeInput.removeAttribute('aria-invalid');
      else shapeInput.setAttribute('aria-invalid', 'true');
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<ToPanel>) => {
  try {
    handle(event.data);
  } catch (error) {
    post({ type: 'log', message: `webview failed on ${String((event.data as { type?: unknown })?.type)}: ${String(error)}` });
  }
});
window.addEventListener('error', (event) => post({ type: 'log', message: `webview error: ${event.message}` }));
post({ type: 'ready' });
