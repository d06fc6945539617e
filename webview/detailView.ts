/**
 * The layer detail under the table: a compact card of labelled facts (layer, shapes, counts,
 * receptive field, kernel extent), notes, output-size formulas, weight shapes and the
 * pictures, plus a "Compare variants" button for convolutions.
 */
import type { LayerDetailView } from '../src/protocol';
import { el } from './dom';
import { drawCoverage, drawScatter, drawWiring } from './pictures';

function figure(title: string, caption: string, canvas: HTMLCanvasElement | undefined, id: string): HTMLElement {
  return el('figure', { id }, el('figcaption', {}, el('strong', {}, title), ' ', caption), canvas);
}

/** Builds the detail section for one layer; `onCompare` is set for convolutions. */
export function renderDetail(detail: LayerDetailView, onCompare: ((index: number) => void) | undefined): HTMLElement {
  const section = el('section', { id: 'detail', 'data-index': detail.index, 'aria-label': 'Layer detail' }, el('h2', {}, detail.title));
  section.append(el('dl', { class: 'card facts' }, ...detail.facts.flatMap((fact) => [el('dt', {}, fact.label), el('dd', { 'data-fact': fact.label }, fact.value)])));
  if (onCompare) {
    const button = el('button', { type: 'button', id: 'compare-variants' }, 'Compare variants');
    button.addEventListener('click', () => onCompare(detail.index));
    section.append(button);
  }
  if (detail.notes.length > 0) section.append(el('ul', { class: 'notes' }, ...detail.notes.map((note) => el('li', {}, note))));
  if (detail.formulas.length > 0) {
    section.append(el('h3', {}, 'Output size'), el('ul', { class: 'formulas' }, ...detail.formulas.map((formula) => el('li', {}, el('code', {}, formula)))));
  }
  if (detail.weightShapes.length > 0) {
    section.append(el('h3', {}, 'Weights'), el('ul', { class: 'weights' }, ...detail.weightShapes.map((shape) => el('li', {}, el('code', {}, shape)))));
  }
  if (detail.coverage) {
    const canvas = detail.coverage.width > 0 ? drawCoverage(detail.coverage) : undefined;
    section.append(figure('Receptive field', detail.coverage.caption, canvas, 'coverage'));
  }
  if (detail.scatter) section.append(figure('Transposed conv scatter.', detail.scatter.caption, drawScatter(detail.scatter), 'scatter'));
  if (detail.wiring) {
    const { inChannels, outChannels, groups } = detail.wiring;
    const caption = `${inChannels} input channels, ${groups} groups of ${inChannels / groups}; each of the ${outChannels / groups} filters of a group sees only its group's channels.`;
    section.append(figure('Group wiring.', caption, drawWiring(detail.wiring), 'wiring'));
  }
  return section;
}
