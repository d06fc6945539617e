/**
 * The normalisation layers beyond BatchNorm: LayerNorm, GroupNorm, InstanceNorm{1,2,3}d and
 * their Lazy forms, LocalResponseNorm and CrossMapLRN2d. All keep the input's shape; their
 * parameters are the affine weight and bias (InstanceNorm's running statistics are buffers,
 * not parameters). Messages are PyTorch's own, in the order its checks run.
 */
import type { ArgValue, BoundArgs, EngineIssue, ParamTensor, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { boolArgOrNull, intArgOrNull, intTuple, torchError, torchShapeText, torchSpatialRank, torchWarning } from './args';

/** Every kind this file models. */
export const normKinds: readonly string[] = [
  'LayerNorm',
  'GroupNorm',
  'LocalResponseNorm',
  'CrossMapLRN2d',
  ...[1, 2, 3].flatMap((n) => [`InstanceNorm${n}d`, `LazyInstanceNorm${n}d`]),
];

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);
const same = (input: Shape, issues: readonly EngineIssue[] = []): ApplyResult => ({ output: input, macs: ZERO_COUNT, steps: [], issues });
const unknownParams = (kind: string, args: BoundArgs): ConstructResult => ({ layer: { kind, args, params: [], paramsUnknown: true }, issues: [] });

/** Weight and bias of one shape when affine; PyTorch refuses a negative size when it creates them. */
function affine(kind: string, args: BoundArgs, shape: readonly number[], enabled: boolean, arg: string): ConstructResult {
  if (!enabled) return { layer: { kind, args, params: [] }, issues: [] };
  const negative = shape.find((size) => size < 0);
  if (negative !== undefined) {
    return { layer: null, issues: [torchError('torch.negative-dimension', `Trying to create tensor with negative dimension ${negative}: ${torchShapeText(shape)}`, arg)] };
  }
  const params: ParamTensor[] = [
    { name: 'weight', shape, trainable: true },
    { name: 'bias', shape, trainable: true },
  ];
  return { layer: { kind, args, params }, issues: [] };
}

/** LayerNorm's normalized_shape: an int or a sequence of ints (null when unknown). */
const normalizedShape = (value: ArgValue | undefined): number[] | null => (Array.isArray(value) ? intTuple(value, value.length) : intTuple(value, 1));

/** Python's `%` (the result takes the divisor's sign). */
const pythonModulo = (a: number, b: number): number => a - b * Math.floor(a / b);

export function constructNorm(kind: string, args: BoundArgs): ConstructResult {
  if (kind === 'LocalResponseNorm' || kind === 'CrossMapLRN2d') return { layer: { kind, args, params: [] }, issues: [] };
  if (kind.startsWith('Lazy')) return unknownParams(kind, args);
  if (kind === 'LayerNorm') {
    const shape = normalizedShape(args.normalized_shape);
    const enabled = boolArgOrNull(args, 'elementwise_affine');
    return shape === null || enabled === null ? unknownParams(kind, args) : affine(kind, args, shape, enabled, 'normalized_shape');
  }
  if (kind === 'GroupNorm') {
    const [groups, channels] = [intArgOrNull(args, 'num_groups'), intArgOrNull(args, 'num_channels')];
    const enabled = boolArgOrNull(args, 'affine');
    if (groups === 0) return { layer: null, issues: [torchError('torch.groupnorm-groups', 'integer modulo by zero', 'num_groups')] };
    if (groups !== null && channels !== null && pythonModulo(channels, groups) !== 0) {
      return { layer: null, issues: [torchError('torch.groupnorm-groups', 'num_channels must be divisible by num_groups', 'num_groups')] };
    }
    return channels === null || enabled === null ? unknownParams(kind, args) : affine(kind, args, [channels], enabled, 'num_channels');
  }
  const [features, enabled] = [intArgOrNull(args, 'num_features'), boolArgOrNull(args, 'affine')];
  return features === null || enabled === null ? unknownParams(kind, args) : affine(kind, args, [features], enabled, 'num_features');
}

export function applyNorm(layer: TorchLayer, input: Shape): ApplyResult {
  const { kind, args } = layer;
  if (kind === 'LayerNorm') return applyLayerNorm(args, input);
  if (kind === 'GroupNorm') return applyGroupNorm(args, input);
  if (kind === 'LocalResponseNorm') return applyLocalResponseNorm(args, input);
  if (kind === 'CrossMapLRN2d') return applyCrossMapLrn(args, input);
  if (kind.startsWith('Lazy')) return applyLazyInstanceNorm(layer, input);
  return applyInstanceNorm(args, torchSpatialRank(kind), input);
}

/** ATen's layer_norm checks: a non-empty normalized_shape that the input ends with. */
function applyLayerNorm(args: BoundArgs, input: Shape): ApplyResult {
  const shape = normalizedShape(args.normalized_shape);
  if (shape === null) return UNKNOWN_APPLY;
  if (shape.length === 0) {
    return fail(
      'torch.layernorm-shape',
      'Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []',
      'normalized_shape',
    );
  }
  const tail = input.slice(input.length - shape.length);
  if (input.length < shape.length || tail.some((size, index) => size !== shape[index])) {
    return fail(
      'torch.layernorm-shape',
      `Given normalized_shape=${torchShapeText(shape)}, expected input with shape [*, ${shape.join(', ')}], but got input of size${torchShapeText(input)}`,
      'normalized_shape',
    );
  }
  return same(input);
}

