/**
 * The TensorFlow.js side of the static evaluator: `tf.layers.*` constructs layers (through
 * tfjsLayerFactory.ts), `layer.apply(x)` and `model.add(layer)` propagate shapes and produce
 * one record per layer call, `tf.sequential` / `tf.model` / `tf.input` make models. Sites in
 * imported modules are shown at the call in the analysed file that reached them.
 */
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { BoundArgs, EngineIssue, Shape } from '../../engine/types';
import type { LayerRecord } from '../../engine/report';
import type { TfLayerCall } from '../../engine/tf/layerGraph';
import { callTfLayer, tfLayerRecord } from '../../engine/tf/layerGraph';
import { TfGraphBuilder } from '../../engine/tf/tfGraph';
import { inputField } from '../../engine/tensorField';
import type { JsHost } from './jsHost';
import type { JsBuiltin, JsLayer, JsModel, JsObject, JsTensor, JsValue } from './jsValues';
import { isUnknown, jsArray, unknown } from './jsValues';
import { rangeOf } from './tsRanges';
import { configArgs, declaredShape } from './tfjsArgs';
import { applyModel, functionalModel } from './tfjsNestedModels';
import { TfjsLayerFactory } from './tfjsLayerFactory';
import { customLayerCall } from './tfjsCustomLayers';

/** A record plus where its problems point (the call, or the config entry of an argument). */
export interface SessionRecord {
  readonly record: LayerRecord;
  readonly site: Node;
}

export interface SessionModel {
  readonly value: JsModel;
  readonly name: string;
  readonly site: Node;
  /** Records of a Sequential, in order (a functional model finds its records from its outputs). */
  readonly recordIndices: number[];
  inputSource: string;
}

/**
 * A layer's arguments in the graph: its bound arguments, and where TF.js computes otherwise
 * than Keras 3 with the same arguments, that difference (its bilinear UpSampling2D has no
 * half-pixel centres).
 */
function graphArgs(layer: JsLayer): BoundArgs {
  const args = layer.layer?.args ?? {};
  return layer.className === 'UpSampling2D' ? { ...args, half_pixel_centers: false } : args;
}

function builtin(name: string, call: JsBuiltin['call']): JsBuiltin {
  return { kind: 'builtin', name, call };
}

export class TfjsSession implements JsHost {
  readonly records: SessionRecord[] = [];
  readonly models: SessionModel[] = [];
  readonly notes: { site: Node; message: string }[] = [];
  /** Every layer call on symbolic tensors, for the models' dataflow graphs. */
  readonly graph = new TfGraphBuilder<JsTensor>();
  /** Constructs layers and keeps every one, so problems of layers never called are still reported. */
  private readonly factory = new TfjsLayerFactory();
  readonly layers: readonly JsLayer[] = this.factory.layers;
  private readonly modelCounters = new Map<string, number>();
  /** Calls a function value (set by the evaluator's owner), for `tf.tidy(() => ...)`. */
  invoke: (fn: JsValue, args: JsValue[], site: Node) => JsValue = () => unknown('no evaluator');

  outerSite: Node | null = null;
  /** The analysed file's tree (set by its owner); sites in other trees are imported code. */
  homeTree: Tree | null = null;

  /**
   * Where something built or noted at `site` is shown: the site itself in the analysed file;
   * for imported code, the call or import in the analysed file that led there.
   */
  private local(site: Node): Node {
    if (this.homeTree === null || site.tree === this.homeTree) return site;
    return this.outerSite ?? this.homeTree.rootNode;
  }

  note(site: Node, message: string): void {
    this.notes.push({ site: this.local(site), message });
  }

  callNamespace(path: string, args: JsValue[], callSite: Node): JsValue {
    const site = this.local(callSite);
    const factory = /^tf\.layers\.(\w+)$/.exec(path)?.[1];
    if (factory) return factory === 'input' ? this.input(args[0], site) : this.factory.construct(factory, args[0], site);
    switch (path) {
      case 'tf.input':
        return this.input(args[0], site);
      case 'tf.sequential':
        return this.sequential(args[0], site);
      case 'tf.model':
        return functionalModel(this, args[0], site);
      case 'tf.tidy':
        return this.invoke(args[args.length - 1], [], site);
      default:
        return unknown(`${path}() is not modelled`);
    }
  }

  extendLibraryClass(base: string, instance: JsObject, className: string, args: JsValue[], callSite: Node): JsValue {
    return base === 'tf.layers.Layer' ? this.factory.custom(instance, className, args[0], this.local(callSite)) : instance;
  }

