/**
 * The TensorFlow.js side of the static evaluator: `tf.layers.*` constructs layers through
 * the TF-semantics engine, `layer.apply(x)` and `model.add(layer)` propagate shapes and
 * produce one record per layer call, `tf.sequential` / `tf.model` / `tf.input` make models.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { ArgValue, BoundArgs, EngineIssue, Shape } from '../../engine/types';
import type { LayerRecord } from '../../engine/report';
import { applyTfLayer, constructTfLayer, countTfParams } from '../../engine/tf/layers';
import { snakeCaseKey } from '../../engine/tf/signatures';
import type { JsHost } from './jsEvaluator';
import type { JsBuiltin, JsLayer, JsModel, JsTensor, JsValue, TensorField } from './jsValues';
import { isUnknown, jsArray, unknown } from './jsValues';
import { tfjsClassOfFactory, tfjsSnakeCase, tfjsUnmodelledClass } from './tfjsFactories';
import { advanceField, inputField, mergeFields } from './tensorField';
import { explainGridding } from '../../engine/gridding';
import { rangeOf } from './tsRanges';

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

/** The gridding warning, worded as the Python front end words it. */
function griddingIssue(layer: JsLayer, input: TensorField | null, output: TensorField, holes: readonly number[]): EngineIssue {
  const sizes = output.coverage!.map((axis) => axis.offsets.length);
  const jumpBefore = input ? Math.max(...input.rf.jump) : 1;
  const kernelArg = layer.layer?.args.kernel_size;
  const kernel = Math.max(...(Array.isArray(kernelArg) ? kernelArg : [kernelArg]).map((value) => (typeof value === 'number' ? value : 3)));
  const last = output.dilations[output.dilations.length - 1] ?? 1;
  const why = jumpBefore > 1
    ? `After a total stride of ${jumpBefore}, dilation ${last} spaces the taps ${jumpBefore * last} input pixels apart.`
    : explainGridding(output.dilations, kernel);
  return {
    severity: 'warning', code: 'gridding', arg: 'dilation_rate',
    message: `Gridding effect: with dilation rates (${output.dilations.join(', ')}) one output pixel never sees ${holes.join(' x ')} of the `
      + `${sizes.join(' x ')} input pixels inside its receptive field. ${why}`,
  };
}

function builtin(name: string, call: JsBuiltin['call']): JsBuiltin {
  return { kind: 'builtin', name, call };
}

/** Converts an evaluator value to an engine argument (arrays stay arrays, the rest unknown). */
export function toArgValue(value: JsValue): ArgValue {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value.kind === 'array') return value.items.map(toArgValue);
  if (isUnknown(value)) return { unknown: true, reason: value.reason };
  return { unknown: true, reason: `a ${value.kind} value` };
}

/** A config object's entries with snake_case keys, as the engine expects. */
function configArgs(config: JsValue): Record<string, ArgValue> {
  const args: Record<string, ArgValue> = {};
  if (typeof config === 'object' && config !== null && config.kind === 'object') {
    for (const [key, value] of config.props) if (value !== undefined) args[snakeCaseKey(key)] = toArgValue(value);
  }
  return args;
}

/** A shape from `shape`/`inputShape` (no batch) or `batchShape` (batch first, null = any batch: 1). */
function shapeOf(value: ArgValue | undefined, hasBatch: boolean): Shape | null {
  if (!Array.isArray(value)) return null;
  const dims = value.map((d, i) => (d === null && hasBatch && i === 0 ? 1 : d));
  // Other unknown (null) sizes: the shapes downstream are unknown too, not guessed.
  return dims.every((d) => typeof d === 'number' && d >= 0) ? (dims as number[]) : null;
}

/** The input a config declares: `batchInputShape`/`batchShape`, else `inputShape`/`shape` with `batchSize`. */
function declaredShape(args: Readonly<Record<string, ArgValue>>, batchKey: string, shapeKey: string): Shape | null {
  const batched = shapeOf(args[batchKey], true);
  if (batched) return batched;
  const shape = shapeOf(args[shapeKey], false);
  return shape ? [typeof args.batch_size === 'number' ? args.batch_size : 1, ...shape] : null;
}

