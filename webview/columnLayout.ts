/**
 * Which table columns fit the panel's width, and how a layer path is shortened in the middle.
 * Pure (no DOM): the table view measures, this module decides, so the rules are unit-tested.
 *
 * The panel lives in the side bar (300-450 px by default): the layer, its output shape and
 * its params always show; MACs, receptive field, the arguments, the kind and the input shape
 * join in that order as the width allows, the layer path growing in between.
 */

export type ColumnName = 'path' | 'kind' | 'args' | 'input' | 'output' | 'params' | 'macs' | 'rf';

/** Left-to-right order of the columns that are shown. */
export const COLUMN_ORDER: readonly ColumnName[] = ['path', 'kind', 'args', 'input', 'output', 'params', 'macs', 'rf'];

export type FixedColumn = Exclude<ColumnName, 'path'>;

/** Widths in `ch` of the columns other than the path (cell padding included). */
export type ColumnWidths = Readonly<Record<FixedColumn, number>>;

/**
 * Default width of each fixed column in `ch`, used until the table measured its content
 * (the table view sizes each column to its widest cell); the path takes what is left.
 */
export const COLUMN_WIDTH_CH: ColumnWidths = {
  kind: 12,
  args: 14,
  input: 16,
  output: 16,
  params: 11,
  macs: 8,
  rf: 7,
};

/** The path column never gets narrower than this (a middle ellipsis keeps both ends readable). */
export const MIN_PATH_CH = 10;

/**
 * What to grant next as width grows: an optional column, or more room for the path first
 * (a longer path reads better than a fourth number column).
 */
const GROWTH: readonly ({ readonly column: Exclude<FixedColumn, 'output' | 'params'> } | { readonly pathCh: number })[] = [
  { column: 'macs' },
  { column: 'rf' },
  { pathCh: 20 },
  { column: 'args' },
  { column: 'kind' },
  { pathCh: 28 },
  { column: 'input' },
];

/** The columns shown when the table is `availableCh` characters wide, in display order. */
export function chooseColumns(availableCh: number, widths: ColumnWidths = COLUMN_WIDTH_CH): ColumnName[] {
  const shown = new Set<ColumnName>(['path', 'output', 'params']);
  let fixed = widths.output + widths.params;
  let pathCh = MIN_PATH_CH;
  for (const step of GROWTH) {
    if ('pathCh' in step) {
      pathCh = Math.max(pathCh, step.pathCh);
      continue;
    }
    const width = widths[step.column];
    if (fixed + width + pathCh > availableCh) break;
    shown.add(step.column);
    fixed += width;
  }
  return COLUMN_ORDER.filter((name) => shown.has(name));
}

const ELLIPSIS = '…';

/**
 * `text` shortened in the middle so that `measure` of the result is at most `maxWidth`:
 * `layer1.0.…ortcut.0`. The start names the block, the end the layer, so both are kept
 * (the end gets the extra character). Returns `text` itself when it fits.
 */
export function middleEllipsis(text: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = Array.from(text);
  const shortened = (keep: number): string => {
    const head = Math.floor(keep / 2);
    return chars.slice(0, head).join('') + ELLIPSIS + chars.slice(chars.length - (keep - head)).join('');
  };
  // The widest `keep` that still fits, by bisection (measuring is the cost).
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(shortened(middle)) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return shortened(low);
}

/** A per-axis value written once when every axis agrees: `3x3` reads `3`, `3x1` stays. */
const sameAxes = (value: string): string => {
  const axes = value.split('x');
  return axes.length > 1 && axes.every((axis) => axis === axes[0]) ? axes[0] : value;
};

/**
 * The key arguments in one short cell, `k3 s2 p1 d2 g4`: `-` (no such argument) is left
 * out, and so are dilation 1 and groups 1, the defaults nobody writes. Words read `p=same`.
 */
export function compactArgs(row: { readonly k: string; readonly s: string; readonly p: string; readonly d: string; readonly g: string }): string {
  const parts: string[] = [];
  const add = (letter: string, value: string, omitted?: string): void => {
    const shown = sameAxes(value);
    if (value !== '-' && shown !== omitted) parts.push(`${letter}${/^[\d?(]/.test(shown) ? '' : '='}${shown}`);
  };
  add('k', row.k);
  add('s', row.s);
  add('p', row.p);
  add('d', row.d, '1');
  add('g', row.g, '1');
  return parts.join(' ');
}
