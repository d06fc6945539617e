/**
 * Keras 3's `InputLayer`: the batch shape it declares (`shape` with `batch_size`, or
 * `batch_shape`) and the refusals of its constructor, in Keras's words. It is never called on
 * a tensor: its output is the symbolic input it makes.
 */
import type { BoundArgs, EngineIssue, Shape } from '../types';
import { issue } from './layerModel';
import { pyStr } from './kerasArgs';
import { shapeConversionIssue } from './kerasChecks';

function dimsOf(value: BoundArgs[string] | undefined): Shape | undefined {
  if (!Array.isArray(value) || !value.every((d) => d === null || typeof d === 'number')) return undefined;
  return value.map((d) => (d === null ? Number.NaN : (d as number)));
}

/** Keras's error for an InputLayer's arguments, or undefined when it builds (or the shape is not known here). */
export function kerasInputLayerIssue(args: BoundArgs): EngineIssue | undefined {
  const shape = args.shape ?? null;
  const batchShape = args.batch_shape ?? null;
  if (shape !== null && batchShape !== null) return issue('error', 'keras.input-shape-twice', 'You cannot pass both `shape` and `batch_shape` at the same time.');
  if (shape === null && batchShape === null) return issue('error', 'keras.input-no-shape', 'You must pass a `shape` argument.');
  const given = shape ?? batchShape;
  if (typeof given === 'number' || typeof given === 'string') return issue('error', 'tf.bad-shape', `Cannot convert '${pyStr(given)}' to a shape.`);
  const dims = dimsOf(given);
  return dims ? shapeConversionIssue(dims) : undefined;
}

/** The batch shape an InputLayer declares (open sizes NaN), or null when its arguments are not known. */
export function kerasInputLayerShape(args: BoundArgs): Shape | null {
  const batchShape = dimsOf(args.batch_shape ?? undefined);
  if (batchShape) return batchShape;
  const shape = dimsOf(args.shape ?? undefined);
  const batch = args.batch_size;
  if (!shape || (batch !== null && batch !== undefined && typeof batch !== 'number')) return null;
  return [typeof batch === 'number' ? batch : Number.NaN, ...shape];
}
