/**
 * Calls into Keras by their dotted path (`keras.layers.Conv2D`, `tensorflow.keras.Input`,
 * `tf.keras.models.Sequential`, `keras.layers.add`, ...), calls of Keras layer and model
 * objects, and their attributes (`model.add`, `model.summary`, ...).
 */
import type { ArgValue, Shape } from '../../../engine/types';
import { bindKerasArgs } from '../../../engine/tf/kerasBinding';
import { applyTfLayer } from '../../../engine/tf/layers';
import { canonicalTfKind } from '../../../engine/tf/signatures';
import type { AnalysisContext } from '../core/context';
import type { KerasLayerObject, KerasObject } from './kerasValues';
import { inheritKerasAncestry, kerasInputTensor, kerasSession, openDim, pythonDim } from './kerasSession';
import { concatenate, makeTensor } from '../core/tensorOps';
import { opSite } from '../core/opSite';
import { builtin } from '../core/methods';
import { kerasUnmodelled } from './kerasPassThrough';
import { callNumpy } from './kerasNumpy';
import { callKerasOps } from './kerasOps';
import { recordKerasActivation, recordKerasConcat } from './kerasGraphOps';
import type { PyNode } from '../core/syntax';
import type { PyKeras, PyTensor, Value } from '../core/values';
import { isObject, isTensor, list, sequenceOf, tuple, unknown } from '../core/values';
import { toArgValue } from '../core/valueConversions';

const kerasPathPattern =
  /^(?:tensorflow\.(?:compat\.v[12]\.)?|tf_keras\.)?keras\.(?:(?:layers(?:\.experimental)?(?:\.preprocessing)?|models|src\.layers|src\.models)\.)?([A-Za-z_]\w*)$/;

/** Keras's functional merge helpers and the class each builds. */
const mergeFunctions: Readonly<Record<string, string>> = {
  add: 'Add',
  subtract: 'Subtract',
  multiply: 'Multiply',
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  concatenate: 'Concatenate',
  dot: 'Dot',
};

function mergeClass(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(mergeFunctions, name) ? mergeFunctions[name] : undefined;
}

/** Keras calls whose result does not matter for shapes (seeds, optimizers, callbacks, ...). */
const ignoredPath =
  /^(?:tensorflow\.(?:compat\.v[12]\.)?)?keras\.(?:utils|backend|optimizers|losses|metrics|callbacks|regularizers|initializers|constraints|activations|mixed_precision|config|random)\./;

const elementwise =
  /^(?:(?:tensorflow\.)?keras\.activations\.\w+|(?:tensorflow\.(?:nn|math)|keras\.ops)\.(?:relu|relu6|sigmoid|tanh|softmax|elu|selu|gelu|swish|silu|leaky_relu|softplus|hard_sigmoid|hard_swish))$/;

/** Concrete tensors fed to a model (`tf.zeros((1, 32, 32, 3))`, `np.random.rand(1, 32, 32, 3)`). */
const tensorFactory = /^(?:tensorflow|numpy)\.(?:random\.)?(zeros|ones|empty|normal|uniform|rand|randn|random)$/;

/** The Keras name a dotted path calls (`Conv2D`, `Sequential`, `add`), or undefined for non-Keras paths. */
export function kerasName(path: string): string | undefined {
  return kerasPathPattern.exec(path)?.[1];
}

/** A name brought by `from keras.layers import *` (or models, tensorflow.keras...): the Keras path it stands for. */
export function kerasWildcardName(context: AnalysisContext, name: string): Value | undefined {
  for (const module of context.wildcardImports) {
    const path = `${module}.${name}`;
    const found = kerasName(path);
    if (found && (canonicalTfKind(found) || /^(Input|InputLayer|Sequential|Model)$/.test(found) || mergeClass(found))) return { kind: 'ns', path };
  }
  return undefined;
}

/** True for paths under keras (`keras.utils.set_random_seed`) whose calls are ignored. */
export function isIgnoredKerasPath(path: string): boolean {
  return ignoredPath.test(path);
}

