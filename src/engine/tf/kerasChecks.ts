/**
 * How Keras 3 prints a symbolic shape, and the shape a symbolic output must have (no negative
 * or fractional sizes), in its own words. The argument checks it shares across classes
 * (`data_format`, tuples, rates) live in kerasArgs.ts.
 */
import type { EngineIssue, Shape } from '../types';
import { issue, pyTuple } from './layerModel';

/** A shape as Keras prints a symbolic one: open sizes (NaN) are `None`, the first axis included. */
export function kerasShapeTuple(shape: Shape): string {
  return pyTuple(shape.map((d) => (Number.isNaN(d) ? 'None' : String(d))));
}

/**
 * Keras refuses to make a symbolic tensor whose shape has a negative or fractional size
 * (`standardize_shape`): a layer whose computed output has one fails, on the first such axis.
 */
export function shapeConversionIssue(output: Shape): EngineIssue | undefined {
  const text = kerasShapeTuple(output);
  for (const d of output) {
    if (Number.isNaN(d)) continue;
    if (!Number.isInteger(d)) return issue('error', 'tf.bad-shape', `Cannot convert '${text}' to a shape. Found invalid dimension '${d}' of type '<class 'float'>'. `);
    if (d < 0) return issue('error', 'tf.negative-output', `Cannot convert '${text}' to a shape. Negative dimensions are not allowed.`);
  }
  return undefined;
}
