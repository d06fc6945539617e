/**
 * The Keras state of one Python analysis: layers built through the TF-semantics engine
 * (Keras dialect), one record per layer call, Keras 3 auto names, and the models
 * (Sequential, functional, subclassed). Symbolic tensors are PyTensor values, batch 1
 * standing for `None`; any other `None` dimension stays open as NaN (JSON `null`, shown as
 * `None`), so `keras.Input(shape=(None, None, 3))` gives Keras' own shapes and exact params.
 * Which layer calls a tensor depends on is kept beside them.
 */
import type { LayerRecord } from '../../../engine/report';
import type { BoundArgs, EngineIssue, Shape } from '../../../engine/types';
import { holdsLayerArg } from '../../../engine/tf/recurrentConstruction';
import { constructTfLayer, countTfParams, hasKerasRule } from '../../../engine/tf/layers';
import type { TfLayerCall } from '../../../engine/tf/layerGraph';
import { callTfLayer, modelLayerRecord, tfLayerRecord } from '../../../engine/tf/layerGraph';
import { TfGraphBuilder } from '../../../engine/tf/tfGraph';
import { canonicalTfKind } from '../../../engine/tf/signatures';
import { kerasPythonClassName } from '../../../engine/tf/kerasAttentionSignatures';
import { initialReceptiveField } from '../../../engine/receptiveField';
import type { TensorField } from '../../../engine/tensorField';
import type { AnalysisContext } from '../core/context';
import type { KerasLayerObject, KerasModelObject, KerasUnmodelled } from './kerasValues';
import { applyUnmodelled } from './kerasPassThrough';
import { KerasAncestry } from './kerasAncestry';
import type { PyNode } from '../core/syntax';
import type { PyInstance, PyTensor, Value } from '../core/values';
import { isTensor, isUnknown, sequenceOf, tuple } from '../core/values';

export interface KerasRecord {
  readonly record: LayerRecord;
  readonly site: PyNode;
}

export interface KerasModel {
  name: string;
  readonly site: PyNode;
  readonly sequential: boolean;
  inputs: PyTensor[];
  outputs: PyTensor[];
  /** A Sequential's records in order (a functional model finds its records from its outputs). */
  readonly recordIndices: number[];
  inputSource: string;
  /** Layers added to a Sequential before its input shape is known (until `build()` or a call). */
  /** Layers, and models used as layers, added before the Sequential had an input. */
  readonly pending: (KerasLayerObject | KerasModelObject)[];
}

