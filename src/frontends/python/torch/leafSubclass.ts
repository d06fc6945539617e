/**
 * A user class built on a torch.nn leaf layer (`class LayerNorm2d(nn.LayerNorm)`, whose
 * forward calls `F.layer_norm(x, self.normalized_shape, self.weight, ...)`): its
 * `super().__init__(...)` builds the layer's parameters on the instance, as PyTorch does,
 * so `self.weight` and the constructor's arguments resolve and the model's totals count them.
 */
import type { AnalysisContext } from '../core/context';
import type { PyNode } from '../core/syntax';
import type { PyClass, PyInstance, Value } from '../core/values';
import { isObject } from '../core/values';
import { fromArgValue } from '../core/valueConversions';
import { constructLayer } from './modules';
import { torchNnClass } from './torchCalls';

const notLeaves = new Set(['Module', 'Sequential', 'ModuleList', 'ModuleDict', 'Parameter']);

/** The torch.nn leaf layer a class derives from (`LayerNorm`), if any. */
export function leafBase(cls: PyClass): string | undefined {
  for (const base of cls.bases) {
    if (!isObject(base)) continue;
    if (base.kind === 'class') {
      const inherited = leafBase(base);
      if (inherited) return inherited;
    }
    const kind = base.kind === 'ns' ? torchNnClass(base.path) : undefined;
    if (kind && !notLeaves.has(kind)) return kind;
  }
  return undefined;
}

/** `super().__init__(args)` of a leaf-layer subclass: the layer's arguments and parameters become the instance's attributes. */
export function initLeafBase(context: AnalysisContext, instance: PyInstance, kind: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): void {
  const layer = constructLayer(context, kind, args, kwargs, site);
  if (!isObject(layer) || layer.kind !== 'layer') return;
  for (const [name, value] of Object.entries(layer.args)) instance.attrs.set(name, fromArgValue(value));
  for (const param of layer.layer?.params ?? layer.passThrough?.params ?? []) {
    instance.attrs.set(param.name, { kind: 'tensor', shape: param.shape, rf: null, coverage: null, dilations: [], parameter: { trainable: param.trainable } });
  }
}
