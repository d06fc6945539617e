/**
 * Keras as a library of the Python interpreter: its dotted paths and objects
 * (kerasCalls.ts), subclassed models and layers (kerasSubclass.ts), the names a
 * `from keras.layers import *` brings, and the layer calls a tensor computed by an
 * operator depends on (kerasSession.ts).
 */
import type { AnalysisContext } from '../core/context';
import type { PythonLibrary } from '../core/library';
import type { PyNode } from '../core/syntax';
import type { ObjectValue, PyInstance, PySuper, Value } from '../core/values';
import { callKerasObject, callKerasPath, kerasAttribute, kerasWildcardName } from './kerasCalls';
import { inheritKerasAncestry } from './kerasSession';
import { recordKerasOperator } from './kerasGraphOps';
import { callKerasInstance, isKerasClass, kerasInstanceAttribute, kerasSuperMethod } from './kerasSubclass';
import { builtinSubclassSuper, instantiateBuiltinSubclass } from './kerasBuiltinSubclass';

/** The Keras plug-in; registered first, as its paths (`tf.keras...`, `numpy.zeros` inputs) are asked first. */
export const kerasLibrary: PythonLibrary = {
  callPath: callKerasPath,
  callObject: (context: AnalysisContext, callee: ObjectValue, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode) => {
    if (callee.kind === 'keras') return callKerasObject(context, callee, args, kwargs, site);
    // Instances of keras.Model / keras.layers.Layer subclasses run call().
    return callee.kind === 'instance' && isKerasClass(callee.cls) ? callKerasInstance(context, callee, args, kwargs, site) : undefined;
  },
  // A subclass of a built-in layer (`class StdConv2D(layers.Conv2D)`) is that layer.
  instantiate: instantiateBuiltinSubclass,
  attribute: (context: AnalysisContext, object: ObjectValue, name: string) => (object.kind === 'keras' ? kerasAttribute(context, object, name) : undefined),
  // Methods a keras.Model / Layer subclass inherits (build, compile, summary, ...).
  instanceAttribute: (context: AnalysisContext, instance: PyInstance, name: string) => (isKerasClass(instance.cls) ? kerasInstanceAttribute(context, instance, name) : undefined),
  superAttribute: (context: AnalysisContext, reference: PySuper, name: string) =>
    isKerasClass(reference.cls) ? kerasSuperMethod(context, reference.self, name) : builtinSubclassSuper(context, reference.self, reference.cls, name),
  isInstance: () => undefined,
  classBase: () => null,
  ownsModule: (module: string) => /^(?:keras|tensorflow|tf_keras|numpy)(?:\.|$)/.test(module),
  unboundName: kerasWildcardName,
  // `x + y` on Keras tensors: an op node of the graph, and the layer calls of both sides.
  operatorResult: (context: AnalysisContext, result: Value, operands: readonly Value[], operator: string, site: PyNode) =>
    inheritKerasAncestry(context, recordKerasOperator(context, result, operands, operator, site), operands),
};
