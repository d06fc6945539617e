/**
 * PyTorch as a library of the Python interpreter: its dotted paths (torchCalls.ts), its
 * objects (leaf layers and containers) and the user's nn.Module subclasses, whose
 * instances are built, called (`forward`) and asked for module methods here.
 */
import type { AnalysisContext } from '../core/context';
import type { PythonLibrary } from '../core/library';
import type { PyNode } from '../core/syntax';
import type { ObjectValue, PyClass, PyInstance, PySuper, Value } from '../core/values';
import { isModule, isObject, isTensor, moduleChildren, tuple, unknown } from '../core/values';
import { fromArgValue } from '../core/valueConversions';
import { containerMethod, isTraining, moduleMethod } from './moduleMethods';
import { callModule, fillContainer, instantiateModuleClass, runSequential } from './modules';
import { callTorchPath, torchNnClass } from './torchCalls';
import { initLeafBase, leafBase, leafForward } from './leafSubclass';

type Kwargs = ReadonlyMap<string, Value>;

function attribute(context: AnalysisContext, object: ObjectValue, name: string, site: PyNode): Value | undefined {
  if (object.kind === 'container') {
    if (object.children.has(name)) return object.children.get(name)!;
    return containerMethod(context, object, name) ?? moduleMethod(context, object, name, site) ?? unknown(`nn.${object.container}.${name}`);
  }
  if (object.kind !== 'layer') return undefined;
  // Layer attributes come from the bound constructor arguments (`conv.out_channels`).
  if (name in object.args) {
    const value = fromArgValue(object.args[name]);
    if (['kernel_size', 'stride', 'padding', 'dilation', 'output_padding'].includes(name) && typeof value === 'number') {
      const rank = Number(/(\d)d$/.exec(object.layerKind)?.[1] ?? 0);
      if (rank > 0) return tuple(Array.from({ length: rank }, () => value));
    }
    return value;
  }
  if (name === 'training') return isTraining(object);
  if (name === 'weight' || name === 'bias') {
    const tensor = object.layer?.params.find((param) => param.name === name);
    if (tensor) return { kind: 'tensor', shape: tensor.shape, rf: null, coverage: null, dilations: [] };
    return name === 'bias' ? null : unknown(`${object.layerKind}.${name}`);
  }
  return moduleMethod(context, object, name, site) ?? unknown(`the attribute ${object.layerKind}.${name}`);
}

function instanceAttribute(context: AnalysisContext, instance: PyInstance, name: string, site: PyNode): Value | undefined {
  if (instance.moduleId === null) return undefined;
  if (name === 'training') return isTraining(instance);
  const method = moduleMethod(context, instance, name, site);
  if (method) return method;
  if (instance.cls.torchBase === 'Sequential' || instance.cls.torchBase === 'ModuleList' || instance.cls.torchBase === 'ModuleDict')
    return containerMethod(context, instance, name);
  return undefined;
}

/** `super().__init__(...)` / `super().forward(x)` reaching a torch.nn base class. */
function superAttribute(context: AnalysisContext, reference: PySuper, name: string, site: PyNode): Value {
  const self = reference.self;
  const torchBase = reference.cls.torchBase;
  if (name === '__init__') {
    return {
      kind: 'builtin',
      name: '__init__',
      call: (args, kwargs, callSite) => {
        if (!isObject(self) || self.kind !== 'instance') return null;
        if (torchBase && torchBase !== 'Module') fillContainer(context, torchBase, self.attrs, args);
        const leaf = torchBase === 'Module' ? leafBase(reference.cls) : undefined;
        if (leaf) initLeafBase(context, self, leaf, args, kwargs, callSite);
        return null;
      },
    };
  }
  if (isObject(self) && self.kind === 'instance' && isModule(self)) {
    const leaf = name === 'forward' && torchBase === 'Module' ? leafBase(reference.cls) : undefined;
    if (leaf) return { kind: 'builtin', name: 'forward', call: (args) => leafForward(self, args[0]) };
    if (name === 'forward' && torchBase === 'Sequential') {
      return { kind: 'builtin', name: 'forward', call: (args) => runSequential(context, moduleChildren(self), args[0] ?? null, site) };
    }
    return moduleMethod(context, self, name, site) ?? unknown(`super().${name}`);
  }
  return unknown(`super().${name}`);
}

/** `isinstance(value, torch.Tensor)`, `isinstance(value, nn.Conv2d)`, `isinstance(value, nn.modules.conv._ConvNd)`. */
function isInstance(path: string, value: Value): boolean | undefined {
  if (path === 'torch.Tensor') return isTensor(value);
  const name = torchNnClass(path);
  if (!name) return undefined;
  if (name === 'Module') return isModule(value);
  if (!isObject(value)) return false;
  if (value.kind === 'layer') {
    if (name.startsWith('_')) return value.layerKind.startsWith(name.replace(/^_(\w+?)(Nd)?$/, '$1'));
    return value.layerKind === name;
  }
  if (value.kind === 'container') return value.container === name;
  if (value.kind === 'instance') return value.cls.torchBase === name;
  return false;
}

/** The torch.nn base of a class: a container class it derives from, else `Module` for any torch.nn base. */
function classBase(bases: readonly Value[]): string | null {
  for (const base of bases) {
    if (!isObject(base)) continue;
    if (base.kind === 'class' && base.torchBase) return base.torchBase;
    if (base.kind === 'ns' && /^torch\.nn\.(modules\.\w+\.)?(Module|Sequential|ModuleList|ModuleDict)$/.test(base.path)) {
      return base.path.slice(base.path.lastIndexOf('.') + 1);
    }
    if (base.kind === 'ns' && base.path.startsWith('torch.nn.')) return 'Module';
    // A TorchScript module is an nn.Module whose methods may be compiled; statically it is the same.
    if (base.kind === 'ns' && base.path === 'torch.jit.ScriptModule') return 'Module';
  }
  return null;
}

/** The torch plug-in; registered after Keras, it also runs plain instances' `__call__` as PyTorch's calls do. */
export const torchLibrary: PythonLibrary = {
  callPath: callTorchPath,
  callObject: (context: AnalysisContext, callee: ObjectValue, args: Value[], kwargs: Kwargs, site: PyNode) =>
    callee.kind === 'layer' || callee.kind === 'container' || callee.kind === 'instance' ? callModule(context, callee, args, kwargs, site) : undefined,
  instantiate: (context: AnalysisContext, cls: PyClass, args: Value[], kwargs: Kwargs, site: PyNode) =>
    cls.torchBase === null ? undefined : instantiateModuleClass(context, cls, args, kwargs, site),
  attribute,
  instanceAttribute,
  superAttribute,
  isInstance,
  classBase,
  // torch itself is modelled, never read from disk; torchinfo's `summary` is a call of the model.
  ownsModule: (module: string) => /^(?:torch|torchinfo)(?:\.|$)/.test(module),
};
