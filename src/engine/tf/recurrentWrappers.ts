/**
 * The wrappers of Keras and TensorFlow.js that run another layer: Bidirectional (a forward
 * and a backward copy of a recurrent layer, outputs merged by `merge_mode`) and
 * TimeDistributed (the wrapped layer on every time step: the time axis is folded into the
 * batch). The wrapped layers are constructed with the wrapper (`TfLayer.inner`); applying
 * them goes through the engine's front door, which `layers.ts` passes in.
 */
import type { EngineIssue, ParamTensor, Shape } from '../types';
import { addCounts } from '../exactCount';
import type { TfApplyResult, TfLayer } from './layerModel';
import { issue, pyTuple, tfShapeText } from './layerModel';
import { listNote } from './recurrentCells';
import type { FamilyResult } from './familyResult';

/** Applies a constructed layer to one input: `applyTfLayer`, passed in to keep the import graph acyclic. */
export type InnerApply = (layer: TfLayer, input: Shape) => TfApplyResult;

const mergeModes = ['sum', 'mul', 'ave', 'concat', null];

/** True for the classes this file models. */
export function isRecurrentWrapperKind(kind: string): boolean {
  return kind === 'Bidirectional' || kind === 'TimeDistributed';
}

const pyValue = (value: unknown): string => (value === true ? 'True' : value === false ? 'False' : value === null ? 'None' : String(value));

/** Bidirectional's constructor checks: the merge mode, and a backward layer that mirrors the forward one. */
export function bidirectionalIssues(layer: TfLayer): EngineIssue[] {
  if (layer.kind !== 'Bidirectional') return [];
  const mode = layer.args.merge_mode;
  if (typeof mode === 'string' && !mergeModes.includes(mode)) {
    const message =
      layer.dialect === 'keras'
        ? `Invalid merge mode. Received: ${mode}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}`
        : `${mode} is not a valid BidirectionalMergeMode.  Valid values are sum,mul,concat,ave or null/undefined.`;
    return [issue('error', 'tf.bad-merge-mode', message, 'merge_mode')];
  }
  const [forward, backward] = layer.inner ?? [];
  if (layer.dialect !== 'keras' || !forward || !backward || layer.args.backward_layer === null) return [];
  const flag = (l: TfLayer, name: string): unknown => l.args[name] ?? false;
  if (flag(forward, 'go_backwards') === flag(backward, 'go_backwards')) {
    const message =
      'Forward layer and backward layer should have different `go_backwards` value. Received: ' +
      `forward_layer.go_backwards ${pyValue(flag(forward, 'go_backwards'))}, backward_layer.go_backwards=${pyValue(flag(backward, 'go_backwards'))}`;
    return [issue('error', 'tf.bad-backward-layer', message, 'backward_layer')];
  }
  for (const name of ['stateful', 'return_sequences', 'return_state']) {
    const [f, b] = [flag(forward, name), flag(backward, name)];
    if (f !== b) {
      const message = `Forward layer and backward layer are expected to have the same value for attribute "${name}", got "${pyValue(f)}" for forward layer and "${pyValue(b)}" for backward layer`;
      return [issue('error', 'tf.bad-backward-layer', message, 'backward_layer')];
    }
  }
  return [];
}

/** An inner result's tensors: the one that flows on first, then any states. */
function tensorsOf(result: TfApplyResult): readonly Shape[] | null {
  return result.outputs ?? (result.output ? [result.output] : null);
}

/** Inner issues worth showing on the wrapper: not the inner layer's own "returns a list" note. */
const innerIssues = (result: TfApplyResult): EngineIssue[] => result.issues.filter((i) => i.code !== 'tf.multi-output');

function weightsOf(layers: readonly TfLayer[]): ParamTensor[] {
  return layers.flatMap((l) => [...(l.built?.paramTensors ?? [])]);
}

function stopped(issues: EngineIssue[]): FamilyResult {
  return { output: null, steps: null, issues };
}

/** What Keras's Bidirectional can copy backwards: layers with a `go_backwards` argument. */
const kerasBackwardable = /^(SimpleRNN|LSTM|GRU|RNN|ConvLSTM[123]D)$/;

