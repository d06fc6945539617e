/**
 * Runs one engine layer on a tensor value: output shape from the engine, and the
 * receptive field and gridding coverage carried forward from the input.
 */
import type { EngineIssue, ExactCount } from '../../engine/types';
import type { TorchLayer } from '../../engine/torch/layerResults';
import { applyTorchLayer } from '../../engine/torch/layers';
import { extendReceptiveField } from '../../engine/receptiveField';
import { extendCoverage, griddingStartsHere, TOO_LARGE_COVERAGE } from '../../engine/gridding';
import type { PyTensor } from './values';

const coverageCap = 8192;

export interface LayerApplication {
  readonly output: PyTensor;
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

/** Applies `layer` to `input`; an unknown input shape gives an unknown output shape. */
export function applyLayer(layer: TorchLayer, input: PyTensor): LayerApplication {
  if (!input.shape) {
    return { output: { ...input, shape: null }, macs: { value: 0, exact: true }, issues: [], newHoles: null };
  }
  const result = applyTorchLayer(layer, input.shape);
  const output = result.output;
  let rf = input.rf;
  let coverage = input.coverage;
  let dilations = input.dilations;
  let newHoles: number[] | null = null;
  if (result.steps && result.steps.length > 0) {
    rf = rf && rf.size.length !== result.steps.length ? null : rf;
    coverage = coverage && coverage.length !== result.steps.length ? null : coverage;
    rf = extendReceptiveField(rf, result.steps);
    const before = coverage ? coverage.map((axis) => axis.holes) : result.steps.map(() => 0);
    // Past a few thousand pixels per axis the field is far larger than any input the
    // editor shows, and the exact analysis would cost more than the whole file.
    coverage = extendCoverage(coverage, result.steps).map((axis) => (axis.size > coverageCap ? TOO_LARGE_COVERAGE : axis));
    const dilation = Math.max(...result.steps.map((step) => step.dilation));
    // A 1x1 conv has no taps to space out: its "dilation" says nothing about gridding.
    if (/Conv/.test(layer.kind) && result.steps.some((step) => step.kernel > 1)) dilations = [...dilations, dilation];
    if (griddingStartsHere(before, coverage, input.dilations.length, dilations.length)) newHoles = coverage.map((axis) => axis.holes);
  } else if (output && output.length !== input.shape.length) {
    // Flatten, Linear on a flattened map: the spatial field ends here.
    rf = null;
    coverage = null;
  }
  return {
    output: { kind: 'tensor', shape: output, rf, coverage, dilations },
    macs: result.macs,
    issues: result.issues,
    newHoles,
  };
}
