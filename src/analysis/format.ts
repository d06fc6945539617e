/**
 * Number and shape formatting shared by the CLI, the hovers and the panel, so the same
 * layer reads the same everywhere.
 */
import type { ArgValue, Shape } from '../engine/types';

/**
 * `[1, 64, 112, 112]`, as PyTorch prints `torch.Size` contents; `?` for an unknown shape and
 * `None` for a dimension Keras leaves open (NaN in the engine).
 */
export function formatShape(shape: Shape | null | undefined): string {
  return shape ? `[${shape.map((d) => (Number.isNaN(d) ? 'None' : d)).join(', ')}]` : '?';
}

/** `9,408`: thousands separators, independent of the machine's locale. */
export function formatCount(count: number): string {
  // NaN: a count that depends on an open (None) dimension.
  if (Number.isNaN(count)) return '?';
  if (!Number.isFinite(count)) return String(count);
  const sign = count < 0 ? '-' : '';
  return (
    sign +
    BigInt(Math.abs(Math.trunc(count)))
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  );
}

/** The units of the compact counts, largest first. */
const COMPACT_UNITS: readonly (readonly [number, string])[] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** `1.82 G`, `9.41 M`, `120`: compact, for table cells where width matters. */
export function formatCompact(count: number): string {
  if (Number.isNaN(count)) return '?';
  for (const [size, unit] of COMPACT_UNITS) {
    if (Math.abs(count) >= size) return `${(count / size).toFixed(2)} ${unit}`;
  }
  return String(count);
}

/** `7x7` for `[7, 7]` or `7`, and the plain text of any other argument value. */
export function formatArg(value: ArgValue | undefined): string {
  if (value === undefined) return '?';
  if (value === null) return 'None';
  if (Array.isArray(value)) return value.map((entry) => formatArg(entry)).join('x');
  if (typeof value === 'object') return '?';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

/** Per-axis numbers such as a receptive field: `7x7`, or `?`. */
export function formatAxes(values: readonly number[] | null | undefined): string {
  return values && values.length > 0 ? values.map((v) => (Number.isNaN(v) ? '?' : v)).join('x') : '?';
}

/** A count that may be unknown: `?` for null, else the count in `format` (thousands separators by default). */
export function formatKnown(value: number | null, format: (count: number) => string = formatCount): string {
  return value === null ? '?' : format(value);
}

/** `1 layer`, `3 layers`: the unknown parts of a total. */
function layersText(count: number): string {
  return `${count} ${count === 1 ? 'layer' : 'layers'} unknown`;
}

/**
 * A total that may have unknown parts, never shown as a plain number then: `1,200,000`,
 * `≥ 1,200,000 (3 layers unknown)`, or `? (3 layers unknown)` when no part is known.
 */
export function formatTotal(value: number, unknownParts: number | undefined, format: (count: number) => string = formatCount): string {
  return unknownParts ? `${formatBound(value, unknownParts, format)} (${layersText(unknownParts)})` : format(value);
}

/** `1,200`, `≥ 1,200`, or `?` when no part is known: a total whose unknown layers are counted next to it elsewhere. */
export function formatBound(value: number, unknownParts: number | undefined, format: (count: number) => string = formatCount): string {
  if (!unknownParts) return format(value);
  return value === 0 ? '?' : `≥ ${format(value)}`;
}

/** `36.9K`, `1.2M`, `512`: three significant digits without a space, for inline hints where width is capped. */
export function formatShort(count: number): string {
  // 999,600 rounds to 1000K at three digits: it reads 1M, so each unit starts half a step early.
  for (const [size, unit] of COMPACT_UNITS) {
    if (Math.abs(count) >= size * 0.9995) return `${trimZeros((count / size).toPrecision(3))}${unit}`;
  }
  return String(count);
}

/** `1.20` -> `1.2`, `100` stays `100`. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
