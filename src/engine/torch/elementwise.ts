/**
 * Layers that keep the spatial geometry or only reshape: activations, Dropout*, Identity,
 * PReLU, Softmax/LogSoftmax, Flatten and Upsample (F.interpolate's checks and sizes).
 * Element-wise layers return `steps: []` (the receptive field passes through unchanged).
 */
import type { BoundArgs, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { intArgOrNull, pythonValueRepr, torchError } from './args';
import { isUnknownValue } from '../types';
import { applyUpsample } from './upsample';

const activations = ['ReLU', 'ReLU6', 'SELU', 'SiLU', 'Hardswish', 'Hardsigmoid', 'Mish', 'Sigmoid', 'Tanh', 'LeakyReLU', 'ELU', 'GELU', 'Softplus'];
const dropouts = ['Dropout', 'AlphaDropout', 'Dropout1d', 'Dropout2d', 'Dropout3d'];

/** Every kind this file models. */
export const elementwiseKinds: readonly string[] = [...activations, ...dropouts, 'Identity', 'PReLU', 'Softmax', 'LogSoftmax', 'Flatten', 'Upsample'];

/** Dropout rejects p outside [0, 1]; PReLU has one weight per channel (or one shared). */
export function constructElementwise(kind: string, args: BoundArgs): ConstructResult {
  if (dropouts.includes(kind)) {
    const p = args.p;
    if (typeof p === 'number' && (p < 0 || p > 1)) {
      return { layer: null, issues: [torchError('torch.dropout-probability', `dropout probability has to be between 0 and 1, but got ${pythonValueRepr(p)}`, 'p')] };
    }
  }
  if (kind === 'PReLU') {
    const count = intArgOrNull(args, 'num_parameters');
    if (count === null) return { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
    return { layer: { kind, args, params: [{ name: 'weight', shape: [count], trainable: true }] }, issues: [] };
  }
  return { layer: { kind, args, params: [] }, issues: [] };
}

const same = (input: Shape): ApplyResult => ({ output: input, macs: ZERO_COUNT, steps: [], issues: [] });

/** ATen's `maybe_wrap_dim`: a dimension index wrapped into [0, rank), or the IndexError text. */
function wrapDim(dim: number, rank: number): number | string {
  const size = Math.max(rank, 1);
  if (dim < -size || dim > size - 1) return `Dimension out of range (expected to be in range of [${-size}, ${size - 1}], but got ${dim})`;
  return dim < 0 ? dim + size : dim;
}

export function applyElementwise(layer: TorchLayer, input: Shape): ApplyResult {
  const { kind, args } = layer;
  if (kind === 'Flatten') return applyFlatten(args, input);
  if (kind === 'Upsample') return applyUpsample(args, input);
  if (kind === 'Softmax' || kind === 'LogSoftmax') {
    const dim = args.dim;
    if (isUnknownValue(dim)) return UNKNOWN_APPLY;
    if (typeof dim === 'number') {
      const wrapped = wrapDim(dim, input.length);
      if (typeof wrapped === 'string') return failedApply([torchError('torch.dim-range', wrapped, 'dim')]);
    }
    return same(input);
  }
  if (kind === 'PReLU') {
    const count = intArgOrNull(args, 'num_parameters');
    if (count === null) return UNKNOWN_APPLY;
    const channels = input.length >= 2 ? input[1] : 1;
    if (count !== 1 && count !== channels) {
      return failedApply([
        torchError(
          'torch.prelu-channels',
          `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${count} and channel size = ${channels}.`,
          'num_parameters',
        ),
      ]);
    }
    return same(input);
  }
  if (kind === 'Dropout1d' && input.length !== 2 && input.length !== 3) {
    return failedApply([
      torchError(
        'torch.input-rank',
        `dropout1d: Expected 2D or 3D input, but received a ${input.length}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
      ),
    ]);
  }
  return same(input);
}

function applyFlatten(args: BoundArgs, input: Shape): ApplyResult {
  const start = intArgOrNull(args, 'start_dim');
  const end = intArgOrNull(args, 'end_dim');
  if (start === null || end === null) return UNKNOWN_APPLY;
  const first = wrapDim(start, input.length);
  if (typeof first === 'string') return failedApply([torchError('torch.dim-range', first, 'start_dim')]);
  const last = wrapDim(end, input.length);
  if (typeof last === 'string') return failedApply([torchError('torch.dim-range', last, 'end_dim')]);
  if (first > last) {
    return failedApply([torchError('torch.flatten-order', 'flatten() has invalid args: start_dim cannot come after end_dim', 'start_dim')]);
  }
  if (input.length === 0) return { output: [1], macs: ZERO_COUNT, steps: null, issues: [] };
  const merged = input.slice(first, last + 1).reduce((product, size) => product * size, 1);
  return { output: [...input.slice(0, first), merged, ...input.slice(last + 1)], macs: ZERO_COUNT, steps: null, issues: [] };
}
