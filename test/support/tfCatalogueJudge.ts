/**
 * The Keras/TF.js engine on one case recorded by tools/golden/keras_catalogue_cases.py (real
 * Keras 3, symbolic calls with an open batch) or tools/golden/tfjs_catalogue_cases.mjs (real
 * TF.js): output shapes, weights with their trainable flags, the parameter count, and for an
 * invalid case the framework's exact message. Used by the Keras and TF.js catalogue tests and
 * the unseen-catalogue benchmark.
 */
import type { ArgValue, BoundArgs, EngineIssue, Shape } from '../../src/engine/types';
import type { TfApplyResult, TfLayer } from '../../src/engine/tf/layers';
import { kerasInputLayerShape } from '../../src/engine/tf/kerasInputLayer';
import { applyTfLayer, constructTfLayer, countTfParams } from '../../src/engine/tf/layers';
import { snakeCaseKey } from '../../src/engine/tf/signatures';
import { tfjsClassOfFactory } from '../../src/frontends/typescript/tfjsFactories';
import { declaredShape } from '../../src/frontends/typescript/tfjsArgs';
import { engineArgs } from './nestedLayerArgs';
import type { Verdict } from './catalogueVerdict';
import { compareMessages, compareShapes, VerdictBuilder } from './catalogueVerdict';

type KerasShape = (number | null)[];
type Weight = { name: string; shape: number[]; trainable: boolean };

export interface KerasCase {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  /** One input shape, or a list of them for merge layers; the batch is `null` (open). */
  readonly input: KerasShape | KerasShape[];
  /** Keras's auto name of the layer, which its messages quote. */
  readonly name?: string;
  /** How the layer was called: positional tensors (`mha(q, v)`) and keywords (`key=`, `return_attention_scores=`). */
  readonly call?: { positional: boolean; kwargs: Record<string, BoundArgs[string]> };
}
export interface KerasValidCase extends KerasCase {
  /** One shape, or one per output for layers returning several tensors. */
  readonly outputs: KerasShape | KerasShape[];
  /** The shapes a call on real arrays returned, where they differ from the symbolic `outputs`. */
  readonly computed?: KerasShape[];
  readonly weights: Weight[];
  readonly params: number;
}
export interface KerasErrorCase extends KerasCase {
  readonly stage: 'construct' | 'apply';
  readonly message: string;
}

const isList = (input: KerasShape | KerasShape[]): input is KerasShape[] => Array.isArray(input[0]);
/** Keras's open `None` is NaN in the engine. */
const toEngine = (shape: KerasShape): Shape => shape.map((d) => (d === null ? Number.NaN : d));
const fromEngine = (shape: Shape | null): KerasShape | null => shape && shape.map((d) => (Number.isNaN(d) ? null : d));
const engineInput = (input: KerasShape | KerasShape[]): Shape | Shape[] => (isList(input) ? input.map(toEngine) : toEngine(input));
/** The engine's call: MultiHeadAttention's `key` joins the inputs list; other keywords are call arguments. */
function engineCall(c: KerasCase): { input: Shape | Shape[]; call: BoundArgs } {
  const { key, ...call } = c.call?.kwargs ?? {};
  const input = engineInput(c.input);
  return Array.isArray(key) ? { input: [...(input as Shape[]), toEngine(key as KerasShape)], call } : { input, call };
}
export const describeKerasCase = (c: KerasCase): string => `${c.kind}(${JSON.stringify(c.kwargs)}) on ${JSON.stringify(c.input)}`;
const errorsOf = (issues: readonly EngineIssue[]): string[] => issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);

/** Builds a Keras case's layer the way Keras did, layer objects among its arguments included. */
const buildKerasCase = (c: KerasCase): ReturnType<typeof constructTfLayer> => constructTfLayer(c.kind, engineArgs(c.kwargs), { dialect: 'keras', autoName: c.name });

const inputLayerResult = (layer: TfLayer): TfApplyResult => ({ output: kerasInputLayerShape(layer.args), macs: { value: 0, exact: true }, steps: null, issues: [] });

