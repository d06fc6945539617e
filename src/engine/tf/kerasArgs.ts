/**
 * Keras 3's shared argument checks, in its own words: the base layer's `name` and `dtype`,
 * `standardize_tuple`, `standardize_data_format`, `standardize_padding`, `activations.get`,
 * the dropout family's rate and the seed generator. Each returns the issue Keras raises for
 * a value it rejects, and undefined for a value it accepts or one the analysis cannot see.
 */
import type { ArgValue, BoundArgs, EngineIssue } from '../types';
import { isUnknownValue } from '../types';
import { pythonValueRepr } from '../torch/args';
import { issue } from './layerModel';

/** One check of a constructor argument: Keras's refusal, or undefined when it accepts. */
export type KerasCheck = () => EngineIssue | undefined;

/** Python's `str()` of a value, as f-strings print it: strings bare, tuples in parentheses. */
export function pyStr(value: ArgValue | undefined): string {
  if (value === undefined) return 'None';
  return typeof value === 'string' ? value : pythonValueRepr(value);
}

/** A Python `float` or `int` literal (JSON cannot tell `2.0` from `2`; both read as numbers here). */
function isNumber(value: ArgValue | undefined): value is number {
  return typeof value === 'number';
}

/** True when a value is fully known (no unknown part anywhere in it). */
export function isKnown(value: ArgValue | undefined): value is ArgValue {
  if (value === undefined || isUnknownValue(value)) return false;
  return Array.isArray(value) ? (value as readonly ArgValue[]).every(isKnown) : true;
}

/** Keras's `standardize_tuple(value, n, name, allow_zero)`: an int or `n` ints, each > 0 (>= 0 with `allowZero`). */
export function tupleIssue(value: ArgValue | undefined, n: number, name: string, allowZero = false, arg = name): EngineIssue | undefined {
  if (!isKnown(value) || value === null || typeof value === 'boolean') return undefined;
  const received = `The \`${name}\` argument must be a tuple of ${n} integers. Received ${name}=${pyStr(value)}`;
  let items: readonly ArgValue[];
  if (isNumber(value)) items = new Array<number>(n).fill(value);
  else if (typeof value === 'string') items = [...value];
  else items = value as readonly ArgValue[];
  if (items.length !== n) return issue('error', 'keras.bad-tuple', received, arg);
  if (!items.every(isNumber)) return undefined;
  const bad = [...new Set(items.filter((v) => (allowZero ? v < 0 : v <= 0)))];
  if (bad.length === 0) return undefined;
  // Python prints the set of offending values; one value (the usual case) prints unambiguously.
  const which = `{${bad.sort((a, b) => a - b).join(', ')}}`;
  return issue('error', 'keras.bad-tuple', `${received}, including values ${which} that do not satisfy \`value ${allowZero ? '>=' : '>'} 0\``, arg);
}

/** Keras's `standardize_data_format`: 'channels_first' or 'channels_last', any case. */
export function dataFormatIssue(args: BoundArgs): EngineIssue | undefined {
  const value = args.data_format;
  if (!isKnown(value) || value === null) return undefined;
  const lower = pyStr(value).toLowerCase();
  if (lower === 'channels_first' || lower === 'channels_last') return undefined;
  const message = `The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${lower}`;
  return issue('error', 'keras.bad-data-format', message, 'data_format');
}

/** Keras's `standardize_padding` for convolutions; 'causal' only where `allowCausal` (Conv1D). */
export function convPaddingIssue(args: BoundArgs, allowCausal: boolean): EngineIssue | undefined {
  const value = args.padding;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  if (lower === 'valid' || lower === 'same' || (allowCausal && lower === 'causal')) return undefined;
  // Python prints the set of allowed values in its hash order (stable with PYTHONHASHSEED=0).
  const allowed = allowCausal ? "{'same', 'causal', 'valid'}" : "{'same', 'valid'}";
  return issue('error', 'keras.bad-padding', `The \`padding\` argument must be a list/tuple or one of ${allowed}. Received: ${lower}`, 'padding');
}

