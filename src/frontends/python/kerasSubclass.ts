/**
 * Subclassed Keras models and layers (`class Net(keras.Model)` with `call()`): calling an
 * instance runs `call`, `super().__init__(name=...)` names it, `model.build(shape)` runs
 * `call` on an input of that shape and makes the instance a model of the file.
 */
import { findMethod } from './attributes';
import { callFunction } from './calls';
import type { AnalysisContext } from './context';
import { kerasName } from './kerasApi';
import { kerasInputTensor, kerasSession, kerasSnakeCase } from './kerasSession';
import { builtin } from './methods';
import type { PyNode } from './syntax';
import type { PyClass, PyInstance, PyTensor, Value } from './values';
import { isObject, isTensor, sequenceOf, unknown } from './values';

/** True for a user class deriving (directly or not) from keras Model or Layer. */
export function isKerasClass(cls: PyClass, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.some((base) => isObject(base) && (
    (base.kind === 'ns' && /^(Model|Layer|Sequential)$/.test(kerasName(base.path) ?? ''))
    || (base.kind === 'class' && isKerasClass(base, depth + 1))));
}

/** `instance(x)`: Keras runs `call`. */
export function callKerasInstance(context: AnalysisContext, instance: PyInstance, args: Value[], kwargs: Map<string, Value>, site: PyNode): Value {
  const call = findMethod(instance.cls, 'call');
  if (!call) {
    context.unsupported(site, `calling ${instance.cls.name} (no call() method)`);
    return unknown(`${instance.cls.name}()`);
  }
  return callFunction(context, call, [instance, ...args], kwargs, site);
}

/** `super().__init__(...)` of a Keras subclass: remembers `name=`. */
export function kerasSuperMethod(context: AnalysisContext, self: Value, name: string): Value {
  if (name === '__init__') {
    return builtin('__init__', (_args, kwargs) => {
      const given = kwargs.get('name');
      if (typeof given === 'string' && isObject(self)) kerasSession(context).instanceNames.set(self, given);
      return null;
    });
  }
  return unknown(`super().${name}`);
}

function outputsOf(value: Value): PyTensor[] {
  if (isTensor(value)) return [value];
  return (sequenceOf(value) ?? []).flatMap(outputsOf);
}

function build(context: AnalysisContext, instance: PyInstance, shapeValue: Value, site: PyNode): Value {
  const session = kerasSession(context);
  const items = sequenceOf(shapeValue);
  const dims = items?.map((item) => (typeof item === 'number' ? item : item === null ? null : undefined));
  const known = dims && dims.length > 0 && dims.slice(1).every((d) => typeof d === 'number');
  const shape = known ? [typeof dims[0] === 'number' ? dims[0] : 1, ...(dims.slice(1) as number[])] : null;
  const input = kerasInputTensor(shape);
  const index = session.newModel(session.instanceNames.get(instance), kerasSnakeCase(instance.cls.name), false, instance.cls.node);
  const model = session.models[index];
  model.inputSource = `build at line ${site.range.start.line + 1} (batch 1 for None)`;
  model.inputs = [input];
  model.outputs = outputsOf(callKerasInstance(context, instance, [input], new Map(), site));
  return null;
}

/** Keras methods of a subclass instance that the class does not define itself. */
export function kerasInstanceAttribute(context: AnalysisContext, instance: PyInstance, name: string): Value {
  switch (name) {
    case 'build': return builtin('build', (args, kwargs, site) => build(context, instance, args[0] ?? kwargs.get('input_shape') ?? null, site));
    case 'name': return kerasSession(context).instanceNames.get(instance) ?? kerasSnakeCase(instance.cls.name);
    case 'built': case 'trainable': return true;
    default: return builtin(name, () => unknown(`${instance.cls.name}.${name}() runs or changes the model; not followed`));
  }
}
