/**
 * Reading bound constructor arguments the way `torch.nn` does: `_single/_pair/_triple`
 * turn an int into an n-tuple, tuples pass through, and anything the front end could not
 * resolve stays unknown so that the engine leaves dependent results unknown instead of
 * guessing.
 */
import type { ArgValue, BoundArgs, EngineIssue, Shape } from '../types';
import { isUnknownValue } from '../types';

/** True when the argument itself, or any entry of a tuple argument, is unknown. */
export function containsUnknown(value: ArgValue | undefined): boolean {
  if (isUnknownValue(value)) return true;
  return Array.isArray(value) && (value as readonly ArgValue[]).some((entry) => containsUnknown(entry));
}

/** Python's `bool` is an `int`: True counts as 1 where an integer is expected. */
function asInteger(value: ArgValue | undefined): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** An integer argument, or null when unknown or not an integer. */
export function intArgOrNull(args: BoundArgs, name: string): number | null {
  return asInteger(args[name]);
}

/** `n` copies of `value`, in a plain packed array (Array.from with a length is several times slower). */
function repeated(value: number, n: number): number[] {
  const copies: number[] = [];
  for (let index = 0; index < n; index += 1) copies.push(value);
  return copies;
}

/**
 * An int-or-tuple argument as an n-tuple (`_ntuple`): an int is repeated, a one-entry
 * tuple is repeated (ATen accepts it), other tuples must have n entries. Null = unknown
 * or not representable.
 */
export function intTuple(value: ArgValue | undefined, n: number): number[] | null {
  const single = asInteger(value);
  if (single !== null) return repeated(single, n);
  if (!Array.isArray(value)) return null;
  const entries = (value as readonly ArgValue[]).map(asInteger);
  if (entries.some((entry) => entry === null)) return null;
  if (entries.length === 1) return repeated(entries[0] as number, n);
  return entries.length === n ? (entries as number[]) : null;
}

/** A boolean argument (Python truthiness of ints), or null when unknown. */
export function boolArgOrNull(args: BoundArgs, name: string): boolean | null {
  const value = args[name];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value === null) return false;
  return null;
}

/** PyTorch's shape text in its error messages: `[1, 16, 30, 30]`. */
export function torchShapeText(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Python's `repr` of a string, as f-strings with `!r` print it. */
export function pythonRepr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/'/g, "\\'")}'`;
}

/** Python's repr of a resolved value (tuples print with parentheses). */
export function pythonValueRepr(value: ArgValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return pythonRepr(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (Array.isArray(value)) {
    const entries = (value as readonly ArgValue[]).map(pythonValueRepr);
    return entries.length === 1 ? `(${entries[0]},)` : `(${entries.join(', ')})`;
  }
  return '<unknown>';
}

/** Python's repr of a float (`2.0`, `1.5`). */
export function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** An error issue with the framework's verbatim message. */
export function torchError(code: string, message: string, arg?: string): EngineIssue {
  return arg === undefined ? { severity: 'error', code, message } : { severity: 'error', code, message, arg };
}

/** A warning: something PyTorch would only reject in some modes (e.g. training). */
export function torchWarning(code: string, message: string, arg?: string): EngineIssue {
  return arg === undefined ? { severity: 'warning', code, message } : { severity: 'warning', code, message, arg };
}

/** An info issue: something the engine could not follow. */
export function unknownInfo(code: string, message: string, arg?: string): EngineIssue {
  return arg === undefined ? { severity: 'info', code, message } : { severity: 'info', code, message, arg };
}

/** Spatial rank of a PyTorch kind name ending in `1d`/`2d`/`3d`, else 0. */
export function torchSpatialRank(kind: string): number {
  const match = /([123])d$/.exec(kind);
  return match ? Number(match[1]) : 0;
}

/** `ceil`/`floor` division toward negative infinity (ATen's `div_rtn`). */
export function floorDiv(numerator: number, denominator: number): number {
  return Math.floor(numerator / denominator);
}