/** Keras's `to_snake_case`, which its auto names are made of (`ReLU` -> `re_lu`). */
export function kerasSnakeCase(name: string): string {
  const step = name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return step.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** An open (`None`) dimension of a Keras shape: NaN, which every size formula carries along. */
export const openDim = Number.NaN;

/** A dimension as Python code sees it in `x.shape`: `None` when open. */
export function pythonDim(dim: number): number | null {
  return Number.isNaN(dim) ? null : dim;
}

/** A Keras input tensor of a known (batch-first) shape. */
export function kerasInputTensor(shape: Shape | null): PyTensor {
  return { kind: 'tensor', shape, rf: shape ? initialReceptiveField(Math.max(shape.length - 2, 0)) : null, coverage: null, dilations: [] };
}

/** The receptive-field part of a tensor, as the TF engine takes it. */
export function fieldOf(tensor: PyTensor): TensorField | null {
  return tensor.rf ? { rf: tensor.rf, coverage: tensor.coverage, dilations: tensor.dilations } : null;
}

export class KerasSession {
  readonly records: KerasRecord[] = [];
  readonly models: KerasModel[] = [];
  readonly layers: KerasLayerObject[] = [];
  /** Layer-call indices each symbolic tensor depends on. */
  private readonly ancestry = new KerasAncestry();
  private readonly nameCounts = new Map<string, number>();
  /** `name=` given to a subclassed model's `super().__init__()`. */
  readonly instanceNames = new WeakMap<object, string>();
  /** Subclassed models already built (by `build()` or a first call). */
  readonly builtInstances = new WeakSet<object>();
  /** Instances of keras.Model subclasses, and those ever called (unbuilt ones need an input directive). */
  readonly modelInstances: PyInstance[] = [];
  readonly calledInstances = new WeakSet<object>();
  /**
   * Depth of `call()`s of Keras subclass instances being run: an inner model's first call does
   * not make it a model, and ops there run on backend tensors (they take no auto name).
   */
  callDepth = 0;
  /** Tensors made by `keras.Input` (symbolic, unlike `np.zeros(...)` of the same shape). */
  readonly symbolicInputs = new WeakSet<PyTensor>();
  /** Every layer call and op on symbolic tensors, for the models' dataflow graphs. */
  readonly graph = new TfGraphBuilder<PyTensor>();

  constructor(private readonly context: AnalysisContext) {}

  /** Keras 3's unique names: `conv2d`, then `conv2d_1`, `conv2d_2`, ... */
  autoName(base: string): string {
    const count = this.nameCounts.get(base) ?? 0;
    this.nameCounts.set(base, count + 1);
    return count === 0 ? base : `${base}_${count}`;
  }

  /** `result` depends on whatever `sources` depend on. */
  inherit(result: PyTensor, sources: readonly PyTensor[]): void {
    this.ancestry.link(result, [], sources);
  }

  ancestryOf(tensor: PyTensor): ReadonlySet<number> {
    return this.ancestry.of(tensor);
  }

  /** Whether `tensor` is a KerasTensor: a `keras.Input` or what layer calls made from one. */
  isSymbolic(tensor: PyTensor): boolean {
    return this.symbolicInputs.has(tensor) || this.ancestry.has(tensor);
  }

  /** Whether `tensor` comes from any layer call (a symbolic tensor of a graph). */
  hasAncestry(tensor: PyTensor): boolean {
    return this.ancestry.has(tensor);
  }

  /** Builds a layer; its constructor problems are reported at once, on the constructor call. */
  construct(
    className: string,
    args: BoundArgs,
    bindingIssues: readonly EngineIssue[],
    declaredInput: Shape | null,
    site: PyNode,
    unmodelled?: KerasUnmodelled,
    userClass?: string,
  ): KerasLayerObject {
    const pythonClass = kerasPythonClassName(canonicalTfKind(className) ?? className);
    const name = typeof args.name === 'string' ? args.name : this.autoName(kerasSnakeCase(userClass ?? pythonClass));
    if (unmodelled && !hasKerasRule(className)) {
      const layer: KerasLayerObject = { type: 'layer', layerId: this.layers.length, className, name, layer: null, site, declaredInput, unmodelled };
      this.layers.push(layer);
      return layer;
    }
    const hasErrors = bindingIssues.some((i) => i.severity === 'error');
    const constructed = hasErrors ? { layer: null, issues: [] } : constructTfLayer(className, args, { dialect: 'keras', autoName: name });
    // A layer passed as an argument that failed to construct was reported where Python raised: at its own call.
    const built = constructed.layer === null && Object.values(args).some(holdsLayerArg) ? { layer: null, issues: [] } : constructed;
    for (const problem of [...bindingIssues, ...built.issues]) this.context.report(site.range, problem.severity, problem.code, problem.message);
    const layer: KerasLayerObject = {
      type: 'layer',
      layerId: this.layers.length,
      className: userClass ?? (built.layer ? kerasPythonClassName(built.layer.kind) : className),
      name,
      layer: built.layer,
      site,
      declaredInput,
      // A resize keeps the front end's receptive-field rule (see apply); the engine gives its shape, weights and errors.
      ...(unmodelled && built.layer ? { unmodelled } : {}),
    };
    this.layers.push(layer);
    return layer;
  }

  /** Adds a record whose call made `output` from `sources`; returns the record's index. */
  pushRecord(record: LayerRecord, site: PyNode, output: PyTensor, sources: readonly PyTensor[]): number {
    const index = this.records.length;
    this.records.push({ record, site });
    this.ancestry.link(output, [index], sources);
    // The graph shows the layers and ops the custom layer's call() ran, not the custom layer itself.
    if (sources[0]) this.graph.alias(output, sources[0]);
    return index;
  }

  newModel(name: string | undefined, base: string, sequential: boolean, site: PyNode): number {
    this.models.push({ name: name ?? this.autoName(base), site, sequential, inputs: [], outputs: [], recordIndices: [], inputSource: 'unknown', pending: [] });
    return this.models.length - 1;
  }

  /**
   * `layer(x)` / `layer([a, b])`: one record and the output tensor; `callArgs` are the call's
   * non-tensor keywords. A layer returning several tensors (`return_attention_scores=True`)
   * gives a tuple of them, for `out, scores = ...` to unpack.
   */
  apply(layer: KerasLayerObject, inputValue: Value, site: PyNode, callArgs: BoundArgs = {}): Value {
    const items = sequenceOf(inputValue);
    const inputs = items ? [...items] : [inputValue];
    const tensors = inputs.filter(isTensor);
    const shapes = tensors.map((t) => t.shape);
    const index = this.records.length;
    const known = tensors.length === inputs.length && shapes.every((s): s is Shape => s !== null);
    let call: TfLayerCall = { output: null, macs: { value: 0, exact: true }, field: null, issues: [] };
    if (layer.layer && known) {
      call = callTfLayer(layer.layer, layer.className, items ? shapes : shapes[0], tensors.map(fieldOf), callArgs);
      // The field restarts in a resized image's pixels, as the front end's own rule has it.
      if (layer.unmodelled?.type === 'resize' && call.output) call = { ...call, field: fieldOf(kerasInputTensor(call.output)) };
      // The tuple flows on here: the engine's note that a list stops the single flow does not apply.
      if (call.outputs) call = { ...call, output: call.outputs[0], issues: call.issues.filter((i) => i.code !== 'tf.multi-output') };
      if (countTfParams(layer.layer).total.unknown === true) {
        // Weights sized by an open (None) dimension: Keras refuses to build them; we cannot tell.
        call = { ...call, output: null, issues: [{ severity: 'info', code: 'keras.open-dimension', message: `${layer.name} needs a defined size where its input has None` }] };
      }
    } else if (layer.unmodelled && known && tensors.length === 1) {
      const result = applyUnmodelled(this.context, layer.unmodelled, tensors[0], site);
      call = { ...call, output: result?.shape ?? null, field: result ? fieldOf(result) : null };
      if (!result)
        call.issues.push({ severity: 'info', code: 'keras.unknown-output', message: `Conv Inspector cannot tell the output shape of ${layer.name} (${layer.className})` });
    } else if (layer.layer || layer.unmodelled) {
      const reason = inputs.find(isUnknown)?.reason ?? 'the input is not a known tensor';
      call.issues.push({ severity: 'info', code: 'keras.unknown-input', message: `input shape of ${layer.name} is not known: ${reason}` });
    }
    const { output, field, issues } = call;
    for (const problem of issues) this.context.report(layer.site.range, problem.severity, problem.code, problem.message);
    const record = tfLayerRecord(
      layer.layer,
      { path: layer.name, kind: layer.className, range: layer.site.range, layerId: layer.layerId },
      known && shapes.length > 0 ? shapes[0] : null,
      // MACs over an open (None) size are not known: NaN (`?`, JSON null), never 0.
      // (Unknown, not approximate: `exact` stays about rounding past 2^53.)
      call.output && call.macs.unknown === true ? { ...call, macs: { value: Number.NaN, exact: true } } : call,
      issues,
    );
    this.records.push({ record, site });
    const tensor: PyTensor = { kind: 'tensor', shape: output, rf: field?.rf ?? null, coverage: field?.coverage ?? null, dilations: field?.dilations ?? [] };
    const callSite = { path: layer.name, kind: layer.className, args: layer.layer?.args ?? {}, range: site.range, record: index };
    if (call.outputs) {
      // The first output is the layer's output proper; the others (scores, states) carry no receptive field.
      const all = [tensor, ...call.outputs.slice(1).map((shape): PyTensor => ({ kind: 'tensor', shape, rf: null, coverage: null, dilations: [] }))];
      for (const made of all) this.ancestry.link(made, [index], tensors);
      this.graph.layerOutputs(callSite, tensors, all, call.outputs);
      return tuple(all);
    }
    this.ancestry.link(tensor, [index], tensors);
    this.graph.layer(callSite, tensors, tensor, output);
    return tensor;
  }

  /** `model.add(layer)` or an item of `Sequential([...])`. */
  addToSequential(modelIndex: number, item: Value, site: PyNode): void {
    const model = this.models[modelIndex];
    const current = model.outputs[0] ?? null;
    if (isTensor(item)) {
      // keras.Input(...) as the first item declares the input.
      model.inputs = [item];
      model.outputs = [item];
      model.inputSource = 'keras.Input (batch 1 for None)';
      return;
    }
    const known = typeof item === 'object' && item !== null && item.kind === 'keras';
    // A model is a layer too (`Sequential([encoder, Dense(10)])`), only not itself.
    if (!known || (item.object.type === 'model' && item.object.modelIndex === modelIndex)) {
      this.context.unsupported(site, 'adding something that is not a known Keras layer to a Sequential model');
      model.outputs = [kerasInputTensor(null)];
      return;
    }
    if (!current && item.object.type === 'layer' && item.object.declaredInput && model.pending.length === 0) {
      const input = kerasInputTensor(item.object.declaredInput);
      model.inputs = [input];
      model.outputs = [input];
      model.inputSource = `input_shape of ${item.object.name} (batch 1 for None)`;
    }
    model.pending.push(item.object);
    if (model.outputs.length > 0) this.flushSequential(modelIndex, site);
  }

  /** `model.build(shape)` of a Sequential, or its first call: the input shape arrives. */
  buildSequential(modelIndex: number, shape: Shape | null, source: string, site: PyNode): void {
    const model = this.models[modelIndex];
    if (model.outputs.length > 0) return;
    const input = kerasInputTensor(shape);
    model.inputs = [input];
    model.outputs = [input];
    model.inputSource = source;
    this.flushSequential(modelIndex, site);
  }

  /** Applies the pending layers of a Sequential in order (on an unknown input when it has none). */
  flushSequential(modelIndex: number, site: PyNode): void {
    const model = this.models[modelIndex];
    let current: Value = model.outputs[0] ?? { kind: 'unknown', reason: `${model.name} has no input shape (no Input, input_shape= or build())` };
    for (const layer of model.pending.splice(0)) {
      current = layer.type === 'model' ? this.applyModel(layer.modelIndex, current, site) : this.apply(layer, current, site);
      model.recordIndices.push(this.records.length - 1);
    }
    if (isTensor(current)) model.outputs = [current];
  }

  /** Records of a model: a Sequential's in order; a functional model's, those its outputs depend on. */
  modelRecordIndices(model: KerasModel): number[] {
    if (model.sequential) return [...model.recordIndices];
    const upstreamOfInputs = new Set<number>();
    for (const input of model.inputs) for (const a of this.ancestryOf(input)) upstreamOfInputs.add(a);
    const indices = new Set<number>();
    for (const output of model.outputs) for (const a of this.ancestryOf(output)) if (!upstreamOfInputs.has(a)) indices.add(a);
    return [...indices].sort((a, b) => a - b);
  }

  /** A model called on a tensor (a model used as a layer): one record, a black box. */
  applyModel(modelIndex: number, inputValue: Value, site: PyNode): PyTensor {
    const model = this.models[modelIndex];
    if (model.sequential && model.outputs.length === 0 && isTensor(inputValue)) {
      this.buildSequential(modelIndex, inputValue.shape, `call at line ${site.range.start.line + 1}`, site);
    }
    const inner = this.modelRecordIndices(model).map((i) => this.records[i].record);
    const input = isTensor(inputValue) ? inputValue : null;
    const kind = model.sequential ? 'Sequential' : 'Functional';
    const record = modelLayerRecord(
      { path: model.name, kind, range: model.site.range, layerId: -1 - modelIndex },
      inner,
      input?.shape ?? null,
      model.outputs[0]?.shape ?? null,
      [],
    );
    const output = record.output;
    const index = this.records.length;
    this.records.push({ site, record });
    // The receptive field inside a nested model is not followed.
    const tensor: PyTensor = { kind: 'tensor', shape: output, rf: null, coverage: null, dilations: [] };
    this.ancestry.link(tensor, [index], input ? [input] : []);
    this.graph.nestedModel({ path: model.name, kind, args: {}, range: site.range, record: index }, model, input ? [input] : [], [tensor], [output]);
    return tensor;
  }
}

const sessions = new WeakMap<AnalysisContext, KerasSession>();

/** A tensor computed from Keras tensors by an operator (`x + y`) depends on what they depend on. */
export function inheritKerasAncestry(context: AnalysisContext, result: Value, operands: readonly Value[]): Value {
  const session = sessions.get(context);
  if (!session || !isTensor(result)) return result;
  session.inherit(result, operands.filter(isTensor));
  return result;
}

/** The Keras session of an analysis, created on first use. */
export function kerasSession(context: AnalysisContext): KerasSession {
  let session = sessions.get(context);
  if (!session) {
    session = new KerasSession(context);
    sessions.set(context, session);
  }
  return session;
}

/** The session if the file used Keras at all. */
export function existingKerasSession(context: AnalysisContext): KerasSession | undefined {
  return sessions.get(context);
}
