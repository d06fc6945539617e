/**
 * The element-wise activations beyond elementwise.ts (CELU, Hardtanh, Hardshrink,
 * LogSigmoid, RReLU, Softmin, Softshrink, Softsign, Tanhshrink, Threshold), Softmax2d and
 * FeatureAlphaDropout. All keep the input's shape and have no parameters; what differs is
 * the few arguments PyTorch refuses (at construction or at the call) and the ranks that
 * Softmax2d and FeatureAlphaDropout accept.
 */
import type { BoundArgs, Shape } from '../types';
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

/**
 * Hardtanh asserts `max_val > min_val` (after the deprecated min_value/max_value override),
 * a bare assertion: Python shows it as `AssertionError`. FeatureAlphaDropout checks p like
 * every dropout.
 */
export function constructMoreActivation(kind: string, args: BoundArgs): ConstructResult {
  const layer = { kind, args, params: [] };
  if (kind === 'Hardtanh') {
    const low = numberArg(args, args.min_value === null || args.min_value === undefined ? 'min_val' : 'min_value');
    const high = numberArg(args, args.max_value === null || args.max_value === undefined ? 'max_val' : 'max_value');
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
