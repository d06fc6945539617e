/**
 * The element-wise activations beyond elementwise.ts (CELU, Hardtanh, Hardshrink,
 * LogSigmoid, RReLU, Softmin, Softshrink, Softsign, Tanhshrink, Threshold), Softmax2d and
 * FeatureAlphaDropout. All keep the input's shape and have no parameters; what differs is
 * the few arguments PyTorch refuses (at construction or at the call) and the ranks that
 * Softmax2d and FeatureAlphaDropout accept.
 */
import type { ArgValue, BoundArgs, Shape } from '../types';
import { isUnknownValue } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { pythonValueRepr, torchError } from './args';

/** Every kind this file models. */
export const moreActivationKinds: readonly string[] = [
  'CELU',
  'Hardtanh',
  'Hardshrink',
  'LogSigmoid',
  'RReLU',
  'Softmin',
  'Softshrink',
  'Softsign',
  'Tanhshrink',
  'Threshold',
  'Softmax2d',
  'FeatureAlphaDropout',
];

const numberArg = (args: BoundArgs, name: string): number | null => {
  const value = args[name];
  if (typeof value === 'boolean') return Number(value);
  return typeof value === 'number' ? value : null;
};

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);

/** The arguments each activation hands to its ATen function as a Python Number, with their position in its call. */
const numberArgs: Readonly<Record<string, readonly string[]>> = {
  CELU: ['alpha'],
  Hardshrink: ['lambd'],
  Hardtanh: ['min_val', 'max_val'],
  RReLU: ['lower', 'upper'],
  Softshrink: ['lambd'],
  Threshold: ['threshold', 'value'],
};

/** Python's type name of a value that is surely not a Number (a string or None); null otherwise. */
const nonNumberType = (value: ArgValue | undefined): string | null => (typeof value === 'string' ? 'str' : value === null ? 'NoneType' : null);

/**
 * ATen's argument parser refuses a string or None where its function takes a Number, naming
 * the function (`celu_()` when in place) and the argument's position after the input. A
 * tuple or list is refused too, but the engine cannot tell which of the two was written.
 */
function numberArgError(kind: string, args: BoundArgs): ApplyResult | null {
  const names = numberArgs[kind] ?? [];
  // Hardtanh's constructor compared a number with a string or None: it raised with the number's int-or-float type, not known here.
  const types = names.map((name) => nonNumberType(args[name]));
  if (kind === 'Hardtanh' && types.some((type) => type === null) && types.some((type) => type !== null)) return UNKNOWN_APPLY;
  for (const [index, name] of names.entries()) {
    const value = args[name];
    if (Array.isArray(value)) return UNKNOWN_APPLY;
    const type = nonNumberType(value);
    if (!type) continue;
    const inPlace = args.inplace === true && kind !== 'Hardshrink' && kind !== 'Softshrink';
    return fail('torch.type-error', `${kind.toLowerCase()}${inPlace ? '_' : ''}(): argument '${name}' (position ${index + 2}) must be Number, not ${type}`, name);
  }
  return null;
}

/**
 * Hardtanh's `assert max_val > min_val` between values that are not both numbers: Python
 * compares two strings, and refuses None against anything with a TypeError. Null when the
 * comparison holds or cannot be known (a number's int-or-float type is not kept).
 */
function hardtanhComparison(low: ArgValue | undefined, high: ArgValue | undefined): ConstructResult | null {
  if (typeof low === 'string' && typeof high === 'string') return high > low ? null : { layer: null, issues: [torchError('torch.hardtanh-range', 'AssertionError', 'max_val')] };
  const [lowType, highType] = [nonNumberType(low), nonNumberType(high)];
  if (!lowType || !highType || (lowType !== 'NoneType' && highType !== 'NoneType')) return null;
  return { layer: null, issues: [torchError('torch.type-error', `'>' not supported between instances of '${highType}' and '${lowType}'`, 'max_val')] };
}

/**
 * Hardtanh asserts `max_val > min_val` (after the deprecated min_value/max_value override),
 * a bare assertion: Python shows it as `AssertionError`. FeatureAlphaDropout checks p like
 * every dropout.
 */
export function constructMoreActivation(kind: string, args: BoundArgs): ConstructResult {
  const layer = { kind, args, params: [] };
  if (kind === 'Hardtanh') {
    const lowName = args.min_value === null || args.min_value === undefined ? 'min_val' : 'min_value';
    const highName = args.max_value === null || args.max_value === undefined ? 'max_val' : 'max_value';
    const refused = hardtanhComparison(args[lowName], args[highName]);
    if (refused) return refused;
    const [low, high] = [numberArg(args, lowName), numberArg(args, highName)];
    if (low !== null && high !== null && !(high > low)) return { layer: null, issues: [torchError('torch.hardtanh-range', 'AssertionError', 'max_val')] };
  }
  if (kind === 'FeatureAlphaDropout') {
    const p = args.p;
    if (typeof p === 'number' && (p < 0 || p > 1)) {
      return { layer: null, issues: [torchError('torch.dropout-probability', `dropout probability has to be between 0 and 1, but got ${pythonValueRepr(p)}`, 'p')] };
    }
  }
  return { layer, issues: [] };
}

const same = (input: Shape): ApplyResult => ({ output: input, macs: ZERO_COUNT, steps: [], issues: [] });

/** The call: the shape passes through unless an argument or the rank is refused. */
export function applyMoreActivation(layer: TorchLayer, input: Shape): ApplyResult {
  const { kind, args } = layer;
  const refused = numberArgError(kind, args);
  if (refused) return refused;
  switch (kind) {
    case 'CELU':
      return numberArg(args, 'alpha') === 0 ? fail('torch.celu-alpha', 'ZeroDivisionError: alpha cannot be 0 for CELU', 'alpha') : same(input);
    case 'Softshrink': {
      const lambd = numberArg(args, 'lambd');
      return lambd !== null && lambd < 0 ? fail('torch.shrink-lambda', `lambda must be greater or equal to 0, but found to be ${lambd}.`, 'lambd') : same(input);
    }
    case 'RReLU': {
      const [lower, upper] = [numberArg(args, 'lower'), numberArg(args, 'upper')];
      if (lower !== null && upper !== null && lower > upper) return fail('torch.rrelu-bounds', 'Lower bound should be less than or equal to the upper bound', 'lower');
      return same(input);
    }
    case 'Softmin':
      return applySoftmin(args, input);
    case 'Softmax2d':
      return input.length === 3 || input.length === 4 ? same(input) : fail('torch.input-rank', 'Softmax2d requires a 3D or 4D tensor as input');
    case 'FeatureAlphaDropout':
      return input.length >= 2 ? same(input) : fail('torch.input-rank', 'Feature dropout requires at least 2 dimensions in the input');
    default:
      return same(input);
  }
}

/** `F.softmin(x, dim)`: ATen wraps dim into the input's rank (no dim: PyTorch picks one, always in range). */
function applySoftmin(args: BoundArgs, input: Shape): ApplyResult {
  const dim = args.dim;
  if (isUnknownValue(dim)) return UNKNOWN_APPLY;
  if (typeof dim === 'number') {
    const size = Math.max(input.length, 1);
    if (dim < -size || dim > size - 1) return fail('torch.dim-range', `Dimension out of range (expected to be in range of [${-size}, ${size - 1}], but got ${dim})`, 'dim');
  }
  return same(input);
}
