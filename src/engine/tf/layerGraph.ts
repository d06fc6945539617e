/**
 * One call of a TF-semantics layer in a layer graph, for the Keras (Python) and TF.js
 * (TypeScript) sessions alike: the output shape and MACs from the engine, the receptive
 * field carried from the inputs (merged where branches meet), the gridding warning where
 * gridding starts, and the layer record the call leaves. Each session keeps its own
 * tensors and naming; what a call computes lives here once.
 */
import type { LayerRecord, SourceRange } from '../report';
import type { AxisStep, BoundArgs, EngineIssue, ExactCount, Shape } from '../types';
import type { TensorField } from '../tensorField';
import { griddingMessage, mergeFields, stepField } from '../tensorField';
import type { TfLayer } from './layerModel';
import { applyTfLayer, countTfParams } from './layers';
import { modelTotals } from '../modelTotals';

/** What one layer call computed. */
export interface TfLayerCall {
  readonly output: Shape | null;
  /** Every tensor of a layer that returns several (attention scores, RNN states); `output` is then null. */
  readonly outputs?: readonly Shape[];
  readonly macs: ExactCount;
  readonly field: TensorField | null;
  readonly issues: EngineIssue[];
}

/** The field after a layer; null steps (Dense, Flatten, global pooling) end the spatial field. */
export function advanceTfField(field: TensorField | null, steps: readonly AxisStep[] | null, isConv: boolean): { field: TensorField | null; newHoles: number[] | null } {
  if (!field || !steps || (steps.length > 0 && steps.length !== field.rf.size.length)) return { field: null, newHoles: null };
  if (steps.length === 0) return { field, newHoles: null };
  return stepField(field.rf, field.coverage, field.dilations, steps, isConv);
}

/**
 * Applies a built layer to known input shapes (`input` as the framework passes it: one
 * shape, or a list for merge layers) whose fields are `fields`, one per input tensor.
 */
export function callTfLayer(layer: TfLayer, className: string, input: Shape | readonly Shape[], fields: readonly (TensorField | null)[], callArgs: BoundArgs = {}): TfLayerCall {
  const result = applyTfLayer(layer, input, callArgs);
  const issues = [...result.issues];
  const incoming = fields.length === 1 ? fields[0] : mergeFields(fields);
  const step = advanceTfField(incoming, result.steps, /Conv/.test(className));
  const field = step.field;
  if (step.newHoles && field) {
    issues.push({ severity: 'warning', code: 'gridding', arg: 'dilation_rate', message: griddingMessage(layer.args.kernel_size, incoming, field, step.newHoles) });
  }
  return { output: result.output, ...(result.outputs ? { outputs: result.outputs } : {}), macs: result.macs, field, issues };
}

/** Who a record is about: the fields a session names itself. */
export interface RecordIdentity {
  readonly path: string;
  readonly kind: string;
  readonly range: SourceRange;
  readonly layerId: number;
}

/** The record of one call of `layer` (null: a layer the engine does not model). */
export function tfLayerRecord(
  layer: TfLayer | null,
  who: RecordIdentity,
  input: Shape | null,
  call: Pick<TfLayerCall, 'output' | 'outputs' | 'macs' | 'field'>,
  issues: readonly EngineIssue[],
): LayerRecord {
  // A layer returning several tensors (an RNN's output and states) records them all, the first as its output.
  const output = call.output ?? call.outputs?.[0] ?? null;
  const counts = layer ? countTfParams(layer) : { total: { value: 0, exact: true }, trainable: { value: 0, exact: true } };
  const field = call.field;
  return {
    ...who,
    args: layer?.args ?? {},
    input,
    output,
    ...(call.outputs ? { outputs: call.outputs } : {}),
    params: counts.total.value,
    trainableParams: counts.trainable.value,
    paramTensors: layer?.built?.paramTensors ?? [],
    macs: call.macs.value,
    exactCounts: call.macs.exact && counts.total.exact && layer !== null,
    // A layer the engine does not model has unknown counts, never 0; so has one never built
    // (its input was unknown): its weights are sized by that input.
    ...(layer === null || layer.built === null || counts.total.unknown ? { paramsUnknown: true } : {}),
    ...(layer === null || (input === null && output === null) || call.macs.unknown ? { macsUnknown: true } : {}),
    receptiveField: field?.rf.size ?? null,
    jump: field?.rf.jump ?? null,
    start: field?.rf.start ?? null,
    issues,
  };
}

/**
 * The record of a whole model called as one layer (a model used inside another): a black
 * box whose counts are the totals of `inner`, the model's own records, and whose output is
 * the model's output for the caller's batch. The receptive field inside is not followed.
 * `unknownOutput` holds the issues to report when that output cannot be known.
 */
export function modelLayerRecord(
  who: RecordIdentity,
  inner: readonly LayerRecord[],
  input: Shape | null,
  modelOutput: Shape | null,
  unknownOutput: readonly EngineIssue[],
): LayerRecord {
  const output = input && modelOutput ? [input[0], ...modelOutput.slice(1)] : null;
  const totals = modelTotals(inner);
  return {
    ...who,
    args: {},
    input,
    output,
    params: totals.totalParams,
    trainableParams: totals.trainableParams,
    paramTensors: [],
    macs: totals.totalMacs,
    exactCounts: totals.exactCounts,
    // A model used as a layer: its counts are unknown only when none of its parts is known.
    ...(totals.unknownParamLayers && totals.totalParams === 0 ? { paramsUnknown: true } : {}),
    ...(totals.unknownMacLayers && totals.totalMacs === 0 ? { macsUnknown: true } : {}),
    receptiveField: null,
    jump: null,
    start: null,
    issues: output ? [] : [...unknownOutput],
  };
}