function keras(object: KerasObject): PyKeras {
  return { kind: 'keras', object };
}

function shapeOf(value: Value | undefined): (number | null)[] | null {
  const items = value === undefined ? undefined : typeof value === 'number' ? [value] : sequenceOf(value);
  if (!items) return null;
  const dims = items.map((item) => (item === null ? null : typeof item === 'number' ? item : undefined));
  return dims.every((d) => d !== undefined) ? (dims as (number | null)[]) : null;
}

/**
 * Batch-first shape with `None` dimensions: batch 1 (the record's batch stands for Keras'
 * open batch); any other `None` stays open, as NaN (`openDim`), through every layer after it.
 */
function concreteShape(dims: (number | null)[] | null, batch: Value | undefined): Shape | null {
  if (!dims) return null;
  return [typeof batch === 'number' ? batch : 1, ...dims.map((d) => d ?? openDim)];
}

function kerasInput(context: AnalysisContext, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): PyTensor {
  context.executedSites.add(site);
  const batchShape = shapeOf(kwargs.get('batch_shape') ?? kwargs.get('batch_input_shape'));
  const dims = batchShape ? batchShape.slice(1) : shapeOf(args[0] ?? kwargs.get('shape') ?? kwargs.get('input_shape'));
  const batch = batchShape ? (batchShape[0] ?? 1) : kwargs.get('batch_size');
  const shape = concreteShape(dims, batch);
  if (!shape)
    context.report(site.range, 'info', 'keras.unknown-input', 'Conv Inspector cannot tell the shape of this keras.Input (an unknown dimension); shapes after it are unknown');
  const tensor = kerasInputTensor(shape);
  kerasSession(context).symbolicInputs.add(tensor);
  return tensor;
}

/**
 * Constructs a built-in Keras layer. `userClass`: the user's subclass of it being constructed
 * (`class StdConv2D(layers.Conv2D)`), which names the layer and is its class in the report.
 */
export function constructLayer(context: AnalysisContext, className: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode, userClass?: string): PyKeras {
  const keywords: Record<string, ArgValue> = {};
  for (const [key, value] of kwargs) keywords[key] = toArgValue(value);
  const binding = bindKerasArgs(className, args.map(toArgValue), keywords);
  const declared =
    concreteShape(shapeOf(kwargs.get('input_shape')), kwargs.get('batch_size')) ??
    (() => {
      const batch = shapeOf(kwargs.get('batch_input_shape'));
      return batch ? concreteShape(batch.slice(1), batch[0] ?? 1) : null;
    })();
  context.executedSites.add(site);
  const unmodelled = kerasUnmodelled(className, args, kwargs);
  return keras(kerasSession(context).construct(className, binding.args, unmodelled ? [] : binding.issues, declared, site, unmodelled, userClass));
}

function sequentialModel(context: AnalysisContext, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): PyKeras {
  const session = kerasSession(context);
  const name = args[1] ?? kwargs.get('name');
  const index = session.newModel(typeof name === 'string' ? name : undefined, 'sequential', true, site);
  const items = args[0] ?? kwargs.get('layers');
  if (items !== undefined && items !== null) {
    const layers = sequenceOf(items);
    if (layers) for (const item of layers) session.addToSequential(index, item, site);
    else context.unsupported(site, 'the layers of this Sequential model');
  }
  return keras({ type: 'model', modelIndex: index });
}

function tensorsIn(value: Value | undefined): PyTensor[] {
  if (value === undefined) return [];
  if (isTensor(value)) return [value];
  const items = sequenceOf(value) ?? (isObject(value) && value.kind === 'dict' ? [...value.entries.values()].map(([, v]) => v) : undefined);
  return items ? items.flatMap(tensorsIn) : [];
}

