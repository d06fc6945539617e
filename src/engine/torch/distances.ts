/**
 * The two-input similarity layers: CosineSimilarity (reduces `dim` of the two inputs
 * broadcast together) and PairwiseDistance (reduces their last dimension, kept as 1 with
 * keepdim). The second input comes from the call's further tensor arguments.
 */
import type { BoundArgs, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { boolArgOrNull, intArgOrNull, torchError } from './args';

/** Every kind this file models. */
export const distanceKinds: readonly string[] = ['CosineSimilarity', 'PairwiseDistance'];

/** The constructors store their arguments without checks. */
export function constructDistance(kind: string, args: BoundArgs): ConstructResult {
  return { layer: { kind, args, params: [] }, issues: [] };
}

/** Broadcasting as ATen's `infer_size` does, or its message (checked from the last dimension). */
function broadcast(a: Shape, b: Shape): Shape | string {
  const rank = Math.max(a.length, b.length);
  const output = new Array<number>(rank);
  for (let dim = rank - 1; dim >= 0; dim -= 1) {
    const sizeA = a[dim - (rank - a.length)] ?? 1;
    const sizeB = b[dim - (rank - b.length)] ?? 1;
    if (sizeA !== sizeB && sizeA !== 1 && sizeB !== 1) return `The size of tensor a (${sizeA}) must match the size of tensor b (${sizeB}) at non-singleton dimension ${dim}`;
    output[dim] = sizeA === 1 ? sizeB : sizeA;
  }
  return output;
}

export function applyDistance(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const second = others[0];
  if (!second || input.length === 0 || second.length === 0) return UNKNOWN_APPLY;
  const shape = broadcast(input, second);
  if (typeof shape === 'string') return failedApply([torchError('torch.broadcast', shape)]);
  let dim: number;
  let keep = false;
  if (layer.kind === 'CosineSimilarity') {
    const given = intArgOrNull(layer.args, 'dim');
    if (given === null) return UNKNOWN_APPLY;
    if (given < -shape.length || given >= shape.length) {
      return failedApply([torchError('torch.dim-range', `Dimension out of range (expected to be in range of [${-shape.length}, ${shape.length - 1}], but got ${given})`, 'dim')]);
    }
    dim = given < 0 ? given + shape.length : given;
  } else {
    const keepdim = boolArgOrNull(layer.args, 'keepdim');
    if (keepdim === null) return UNKNOWN_APPLY;
    dim = shape.length - 1;
    keep = keepdim;
  }
  const output = keep ? shape.map((size, index) => (index === dim ? 1 : size)) : shape.filter((_, index) => index !== dim);
  return { output, macs: ZERO_COUNT, steps: null, issues: [] };
}