  member(object: JsValue, name: string): JsValue | undefined {
    if (typeof object !== 'object' || object === null) return undefined;
    if (object.kind === 'layer') {
      if (name === 'apply') return builtin('apply', (args, site) => this.apply(object, args[0], this.local(site), true));
      if (name === 'name') return object.name;
      if (name === 'getClassName') return builtin('getClassName', () => object.className);
    }
    if (object.kind === 'model') {
      if (name === 'add')
        return builtin('add', (args, site) => {
          this.addToSequential(object, args[0], this.local(site));
          return undefined;
        });
      if (name === 'apply') return builtin('apply', (args, site) => applyModel(this, object, args[0], this.local(site)));
      if (name === 'inputs' || name === 'outputs') return jsArray([...object[name]]);
      if (name === 'name') return this.models[object.modelIndex].name;
      return builtin(name, () => unknown(`model.${name}() runs the model; not followed`));
    }
    if (object.kind === 'tensor') {
      if (name === 'shape') return object.shape ? jsArray(object.shape.map((d, i) => (i === 0 ? null : d))) : unknown('unknown shape');
      if (name === 'rank') return object.shape ? object.shape.length : unknown('unknown rank');
    }
    return undefined;
  }

  private input(config: JsValue, site: Node): JsTensor {
    const args = configArgs(config);
    const shape = declaredShape(args, 'batch_shape', 'shape');
    if (!shape) {
      this.note(site, 'the input shape could not be resolved');
      return { kind: 'tensor', shape: null, field: null, ancestry: new Set(), reason: 'unknown input shape' };
    }
    return { kind: 'tensor', shape, field: inputField(Math.max(shape.length - 2, 0)), ancestry: new Set() };
  }

  /** A new model, named as tfjs names it (the `name` config, else `sequential_<n>` / `model<n>`). */
  newModel(sequential: boolean, config: JsValue, site: Node): SessionModel {
    const props = typeof config === 'object' && config !== null && config.kind === 'object' ? config.props : new Map<string, JsValue>();
    const givenName = props.get('name');
    const value: JsModel = { kind: 'model', modelIndex: this.models.length, sequential, output: null, outputs: [], inputs: [] };
    // tfjs numbers only the models it names itself: `sequential_1`, `model1`, ... per kind.
    const prefix = sequential ? 'sequential_' : 'model';
    const count = typeof givenName === 'string' ? 0 : (this.modelCounters.get(prefix) ?? 0) + 1;
    if (count > 0) this.modelCounters.set(prefix, count);
    const model: SessionModel = {
      value,
      site,
      recordIndices: [],
      inputSource: 'unknown',
      // tfjs's auto names: `sequential_1`, ... and `model1`, ...
      name: typeof givenName === 'string' ? givenName : `${prefix}${count}`,
    };
    this.models.push(model);
    return model;
  }

  private sequential(config: JsValue, site: Node): JsModel {
    const model = this.newModel(true, config, site);
    const layers = typeof config === 'object' && config !== null && config.kind === 'object' ? config.props.get('layers') : undefined;
    if (typeof layers === 'object' && layers !== null && layers.kind === 'array') {
      for (const layer of layers.items) this.addToSequential(model.value, layer, site);
    } else if (layers !== undefined) this.note(site, 'the layers of this tf.sequential could not be followed');
    return model.value;
  }

  private addToSequential(value: JsModel, layer: JsValue, site: Node): void {
    const model = this.models[value.modelIndex];
    if (typeof layer === 'object' && layer !== null && layer.kind === 'model') {
      // A model used as a layer of another: one record, as tfjs lists it in model.layers.
      let input = value.output;
      if (model.recordIndices.length === 0 && !input && layer.inputs[0]) {
        input = { ...layer.inputs[0], ancestry: new Set() };
        value.inputs = [input];
        model.inputSource = `input of ${this.models[layer.modelIndex].name}`;
      }
      const output = applyModel(this, layer, input ?? { kind: 'tensor', shape: null, field: null, ancestry: new Set(), reason: 'the Sequential model has no input yet' }, site);
      value.output = output.kind === 'array' ? (output.items[0] as JsTensor) : output;
      value.outputs = [value.output];
      model.recordIndices.push(this.records.length - 1);
      return;
    }
    if (typeof layer !== 'object' || layer === null || layer.kind !== 'layer') {
      this.note(site, `model.add() of something that is not a known layer (${isUnknown(layer) ? layer.reason : typeof layer})`);
      value.output = null;
      return;
    }
    if (layer.className === 'InputLayer' && model.recordIndices.length === 0 && layer.declaredInput) {
      // tf.layers.inputLayer() only declares the Sequential's input; tfjs lists no layer for it.
      value.output = { kind: 'tensor', shape: layer.declaredInput, field: inputField(Math.max(layer.declaredInput.length - 2, 0)), ancestry: new Set() };
      value.inputs = [value.output];
      model.inputSource = `inputLayer ${layer.name}`;
      return;
    }
    let input: JsTensor | null = value.output;
    if (model.recordIndices.length === 0 && layer.declaredInput) {
      input = { kind: 'tensor', shape: layer.declaredInput, field: inputField(Math.max(layer.declaredInput.length - 2, 0)), ancestry: new Set() };
      value.inputs = [input];
      model.inputSource = `inputShape of ${layer.name}`;
    }
    const noInput = model.recordIndices.length === 0 ? (layer.declaredInputUnknown ?? 'the Sequential model has no inputShape') : 'the Sequential model has no input yet';
    const output = this.apply(layer, input ?? { kind: 'tensor', shape: null, field: null, ancestry: new Set(), reason: noInput });
    model.recordIndices.push(this.records.length - 1);
    value.output = output;
    value.outputs = value.output ? [value.output] : [];
  }

