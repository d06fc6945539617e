/**
 * Subclassed Keras models and layers (`class Net(keras.Model)` with `call()`): calling an
 * instance runs `call`, `super().__init__(name=...)` names it, `model.build(shape)` runs
 * `call` on an input of that shape and makes the instance a model of the file.
 */
import { findMethod } from '../core/attributes';
import { callFunction } from '../core/calls';
import type { AnalysisContext } from '../core/context';
import { kerasName } from './kerasCalls';
import { kerasInputTensor, kerasSession, kerasSnakeCase } from './kerasSession';
import { builtin } from '../core/methods';
import { addWeight, callCustomLayer, customLayer } from './kerasCustomLayers';
import { directiveInput } from '../core/inputDirective';
import type { PyNode } from '../core/syntax';
import type { PyClass, PyInstance, PyTensor, Value } from '../core/values';
import { isObject, isTensor, sequenceOf, unknown } from '../core/values';

/** True for a user class deriving (directly or not) from keras Model or Layer. */
export function isKerasClass(cls: PyClass, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.some(
    (base) => isObject(base) && ((base.kind === 'ns' && /^(Model|Layer|Sequential)$/.test(kerasName(base.path) ?? '')) || (base.kind === 'class' && isKerasClass(base, depth + 1))),
  );
}

/** `instance(x)`: Keras runs `call`. */
export function callKerasInstance(context: AnalysisContext, instance: PyInstance, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  const session = kerasSession(context);
  session.calledInstances.add(instance);
  const input = args[0] ?? null;
  // The first call of a model from plain code on a fresh input (not a graph tensor: that is a
  // nested use) builds it, as model.build() does: a model of the file.
  if (session.callDepth === 0 && isKerasModelClass(instance.cls) && !session.builtInstances.has(instance) && isTensor(input) && input.shape && !session.hasAncestry(input)) {
    return build(context, instance, input, site, `call at line ${site.range.start.line + 1}`);
  }
  const call = findMethod(instance.cls, 'call');
  if (!call) {
    context.unsupported(site, `calling ${instance.cls.name} (no call() method)`);
    return unknown(`${instance.cls.name}()`);
  }
  session.callDepth++;
  try {
    // A custom layer is a layer of the model, with or without weights, as Keras lists it.
    if (!isKerasModelClass(instance.cls)) return callCustomLayer(context, instance, call, args, kwargs, site);
    return callFunction(context, call, [instance, ...args], kwargs, site);
  } finally {
    session.callDepth--;
  }
}

function isKerasModelClass(cls: PyClass, depth = 0): boolean {
  if (depth > 20) return false;
  return cls.bases.some(
    (base) => isObject(base) && ((base.kind === 'ns' && /^(Model|Sequential)$/.test(kerasName(base.path) ?? '')) || (base.kind === 'class' && isKerasModelClass(base, depth + 1))),
  );
}

/** `super().__init__(...)` of a Keras subclass: remembers `name=`. */
export function kerasSuperMethod(context: AnalysisContext, self: Value, name: string): Value {
  if (name === '__init__') {
    return builtin('__init__', (_args, kwargs) => {
      const given = kwargs.get('name');
      const session = kerasSession(context);
      if (typeof given === 'string' && isObject(self)) session.instanceNames.set(self, given);
      if (isObject(self) && self.kind === 'instance' && isKerasModelClass(self.cls) && !session.modelInstances.includes(self)) session.modelInstances.push(self);
      // Keras names a layer when it is constructed (the order of auto names follows construction).
      if (isObject(self) && self.kind === 'instance' && !isKerasModelClass(self.cls)) customLayer(session, self, given, self.cls.node);
      return null;
    });
  }
  return unknown(`super().${name}`);
}

function outputsOf(value: Value): PyTensor[] {
  if (isTensor(value)) return [value];
  return (sequenceOf(value) ?? []).flatMap(outputsOf);
}

function shapeTensor(shapeValue: Value): PyTensor {
  const items = sequenceOf(shapeValue);
  const dims = items?.map((item) => (typeof item === 'number' ? item : item === null ? null : undefined));
  const known = dims && dims.length > 0 && dims.slice(1).every((d) => typeof d === 'number');
  return kerasInputTensor(known ? [typeof dims[0] === 'number' ? dims[0] : 1, ...(dims.slice(1) as number[])] : null);
}

/** Runs `call` on `input` and makes the instance a model of the file; returns the call's result. */
function build(context: AnalysisContext, instance: PyInstance, input: PyTensor, site: PyNode, inputSource: string): Value {
  const session = kerasSession(context);
  session.builtInstances.add(instance);
  const index = session.newModel(session.instanceNames.get(instance), kerasSnakeCase(instance.cls.name), false, instance.cls.node);
  const model = session.models[index];
  model.inputSource = inputSource;
  model.inputs = [input];
  const result = callKerasInstance(context, instance, [input], new Map(), site);
  model.outputs = outputsOf(result);
  return result;
}

/**
 * Subclassed models never built nor called: built from a `# conv-inspector: input=(...)`
 * directive on or above the class, else an info saying how to give the input shape.
 */
export function buildUncalledKerasModels(context: AnalysisContext): void {
  const session = kerasSession(context);
  for (const instance of session.modelInstances) {
    if (session.builtInstances.has(instance) || session.calledInstances.has(instance)) continue;
    const shape = directiveInput(context, instance.cls.node);
    if (shape) {
      build(context, instance, kerasInputTensor(shape), instance.cls.node, 'directive');
    } else {
      context.report(
        instance.cls.node.range,
        'info',
        'keras.no-input',
        `Conv Inspector does not know the input shape of ${instance.cls.name}: call model.build((None, ...)) or add "# conv-inspector: input=(1, H, W, C)" above the class`,
      );
    }
  }
}

/** Keras methods of a subclass instance that the class does not define itself. */
export function kerasInstanceAttribute(context: AnalysisContext, instance: PyInstance, name: string): Value {
  switch (name) {
    case 'build':
      return builtin('build', (args, kwargs, site) => {
        if (!kerasSession(context).builtInstances.has(instance)) {
          build(context, instance, shapeTensor(args[0] ?? kwargs.get('input_shape') ?? null), site, `build at line ${site.range.start.line + 1} (batch 1 for None)`);
        }
        return null;
      });
    case 'name':
      return kerasSession(context).instanceNames.get(instance) ?? kerasSnakeCase(instance.cls.name);
    case 'built':
    case 'trainable':
      return true;
    case 'add_weight':
      return addWeight(instance);
    default:
      return builtin(name, () => unknown(`${instance.cls.name}.${name}() runs or changes the model; not followed`));
  }
}
