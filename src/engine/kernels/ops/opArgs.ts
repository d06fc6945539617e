/**
 * Readers for the list-valued arguments of op nodes (`dims`, `sizes`, `pad`, `index`), with
 * the same errors as the layer argument readers in `tensor.ts`.
 */
import type { ArgValue, BoundArgs } from '../../types';
import { KernelError, numberArg } from '../tensor';

/** A list of numbers (a bare number counts as a list of one). */
export function numberListArg(args: BoundArgs, name: string): number[] {
  const value = args[name];
  if (typeof value === 'number') return [value];
  if (!Array.isArray(value)) throw new KernelError(`argument '${name}' must be a list of numbers, got ${JSON.stringify(value)}`);
  return value.map((item: ArgValue, i: number) => numberArg({ [`${name}[${i}]`]: item }, `${name}[${i}]`));
}

/** Like `numberListArg`, but null (or absent) stays null: "every axis" for reductions. */
export function optionalNumberListArg(args: BoundArgs, name: string): number[] | null {
  const value = args[name];
  return value === null || value === undefined ? null : numberListArg(args, name);
}

/** An axis argument checked against the tensor's rank (builders resolve negative dims). */
export function axisArg(args: BoundArgs, name: string, rank: number): number {
  const axis = numberArg(args, name);
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank) {
    throw new KernelError(`Dimension out of range (expected to be in range of [0, ${rank - 1}], but got ${axis})`);
  }
  return axis;
}

/** One `getitem` entry: a picked index, a `[start, stop, step]` slice, or a new axis (`None`). */
export type IndexEntry = { readonly pick: number } | { readonly slice: readonly [number, number, number] } | { readonly newAxis: true };

/** The `index` argument of `getitem`. */
export function indexArg(args: BoundArgs): IndexEntry[] {
  const value = args.index;
  if (!Array.isArray(value)) throw new KernelError(`argument 'index' must be a list, got ${JSON.stringify(value)}`);
  return value.map((item: ArgValue, i: number): IndexEntry => {
    if (item === null) return { newAxis: true };
    if (typeof item === 'number') return { pick: item };
    const bounds = numberListArg({ [`index[${i}]`]: item }, `index[${i}]`);
    if (bounds.length !== 3 || bounds[2] <= 0) throw new KernelError(`index[${i}] must be [start, stop, step] with a positive step`);
    return { slice: [bounds[0], bounds[1], bounds[2]] };
  });
}
