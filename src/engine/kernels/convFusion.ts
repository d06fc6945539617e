/**
 * Conv + BatchNorm + activation fusion for whole-model runs. Every feature map is kept for
 * the previews, so BatchNorm is not folded into the conv's weights (that would lose the
 * conv's own map): the conv's output loop writes the conv map, the BatchNorm map (a
 * per-channel scale and shift worked out here once) and the activation map while each tile
 * is still in registers, instead of two more passes over memory.
 */
import type { BoundArgs } from '../types';
import type { RunnableLayer } from './runSequence';
import type { ConvEpilogue, EpilogueActivation, EpilogueMaps } from './heavyKernels';
import { boolArg, numberArg, requireWeight, type LayerWeights } from './tensor';

/** A BatchNorm in eval mode as `x * scale[c] + shift[c]`. */
export interface ChannelAffine {
  readonly scale: Float32Array;
  readonly shift: Float32Array;
}

/**
 * The BatchNorm's per-channel affine form (as `runBatchNorm` computes it), or null when it
 * has none: without running statistics PyTorch normalises by the batch's own statistics.
 */
export function batchNormAffine(args: BoundArgs, weights: LayerWeights): ChannelAffine | null {
  if (!boolArg(args, 'track_running_stats', true)) return null;
  const channels = numberArg(args, 'num_features');
  const eps = numberArg(args, 'eps', 1e-5);
  const affine = boolArg(args, 'affine', true);
  const mean = requireWeight(weights, 'running_mean', [channels]).data;
  const variance = requireWeight(weights, 'running_var', [channels]).data;
  const gamma = affine ? requireWeight(weights, 'weight', [channels]).data : null;
  const beta = affine ? requireWeight(weights, 'bias', [channels]).data : null;
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const k = (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + eps);
    scale[c] = k;
    shift[c] = (beta ? beta[c] : 0) - mean[c] * k;
  }
  return { scale, shift };
}

/** The epilogue activation for a layer kind, or undefined when the epilogue cannot apply it. */
export function epilogueActivation(kind: string): EpilogueActivation | undefined {
  if (kind === 'ReLU') return 'relu';
  if (kind === 'ReLU6') return 'relu6';
  return undefined;
}

/** The epilogue's maps computed from a conv output of `plane` floats per channel (the TypeScript path and the reference). */
export function applyEpilogue(conv: Float32Array, plane: number, epilogue: ConvEpilogue): EpilogueMaps {
  const { scale, shift, activation } = epilogue;
  const normalized = new Float32Array(conv.length);
  const activated = activation === 'none' ? null : new Float32Array(conv.length);
  for (let i = 0; i < conv.length; i++) {
    const c = Math.floor(i / plane);
    const y = Math.fround(Math.fround(conv[i] * scale[c]) + shift[c]);
    normalized[i] = y;
    if (activated) activated[i] = activation === 'relu' ? (y > 0 ? y : 0) : y > 0 ? Math.min(y, 6) : 0;
  }
  return { conv, normalized, activated };
}

/** A conv whose following BatchNorm (and activation) its epilogue computes. */
export interface PlannedFusion {
  readonly affine: ChannelAffine;
  readonly activation: EpilogueActivation;
  /** How many layers after the conv the epilogue covers: 1 (BatchNorm) or 2 (and the activation). */
  readonly covers: 1 | 2;
}

/** True when `layer` reads exactly the output keyed `key` (a chain step or an explicit single input). */
function readsOnly(layer: RunnableLayer, key: string): boolean {
  if (layer.inputs) return layer.inputs.length === 1 && layer.inputs[0] === key;
  return layer.inputFromPrevious !== false;
}

/**
 * Conv2d -> BatchNorm2d (-> ReLU/ReLU6) runs in `layers` that one conv epilogue can
 * compute, keyed by the conv's index. `keys` are the layers' output keys; a BatchNorm
 * whose weights are missing or that has no running statistics is left to run on its own
 * (so its own error or batch-statistics path still applies).
 */
export function planConvFusions(layers: readonly RunnableLayer[], keys: readonly string[], weightsOf: (index: number) => LayerWeights): Map<number, PlannedFusion> {
  const plan = new Map<number, PlannedFusion>();
  for (let i = 0; i + 1 < layers.length; i++) {
    const norm = layers[i + 1];
    if (layers[i].kind !== 'Conv2d' || norm.kind !== 'BatchNorm2d' || !readsOnly(norm, keys[i])) continue;
    if (norm.input && layers[i].output && JSON.stringify(norm.input) !== JSON.stringify(layers[i].output)) continue;
    let affine: ChannelAffine | null;
    try {
      affine = batchNormAffine(norm.args, weightsOf(i + 1));
    } catch {
      affine = null;
    }
    if (!affine || affine.scale.length !== layers[i].args.out_channels) continue;
    const next = layers[i + 2];
    const activation = next && readsOnly(next, keys[i + 1]) ? epilogueActivation(next.kind) : undefined;
    plan.set(i, { affine, activation: activation ?? 'none', covers: activation ? 2 : 1 });
  }
  return plan;
}
