/**
 * Which table columns fit the panel's width, what the user's column choice shows, and the
 * compact argument cell. Pure (no DOM): the table view measures, this module decides, so the
 * rules are unit-tested.
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

/** The columns the user chose (the layer path always shows), or `null`: as the width allows. */
export type ColumnChoice = readonly ColumnName[] | null;

/** Which chosen columns win the width when not all fit: the key figures first. */
const CHOICE_PRIORITY: readonly FixedColumn[] = ['output', 'params', 'macs', 'rf', 'args', 'kind', 'input'];

/** The columns shown, and those chosen but left out for lack of width. */
export interface ColumnFit {
  readonly shown: ColumnName[];
  readonly noRoom: ColumnName[];
}

/**
 * The columns for a table `availableCh` wide: with no choice, those the width affords
 * (`chooseColumns`); with one, the chosen columns in priority order while each still leaves
 * the path its minimum, the others reported as left out (never a sideways scroll).
 */
export function fitColumns(availableCh: number, choice: ColumnChoice, widths: ColumnWidths = COLUMN_WIDTH_CH): ColumnFit {
  if (choice === null) return { shown: chooseColumns(availableCh, widths), noRoom: [] };
  const shown = new Set<ColumnName>(['path']);
  const noRoom: ColumnName[] = [];
  let fixed = 0;
  for (const name of CHOICE_PRIORITY) {
    if (!choice.includes(name)) continue;
    if (fixed + widths[name] + MIN_PATH_CH > availableCh) noRoom.push(name);
    else {
      shown.add(name);
      fixed += widths[name];
    }
  }
  return { shown: COLUMN_ORDER.filter((name) => shown.has(name)), noRoom: COLUMN_ORDER.filter((name) => noRoom.includes(name)) };
}

/**
 * The choice after the user ticks or unticks `name`: from the width's own choice, the
 * columns shown now are the starting point, so one tick changes one column.
 */
export function toggleColumn(choice: ColumnChoice, shownNow: readonly ColumnName[], name: FixedColumn): ColumnName[] {
  const chosen = new Set<ColumnName>(choice ?? shownNow);
  chosen.delete('path');
  if (chosen.has(name)) chosen.delete(name);
  else chosen.add(name);
  return COLUMN_ORDER.filter((column) => chosen.has(column));
}

/** A choice read back from the webview's saved state: anything but a list of known columns is none. */
export function readColumnChoice(saved: unknown): ColumnChoice {
  if (!Array.isArray(saved)) return null;
  return COLUMN_ORDER.filter((name) => name !== 'path' && saved.includes(name));
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
