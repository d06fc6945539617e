/**
 * User subclasses of built-in Keras layers (`class StdConv2D(layers.Conv2D)` with its own
 * `call`, as BiT's weight-standardized convolution): the instance is that built-in layer,
 * built from the arguments its constructor (or its `super().__init__(...)`) passes, named and
 * listed under the user's class. Its `call()` is taken to keep the base layer's shapes and
 * weights, which is what such overrides do (they change the kernel's values, not its shape).
 */
import { findMethod } from '../core/attributes';
import { callFunction } from '../core/calls';
import type { AnalysisContext } from '../core/context';
import { builtin } from '../core/methods';
import type { PyNode } from '../core/syntax';
import type { PyClass, PyInstance, PyKeras, Value } from '../core/values';
import { isObject, unknown } from '../core/values';
import { canonicalTfKind } from '../../../engine/tf/signatures';
import { constructLayer, kerasName } from './kerasCalls';

/** The built-in Keras layer class a user class derives from (`Conv2D`), if any. */
export function builtinLayerBase(cls: PyClass, depth = 0): string | undefined {
  if (depth > 20) return undefined;
  for (const base of cls.bases) {
    if (!isObject(base)) continue;
    if (base.kind === 'ns') {
      const name = kerasName(base.path);
      const kind = name === undefined ? undefined : canonicalTfKind(name);
      if (kind !== undefined && kind !== 'InputLayer') return kind;
    }
    if (base.kind === 'class') {
      const found = builtinLayerBase(base, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Layers built by `super().__init__(...)` while a subclass's own `__init__` runs. */
const pending = new WeakMap<PyInstance, PyKeras>();

/** `Subclass(...)`: the built-in layer it extends, under the subclass's name. */
export function instantiateBuiltinSubclass(context: AnalysisContext, cls: PyClass, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  const base = builtinLayerBase(cls);
  if (base === undefined) return undefined;
  const init = findMethod(cls, '__init__');
  if (!init) return constructLayer(context, base, args, kwargs, site, cls.name);
  const instance: PyInstance = { kind: 'instance', cls, attrs: new Map(), moduleId: null };
  callFunction(context, init, [instance, ...args], kwargs, site);
  return pending.get(instance) ?? unknown(`${cls.name}() (its __init__ did not call super().__init__)`);
}

/** `super().__init__(...)` inside such a subclass's `__init__`: builds the base layer. */
export function builtinSubclassSuper(context: AnalysisContext, self: Value, cls: PyClass, name: string): Value | undefined {
  const base = builtinLayerBase(cls);
  if (base === undefined || name !== '__init__' || !isObject(self) || self.kind !== 'instance') return undefined;
  return builtin('__init__', (args, kwargs, site) => {
    pending.set(self, constructLayer(context, base, args, kwargs, site, self.cls.name));
    return null;
  });
}