function functionalModel(context: AnalysisContext, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): PyKeras {
  const session = kerasSession(context);
  const name = kwargs.get('name');
  const index = session.newModel(typeof name === 'string' ? name : undefined, 'functional', false, site);
  const model = session.models[index];
  model.inputs = tensorsIn(args[0] ?? kwargs.get('inputs'));
  model.outputs = tensorsIn(args[1] ?? kwargs.get('outputs'));
  model.inputSource = 'keras.Input (batch 1 for None)';
  if (model.outputs.length === 0) context.unsupported(site, 'the outputs of this keras Model');
  return keras({ type: 'model', modelIndex: index });
}

/** Calls the Keras function or class at `path`; undefined when the path is not Keras. */
export function callKerasPath(context: AnalysisContext, path: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  // Element-wise activations keep the shape; the graph gets an `Activation` node.
  const activated = args[0] ?? null;
  if (elementwise.test(path) && isTensor(activated)) {
    const name = path.slice(path.lastIndexOf('.') + 1);
    // Keras 3's Operation names: keras.ops.relu -> `relu`, keras.activations.relu -> `re_lu` (its ReLU op).
    const operation = /^(?:tensorflow\.)?keras\.activations\.relu$/.test(path) ? 're_lu' : /^(?:tensorflow\.)?keras\./.test(path) ? name : undefined;
    return inheritKerasAncestry(context, recordKerasActivation(context, name, activated, makeTensor(activated.shape, [activated]), site, operation), [activated]);
  }
  if (/(?:^|\.)backend\.int_shape$/.test(path) && isTensor(args[0] ?? null)) {
    const shape = (args[0] as PyTensor).shape;
    return shape ? tuple([null, ...shape.slice(1).map(pythonDim)]) : unknown('the shape of an unknown tensor');
  }
  if (/^(?:tensorflow\.concat|(?:tensorflow\.)?keras\.ops\.concatenate)$/.test(path)) {
    const parts = args[0] ?? kwargs.get('values') ?? kwargs.get('xs') ?? null;
    const joined = concatenate(parts, args[1] ?? kwargs.get('axis') ?? (path.endsWith('concat') ? -1 : 0), false, opSite(context, site));
    const axis = args[1] ?? kwargs.get('axis') ?? (path.endsWith('concat') ? -1 : 0);
    const operation = path.endsWith('concatenate') ? 'concatenate' : undefined;
    return inheritKerasAncestry(context, recordKerasConcat(context, parts, axis, joined, site, operation), [...(sequenceOf(parts) ?? [])]);
  }
  const computed = callKerasOps(context, path, args, kwargs, site);
  if (computed !== undefined) return computed;
  if (isIgnoredKerasPath(path)) return unknown(`${path}()`);
  const factory = tensorFactory.exec(path);
  if (factory) {
    const dims = shapeOf(factory[1] === 'rand' || factory[1] === 'randn' ? tuple(args) : (args[0] ?? kwargs.get('shape')));
    return kerasInputTensor(dims && dims.every((d) => d !== null) ? (dims as number[]) : null);
  }
  const array = callNumpy(context, path, args, kwargs, site);
  if (array !== undefined) return array;
  const name = kerasName(path);
  if (!name) return undefined;
  switch (name) {
    case 'Input':
    case 'InputLayer':
      return kerasInput(context, args, kwargs, site);
    case 'Sequential':
      return sequentialModel(context, args, kwargs, site);
    case 'Model':
    case 'Functional':
      return functionalModel(context, args, kwargs, site);
    default:
      break;
  }
  const merge = mergeClass(name);
  if (merge) {
    const layer = constructLayer(context, merge, [], kwargs, site);
    return callKerasObject(context, layer, [args[0] ?? kwargs.get('inputs') ?? null], new Map(), site);
  }
  if (/^[A-Z]/.test(name)) return constructLayer(context, canonicalTfKind(name) ?? name, args, kwargs, site);
  return undefined;
}

/** Layers called as `layer(query, value, key=None)`: the engine takes their tensors as one list. */
const queryValueLayers = new Set(['MultiHeadAttention', 'GroupQueryAttention']);