  /** Records of a model: a Sequential's in order; a functional model's, those its outputs depend on. */
  modelRecordIndices(model: SessionModel): number[] {
    if (model.value.sequential) return [...model.recordIndices];
    const upstreamOfInputs = new Set<number>();
    for (const input of model.value.inputs) for (const a of input.ancestry) upstreamOfInputs.add(a);
    const set = new Set<number>();
    for (const output of model.value.outputs) for (const a of output.ancestry) if (!upstreamOfInputs.has(a)) set.add(a);
    return [...set].sort((a, b) => a - b);
  }

  /**
   * `layer.apply(x)` at `site` (`model.add(layer)`: the layer's constructor): one record, and the
   * output tensor; with `list`, a layer returning several tensors (returnState) gives them all as
   * an array, for `const [out, h, c] = lstm.apply(x)`.
   */
  private apply(layer: JsLayer, inputValue: JsValue, site?: Node): JsTensor;
  private apply(layer: JsLayer, inputValue: JsValue, site: Node, list: true): JsValue;
  private apply(layer: JsLayer, inputValue: JsValue, site: Node = layer.site, list = false): JsValue {
    const inputs: JsValue[] = typeof inputValue === 'object' && inputValue !== null && inputValue.kind === 'array' ? inputValue.items : [inputValue];
    const tensors = inputs.filter((v): v is JsTensor => typeof v === 'object' && v !== null && v.kind === 'tensor');
    const shapes = tensors.map((t) => t.shape);
    const index = this.records.length;
    const ancestry = new Set<number>([index]);
    for (const t of tensors) for (const a of t.ancestry) ancestry.add(a);
    // Constructor problems are reported with the layer's first call only.
    const firstCall = !this.records.some((r) => r.record.layerId === layer.layerId);
    const issues: EngineIssue[] = firstCall ? [...layer.constructIssues] : [];
    const known = tensors.length === inputs.length && shapes.every((s): s is Shape => s !== null);
    let call: TfLayerCall = { output: null, macs: { value: 0, exact: true }, field: null, issues: [] };
    let exactParams = true;
    if (layer.custom && known) {
      const custom = customLayerCall(this.invoke, { ...layer, custom: layer.custom }, shapes, layer.site);
      call = { ...call, output: custom.output };
      issues.push(...custom.issues);
      exactParams = custom.exactParams;
    } else if (layer.layer && known) {
      call = callTfLayer(
        layer.layer,
        layer.className,
        shapes.length === 1 ? shapes[0] : shapes,
        tensors.map((t) => t.field),
      );
      issues.push(...call.issues);
    } else if ((layer.layer || layer.custom) && !known) {
      const reason = tensors.find((t) => t.reason)?.reason ?? (inputs.find(isUnknown) as { reason?: string } | undefined)?.reason ?? 'input not known';
      issues.push({ severity: 'info', code: 'tf.unknown-input', message: `input shape of ${layer.name} is not known: ${reason}` });
    }
    const { output, field } = call;
    const record = tfLayerRecord(
      layer.layer,
      { path: layer.name, kind: layer.className, range: rangeOf(layer.site), layerId: layer.layerId },
      known && shapes.length > 0 ? shapes[0] : null,
      call,
      issues,
    );
    this.records.push({ record: exactParams ? record : { ...record, exactCounts: false }, site: layer.site });
    const reason = output ? undefined : `output of ${layer.name} is not known`;
    const tensor: JsTensor = { kind: 'tensor', shape: output, field, ancestry, ...(reason ? { reason } : {}) };
    const graphCall = { path: layer.name, kind: layer.className, args: graphArgs(layer), range: rangeOf(site), record: index };
    if (!list || !call.outputs) {
      this.graph.layer(graphCall, tensors, tensor, output);
      return tensor;
    }
    const made = call.outputs.map((shape): JsTensor => ({ kind: 'tensor', shape, field: null, ancestry }));
    this.graph.layerOutputs(graphCall, tensors, made, call.outputs);
    return jsArray(made);
  }
}
