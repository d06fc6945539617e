/**
 * Layers that reshape or combine without a kernel of their own: GLU (halves one dimension),
 * Unflatten (splits one dimension), Bilinear (two inputs, one weight per output feature)
 * and the two fixed-mode upsampling layers, which are nn.Upsample with their mode.
 */
import type { ArgValue, BoundArgs, Shape } from '../types';
import { isUnknownValue } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { multiplyCounts, ZERO_COUNT } from '../exactCount';
import { boolArgOrNull, intArgOrNull, torchError } from './args';
import { applyUpsample } from './upsample';

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);
const dimRangeMessage = (rank: number, dim: number): string => `Dimension out of range (expected to be in range of [${-rank}, ${rank - 1}], but got ${dim})`;

/** ATen's `maybe_wrap_dim`: the wrapped dimension, or PyTorch's IndexError text. */
function wrapDim(dim: number, rank: number): number | string {
  if (rank === 0) return `Dimension specified as ${dim} but tensor has no dimensions`;
  if (dim < -rank || dim >= rank) return dimRangeMessage(rank, dim);
  return dim < 0 ? dim + rank : dim;
}

/** Layers that validate nothing and have no parameters. */
export function constructParameterless(kind: string, args: BoundArgs): ConstructResult {
  return { layer: { kind, args, params: [] }, issues: [] };
}

/** `F.glu`: the chosen dimension is split into two halves, one gating the other. */
export function applyGlu(layer: TorchLayer, input: Shape): ApplyResult {
  const dim = intArgOrNull(layer.args, 'dim');
  if (dim === null) return UNKNOWN_APPLY;
  if (input.length === 0) return fail('torch.glu-scalar', 'glu does not support scalars because halving size must be even');
  const wrapped = wrapDim(dim, input.length);
  if (typeof wrapped === 'string') return fail('torch.dim-range', wrapped, 'dim');
  if (input[wrapped] % 2 !== 0) return fail('torch.glu-odd', `Halving dimension must be even, but dimension ${wrapped} is size ${input[wrapped]}`, 'dim');
  return { output: input.map((size, index) => (index === wrapped ? size / 2 : size)), macs: ZERO_COUNT, steps: [], issues: [] };
}

/** Python's type name of a value, as PyTorch prints it in its TypeErrors. */
function pythonTypeName(value: ArgValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return Array.isArray(value) ? 'tuple' : 'object';
}

const isIntLike = (value: ArgValue): boolean => typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));

/** `nn.Unflatten` with an integer dim: unflattened_size must be a tuple or list of ints. */
export function constructUnflatten(kind: string, args: BoundArgs): ConstructResult {
  const sizes = args.unflattened_size;
  const refuse = (message: string): ConstructResult => ({ layer: null, issues: [torchError('torch.unflatten-sizes', message, 'unflattened_size')] });
  if (typeof args.dim !== 'number' || sizes === undefined || isUnknownValue(sizes)) return constructParameterless(kind, args);
  if (!Array.isArray(sizes)) return refuse(`unflattened_size must be a tuple of ints, but found type ${pythonTypeName(sizes)}`);
  const entries = sizes as readonly ArgValue[];
  const bad = entries.findIndex((entry) => !isIntLike(entry) && !isUnknownValue(entry));
  if (bad >= 0) return refuse(`unflattened_size must be tuple of ints, but found element of type ${pythonTypeName(entries[bad])} at pos ${bad}`);
  return constructParameterless(kind, args);
}

