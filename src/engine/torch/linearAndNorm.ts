/**
 * Linear (on the last dimension of an input of any rank), BatchNorm{1,2,3}d and SyncBatchNorm. BatchNorm's
 * parameters are weight and bias when affine; running statistics are buffers, not parameters.
 */
import type { BoundArgs, EngineIssue, ParamTensor, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { multiplyCounts, UNKNOWN_COUNT, ZERO_COUNT } from '../exactCount';
import { boolArgOrNull, intArgOrNull, torchSpatialRank, torchError, torchWarning } from './args';

/** nn.Linear validates nothing; weight is (out_features, in_features). */
export function constructLinear(kind: string, args: BoundArgs): ConstructResult {
  const inFeatures = intArgOrNull(args, 'in_features');
  const outFeatures = intArgOrNull(args, 'out_features');
  const bias = boolArgOrNull(args, 'bias');
  if (inFeatures === null || outFeatures === null || bias === null) {
    return { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  }
  const params: ParamTensor[] = [{ name: 'weight', shape: [outFeatures, inFeatures], trainable: true }];
  if (bias) params.push({ name: 'bias', shape: [outFeatures], trainable: true });
  return { layer: { kind, args, params }, issues: [] };
}

/** `F.linear`: the input is seen as a (rows x last) matrix times the (in x out) transposed weight. */
export function applyLinear(layer: TorchLayer, input: Shape): ApplyResult {
  const inFeatures = intArgOrNull(layer.args, 'in_features');
  const outFeatures = intArgOrNull(layer.args, 'out_features');
  if (outFeatures === null || input.length === 0) return UNKNOWN_APPLY;
  const last = input[input.length - 1];
  const batchDims = input.slice(0, -1);
  // An unknown in_features still gives the output shape; the check and MACs stay unknown.
  if (inFeatures === null) return { output: [...batchDims, outFeatures], macs: UNKNOWN_COUNT, steps: null, issues: [] };
  if (last !== inFeatures) {
    const rows = batchDims.reduce((product, size) => product * size, 1);
    return failedApply([torchError('torch.linear-mismatch', `mat1 and mat2 shapes cannot be multiplied (${rows}x${last} and ${inFeatures}x${outFeatures})`, 'in_features')]);
  }
  return { output: [...batchDims, outFeatures], macs: multiplyCounts(...batchDims, inFeatures, outFeatures), steps: null, issues: [] };
}

/** BatchNorm constructors validate nothing. */
export function constructBatchNorm(kind: string, args: BoundArgs): ConstructResult {
  const features = intArgOrNull(args, 'num_features');
  const affine = boolArgOrNull(args, 'affine');
  if (features === null || affine === null) return { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  const params: ParamTensor[] = affine
    ? [
        { name: 'weight', shape: [features], trainable: true },
        { name: 'bias', shape: [features], trainable: true },
      ]
    : [];
  return { layer: { kind, args, params }, issues: [] };
}

/**
 * `_BatchNorm.forward`: the rank check, the training-mode batch-size check (a warning here,
 * since a model in eval mode passes it), then ATen's per-feature checks.
 */
export function applyBatchNorm(layer: TorchLayer, input: Shape): ApplyResult {
  const n = torchSpatialRank(layer.kind);
  const rankOk = n === 1 ? input.length === 2 || input.length === 3 : input.length === n + 2;
  if (!rankOk) {
    const expected = n === 1 ? '2D or 3D' : `${n + 2}D`;
    return failedApply([torchError('torch.input-rank', `expected ${expected} input (got ${input.length}D input)`)]);
  }
  return batchNormChecks(layer, input);
}

/** The checks every batch norm runs once the rank is right: training's batch size, then ATen's per-feature sizes. */
function batchNormChecks(layer: TorchLayer, input: Shape): ApplyResult {
  const features = intArgOrNull(layer.args, 'num_features');
  const affine = boolArgOrNull(layer.args, 'affine');
  const tracking = boolArgOrNull(layer.args, 'track_running_stats');
  const issues: EngineIssue[] = [];
  const valuesPerChannel = input[0] * input.slice(2).reduce((product, size) => product * size, 1);
  if (valuesPerChannel === 1) {
    issues.push(torchWarning('torch.batchnorm-single-value', `Expected more than 1 value per channel when training, got input size torch.Size(${'[' + input.join(', ') + ']'})`));
  }
  const channels = input[1];
  // Unknown num_features/affine/tracking: the shape is still the input's, the check is skipped.
  if (features !== null && channels !== features && (tracking === true || (tracking === false && affine === true))) {
    const tensor = tracking ? 'running_mean' : 'weight';
    issues.push(torchError('torch.batchnorm-features', `${tensor} should contain ${channels} elements not ${features}`, 'num_features'));
    return failedApply(issues);
  }
  return { output: input, macs: ZERO_COUNT, steps: [], issues };
}

/**
 * `nn.SyncBatchNorm`: any rank from 2 on, at least one channel, then batch norm's checks.
 * It refuses CPU tensors, but the analysis does not know the device, so that is not reported.
 */
export function applySyncBatchNorm(layer: TorchLayer, input: Shape): ApplyResult {
  if (input.length < 2) return failedApply([torchError('torch.input-rank', `expected at least 2D input (got ${input.length}D input)`)]);
  if (input[1] === 0) return failedApply([torchError('torch.input-channels', 'SyncBatchNorm number of input channels should be non-zero')]);
  return batchNormChecks(layer, input);
}
