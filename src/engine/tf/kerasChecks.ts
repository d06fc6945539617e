/**
 * Checks Keras 3 makes the same way in many layers, in its own words: `data_format`
 * validation, the shape a symbolic output must have (no negative sizes), and Python's `str()`
 * of an argument as its f-string messages print it.
 */
import type { ArgValue, EngineIssue, Shape } from '../types';
import { pythonValueRepr } from '../torch/args';
import type { TfLayer } from './layerModel';
import { issue, pyTuple } from './layerModel';

/** Python's `str()` of a resolved argument (`f"{value}"`): strings bare, tuples as tuples. */
export function pyStr(value: ArgValue | undefined): string {
  if (value === undefined) return 'None';
  return typeof value === 'string' ? value : pythonValueRepr(value);
}

/** `backend.standardize_data_format`'s refusal of a `data_format` that is neither layout. */
export function dataFormatIssue(layer: TfLayer): EngineIssue | undefined {
  const value = layer.args.data_format;
  if (typeof value !== 'string') return undefined;
  // Keras lower-cases the value before it checks it (and prints it lower-cased).
  const lower = value.toLowerCase();
  if (lower === 'channels_first' || lower === 'channels_last') return undefined;
  return issue('error', 'tf.bad-data-format', `The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${lower}`, 'data_format');
}

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
