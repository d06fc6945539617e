/**
 * Attribute access: instance and class attributes (through the bases, methods bound to
 * their instance), `super()`, torch namespaces (`nn.Conv2d` is the path
 * `torch.nn.Conv2d`), layer attributes from the bound constructor arguments
 * (`conv.out_channels`), and the methods of lists, dicts, strings, containers and tensors.
 */
import type { AnalysisContext } from './context';
import { containerMethod, dictMethod, listMethod, moduleMethod, stringMethod } from './methods';
import { callFunction } from './calls';
import { fillContainer, moduleChildren, runSequential } from './modules';
import type { PyNode } from './syntax';
import { tensorAttribute } from './tensorMethods';
import { kerasAttribute } from './kerasApi';
import { isKerasClass, kerasInstanceAttribute, kerasSuperMethod } from './kerasSubclass';
import type { PyClass, PyFunction, PyInstance, Value } from './values';
import { fromArgValue, isModule, isObject, tuple, typeName, unknown } from './values';

/** The value of a class attribute through the bases, primitives included. */
export function classAttributeValue(cls: PyClass, name: string): Value | undefined {
  if (cls.attrs.has(name)) return cls.attrs.get(name);
  for (const base of cls.bases) {
    if (isObject(base) && base.kind === 'class') {
      const value = classAttributeValue(base, name);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** A method found through the bases, if the attribute is a function. */
export function findMethod(cls: PyClass, name: string): PyFunction | undefined {
  const value = classAttributeValue(cls, name);
  return value !== undefined && isObject(value) && value.kind === 'function' ? value : undefined;
}

function bindMember(value: Value, self: Value, cls: PyClass): Value {
  if (!isObject(value) || value.kind !== 'function') return value;
  const fn: PyFunction = value;
  if (fn.flavor === 'static') return fn;
  if (fn.flavor === 'class') return { kind: 'bound', self: cls, fn };
  return { kind: 'bound', self, fn };
}

function instanceAttribute(context: AnalysisContext, instance: PyInstance, name: string, site: PyNode): Value {
  if (instance.attrs.has(name)) return instance.attrs.get(name)!;
  const value = classAttributeValue(instance.cls, name);
  if (value !== undefined) {
    if (isObject(value) && value.kind === 'function' && value.flavor === 'property') {
      return { kind: 'bound', self: instance, fn: value };
    }
    return bindMember(value, instance, instance.cls);
  }
  // Keras methods a keras.Model / Layer subclass inherits (build, compile, summary, ...).
  if (isKerasClass(instance.cls)) return kerasInstanceAttribute(context, instance, name);
  if (instance.moduleId !== null) {
    if (name === 'training') return false;
    const method = moduleMethod(context, instance, name, site);
    if (method) return method;
    if ((instance.cls.torchBase === 'Sequential' || instance.cls.torchBase === 'ModuleList')) {
      const container = containerMethod(context, instance, name);
      if (container) return container;
    }
  }
  return unknown(`the attribute ${instance.cls.name}.${name}`);
}

/** `object.name`. */
export function getAttribute(context: AnalysisContext, object: Value, name: string, site: PyNode): Value {
  if (typeof object === 'string') return stringMethod(object, name) ?? unknown(`str.${name}`);
  if (!isObject(object)) return unknown(`the attribute ${name} of a ${typeName(object)}`);
  switch (object.kind) {
    case 'unknown': return object;
    case 'ns': return { kind: 'ns', path: `${object.path}.${name}` };
    case 'instance': {
      const value = instanceAttribute(context, object, name, site);
      if (isObject(value) && value.kind === 'bound' && value.fn.kind === 'function' && value.fn.flavor === 'property') {
        return callFunction(context, value.fn, [value.self], new Map(), site);
      }
      return value;
    }
    case 'class': {
      const value = classAttributeValue(object, name);
      if (value === undefined) return unknown(`the attribute ${object.name}.${name}`);
      return isObject(value) && value.kind === 'function' && value.flavor === 'class' ? { kind: 'bound', self: object, fn: value } : value;
    }
    case 'super': {
      for (const base of object.cls.bases) {
        if (isObject(base) && base.kind === 'class') {
          const value = classAttributeValue(base, name);
          if (value !== undefined) return bindMember(value, object.self, base);
        }
      }
      if (isKerasClass(object.cls)) return kerasSuperMethod(context, object.self, name);
      return superTorchMethod(context, object.self, object.cls.torchBase, name, site);
    }
    case 'layer': {
      if (name in object.args) {
        const value = fromArgValue(object.args[name]);
        if (['kernel_size', 'stride', 'padding', 'dilation', 'output_padding'].includes(name) && typeof value === 'number') {
          const rank = Number(/(\d)d$/.exec(object.layerKind)?.[1] ?? 0);
          if (rank > 0) return tuple(Array.from({ length: rank }, () => value));
        }
        return value;
      }
      if (name === 'weight' || name === 'bias') {
        const tensor = object.layer?.params.find((param) => param.name === name);
        if (tensor) return { kind: 'tensor', shape: tensor.shape, rf: null, coverage: null, dilations: [] };
        return name === 'bias' ? null : unknown(`${object.layerKind}.${name}`);
      }
      return moduleMethod(context, object, name, site) ?? unknown(`the attribute ${object.layerKind}.${name}`);
    }
    case 'container': {
      if (object.children.has(name)) return object.children.get(name)!;
      return containerMethod(context, object, name) ?? moduleMethod(context, object, name, site) ?? unknown(`nn.${object.container}.${name}`);
    }
    case 'tensor': return tensorAttribute(context, object, name, site);
    case 'keras': return kerasAttribute(context, object, name);
    case 'list': return listMethod(object, name) ?? unknown(`list.${name}`);
    case 'dict': return dictMethod(object, name) ?? unknown(`dict.${name}`);
    case 'tuple':
      return name === 'count' || name === 'index' ? unknown(`tuple.${name}`) : unknown(`tuple.${name}`);
    default:
      return unknown(`the attribute ${name} of a ${typeName(object)}`);
  }
}

/** `super().__init__(...)` / `super().forward(x)` reaching a torch.nn base class. */
function superTorchMethod(context: AnalysisContext, self: Value, torchBase: string | null, name: string, site: PyNode): Value {
  if (name === '__init__') {
    return {
      kind: 'builtin', name: '__init__',
      call: (args) => {
        if (isObject(self) && self.kind === 'instance' && torchBase && torchBase !== 'Module') fillContainer(context, torchBase, self.attrs, args);
        return null;
      },
    };
  }
  if (isObject(self) && self.kind === 'instance' && isModule(self)) {
    if (name === 'forward' && torchBase === 'Sequential') {
      return { kind: 'builtin', name: 'forward', call: (args) => runSequential(context, moduleChildren(self), args[0] ?? null, site) };
    }
    return moduleMethod(context, self, name, site) ?? unknown(`super().${name}`);
  }
  return unknown(`super().${name}`);
}

/** `object.name = value`. */
export function setAttribute(context: AnalysisContext, object: Value, name: string, value: Value): void {
  if (!isObject(object)) return;
  if (object.kind === 'instance') object.attrs.set(name, value);
  else if (object.kind === 'class') object.attrs.set(name, value);
  void context;
}
