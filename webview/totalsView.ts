/**
 * The model's totals under the table: labelled figures (params, trainable, MACs, FLOPs,
 * float32 weight and activation memory) that wrap as wholes, so no width ever cuts one.
 * Unknown parts make a total a lower bound (`≥ 1.2 M (3 layers unknown)`).
 */
import type { TotalsView } from '../src/protocol';
import { formatCompact } from '../src/analysis/format';
import { totalsText } from '../src/analysis/totalsText';
import { el } from './dom';

const formatBytes = (bytes: number): string => `${formatCompact(bytes)}B`;

/** A figure and its `(80 layers unknown)` as two unbreakable pieces: a narrow panel wraps between them instead of cutting the line. */
function figure(value: string): HTMLElement {
  const cut = value.indexOf(' (');
  return cut < 0 ? el('dd', {}, value) : el('dd', {}, el('span', {}, value.slice(0, cut)), ' ', el('span', {}, value.slice(cut + 1)));
}

/** One labelled figure; `data-total` names it for tests and exports. */
const totalsFact = (label: string, value: string, name: string): HTMLElement => el('div', { class: 'fact', 'data-total': name }, el('dt', {}, label), figure(value));

/** Fills `element` (a `dl`) with the totals, or hides it when there are none. */
export function renderTotals(element: HTMLElement, totals: TotalsView | null): void {
  element.hidden = totals === null;
  if (!totals) {
    element.replaceChildren();
    return;
  }
  const words = totalsText({ ...totals, approximate: !totals.exact });
  const weights = totals.unknownParamLayers > 0 ? `≥ ${formatBytes(totals.weightBytes)}` : formatBytes(totals.weightBytes);
  const activations = totals.unknownOutputLayers > 0 ? `≥ ${formatBytes(totals.activationBytes)}` : formatBytes(totals.activationBytes);
  element.dataset.params = String(totals.params);
  element.dataset.macs = String(totals.macs);
  element.replaceChildren(
    totalsFact('Total params', words.params, 'params'),
    totalsFact('Trainable', words.trainable, 'trainable'),
    totalsFact('MACs', words.macs, 'macs'),
    totalsFact('FLOPs', `${words.flops}${totals.exact ? '' : ' (approximate)'}`, 'flops'),
    totalsFact('Weights (float32)', weights, 'weights'),
    totalsFact('Activations', activations, 'activations'),
  );
}