/** A call's keywords that are plain values (`return_attention_scores=True`); tensors and masks are not. */
function callKeywords(kwargs: ReadonlyMap<string, Value>): Record<string, ArgValue> {
  const plain: Record<string, ArgValue> = {};
  for (const [name, value] of kwargs) if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') plain[name] = value;
  return plain;
}

/** `layer(x)`, `layer([a, b])`, `mha(q, v, key=k)`, `model(x)`. */
export function callKerasObject(context: AnalysisContext, callee: PyKeras, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  const session = kerasSession(context);
  const object = callee.object;
  if (object.type === 'layer' && queryValueLayers.has(object.layer?.kind ?? '')) {
    const query = args[0] ?? kwargs.get('query') ?? unknown('no query was given');
    const value = args[1] ?? kwargs.get('value');
    const key = args[2] ?? kwargs.get('key') ?? null;
    // Without a value, Keras's own TypeError (the engine gives it for a list of one).
    const tensors = value === undefined ? [query] : key === null ? [query, value] : [query, value, key];
    return session.apply(object, list(tensors), site, callKeywords(kwargs));
  }
  const input = args[0] ?? kwargs.get('inputs') ?? null;
  if (object.type === 'layer') return session.apply(object, input, site, callKeywords(kwargs));
  return session.applyModel(object.modelIndex, input, site);
}

/** Attributes of Keras layers and models; methods that run or train the model do nothing here. */
export function kerasAttribute(context: AnalysisContext, value: PyKeras, name: string): Value {
  const session = kerasSession(context);
  const object = value.object;
  if (object.type === 'layer') {
    if (name === 'name') return object.name;
    const weights = layerWeights(object, name);
    if (weights !== undefined) return weights;
    if (object.layer && name in object.layer.args) {
      const arg = object.layer.args[name];
      return arg === undefined || (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) ? unknown(`${object.name}.${name}`) : toValue(arg);
    }
    return unknown(`the attribute ${object.className}.${name}`);
  }
  const model = session.models[object.modelIndex];
  switch (name) {
    case 'name':
      return model.name;
    case 'add':
      return builtin('add', (args, _kwargs, site) => {
        session.addToSequential(object.modelIndex, args[0] ?? null, site);
        return null;
      });
    case 'input':
    case 'inputs':
      return name === 'input' && model.inputs.length === 1 ? model.inputs[0] : list([...model.inputs]);
    case 'output':
    case 'outputs':
      return name === 'output' && model.outputs.length === 1 ? model.outputs[0] : list([...model.outputs]);
    case 'build':
      return builtin('build', (args, kwargs, site) => {
        const dims = shapeOf(args[0] ?? kwargs.get('input_shape'));
        if (model.sequential)
          session.buildSequential(
            object.modelIndex,
            dims ? concreteShape(dims.slice(1), dims[0] ?? 1) : null,
            `build at line ${site.range.start.line + 1} (batch 1 for None)`,
            site,
          );
        return null;
      });
    default:
      return builtin(name, () => unknown(`model.${name}() runs or changes the model; not followed`));
  }
}

/**
 * `layer.build(input_shape)` (builds the weights without a call, as a custom layer's `build()`
 * does for its sublayers) and the built weights (`layer.kernel`, `layer.bias`) as tensors.
 */
function layerWeights(object: KerasLayerObject, name: string): Value | undefined {
  const layer = object.layer;
  if (!layer) return undefined;
  if (name === 'build') {
    return builtin('build', (args, kwargs) => {
      const dims = shapeOf(args[0] ?? kwargs.get('input_shape'));
      const shape = dims ? concreteShape(dims.slice(1), dims[0] ?? 1) : null;
      if (shape && !layer.built) applyTfLayer(layer, shape);
      return null;
    });
  }
  const tensor = layer.built?.paramTensors.find((t) => t.name === name);
  return tensor ? makeTensor(tensor.shape) : undefined;
}

function toValue(arg: ArgValue): Value {
  if (arg === null || typeof arg !== 'object') return arg;
  return Array.isArray(arg) ? tuple(arg.map(toValue)) : unknown('an argument');
}