/** A valid Keras case: Keras built and called it symbolically. */
export function judgeKerasValid(c: KerasValidCase): Verdict {
  const verdict = new VerdictBuilder();
  const name = describeKerasCase(c);
  const built = buildKerasCase(c);
  if (!built.layer || built.issues.length > 0) {
    verdict.add(errorsOf(built.issues).length > 0 ? 'wrong' : 'unknown', `${name}: construct ${JSON.stringify(built.issues)}`);
    return verdict.verdict();
  }
  const { input, call } = engineCall(c);
  // An InputLayer is not called: its output is the batch shape it declares.
  const result: TfApplyResult = c.kind === 'InputLayer' ? inputLayerResult(built.layer) : applyTfLayer(built.layer, input, call);
  // Several outputs: the engine lists them all (and says so in one info); else one shape, no issue.
  const several = isList(c.outputs);
  const expected = c.computed ?? c.outputs;
  const ours = several ? (result.outputs?.map(fromEngine) ?? null) : fromEngine(result.output);
  const shapes = compareShapes(ours, expected);
  // A layer returning several tensors notes that the single-tensor flow stops there.
  const notes = result.issues.filter((i) => !(several && i.code === 'tf.multi-output'));
  if (shapes !== 'match' || notes.length > 0) {
    const outcome = errorsOf(result.issues).length > 0 ? 'wrong' : shapes === 'match' ? 'unknown' : shapes;
    verdict.add(outcome, `${name}: got ${JSON.stringify(ours)} ${JSON.stringify(result.issues)}, keras ${JSON.stringify(expected)}`);
  }
  const weights = (built.layer.built?.paramTensors ?? []).map((t) => ({ name: t.name, shape: [...t.shape], trainable: t.trainable }));
  if (JSON.stringify(weights) !== JSON.stringify(c.weights)) {
    verdict.add(built.layer.built ? 'wrong' : 'unknown', `${name}: weights ${JSON.stringify(weights)}, keras ${JSON.stringify(c.weights)}`);
  }
  const counted = countTfParams(built.layer);
  if (counted.total.value !== c.params || !counted.total.exact) {
    verdict.add(counted.total.unknown === true || !counted.total.exact ? 'unknown' : 'wrong', `${name}: ${counted.total.value} params, keras ${c.params}`);
  }
  return verdict.verdict();
}

/** An invalid Keras case: Keras raised `message` at `stage`. */
export function judgeKerasError(c: KerasErrorCase): Verdict {
  const verdict = new VerdictBuilder();
  const name = describeKerasCase(c);
  const built = buildKerasCase(c);
  let messages = errorsOf(built.issues);
  let gaveOutput = false;
  if (c.stage === 'apply') {
    if (!built.layer || messages.length > 0) {
      verdict.add(messages.length > 0 ? 'wrong' : 'unknown', `${name}: construct failed ${JSON.stringify(built.issues)}`);
      return verdict.verdict();
    }
    const { input, call } = engineCall(c);
    const result = applyTfLayer(built.layer, input, call);
    messages = errorsOf(result.issues);
    gaveOutput = result.output !== null;
  } else if (built.layer && messages.length === 0) {
    gaveOutput = applyTfLayer(built.layer, engineInput(c.input)).output !== null;
  }
  if (!messages.includes(c.message)) {
    verdict.add(compareMessages(messages, c.message, gaveOutput), `${name} (${c.stage}):\n  ours  ${JSON.stringify(messages)}\n  keras ${JSON.stringify(c.message)}`);
  }
  return verdict.verdict();
}

type Dim = number | null;
export interface TfjsRecorded {
  readonly factory: string;
  readonly config: Record<string, ArgValue>;
  /** Input shapes without the batch; `[null]` for `inputLayer`, which is not called. */
  readonly inputs: (number[] | null)[];
  /** What TF.js's computeOutputShape reports, when it differs from what running computes. */
  readonly reportedOutputs?: Dim[][];
  /** A cell's case runs it inside `tf.layers.rnn` with this config (TF.js cannot apply a cell alone). */
  readonly wrap?: Record<string, ArgValue>;
}
export interface TfjsValidCase extends TfjsRecorded {
  /** Output shapes of a real run, batch as null. */
  readonly outputs: Dim[][];
  readonly params: Weight[];
  readonly countParams?: number;
}
export interface TfjsErrorCase extends TfjsRecorded {
  readonly stage: 'construct' | 'apply' | 'run';
  readonly message: string;
  /** A random draw TF.js refused, rather than a hand-written invalid configuration. */
  readonly random?: boolean;
}

/** Builds a recorded TF.js case's layer with the engine (camelCase config keys to snake_case). */
export function buildTfjsCase(c: TfjsRecorded): { layer: TfLayer | null; issues: EngineIssue[] } {
  const kind = tfjsClassOfFactory(c.factory) ?? c.factory;
  const args = engineArgs(c.config, snakeCaseKey);
  if (!c.wrap) return constructTfLayer(kind, args, { dialect: 'tfjs', autoName: 'layer' });
  return constructTfLayer('RNN', { ...engineArgs(c.wrap, snakeCaseKey), cell: { layerClass: kind, layerArgs: args } }, { dialect: 'tfjs', autoName: 'layer' });
}

