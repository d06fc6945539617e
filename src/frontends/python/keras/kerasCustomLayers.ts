/**
 * Custom Keras layers (`class Sampling(keras.layers.Layer)` with `call()`): named when
 * constructed, as Keras names them; built on their first call (`build(input_shape)` runs
 * first, so `self.add_weight(...)` there or in `__init__` counts); one record per call, listed
 * in the model with or without weights. Its parameters are counted as Keras counts them: its
 * own weights plus those of the layers it calls inside, which keep records of their own
 * (`sublayerParams` keeps model totals from counting them twice).
 */
import { findMethod } from '../core/attributes';
import { callFunction } from '../core/calls';
import type { AnalysisContext } from '../core/context';
import { builtin } from '../core/methods';
import type { PyNode } from '../core/syntax';
import { makeTensor } from '../core/tensorOps';
import type { PyFunction, PyInstance, PyTensor, Value } from '../core/values';
import { intOf, isTensor, list, sequenceOf, tuple } from '../core/values';
import { tfLayerRecord } from '../../../engine/tf/layerGraph';
import type { KerasLayerObject } from './kerasValues';
import type { KerasSession } from './kerasSession';
import { fieldOf, kerasSession, kerasSnakeCase, pythonDim } from './kerasSession';

interface Counts {
  params: number;
  trainableParams: number;
}

const layers = new WeakMap<PyInstance, KerasLayerObject>();
const ownWeights = new WeakMap<PyInstance, Counts>();
const built = new WeakSet<PyInstance>();

/** The layer object of a custom layer instance, named `name=` or after its class (numbered). */
export function customLayer(session: KerasSession, instance: PyInstance, given: Value | undefined, site: PyNode): KerasLayerObject {
  const known = layers.get(instance);
  if (known) return known;
  const name = typeof given === 'string' ? given : session.autoName(kerasSnakeCase(instance.cls.name));
  const layer: KerasLayerObject = { type: 'layer', layerId: session.layers.length, className: instance.cls.name, name, layer: null, site, declaredInput: null };
  session.layers.push(layer);
  layers.set(instance, layer);
  return layer;
}

/** `self.add_weight(shape=..., trainable=...)` (Keras 2's positional `name` first too): a tensor of that shape. */
export function addWeight(instance: PyInstance): Value {
  return builtin('add_weight', (args, kwargs) => {
    const positional = typeof args[0] === 'string' ? args.slice(1) : args;
    const dims = sequenceOf(kwargs.get('shape') ?? positional[0] ?? tuple([]))?.map((d) => intOf(d));
    if (!dims || dims.some((d) => d === undefined)) return makeTensor(null);
    const size = (dims as number[]).reduce((a, b) => a * b, 1);
    const counts = ownWeights.get(instance) ?? { params: 0, trainableParams: 0 };
    counts.params += size;
    if (kwargs.get('trainable') !== false) counts.trainableParams += size;
    ownWeights.set(instance, counts);
    return makeTensor(dims as number[]);
  });
}

/** The shape a layer's `build()` receives: a tuple with `None` for the batch and open sizes. */
function buildShape(input: Value): Value {
  const items = sequenceOf(input);
  if (items) return list(items.map(buildShape));
  if (!isTensor(input) || !input.shape) return null;
  return tuple([null, ...input.shape.slice(1).map(pythonDim)]);
}

/** Calls a custom layer: `build()` on the first call, then `call()`, and records the call. */
export function callCustomLayer(context: AnalysisContext, instance: PyInstance, call: PyFunction, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  const session = kerasSession(context);
  const layer = customLayer(session, instance, undefined, site);
  const input = args[0] ?? kwargs.get('inputs') ?? null;
  const first = session.records.length;
  const build = findMethod(instance.cls, 'build');
  if (build && !built.has(instance)) {
    built.add(instance);
    callFunction(context, build, [instance, buildShape(input)], new Map(), site);
  }
  const result = callFunction(context, call, [instance, ...args], kwargs, site);
  if (!isTensor(result)) return result;
  // Keras counts the weights of the layers called inside; each once, as their own records do.
  const inner: Counts = { params: 0, trainableParams: 0 };
  const seen = new Set<number>();
  for (const { record } of session.records.slice(first)) {
    if (seen.has(record.layerId)) continue;
    seen.add(record.layerId);
    inner.params += record.params - (record.sublayerParams?.params ?? 0);
    inner.trainableParams += record.trainableParams - (record.sublayerParams?.trainableParams ?? 0);
  }
  const own = ownWeights.get(instance) ?? { params: 0, trainableParams: 0 };
  const inputs = (sequenceOf(input) ?? [input]).filter(isTensor);
  const base = tfLayerRecord(
    null,
    { path: layer.name, kind: layer.className, range: site.range, layerId: layer.layerId },
    inputs[0]?.shape ?? null,
    { output: result.shape, macs: { value: 0, exact: true }, field: fieldOf(result) },
    [],
  );
  // The engine does not model a custom layer (so `base` marks its counts unknown), but Keras' count is known here:
  // its own weights plus those of the layers its call() ran, unknown only when one of theirs is.
  const { paramsUnknown: _unmodelled, macsUnknown: _noMacs, ...counted } = base;
  const innerRecords = session.records.slice(first).map(({ record: inside }) => inside);
  const innerUnknown = innerRecords.some((inside) => inside.paramsUnknown === true);
  const record = {
    ...counted,
    exactCounts: innerRecords.every((inside) => inside.exactCounts),
    params: own.params + inner.params,
    trainableParams: own.trainableParams + inner.trainableParams,
    sublayerParams: inner,
    ...(innerUnknown ? { paramsUnknown: true } : {}),
  };
  const output: PyTensor = { ...result };
  session.pushRecord(record, site, output, [result, ...inputs]);
  return output;
}