/** `F.group_norm`: the batch-size check of training mode (a warning), then ATen's channel checks. */
function applyGroupNorm(args: BoundArgs, input: Shape): ApplyResult {
  const [groups, channels, enabled] = [intArgOrNull(args, 'num_groups'), intArgOrNull(args, 'num_channels'), boolArgOrNull(args, 'affine')];
  if (input.length < 2)
    return fail('torch.dim-range', `Dimension out of range (expected to be in range of [${-Math.max(input.length, 1)}, ${Math.max(input.length, 1) - 1}], but got 1)`);
  if (groups === null || channels === null || enabled === null) return UNKNOWN_APPLY;
  const issues: EngineIssue[] = [];
  const perChannel = Math.floor((input[0] * input[1]) / groups) * input.slice(2).reduce((product, size) => product * size, 1);
  if (perChannel === 1) {
    const size = torchShapeText([Math.floor((input[0] * input[1]) / groups), groups, ...input.slice(2)]);
    issues.push(torchWarning('torch.batchnorm-single-value', `Expected more than 1 value per channel when training, got input size ${size}`));
  }
  if (input[1] % groups !== 0) {
    return fail(
      'torch.groupnorm-channels',
      `Expected number of channels in input to be divisible by num_groups, but got input of shape ${torchShapeText(input)} and num_groups=${groups}`,
      'num_groups',
    );
  }
  if (enabled && input[1] !== channels) {
    return fail(
      'torch.groupnorm-channels',
      `Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [${channels}] and input of shape ${torchShapeText(input)}`,
      'num_channels',
    );
  }
  return same(input, issues);
}

/**
 * `_InstanceNorm.forward`: the rank check; an unbatched input is one batch item. In training
 * (and always without running statistics) one spatial element is refused. ATen then runs
 * batch norm over (1, N x C, ...), so per-feature tensors must have N x C entries.
 */
function applyInstanceNorm(args: BoundArgs, n: number, input: Shape): ApplyResult {
  if (input.length !== n + 1 && input.length !== n + 2) return fail('torch.input-rank', `expected ${n + 1}D or ${n + 2}D input (got ${input.length}D input)`);
  const [features, enabled, tracking] = [intArgOrNull(args, 'num_features'), boolArgOrNull(args, 'affine'), boolArgOrNull(args, 'track_running_stats')];
  if (features === null || enabled === null || tracking === null) return UNKNOWN_APPLY;
  const batched = input.length === n + 2 ? input : [1, ...input];
  const issues: EngineIssue[] = [];
  if (batched.slice(2).reduce((product, size) => product * size, 1) === 1) {
    const message = `Expected more than 1 spatial element when training, got input size torch.Size(${torchShapeText(batched)})`;
    if (!tracking) return fail('torch.instancenorm-spatial', message);
    issues.push(torchWarning('torch.instancenorm-spatial', message));
  }
  const [batch, channels] = batched;
  if (channels !== features && (tracking || enabled)) {
    const tensor = tracking ? 'running_mean' : 'weight';
    issues.push(torchError('torch.instancenorm-features', `${tensor} should contain ${batch * channels} elements not ${batch * features}`, 'num_features'));
    return failedApply(issues);
  }
  return same(input, issues);
}

/** The first call reads num_features from `input.shape[1]` (also for an unbatched input) when there is something to create. */
function applyLazyInstanceNorm(layer: TorchLayer, input: Shape): ApplyResult {
  const [enabled, tracking] = [boolArgOrNull(layer.args, 'affine'), boolArgOrNull(layer.args, 'track_running_stats')];
  if (enabled === null || tracking === null) return UNKNOWN_APPLY;
  const creates = enabled || tracking;
  if (creates && input.length < 2) return fail('torch.input-rank', 'tuple index out of range');
  const kind = layer.kind.slice('Lazy'.length);
  const args = { ...layer.args, num_features: creates ? input[1] : 0 };
  const built = constructNorm(kind, args);
  if (!built.layer) return failedApply(built.issues);
  return { ...applyInstanceNorm(args, torchSpatialRank(kind), input), materialized: built.layer };
}

/** `F.local_response_norm`: 3D or more; the window is an average pool of `size` channels. */
function applyLocalResponseNorm(args: BoundArgs, input: Shape): ApplyResult {
  if (input.length < 3) return fail('torch.input-rank', `Expected 3D or higher dimensionality                          input (got ${input.length} dimensions)`);
  const size = intArgOrNull(args, 'size');
  if (size === null) return UNKNOWN_APPLY;
  if (input.includes(0)) return same(input);
  if (size <= 0) {
    const kernel = input.length === 3 ? `kH: ${size} kW: 1` : `kT: ${size} kH: 1 kW: 1`;
    return fail('torch.lrn-size', `kernel size should be greater than zero, but got ${kernel}`, 'size');
  }
  return same(input);
}

/** The legacy CrossMapLRN2d: a bare assertion on a 4D input, then `alpha / size`. */
function applyCrossMapLrn(args: BoundArgs, input: Shape): ApplyResult {
  if (input.length !== 4) return fail('torch.input-rank', 'AssertionError');
  const size = intArgOrNull(args, 'size');
  const alpha = args.alpha;
  if (size === null || size < 0 || typeof alpha !== 'number') return UNKNOWN_APPLY;
  if (size === 0) return Number.isInteger(alpha) ? UNKNOWN_APPLY : fail('torch.lrn-size', 'float division by zero', 'size');
  return same(input);
}
