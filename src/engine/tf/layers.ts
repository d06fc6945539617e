/**
 * The TensorFlow-semantics engine's front door, for Keras and TensorFlow.js layers:
 * construct a layer from bound arguments (constructor errors), apply it to input shapes
 * (output shape, MACs, receptive-field steps, run-time errors) and count its parameters.
 * Shapes are batch first and channels-last unless `data_format` is channels-first.
 */
import type { BoundArgs, EngineIssue, ExactCount, Shape } from '../types';
import { addCounts, multiplyCounts, ZERO_COUNT } from '../exactCount';
import type { TfApplyResult, TfDialect, TfLayer } from './layerModel';
import { ArgProblem, builtAxisMismatch, issue } from './layerModel';
import { canonicalTfKind, tfSignature } from './signatures';
import { applyTfConv, convConstructorIssues, isTfConvKind } from './convLayers';
import { applyPooling, poolingRank } from './poolingLayers';
import { applyCoreLayer, isMergeKind } from './coreLayers';
import { applyConvLstm, convLstmRank } from './convLstmLayers';
import type { FamilyResult } from './familyResult';
import { tfjsApplyRefusal, tfjsConstructorIssues, tfjsDefaults, tfjsRunRefusal } from './tfjsChecks';
import { applyTfjsSequenceLayer, isTfjsOnlyKind, isTfjsSequenceKind, kerasEmbeddingIssues } from './sequenceLayers';
import { applyRecurrent, isRecurrentKind } from './recurrentCells';
import { applyRecurrentWrapper, bidirectionalIssues, isRecurrentWrapperKind } from './recurrentWrappers';
import { constructInnerLayers, recurrentConstructorIssues } from './recurrentConstruction';
import { kerasConstructorRefusal } from './kerasConstructorChecks';
import { kerasInputLayerIssue } from './kerasInputLayer';
import { kerasApplyRefusal, kerasUndefinedWeight } from './kerasApplyChecks';
import { applyKerasImageSizeLayer, isKerasImageSizeKind, kerasImageSizeConstructorIssues } from './kerasImageLayers';
import { applyKerasAugmentation, isKerasAugmentationKind, kerasAugmentationConstructorIssues } from './kerasAugmentations';
import { applyKerasAudio, isKerasAudioKind, kerasAudioConstructorIssues } from './kerasAudio';
import { applyRandomWidth, randomWidthConstructorIssues } from './tfjsRandomWidth';
import { applyAttention, attentionConstructorIssues, isAttentionKind } from './kerasAttention';
import { applyEinsumFamily, dotConstructorIssues } from './kerasEinsum';
import { applySpectralNormalization, spectralNormConstructorIssues } from './kerasSpectralNorm';
import { applyKerasFeatureLayer, isKerasFeatureKind, kerasFeatureConstructorIssues } from './kerasNormalization';

export type { TfApplyResult, TfDialect, TfLayer } from './layerModel';

export interface TfConstructOptions {
  /** Whose error messages to use; default 'tfjs'. */
  readonly dialect?: TfDialect;
  /** Name used in messages when the `name` argument is absent (tfjs: `conv2d_Conv2D1`). */
  readonly autoName?: string;
}

/** What tfjs says when a required config key is absent (verbatim; keys it tolerates are absent here). */
const tfjsMissingArg: Readonly<Record<string, string>> = {
  filters: "Convolution layer expected config.filters to be a 'number' > 0 but got undefined",
  kernel_size: "required key 'kernelSize' not in config",
  units: 'Expected units to be a positive integer, but got undefined.',
  target_shape: "Cannot read properties of undefined (reading 'length')",
};

