/**
 * Custom layers: a class of the user's that extends `tf.layers.Layer`. Its output shape is
 * what its own `computeOutputShape` returns for the input shapes (tfjs's base class returns
 * the input shape); without a `build` it has no weights, while weights a `build` creates are
 * not followed (the count is then marked inexact, with a note).
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { EngineIssue, Shape } from '../../engine/types';
import type { JsLayer, JsObject, JsValue } from './jsValues';
import { jsArray } from './jsValues';

/** Calls a function value of the file (the evaluator's `callValue`). */
type Invoke = (fn: JsValue, args: JsValue[], site: Node) => JsValue;

/** A shape the user's code returned (`[null, 2]`), with the batch of the call. */
function toShape(value: JsValue, batch: number): Shape | null {
  if (typeof value !== 'object' || value === null || value.kind !== 'array' || value.items.length === 0) return null;
  const dims = value.items.slice(1);
  return dims.every((d): d is number => typeof d === 'number' && Number.isInteger(d) && d >= 0) ? [batch, ...dims] : null;
}

/** A custom layer's call: its output shape and what could not be followed. */
export function customLayerCall(
  invoke: Invoke,
  layer: JsLayer & { custom: JsObject },
  shapes: Shape[],
  site: Node,
): { output: Shape | null; issues: EngineIssue[]; exactParams: boolean } {
  const issues: EngineIssue[] = [];
  const exactParams = !layer.custom.props.has('build');
  if (!exactParams) issues.push({ severity: 'info', code: 'tf.custom-layer', message: `the weights ${layer.name} creates in build() are not counted` });
  const compute = layer.custom.props.get('computeOutputShape');
  if (compute === undefined) return { output: shapes[0] ?? null, issues, exactParams };
  // tfjs passes the shapes with the batch unknown (null), one array per input when several.
  const asValue = (shape: Shape): JsValue => jsArray([null, ...shape.slice(1)]);
  const result = invoke(compute, [shapes.length === 1 ? asValue(shapes[0]) : jsArray(shapes.map(asValue))], site);
  const output = toShape(result, shapes[0]?.[0] ?? 1);
  if (!output) issues.push({ severity: 'info', code: 'tf.unknown-input', message: `the output shape computeOutputShape() of ${layer.name} returns could not be worked out` });
  return { output, issues, exactParams };
}
