/**
 * From evaluator values to engine inputs: config objects to snake_case arguments and
 * declared input shapes.
 */
import type { ArgValue, Shape } from '../../engine/types';
import { snakeCaseKey } from '../../engine/tf/signatures';
import { layerArgOf } from '../../engine/tf/recurrentConstruction';
import type { JsValue } from './jsValues';
import { isUnknown } from './jsValues';

/** Converts an evaluator value to an engine argument (arrays stay arrays, layers become layer arguments, the rest unknown). */
export function toArgValue(value: JsValue): ArgValue {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value.kind === 'array') return value.items.map(toArgValue);
  if (isUnknown(value)) return { unknown: true, reason: value.reason };
  // A layer in a config (`bidirectional({layer: tf.layers.lstm(...)})`): the wrapper builds its own copy.
  if (value.kind === 'layer' && value.layer) return layerArgOf(value.layer);
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
function shapeOf(given: ArgValue | undefined, hasBatch: boolean): Shape | null {
  // tfjs concatenates the batch with what it is given, so `inputShape: 12` means [12].
  const value = typeof given === 'number' && !hasBatch ? [given] : given;
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

/** Why a config's declared input is not known, when it declares one (`inputShape: [h, w, 3]` with `h` unknown). */
export function unknownDeclaredShape(args: Readonly<Record<string, ArgValue>>): string | undefined {
  const given = args.batch_input_shape ?? args.input_shape;
  if (given === undefined || given === null || declaredShape(args, 'batch_input_shape', 'input_shape')) return undefined;
  const parts = Array.isArray(given) ? given : [given];
  const reason = parts.map((d) => (typeof d === 'object' && d !== null && 'unknown' in d ? d.reason : undefined)).find((r) => r !== undefined);
  return `its inputShape is not known${reason ? ` (${reason})` : ''}`;
}