/** Python's way of listing names in a TypeError: `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`. */
function pythonList(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

function snakeCaseKind(kind: string): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Builds a layer of class `kind` (class name or Keras alias) from snake_case arguments;
 * missing optional arguments get Keras's defaults, extra ones (initializers, ...) are kept.
 * Returns `layer: null` for unknown classes or missing required arguments.
 */
export function constructTfLayer(kind: string, args: BoundArgs, options: TfConstructOptions = {}): { layer: TfLayer | null; issues: EngineIssue[] } {
  const signature = tfSignature(kind);
  const canonical = canonicalTfKind(kind);
  if (!signature || !canonical) {
    return { layer: null, issues: [issue('info', 'tf.unknown-layer', `Layer class ${kind} is not known to Conv Inspector; shapes stop here.`)] };
  }
  const dialect = options.dialect ?? 'tfjs';
  const bound: Record<string, BoundArgs[string]> = { ...(dialect === 'tfjs' ? tfjsDefaults(canonical) : {}), ...args };
  const issues: EngineIssue[] = [];
  const missing: string[] = [];
  for (const param of signature.params) {
    if (bound[param.name] !== undefined) continue;
    const required = param.default === undefined || (dialect === 'keras' && param.requiredInKeras === true);
    if (required) missing.push(param.name);
    else bound[param.name] = param.default!;
  }
  if (dialect === 'keras' && missing.length > 0) {
    issues.push(
      issue(
        'error',
        'tf.missing-arg',
        `${canonical}.__init__() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${pythonList(missing.map((m) => `'${m}'`))}`,
        missing[0],
      ),
    );
  } else {
    for (const name of missing) {
      const message = tfjsMissingArg[name];
      // tfjs builds Dropout without a rate, Activation without an activation, ...: not an error there.
      if (message === undefined) bound[name] = null;
      else issues.push(issue('error', 'tf.missing-arg', message, name));
    }
  }
  if (issues.length > 0) return { layer: null, issues };
  const givenName = typeof args.name === 'string' ? args.name : undefined;
  const name = givenName ?? options.autoName ?? snakeCaseKind(canonical);
  // Layers passed as arguments are built first, as Python evaluates them before the call.
  const inner = constructInnerLayers(canonical, bound, name, dialect, (k, a, o) => constructTfLayer(k, a, o));
  if (inner.issues.some((i) => i.severity === 'error')) return { layer: null, issues: inner.issues };
  const layer: TfLayer = { kind: canonical, name, args: bound, dialect, built: null, ...(inner.layers ? { inner: inner.layers } : {}) };
  // Keras raises the first problem its constructor meets; the family checks below follow it.
  const kerasRefusal = dialect === 'keras' ? kerasConstructorRefusal(layer) : undefined;
  if (kerasRefusal) return { layer: null, issues: [kerasRefusal] };
  try {
    if (isTfConvKind(canonical)) issues.push(...convConstructorIssues(layer));
    if (dialect === 'keras' && isKerasImageSizeKind(canonical)) issues.push(...kerasImageSizeConstructorIssues(layer));
    if (isKerasAugmentationKind(canonical)) issues.push(...kerasAugmentationConstructorIssues(layer));
    if (isKerasAudioKind(canonical)) issues.push(...kerasAudioConstructorIssues(layer));
    if (canonical === 'RandomWidth') issues.push(...randomWidthConstructorIssues(layer));
    issues.push(...recurrentConstructorIssues(layer), ...bidirectionalIssues(layer), ...kerasEmbeddingIssues(layer));
    const inputLayerProblem = dialect === 'keras' && canonical === 'InputLayer' ? kerasInputLayerIssue(layer.args) : undefined;
    if (inputLayerProblem) issues.push(inputLayerProblem);
    issues.push(...tfjsConstructorIssues(layer));
    if (dialect === 'keras') {
      issues.push(...attentionConstructorIssues(layer), ...kerasFeatureConstructorIssues(layer), ...spectralNormConstructorIssues(layer));
      const dotProblem = layer.kind === 'Dot' ? dotConstructorIssues(layer) : null;
      if (dotProblem) issues.push(dotProblem.issue);
    }
  } catch (problem) {
    if (!(problem instanceof ArgProblem)) throw problem;
    issues.push(problem.issue);
  }
  return { layer, issues };
}

/**
 * True when the engine has a rule for the Keras class (or alias) `className`: a signature to
 * bind its call and a family that computes its output. The Keras manifest test pins the
 * classes without one.
 */
export function hasKerasRule(className: string): boolean {
  const kind = canonicalTfKind(className);
  return kind !== undefined && (isKerasImageSizeKind(kind) || !isTfjsOnlyKind(kind));
}

function familyResult(layer: TfLayer, inputs: readonly Shape[], listed: boolean, call: BoundArgs): FamilyResult | undefined {
  if (isMergeKind(layer.kind)) return applyCoreLayer(layer, inputs, listed);
  if (isAttentionKind(layer.kind)) return applyAttention(layer, inputs, listed, call);
  const einsum = applyEinsumFamily(layer, inputs, listed);
  if (einsum) return einsum;
  // A cell is called on its input and its states.
  if (isRecurrentKind(layer.kind)) return applyRecurrent(layer, inputs);
  if (inputs.length !== 1) {
    return { output: null, steps: null, issues: [issue('error', 'tf.arity', `Layer ${layer.name} expects 1 input, but it received ${inputs.length} input tensors.`)] };
  }
  const refusal = tfjsApplyRefusal(layer, inputs[0]) ?? kerasApplyRefusal(layer, inputs[0]);
  if (refusal) return { output: null, steps: null, issues: [refusal] };
  if (isTfConvKind(layer.kind)) return applyTfConv(layer, inputs[0]);
  if (layer.dialect === 'keras' && isKerasImageSizeKind(layer.kind)) return applyKerasImageSizeLayer(layer, inputs[0]);
  if (isKerasAugmentationKind(layer.kind)) return applyKerasAugmentation(layer, inputs[0]);
  if (isKerasAudioKind(layer.kind)) return applyKerasAudio(layer, inputs[0]);
  if (layer.kind === 'RandomWidth') return applyRandomWidth(layer, inputs[0]);
  if (isTfjsSequenceKind(layer)) return applyTfjsSequenceLayer(layer, inputs[0]);
  if (isRecurrentWrapperKind(layer.kind)) return applyRecurrentWrapper(layer, inputs[0], applyTfLayer);
  if (layer.kind === 'SpectralNormalization') return applySpectralNormalization(layer, inputs[0], applyTfLayer);
  if (convLstmRank(layer.kind)) return applyConvLstm(layer, inputs[0]);
  if (isKerasFeatureKind(layer.kind)) return applyKerasFeatureLayer(layer, inputs[0]);
  if (poolingRank(layer.kind)) return applyPooling(layer, inputs[0]);
  return applyCoreLayer(layer, inputs);
}

/**
 * Applies a layer to an input shape (or, for Add/Concatenate/Dot/attention, a list of shapes;
 * MultiHeadAttention's query, value and key come as that list too). `call` holds the call's
 * non-tensor keywords (`return_attention_scores`).
 * The first call builds the layer's weights; a later call with a different size on the
 * built axis (a shared layer fed other channels) is the framework's incompatibility error.
 */
export function applyTfLayer(layer: TfLayer, input: Shape | readonly Shape[], call: BoundArgs = {}): TfApplyResult {
  const listed = input.length > 0 && Array.isArray(input[0]);
  const inputs: readonly Shape[] = listed ? (input as readonly Shape[]) : [input as Shape];
  let result: FamilyResult | undefined;
  try {
    result = familyResult(layer, inputs, listed, call);
  } catch (problem) {
    if (!(problem instanceof ArgProblem)) throw problem;
    return { output: null, macs: ZERO_COUNT, steps: null, issues: [problem.issue] };
  }
  if (!result) {
    return { output: null, macs: ZERO_COUNT, steps: null, issues: [issue('info', 'tf.unsupported', `Conv Inspector cannot compute ${layer.kind} yet.`)] };
  }
  const issues = [...result.issues];
  const runRefusal = tfjsRunRefusal(layer, result.output) ?? kerasUndefinedWeight(layer, result.paramTensors ?? []);
  if (runRefusal) return { output: null, macs: ZERO_COUNT, steps: null, issues: [...issues, runRefusal] };
  if (layer.built === null) {
    layer.built = { input: inputs[0], paramTensors: result.paramTensors ?? [] };
  } else if (result.builtAxis !== undefined) {
    const axis = result.builtAxis;
    const expected = layer.built.input[axis];
    if (layer.built.input.length === inputs[0].length && expected !== inputs[0][axis]) {
      // tfjs's Dense keys its input spec by -1, the others by the positive axis.
      const shownAxis = layer.kind === 'Dense' ? -1 : axis;
      issues.push(builtAxisMismatch(layer, shownAxis, axis - inputs[0].length, expected, inputs[0]));
    }
  }
  return { output: result.output, ...(result.outputs ? { outputs: result.outputs } : {}), macs: result.macs ?? ZERO_COUNT, steps: result.steps, issues };
}

/** Parameters of a built layer (zero before its first apply, as in Keras); shared layers count once. */
export function countTfParams(layer: TfLayer): { total: ExactCount; trainable: ExactCount } {
  const tensors = layer.built?.paramTensors ?? [];
  const sizes = tensors.map((t) => ({ count: multiplyCounts(...t.shape), trainable: t.trainable }));
  const layerTrainable = layer.args.trainable !== false;
  return {
    total: addCounts(...sizes.map((s) => s.count)),
    trainable: addCounts(...sizes.filter((s) => s.trainable && layerTrainable).map((s) => s.count)),
  };
}
