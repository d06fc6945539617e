/**
 * A user class built on a torch.nn leaf layer (`class LayerNorm2d(nn.LayerNorm)`, whose
 * forward calls `F.layer_norm(x, self.normalized_shape, self.weight, ...)`): its
 * `super().__init__(...)` builds the layer's parameters on the instance, as PyTorch does,
 * so `self.weight` and the constructor's arguments resolve and the model's totals count them.
 */
import type { AnalysisContext } from '../core/context';
import type { PyNode } from '../core/syntax';
import type { PyClass, PyInstance, PyLayer, Value } from '../core/values';
import { isObject, isTensor, unknown } from '../core/values';
import { applyLayer } from './applyLayer';
import { layerCallValue } from './layerOutputs';
import { fromArgValue } from '../core/valueConversions';
import { constructLayer } from './modules';
import { torchNnClass } from './torchCalls';

const notLeaves = new Set(['Module', 'Sequential', 'ModuleList', 'ModuleDict', 'Parameter']);

/**
 * Private torch.nn bases that user layers derive from, as the public layer with the same
 * parameters and shape rule (`class SynchronizedBatchNorm2d(_BatchNorm)`): a batch norm has
 * 2 x C parameters and keeps its input's shape whatever its rank.
 */
const privateBases: Readonly<Record<string, string>> = { _BatchNorm: 'BatchNorm2d', _NormBase: 'BatchNorm2d' };

/** The layer `super().__init__` built on each leaf-subclass instance, for `super().forward(x)`. */
const builtLayers = new WeakMap<PyInstance, PyLayer>();

/** The torch.nn leaf layer a class derives from (`LayerNorm`), if any. */
export function leafBase(cls: PyClass): string | undefined {
  for (const base of cls.bases) {
    if (!isObject(base)) continue;
    if (base.kind === 'class') {
      const inherited = leafBase(base);
      if (inherited) return inherited;
    }
    const kind = base.kind === 'ns' ? (torchNnClass(base.path) ?? privateBases[base.path.slice(base.path.lastIndexOf('.') + 1)]) : undefined;
    if (kind && !notLeaves.has(kind)) return kind;
  }
  return undefined;
}

/** `super().__init__(args)` of a leaf-layer subclass: the layer's arguments and parameters become the instance's attributes. */
export function initLeafBase(context: AnalysisContext, instance: PyInstance, kind: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): void {
  const layer = constructLayer(context, kind, args, kwargs, site);
  if (!isObject(layer) || layer.kind !== 'layer') return;
  builtLayers.set(instance, layer);
  for (const [name, value] of Object.entries(layer.args)) instance.attrs.set(name, fromArgValue(value));
  for (const param of layer.layer?.params ?? layer.passThrough?.params ?? []) {
    instance.attrs.set(param.name, { kind: 'tensor', shape: param.shape, rf: null, coverage: null, dilations: [], parameter: { trainable: param.trainable } });
  }
}

/** `super().forward(x)` in a leaf-layer subclass: the base layer applied to `x` (its own record is the subclass's). */
export function leafForward(instance: PyInstance, input: Value | undefined): Value {
  const layer = builtLayers.get(instance);
  const tensor = input ?? null;
  if (!layer || !isTensor(tensor)) return unknown('super().forward() of a layer the analysis could not build');
  if (layer.layer) {
    const application = applyLayer(layer.layer, tensor);
    return layerCallValue(layer.layerKind, application.output, application.outputs);
  }
  // The layers only the front end knows (GroupNorm, padding, ...) have a shape rule of their own.
  if (!layer.passThrough || !tensor.shape) return unknown(`super().forward() of ${layer.layerKind}`);
  return { ...tensor, shape: layer.passThrough.apply(tensor.shape) };
}
