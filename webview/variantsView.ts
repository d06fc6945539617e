/**
 * The compare-variants table: standard, dilated, grouped, pointwise, depthwise separable and
 * fully connected equivalents of the selected conv, with ratios to the standard conv. Wide, a
 * table; at side-bar width (the stylesheet's media query) each variant is a card of
 * labelled figures, so no number is cut and nothing scrolls sideways.
 */
import type { VariantsView } from '../src/protocol';
import { formatCompact, formatCount } from '../src/analysis/format';
import { el } from './dom';

const ratio = (value: number | null): string => (value !== null && Number.isFinite(value) ? `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}x` : '-');
/** The headers of the cells after the variant's label, in order. */
const CELL_TITLES = ['Params', 'MACs', 'Kernel extent', 'Output', 'Params ratio', 'MACs ratio', 'Layers'];
const count = (value: number | null, format: (n: number) => string): string => (value === null ? '-' : format(value));

/** The variants section; every row carries `data-variant` (its label) for tests and exports. */
export function renderVariants(view: VariantsView): HTMLElement {
  const section = el('section', { id: 'variants', 'aria-label': 'Compare variants' }, el('h2', {}, view.title));
  if (view.message) {
    section.append(el('p', { class: 'message' }, view.message));
    return section;
  }
  const header = el('tr', {}, el('th', { scope: 'col' }, 'Variant'), ...CELL_TITLES.map((title) => el('th', { scope: 'col' }, title)));
  // Each cell carries its header: at side-bar width a variant is a card of labelled figures.
  const cell = (index: number, className: string, content: string | HTMLElement): HTMLElement => el('td', { class: className, 'data-label': CELL_TITLES[index] }, content);
  const body = el(
    'tbody',
    {},
    ...view.rows.map((row) =>
      el(
        'tr',
        { 'data-variant': row.label, 'data-params': row.params ?? undefined, 'data-macs': row.macs ?? undefined, class: row.yours ? 'yours' : undefined },
        el('th', { scope: 'row', class: 'label' }, row.label, ...(row.yours ? [' ', el('span', { class: 'badge', title: 'Your configuration' }, 'yours')] : [])),
        cell(0, 'num params', count(row.params, formatCount)),
        cell(1, 'num macs', count(row.macs, formatCompact)),
        cell(2, 'rf', row.receptiveField),
        cell(3, 'output', row.output),
        cell(4, 'num', ratio(row.paramsRatio)),
        cell(5, 'num', ratio(row.macsRatio)),
        // Last: the widest cell, so a narrow side bar still shows every number.
        cell(6, 'description', el('code', {}, row.description)),
      ),
    ),
  );
  section.append(el('table', { class: 'variants' }, el('thead', {}, header), body));
  return section;
}