function applyBidirectional(layer: TfLayer, input: Shape, inner: readonly TfLayer[], apply: InnerApply): FamilyResult {
  const [forward, backward] = inner;
  if (layer.dialect === 'keras' && !kerasBackwardable.test(forward.kind)) {
    // Keras rebuilds the layer with go_backwards=True, which other layers refuse (TF.js runs them).
    return stopped([issue('info', 'tf.unsupported', `Conv Inspector follows Keras's Bidirectional around recurrent layers only, not ${forward.kind}; shapes stop here.`, 'layer')]);
  }
  const results = [apply(forward, input), apply(backward, input)];
  const issues = results.flatMap(innerIssues);
  const [f, b] = results.map(tensorsOf);
  if (!f || !b) return stopped(issues);
  const mode = layer.args.merge_mode ?? null;
  // Keras's symbolic shapes come from the forward layer alone (its compute_output_shape doubles
  // the forward output and states); TF.js runs both layers.
  const mirrored = layer.dialect === 'keras' ? f : b;
  const [fOut, bOut] = [f[0], mirrored[0]];
  const merged = mode === 'concat' ? [[...fOut.slice(0, -1), fOut[fOut.length - 1] + bOut[bOut.length - 1]]] : mode === null ? [fOut, bOut] : [fOut];
  const outputs = [...merged, ...f.slice(1), ...mirrored.slice(1)];
  const macs = addCounts(...results.map((r) => r.macs));
  const base = { macs, steps: null, paramTensors: weightsOf(inner) };
  if (outputs.length === 1) return { ...base, output: outputs[0], issues };
  const what = mode === null ? 'merge_mode=None' : 'return_state=True';
  return {
    ...base,
    output: null,
    outputs,
    issues: [...issues, listNote(layer, outputs, layer.dialect === 'tfjs' ? what.replace('merge_mode=None', 'mergeMode null').replace('return_state=True', 'returnState') : what)],
  };
}

function applyTimeDistributed(layer: TfLayer, input: Shape, inner: TfLayer, apply: InnerApply): FamilyResult {
  if (input.length < 3) {
    const message =
      layer.dialect === 'keras'
        ? `\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${pyTuple(input.map((d, i) => (i === 0 || Number.isNaN(d) ? 'None' : d)))}`
        : `TimeDistributed layer expects an input shape >= 3D, but received input shape ${tfShapeText(input, 'tfjs')}`;
    return stopped([issue('error', 'tf.rank-mismatch', message)]);
  }
  // The time axis joins the batch: the wrapped layer sees one step of every sequence.
  const result = apply(inner, [input[0] * input[1], ...input.slice(2)]);
  const issues = innerIssues(result);
  if (layer.dialect === 'tfjs' && issues.some((i) => i.code === 'tf.rank-mismatch')) {
    // TF.js calls the wrapped layer without checking its input rank (a Flatten on 2-D steps runs).
    return stopped([issue('info', 'tf.unsupported', `Conv Inspector does not follow ${inner.kind} on ${input.length - 1}-D steps inside TimeDistributed; shapes stop here.`)]);
  }
  if (!result.output) return stopped(result.issues);
  return { output: [input[0], input[1], ...result.output.slice(1)], macs: result.macs, steps: null, issues, paramTensors: weightsOf([inner]) };
}

/** Applies Bidirectional or TimeDistributed; null inner layers (unresolved) stop the flow with a note. */
export function applyRecurrentWrapper(layer: TfLayer, input: Shape, apply: InnerApply): FamilyResult {
  const inner = layer.inner ?? [];
  if (inner.length === 0 && layer.dialect === 'tfjs' && layer.args.layer === null) {
    return stopped([issue('error', 'tf.missing-arg', "Cannot read properties of undefined (reading 'built')", 'layer')]);
  }
  if (inner.length === 0) return stopped([issue('info', 'tf.unknown-arg', `The layer ${layer.kind} wraps could not be resolved; shapes stop here.`, 'layer')]);
  return layer.kind === 'Bidirectional' ? applyBidirectional(layer, input, inner, apply) : applyTimeDistributed(layer, input, inner[0], apply);
}
