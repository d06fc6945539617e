/**
 * The `Lazy*` modules: LazyLinear, LazyConv{1,2,3}d, LazyConvTranspose{1,2,3}d and
 * LazyBatchNorm{1,2,3}d. Each is its base layer with the first dimension (in_features,
 * in_channels, num_features) left open until the first call, which reads it from the
 * input as PyTorch's `initialize_parameters` does. Until then the parameters are unknown;
 * the call's result carries the concrete layer (`materialized`) with them.
 */
import type { BoundArgs, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { intArgOrNull, intTuple, torchError, torchShapeText, torchSpatialRank } from './args';
import { applyTorchConv, constructConv } from './conv';
import { applyBatchNorm, applyLinear, constructBatchNorm, constructLinear } from './linearAndNorm';

/** The base kind of a lazy kind (`LazyConv2d` -> `Conv2d`). */
const baseKind = (kind: string): string => kind.slice('Lazy'.length);

/** The constructor runs the base constructor with the open dimensions at 0 (its checks still apply). */
export function constructLazy(kind: string, args: BoundArgs): ConstructResult {
  if (kind.startsWith('LazyConv')) {
    const base = constructConv(baseKind(kind), { ...args, in_channels: 0, out_channels: 0 });
    if (!base.layer) return base;
  }
  return { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
}

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);

/** The open dimension read from the input (null when unknown), or the error PyTorch raises reading it. */
function inferredSize(layer: TorchLayer, input: Shape): number | ApplyResult {
  if (layer.kind === 'LazyLinear') return input.length > 0 ? input[input.length - 1] : UNKNOWN_APPLY;
  if (layer.kind.startsWith('LazyBatchNorm')) return input.length > 1 ? input[1] : UNKNOWN_APPLY;
  const n = torchSpatialRank(layer.kind);
  if (input.length !== n + 1 && input.length !== n + 2) {
    return fail('torch.input-rank', `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${layer.kind}, but got input of size: torch.Size(${torchShapeText(input)})`);
  }
  return input.length === n + 2 ? input[1] : input[0];
}

/** The first call: infer the open dimension, build the base layer, apply it. */
export function applyLazy(layer: TorchLayer, input: Shape): ApplyResult {
  const size = inferredSize(layer, input);
  if (typeof size !== 'number') return size;
  const kind = baseKind(layer.kind);
  if (layer.kind === 'LazyLinear') {
    const out = intArgOrNull(layer.args, 'out_features');
    if (out !== null && out < 0) return fail('torch.negative-dimension', `Trying to create tensor with negative dimension ${out}: [${out}, ${size}]`, 'out_features');
    return materialize(constructLinear(kind, { ...layer.args, in_features: size }), input, applyLinear);
  }
  if (layer.kind.startsWith('LazyBatchNorm')) return materialize(constructBatchNorm(kind, { ...layer.args, num_features: size }), input, applyBatchNorm);
  const groups = intArgOrNull(layer.args, 'groups');
  const out = intArgOrNull(layer.args, 'out_channels');
  if (groups === null || out === null) return UNKNOWN_APPLY;
  if (size % groups !== 0) return fail('torch.groups-divide-in', 'in_channels must be divisible by groups', 'groups');
  if (out < 0 || out % groups !== 0) {
    // The base constructor's out_channels check never runs; ATen refuses the weight instead.
    if (out < 0 || kind.startsWith('ConvTranspose')) return UNKNOWN_APPLY;
    const kernel = intTuple(layer.args.kernel_size, torchSpatialRank(kind));
    if (!kernel) return UNKNOWN_APPLY;
    return fail(
      'torch.groups-divide-out',
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${torchShapeText([out, size / groups, ...kernel])}] instead`,
      'groups',
    );
  }
  return materialize(constructConv(kind, { ...layer.args, in_channels: size }), input, applyTorchConv);
}

function materialize(built: ConstructResult, input: Shape, apply: (layer: TorchLayer, input: Shape) => ApplyResult): ApplyResult {
  if (!built.layer) return failedApply(built.issues);
  return { ...apply(built.layer, input), materialized: built.layer };
}
