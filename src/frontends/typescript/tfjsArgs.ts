/**
 * From evaluator values to engine inputs: config objects to snake_case arguments, declared
 * input shapes, and the gridding warning's wording (shared with the Python front end).
 */
import type { ArgValue, EngineIssue, Shape } from '../../engine/types';
import { snakeCaseKey } from '../../engine/tf/signatures';
import { explainGridding } from '../../engine/gridding';
import type { JsLayer, JsValue, TensorField } from './jsValues';
import { isUnknown } from './jsValues';

/** Converts an evaluator value to an engine argument (arrays stay arrays, the rest unknown). */
export function toArgValue(value: JsValue): ArgValue {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value.kind === 'array') return value.items.map(toArgValue);
  if (isUnknown(value)) return { unknown: true, reason: value.reason };
  return { unknown: true, reason: `a ${value.kind} value` };
}

/** A config object's entries with snake_case keys, as the engine expects. */
export function configArgs(config: JsValue): Record<string, ArgValue> {
  const args: Record<string, ArgValue> = {};
  if (typeof config === 'object' && config !== null && config.kind === 'object') {
    for (const [key, value] of config.props) if (value !== undefined) args[snakeCaseKey(key)] = toArgValue(value);
  }
  return args;
}

/** A shape from `shape`/`inputShape` (no batch) or `batchShape` (batch first, null = any batch: 1). */
function shapeOf(value: ArgValue | undefined, hasBatch: boolean): Shape | null {
  if (!Array.isArray(value)) return null;
  const dims = value.map((d, i) => (d === null && hasBatch && i === 0 ? 1 : d));
  // Other unknown (null) sizes: the shapes downstream are unknown too, not guessed.
  return dims.every((d) => typeof d === 'number' && d >= 0) ? (dims as number[]) : null;
}

/** The input a config declares: `batchInputShape`/`batchShape`, else `inputShape`/`shape` with `batchSize`. */
export function declaredShape(args: Readonly<Record<string, ArgValue>>, batchKey: string, shapeKey: string): Shape | null {
  const batched = shapeOf(args[batchKey], true);
  if (batched) return batched;
  const shape = shapeOf(args[shapeKey], false);
  return shape ? [typeof args.batch_size === 'number' ? args.batch_size : 1, ...shape] : null;
}

/** The gridding warning, worded as the Python front end words it. */
export function griddingIssue(layer: JsLayer, input: TensorField | null, output: TensorField, holes: readonly number[]): EngineIssue {
  const sizes = output.coverage!.map((axis) => axis.size);
  const jumpBefore = input ? Math.max(...input.rf.jump) : 1;
  const kernelArg = layer.layer?.args.kernel_size;
  const kernel = Math.max(...(Array.isArray(kernelArg) ? kernelArg : [kernelArg]).map((value) => (typeof value === 'number' ? value : 3)));
  const last = output.dilations[output.dilations.length - 1] ?? 1;
  const why = jumpBefore > 1
    ? `After a total stride of ${jumpBefore}, dilation ${last} spaces the taps ${jumpBefore * last} input pixels apart.`
    : explainGridding(output.dilations, kernel);
  return {
    severity: 'warning', code: 'gridding', arg: 'dilation_rate',
    message: `Gridding effect: with dilation rates (${output.dilations.join(', ')}) one output pixel never sees ${holes.join(' x ')} of the `
      + `${sizes.join(' x ')} input pixels inside its receptive field. ${why}`,
  };
}

