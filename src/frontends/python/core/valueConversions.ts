/**
 * Interpreter values to and from other forms: the constructor arguments the engine takes
 * (and back, for layer attributes), and the text `str()` gives. These depend on values
 * only, so the builtins and methods that format values stay outside the evaluator's
 * import cycle (literals.ts, which evaluates f-string interpolations, is inside it).
 */
import type { ArgValue } from '../../../engine/types';
import { isLayerArgValue } from '../../../engine/types';
import { layerArgOf } from '../../../engine/tf/recurrentConstruction';
import type { Value } from './values';
import { tuple, typeName, unknown } from './values';
import { maxCollectionItems, tooLargeMessage } from '../../analysisLimits';

/** `str(value)` for values with a known text. */
export function formatValue(value: Value): string | undefined {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (value.kind === 'float') return Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
  return undefined;
}

/** The constructor-argument form the engine takes. */
export function toArgValue(value: Value): ArgValue {
  return convertArg(value, { itemsLeft: maxCollectionItems });
}

/**
 * Lists within the size limit can still share themselves (`a = [a, a]` twenty times): the
 * items converted in all are counted, so such a value becomes unknown instead of unfolding
 * into millions of copies.
 */
function convertArg(value: Value, budget: { itemsLeft: number }): ArgValue {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  switch (value.kind) {
    case 'float':
      return value.value;
    case 'tuple':
    case 'list':
      budget.itemsLeft -= value.items.length;
      if (budget.itemsLeft < 0) return { unknown: true, reason: tooLargeMessage('an argument', Infinity) };
      return value.items.map((item) => convertArg(item, budget));
    case 'unknown':
      return { unknown: true, reason: value.reason };
    case 'layer':
      // A torch.nn layer object handed to another layer (`nn.TransformerEncoder(layer, 6)`).
      return value.layer ? { layerClass: value.layerKind, layerArgs: value.args } : { unknown: true, reason: `an nn.${value.layerKind} the analysis could not build` };
    case 'keras':
      // A Keras layer as an argument (`Bidirectional(LSTM(4))`, `RNN([LSTMCell(4)])`): the wrapper builds its own copy.
      if (value.object.type === 'layer' && value.object.layer) return layerArgOf(value.object.layer);
      return { unknown: true, reason: `a ${typeName(value)} value` };
    default:
      return { unknown: true, reason: `a ${typeName(value)} value` };
  }
}

/** Back from a bound argument to an interpreter value (layer attributes such as `conv.out_channels`). */
export function fromArgValue(value: ArgValue): Value {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return tuple(value.map(fromArgValue));
  if (isLayerArgValue(value)) return unknown(`the ${value.layerClass} layer passed as an argument`);
  return unknown((value as { reason: string }).reason);
}
