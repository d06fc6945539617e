/**
 * The compare-variants table: standard, dilated, grouped, pointwise, depthwise separable and
 * fully connected equivalents of the selected conv, with ratios to the standard conv.
 */
import type { VariantsView } from '../src/protocol';
import { formatCompact, formatCount } from '../src/analysis/format';
import { el } from './dom';

const ratio = (value: number | null): string => (value !== null && Number.isFinite(value) ? `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}x` : '-');
const count = (value: number | null, format: (n: number) => string): string => (value === null ? '-' : format(value));

/** The variants section; every row carries `data-variant` (its label) for tests and exports. */
export function renderVariants(view: VariantsView): HTMLElement {
  const section = el('section', { id: 'variants', 'aria-label': 'Compare variants' }, el('h2', {}, view.title));
  if (view.message) {
    section.append(el('p', { class: 'message' }, view.message));
    return section;
  }
  const header = el(
    'tr',
    {},
    ...['Variant', 'Params', 'MACs', 'Kernel extent', 'Output', 'Params ratio', 'MACs ratio', 'Layers'].map((title) => el('th', { scope: 'col' }, title)),
  );
  const body = el(
    'tbody',
    {},
    ...view.rows.map((row) =>
      el(
        'tr',
        { 'data-variant': row.label, 'data-params': row.params ?? undefined, 'data-macs': row.macs ?? undefined, class: row.yours ? 'yours' : undefined },
        el('th', { scope: 'row', class: 'label' }, row.label, ...(row.yours ? [' ', el('span', { class: 'badge', title: 'Your configuration' }, 'yours')] : [])),
        el('td', { class: 'num params' }, count(row.params, formatCount)),
        el('td', { class: 'num macs' }, count(row.macs, formatCompact)),
        el('td', { class: 'rf' }, row.receptiveField),
        el('td', { class: 'output' }, row.output),
        el('td', { class: 'num' }, ratio(row.paramsRatio)),
        el('td', { class: 'num' }, ratio(row.macsRatio)),
        // Last: the widest cell, so a narrow side bar still shows every number.
        el('td', { class: 'description' }, el('code', {}, row.description)),
      ),
    ),
  );
  section.append(el('table', { class: 'variants' }, el('thead', {}, header), body));
  return section;
}
