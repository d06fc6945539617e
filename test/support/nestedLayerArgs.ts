/**
 * The catalogue fixtures' encoding of a layer passed as an argument, `{"__layer__": "LSTM",
 * "kwargs": {...}}` (the same in the Keras and the TF.js generator), turned into the engine's
 * `LayerArgValue`; `key` renames config keys (TF.js's camelCase to the engine's snake_case).
 */
import type { ArgValue } from '../../src/engine/types';

type Encoded = ArgValue | { __layer__: string; kwargs: Record<string, unknown> } | readonly Encoded[];

function engineValue(value: unknown, key: (name: string) => string): ArgValue {
  if (Array.isArray(value)) return value.map((item) => engineValue(item, key));
  if (typeof value === 'object' && value !== null && '__layer__' in value) {
    const encoded = value as { __layer__: string; kwargs: Record<string, unknown> };
    return { layerClass: encoded.__layer__, layerArgs: engineArgs(encoded.kwargs, key) };
  }
  return value as ArgValue;
}

/** A recorded case's arguments for `constructTfLayer`. */
export function engineArgs(kwargs: Readonly<Record<string, unknown>>, key: (name: string) => string = (name) => name): Record<string, ArgValue> {
  const args: Record<string, ArgValue> = {};
  for (const [name, value] of Object.entries(kwargs)) args[key(name)] = engineValue(value as Encoded, key);
  return args;
}