/** `Tensor.unflatten`: ATen's dimension wrap, then `infer_size` on the sizes (one -1 inferred). */
export function applyUnflatten(layer: TorchLayer, input: Shape): ApplyResult {
  const dim = intArgOrNull(layer.args, 'dim');
  const raw = layer.args.unflattened_size;
  const sizes = Array.isArray(raw) ? (raw as readonly ArgValue[]).map((entry) => (typeof entry === 'boolean' ? Number(entry) : entry)) : null;
  if (dim === null || !sizes || !sizes.every((entry): entry is number => typeof entry === 'number')) return UNKNOWN_APPLY;
  const wrapped = wrapDim(dim, input.length);
  if (typeof wrapped === 'string') return fail('torch.dim-range', wrapped, 'dim');
  if (sizes.length === 0) return fail('torch.unflatten-sizes', 'unflatten: sizes must be non-empty', 'unflattened_size');
  const unexpected = (detail: string): ApplyResult => fail('torch.unflatten-sizes', `unflatten got an unexpected error:\n${detail}`, 'unflattened_size');
  if (sizes.filter((size) => size === -1).length > 1) return unexpected('only one dimension can be inferred');
  const negative = sizes.find((size) => size < -1);
  if (negative !== undefined) return unexpected(`invalid shape dimension ${negative}`);
  const extent = input[wrapped];
  const known = sizes.filter((size) => size !== -1).reduce((product, size) => product * size, 1);
  const infers = sizes.includes(-1);
  if (extent === 0 || known === 0) return UNKNOWN_APPLY;
  if (!(extent === known || (infers && extent % known === 0))) {
    return fail(
      'torch.unflatten-sizes',
      `unflatten: Provided sizes [${sizes.join(', ')}] don't multiply up to the size of dim ${wrapped} (${extent}) in the input tensor`,
      'unflattened_size',
    );
  }
  const split = sizes.map((size) => (size === -1 ? extent / known : size));
  return { output: [...input.slice(0, wrapped), ...split, ...input.slice(wrapped + 1)], macs: ZERO_COUNT, steps: null, issues: [] };
}

/** `nn.Bilinear`: weight (out, in1, in2), bias (out). */
export function constructBilinear(kind: string, args: BoundArgs): ConstructResult {
  const in1 = intArgOrNull(args, 'in1_features');
  const in2 = intArgOrNull(args, 'in2_features');
  const out = intArgOrNull(args, 'out_features');
  const bias = boolArgOrNull(args, 'bias');
  if (in1 === null || in2 === null || out === null || bias === null) return { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  const params = [{ name: 'weight', shape: [out, in1, in2], trainable: true }];
  if (bias) params.push({ name: 'bias', shape: [out], trainable: true });
  return { layer: { kind, args, params }, issues: [] };
}

/** `F.bilinear(x1, x2)`: ATen's checks in order; MACs count one per weight entry per row (x1ᵀ W_o x2). */
export function applyBilinear(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const second = others[0];
  const [in1, in2, out] = ['in1_features', 'in2_features', 'out_features'].map((name) => intArgOrNull(layer.args, name));
  if (!second || in1 === null || in2 === null || out === null) return UNKNOWN_APPLY;
  if (input.length !== second.length) return fail('torch.bilinear-rank', `bilinear(): input dimensions do not match: got ${input.length} and ${second.length}`);
  if (input[input.length - 1] !== in1)
    return fail('torch.bilinear-features', `bilinear(): input1 size does not match weight size: got ${input[input.length - 1]} but expected ${in1}`, 'in1_features');
  if (second[second.length - 1] !== in2)
    return fail('torch.bilinear-features', `bilinear(): input2 size does not match weight size: got ${second[second.length - 1]} but expected ${in2}`, 'in2_features');
  const mismatch = input.slice(0, -1).findIndex((size, index) => size !== second[index]);
  if (mismatch >= 0) return fail('torch.bilinear-batch', `bilinear(): input batch dimensions do not match at dim ${mismatch}: got ${input[mismatch]} and ${second[mismatch]}`);
  const rows = input.slice(0, -1);
  return { output: [...rows, out], macs: multiplyCounts(...rows, out, in1, in2), steps: null, issues: [] };
}

/** UpsamplingNearest2d and UpsamplingBilinear2d are nn.Upsample with a fixed mode (bilinear with align_corners). */
export function applyFixedUpsampling(layer: TorchLayer, input: Shape): ApplyResult {
  const bilinear = layer.kind === 'UpsamplingBilinear2d';
  const args: BoundArgs = { ...layer.args, mode: bilinear ? 'bilinear' : 'nearest', align_corners: bilinear ? true : null, recompute_scale_factor: null };
  return applyUpsample(args, input);
}
