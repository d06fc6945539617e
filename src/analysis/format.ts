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

/** `1.82 G`, `9.41 M`, `120`: compact, for table cells where width matters. */
export function formatCompact(count: number): string {
  if (Number.isNaN(count)) return '?';
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) {
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