export class TfjsSession implements JsHost {
  readonly records: SessionRecord[] = [];
  readonly models: SessionModel[] = [];
  readonly notes: { site: Node; message: string }[] = [];
  /** Every layer constructed, so problems of layers never called are still reported. */
  readonly layers: JsLayer[] = [];
  private readonly classCounters = new Map<string, number>();
  /** Calls a function value (set by the evaluator's owner), for `tf.tidy(() => ...)`. */
  invoke: (fn: JsValue, args: JsValue[], site: Node) => JsValue = () => unknown('no evaluator');
  private nextLayerId = 0;

  note(site: Node, message: string): void {
    this.notes.push({ site, message });
  }

  callNamespace(path: string, args: JsValue[], site: Node): JsValue {
    const factory = /^tf\.layers\.(\w+)$/.exec(path)?.[1];
    if (factory) return factory === 'input' ? this.input(args[0], site) : this.construct(factory, args[0], site);
    switch (path) {
      case 'tf.input': return this.input(args[0], site);
      case 'tf.sequential': return this.sequential(args[0], site);
      case 'tf.model': return this.functionalModel(args[0], site);
      case 'tf.tidy': return this.invoke(args[args.length - 1], [], site);
      default: return unknown(`${path}() is not modelled`);
    }
  }

  member(object: JsValue, name: string): JsValue | undefined {
    if (typeof object !== 'object' || object === null) return undefined;
    if (object.kind === 'layer') {
      if (name === 'apply') return builtin('apply', (args) => this.apply(object, args[0]));
      if (name === 'name') return object.name;
      if (name === 'getClassName') return builtin('getClassName', () => object.className);
    }
    if (object.kind === 'model') {
      if (name === 'add') return builtin('add', (args, site) => { this.addToSequential(object, args[0], site); return undefined; });
      return builtin(name, () => unknown(`model.${name}() runs the model; not followed`));
    }
    if (object.kind === 'tensor') {
      if (name === 'shape') return object.shape ? jsArray(object.shape.map((d, i) => (i === 0 ? null : d))) : unknown('unknown shape');
      if (name === 'rank') return object.shape ? object.shape.length : unknown('unknown rank');
    }
    return undefined;
  }