/** The names `keras.activations.get` resolves (its `ALL_OBJECTS_DICT`). */
const kerasActivations = new Set([
  'relu',
  'leaky_relu',
  'relu6',
  'softmax',
  'celu',
  'elu',
  'selu',
  'softplus',
  'softsign',
  'squareplus',
  'soft_shrink',
  'sparse_plus',
  'silu',
  'gelu',
  'glu',
  'tanh',
  'tanh_shrink',
  'threshold',
  'sigmoid',
  'sparse_sigmoid',
  'exponential',
  'hard_sigmoid',
  'hard_silu',
  'hard_tanh',
  'hard_shrink',
  'linear',
  'mish',
  'log_softmax',
  'log_sigmoid',
  'sparsemax',
  'swish',
  'hard_swish',
]);

/** `activations.get`: a known name, None or a callable; a number or an unknown name is refused. */
export function activationIssue(args: BoundArgs, name: string): EngineIssue | undefined {
  const value = args[name];
  const refused = (typeof value === 'string' && !kerasActivations.has(value)) || typeof value === 'number';
  return refused ? issue('error', 'keras.bad-activation', `Could not interpret activation function identifier: ${pyStr(value)}`, name) : undefined;
}

/** The dtype names Keras's `standardize_dtype` accepts, and the two mixed-precision policies. */
const kerasDtypes = new Set([
  'float16',
  'float32',
  'float64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'int8',
  'int16',
  'int32',
  'int64',
  'bfloat16',
  'bool',
  'string',
  'float8_e4m3fn',
  'float8_e5m2',
  'complex64',
  'complex128',
  'int',
  'mixed_float16',
  'mixed_bfloat16',
]);
/** Names Keras reads as quantized policies (checked by other rules, not followed here). */
const quantizationPrefixes = ['int8', 'float8', 'int4', 'gptq', 'awq'];

/** What the base `Layer.__init__` refuses for every class: a `name` with a `/`, an unknown `dtype` string. */
export function baseLayerIssue(args: BoundArgs): EngineIssue | undefined {
  const name = args.name;
  if (typeof name === 'string' && name.includes('/')) {
    const message = `Argument \`name\` must be a string and cannot contain character \`/\`. Received: name=${name} (of type <class 'str'>)`;
    return issue('error', 'keras.bad-name', message, 'name');
  }
  const dtype = args.dtype;
  if (typeof dtype === 'string' && !kerasDtypes.has(dtype) && !quantizationPrefixes.some((p) => dtype.startsWith(p))) {
    const message = `Cannot convert '${dtype}' to a mixed precision DTypePolicy. Valid policies include 'mixed_float16', 'mixed_bfloat16', and the name of any float dtype such as 'float32'.`;
    return issue('error', 'keras.bad-dtype', message, 'dtype');
  }
  return undefined;
}

/** The dropout family's `rate` (GaussianNoise: `stddev`) must lie in [0, 1]. */
export function unitRangeIssue(args: BoundArgs, name: string): EngineIssue | undefined {
  const value = args[name];
  if (!isNumber(value) || (value >= 0 && value <= 1)) return undefined;
  const message = `Invalid value received for argument \`${name}\`. Expected a float value between 0 and 1. Received: ${name}=${pyStr(value)}`;
  return issue('error', 'keras.bad-rate', message, name);
}

/** `SeedGenerator(seed)`: None or an int. */
export function seedIssue(args: BoundArgs): EngineIssue | undefined {
  const seed = args.seed;
  const refused = typeof seed === 'string' || (isNumber(seed) && !Number.isInteger(seed));
  return refused ? issue('error', 'keras.bad-seed', `Argument \`seed\` must be an integer. Received: seed=${pyStr(seed)}`, 'seed') : undefined;
}

/** A Python type's repr for Keras's "Expected an integer value" messages. */
export function pyTypeName(value: ArgValue): string {
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (value === null) return "<class 'NoneType'>";
  if (Array.isArray(value)) return "<class 'tuple'>";
  return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
}
