/**
 * Runs one engine layer on a tensor value: output shape from the engine, and the
 * receptive field and gridding coverage carried forward from the input.
 */
import type { EngineIssue, ExactCount, Shape } from '../../../engine/types';
import type { OutputShapes, TorchLayer } from '../../../engine/torch/layerResults';
import { applyTorchLayer } from '../../../engine/torch/layers';
import { stepField } from '../../../engine/tensorField';
import type { PyTensor } from '../core/values';

export interface LayerApplication {
  readonly output: PyTensor;
  /** Every output of a layer that returns a tuple, nested as PyTorch nests them; `output` is the first. */
  readonly outputs?: readonly OutputShapes[];
  /** A `Lazy*` layer as this call built it (see ApplyResult). */
  readonly materialized?: TorchLayer;
  readonly macs: ExactCount;
  readonly issues: readonly EngineIssue[];
  /** Holes in the coverage that were not there before this layer (gridding starts here). */
  readonly newHoles: readonly number[] | null;
}

/** The spatial rank of a PyTorch tensor for a layer of this kind (`Conv2d` -> 2). */
export function spatialRankOf(kind: string): number | undefined {
  const match = /([123])d$/.exec(kind);
  return match ? Number(match[1]) : undefined;
}

/**
 * Applies `layer` to `input`; an unknown input shape gives an unknown output shape. `others`
 * are the shapes of the call's further tensor arguments (attention's key and value).
 */
export function applyLayer(layer: TorchLayer, input: PyTensor, others?: readonly Shape[]): LayerApplication {
  if (!input.shape) {
    // MACs are counted for layers with weights (as torchinfo does), from the input's size: unknown, never 0. A layer without weights has 0 at any size.
    return { output: { ...input, shape: null }, macs: { value: 0, exact: true, unknown: layer.params.length > 0 || layer.paramsUnknown === true }, issues: [], newHoles: null };
  }
  const result = applyTorchLayer(layer, input.shape, others);
  const output = result.output;
  let rf = input.rf;
  let coverage = input.coverage;
  let dilations = input.dilations;
  let newHoles: number[] | null = null;
  if (result.steps && result.steps.length > 0) {
    const step = stepField(rf, coverage, dilations, result.steps, /Conv/.test(layer.kind));
    ({ rf, coverage, dilations } = step.field);
    newHoles = step.newHoles;
  } else if (output && output.length !== input.shape.length) {
    // Flatten, Linear on a flattened map: the spatial field ends here.
    rf = null;
    coverage = null;
  }
  return {
    output: { kind: 'tensor', shape: output, rf, coverage, dilations },
    ...(result.outputs ? { outputs: result.outputs } : {}),
    ...(result.materialized ? { materialized: result.materialized } : {}),
    macs: result.macs,
    issues: result.issues,
    newHoles,
  };
}
