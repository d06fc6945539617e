/**
 * Attribute access: instance and class attributes (through the bases, methods bound to
 * their instance), `super()`, namespaces (`nn.Conv2d` is the path `torch.nn.Conv2d`),
 * and the methods of lists, dicts, strings and tensors. Attributes of library objects
 * (layers, containers, Keras models) and of library base classes come from the plug-ins.
 */
import type { AnalysisContext } from './context';
import { builtin, dictMethod, listMethod, stringMethod } from './methods';
import { callFunction } from './calls';
import type { PyNode } from './syntax';
import { tensorAttribute } from './tensorMethods';
import type { ObjectValue, PyClass, PyFunction, PyInstance, Value } from './values';
import { isObject, typeName, unknown } from './values';

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
  if (isObject(value) && value.kind === 'builtin' && value.method) return { kind: 'bound', self, fn: value };
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
  // Methods a library base class gives (nn.Module's `modules()`, keras.Model's `build`, ...).
  for (const library of context.libraries.all) {
    const inherited = library.instanceAttribute(context, instance, name, site);
    if (inherited !== undefined) return inherited;
  }
  if (name === '__class__') return instance.cls;
  // `self.__setattr__(name, value)` / `self.__getattr__(name)` with a computed name: what `setattr`/`getattr` do.
  if (name === '__setattr__') {
    return builtin(name, ([key, value]) => {
      if (typeof key === 'string') setAttribute(context, instance, key, value ?? null);
      return null;
    });
  }
  if (name === '__getattr__' || name === '__getattribute__') {
    return builtin(name, ([key], _kwargs, callSite) => (typeof key === 'string' ? getAttribute(context, instance, key, callSite) : unknown(`${name}() with an unknown name`)));
  }
  return unknown(`the attribute ${instance.cls.name}.${name}`);
}

/** A class attribute a library base class gives. */
function inheritedClassAttribute(context: AnalysisContext, cls: PyClass, name: string, site: PyNode): Value | undefined {
  for (const library of context.libraries.all) {
    const value = library.classAttribute?.(context, cls, name, site);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** `object.name`. */
export function getAttribute(context: AnalysisContext, object: Value, name: string, site: PyNode): Value {
  if (typeof object === 'string') return stringMethod(object, name) ?? unknown(`str.${name}`);
  if (!isObject(object)) return unknown(`the attribute ${name} of a ${typeName(object)}`);
  switch (object.kind) {
    case 'unknown':
      return object;
    case 'ns':
      return { kind: 'ns', path: `${object.path}.${name}` };
    case 'module':
      return object.attribute(name) ?? unknown(`the attribute ${object.name}.${name} (module '${object.name}' has no attribute '${name}')`);
    case 'instance': {
      const value = instanceAttribute(context, object, name, site);
      if (isObject(value) && value.kind === 'bound' && value.fn.kind === 'function' && value.fn.flavor === 'property') {
        return callFunction(context, value.fn, [value.self], new Map(), site);
      }
      return value;
    }
    case 'function':
      return name === '__name__' || name === '__qualname__' ? object.name : unknown(`the attribute ${name} of a function`);
    case 'class': {
      if (name === '__name__' || name === '__qualname__') return object.name;
      const value = classAttributeValue(object, name) ?? inheritedClassAttribute(context, object, name, site);
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
      for (const library of context.libraries.all) {
        const value = library.superAttribute(context, object, name, site);
        if (value !== undefined) return value;
      }
      return unknown(`super().${name}`);
    }
    case 'tensor':
      return tensorAttribute(context, object, name, site);
    case 'layer':
    case 'container':
    case 'keras':
      return libraryAttribute(context, object, name, site);
    case 'list':
      return listMethod(object, name) ?? unknown(`list.${name}`);
    case 'dict':
      return dictMethod(object, name) ?? unknown(`dict.${name}`);
    case 'tuple':
      return name === 'count' || name === 'index' ? unknown(`tuple.${name}`) : unknown(`tuple.${name}`);
    default:
      return unknown(`the attribute ${name} of a ${typeName(object)}`);
  }
}

/** An attribute of a library object, from the library that made it. */
function libraryAttribute(context: AnalysisContext, object: ObjectValue, name: string, site: PyNode): Value {
  for (const library of context.libraries.all) {
    const value = library.attribute(context, object, name, site);
    if (value !== undefined) return value;
  }
  return unknown(`the attribute ${name} of a ${typeName(object)}`);
}

/** `object.name = value`. */
export function setAttribute(context: AnalysisContext, object: Value, name: string, value: Value): void {
  if (!isObject(object)) return;
  if (object.kind === 'instance') object.attrs.set(name, value);
  else if (object.kind === 'class') object.attrs.set(name, value);
  else if (object.kind === 'module') object.setAttribute?.(name, value);
  void context;
}