/** Runs a recorded TF.js case through the engine: the output shapes (batch null) and every issue. */
export function runTfjsCase(c: TfjsRecorded): { layer: TfLayer | null; outputs: Dim[][] | null; issues: EngineIssue[] } {
  const { layer, issues } = buildTfjsCase(c);
  if (!layer) return { layer, outputs: null, issues };
  if (c.inputs[0] === null) {
    const declared = declaredShape(layer.args, 'batch_input_shape', 'input_shape');
    return { layer, outputs: declared ? [[null, ...declared.slice(1)]] : null, issues };
  }
  const inputs = c.inputs.map((s) => [1, ...(s ?? [])]);
  const result = applyTfLayer(layer, inputs.length === 1 ? inputs[0] : inputs);
  const shapes = result.outputs ?? (result.output ? [result.output] : null);
  return { layer, outputs: shapes?.map((shape) => [null, ...shape.slice(1)]) ?? null, issues: [...issues, ...result.issues] };
}

/**
 * Factories whose output size TF.js draws at random on every call, and the axis: the engine
 * leaves it unknown and says the range, which must hold the size the recorded run drew.
 */
const randomAxis: Readonly<Record<string, number>> = { randomWidth: -2 };

/** Our outputs with a random axis the engine left unknown filled in from the run, once the engine's range holds it. */
function withRandomAxis(c: TfjsValidCase, outputs: Dim[][] | null, issues: readonly EngineIssue[], verdict: VerdictBuilder): Dim[][] | null {
  const axis = randomAxis[c.factory];
  if (axis === undefined || !outputs) return outputs;
  const ours = outputs[0];
  const at = ours.length + axis;
  if (ours[at] !== null && !Number.isNaN(ours[at])) return outputs;
  const drawn = c.outputs[0][at] as number;
  const range = issues.map((i) => /at random \((\d+) to (\d+)\)/.exec(i.message)).find((m) => m !== null);
  if (!range || drawn < Number(range[1]) || drawn > Number(range[2])) verdict.wrong(`TF.js drew ${drawn}, outside the engine's range ${range?.[0]}`);
  return [ours.map((d, i) => (i === at ? drawn : d))];
}

/** A valid TF.js case: TF.js built and ran it. */
export function judgeTfjsValid(c: TfjsValidCase): Verdict {
  const verdict = new VerdictBuilder();
  const run = runTfjsCase(c);
  const { layer, issues } = run;
  const outputs = withRandomAxis(c, run.outputs, issues, verdict);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (errors.length > 0) verdict.wrong(`TF.js ran this configuration, the engine says ${JSON.stringify(errors)}`);
  verdict.add(compareShapes(outputs, c.outputs), `output shapes ${JSON.stringify(outputs)}, TF.js ${JSON.stringify(c.outputs)}`);
  const tensors = (layer?.built?.paramTensors ?? []).map((t) => ({ shape: t.shape, trainable: t.trainable }));
  if (JSON.stringify(tensors) !== JSON.stringify(c.params.map((p) => ({ shape: p.shape, trainable: p.trainable })))) {
    verdict.add(layer?.built ? 'wrong' : 'unknown', `weights ${JSON.stringify(tensors)}, TF.js ${JSON.stringify(c.params)}`);
  }
  const counted = layer?.built ? countTfParams(layer).total : null;
  if (counted && counted.value !== c.countParams)
    verdict.add(counted.unknown === true || !counted.exact ? 'unknown' : 'wrong', `countParams() ${counted.value}, TF.js ${c.countParams}`);
  return verdict.verdict();
}

/** An invalid TF.js case: TF.js raised `message` at `stage` (layer names in it are the engine's 'layer'). */
export function judgeTfjsError(c: TfjsErrorCase): Verdict {
  const verdict = new VerdictBuilder();
  // TF.js names layers with a process-wide counter; the engine was given the name 'layer'.
  const expected = c.message.replace(/with layer \S+?:/, 'with layer layer:');
  const { outputs, issues } = runTfjsCase(c);
  const messages = errorsOf(issues);
  if (!messages.includes(expected)) verdict.add(compareMessages(messages, expected, outputs !== null), `${JSON.stringify(messages)} vs TF.js "${expected}"`);
  return verdict.verdict();
}