  private construct(factory: string, config: JsValue, site: Node): JsValue {
    const className = tfjsClassOfFactory(factory);
    const args = configArgs(config);
    const layerId = this.nextLayerId++;
    const declaredInput = declaredShape(args, 'batch_input_shape', 'input_shape');
    // tfjs counts auto names per class and only for layers without a `name`.
    const displayClass = className ?? tfjsUnmodelledClass(factory);
    let autoName: string | undefined;
    if (typeof args.name !== 'string') {
      const count = (this.classCounters.get(displayClass) ?? 0) + 1;
      this.classCounters.set(displayClass, count);
      autoName = `${tfjsSnakeCase(displayClass)}_${displayClass}${count}`;
    }
    if (!className) {
      const issues: EngineIssue[] = [{ severity: 'info', code: 'tf.unknown-layer', message: `tf.layers.${factory} is not modelled by Conv Inspector; shapes stop here.` }];
      const unmodelled: JsLayer = { kind: 'layer', layerId, className: displayClass, name: typeof args.name === 'string' ? args.name : autoName ?? factory, layer: null, site, constructIssues: issues, declaredInput };
      this.layers.push(unmodelled);
      return unmodelled;
    }
    const { layer, issues } = constructTfLayer(className, args, { dialect: 'tfjs', autoName });
    const value: JsLayer = { kind: 'layer', layerId, className, name: layer?.name ?? autoName ?? className, layer, site, constructIssues: issues, declaredInput };
    this.layers.push(value);
    return value;
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

  private newModel(sequential: boolean, config: JsValue, site: Node): SessionModel {
    const props = typeof config === 'object' && config !== null && config.kind === 'object' ? config.props : new Map<string, JsValue>();
    const givenName = props.get('name');
    const value: JsModel = { kind: 'model', modelIndex: this.models.length, sequential, output: null, outputs: [], inputs: [] };
    const count = this.models.filter((m) => m.value.sequential === sequential).length + 1;
    const model: SessionModel = {
      value, site, recordIndices: [], inputSource: 'unknown',
      name: typeof givenName === 'string' ? givenName : `${sequential ? 'sequential' : 'model'}_${count}`,
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
    const output = this.apply(layer, input ?? { kind: 'tensor', shape: null, field: null, ancestry: new Set(), reason: 'the Sequential model has no inputShape' });
    model.recordIndices.push(this.records.length - 1);
    value.output = output;
    value.outputs = value.output ? [value.output] : [];
  }

  private functionalModel(config: JsValue, site: Node): JsModel {
    const model = this.newModel(false, config, site);
    const props = typeof config === 'object' && config !== null && config.kind === 'object' ? config.props : new Map<string, JsValue>();
    const tensors = (v: JsValue | undefined): JsTensor[] => {
      if (typeof v === 'object' && v !== null && v.kind === 'tensor') return [v];
      if (typeof v === 'object' && v !== null && v.kind === 'array') return v.items.flatMap(tensors);
      return [];
    };
    model.value.inputs = tensors(props.get('inputs'));
    model.value.outputs = tensors(props.get('outputs'));
    model.inputSource = 'tf.input';
    if (model.value.outputs.length === 0) this.note(site, 'the outputs of this tf.model could not be followed');
    return model.value;
  }

  /** `layer.apply(x)`: one record, and the output tensor. */
  private apply(layer: JsLayer, inputValue: JsValue): JsTensor {
    const inputs: JsValue[] = typeof inputValue === 'object' && inputValue !== null && inputValue.kind === 'array' ? inputValue.items : [inputValue];
    const tensors = inputs.filter((v): v is JsTensor => typeof v === 'object' && v !== null && v.kind === 'tensor');
    const shapes = tensors.map((t) => t.shape);
    const index = this.records.length;
    const ancestry = new Set<number>([index]);
    for (const t of tensors) for (const a of t.ancestry) ancestry.add(a);
    // Constructor problems are reported with the layer's first call only.
    const firstCall = !this.records.some((r) => r.record.layerId === layer.layerId);
    const issues: EngineIssue[] = firstCall ? [...layer.constructIssues] : [];
    let output: Shape | null = null;
    let macs = { value: 0, exact: true };
    let field: TensorField | null = null;
    const known = tensors.length === inputs.length && shapes.every((s): s is Shape => s !== null);
    if (layer.layer && known) {
      const result = applyTfLayer(layer.layer, shapes.length === 1 ? shapes[0] : shapes);
      output = result.output;
      macs = result.macs;
      issues.push(...result.issues);
      const incoming = tensors.length === 1 ? tensors[0].field : mergeFields(tensors.map((t) => t.field));
      const step = advanceField(incoming, result.steps, /Conv/.test(layer.className));
      field = step.field;
      if (step.newHoles && field) issues.push(griddingIssue(layer, incoming, field, step.newHoles));
    } else if (layer.layer && !known) {
      const reason = tensors.find((t) => t.reason)?.reason ?? (inputs.find(isUnknown) as { reason?: string } | undefined)?.reason ?? 'input not known';
      issues.push({ severity: 'info', code: 'tf.unknown-input', message: `input shape of ${layer.name} is not known: ${reason}` });
    }
    const counts = layer.layer ? countTfParams(layer.layer) : { total: { value: 0, exact: true }, trainable: { value: 0, exact: true } };
    const record: LayerRecord = {
      path: layer.name,
      kind: layer.className,
      range: rangeOf(layer.site),
      layerId: layer.layerId,
      args: (layer.layer?.args ?? {}) as BoundArgs,
      input: known && shapes.length > 0 ? shapes[0] : null,
      output,
      params: counts.total.value,
      trainableParams: counts.trainable.value,
      paramTensors: layer.layer?.built?.paramTensors ?? [],
      macs: macs.value,
      exactCounts: macs.exact && counts.total.exact,
      receptiveField: field?.rf.size ?? null,
      jump: field?.rf.jump ?? null,
      start: field?.rf.start ?? null,
      issues,
    };
    this.records.push({ record, site: layer.site });
    const reason = output ? undefined : `output of ${layer.name} is not known`;
    return { kind: 'tensor', shape: output, field, ancestry, ...(reason ? { reason } : {}) };
  }
}
