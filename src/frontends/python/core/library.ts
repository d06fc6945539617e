/**
 * The interface through which a Python library (torch, Keras) plugs into the interpreter:
 * the core evaluates Python itself and asks the registered libraries, in registration
 * order, about what only a library knows (its dotted paths, its objects, classes built on
 * its base classes). The entry point registers the libraries; the core never imports
 * them, so a new library is one more plug-in, not an edit of the interpreter.
 */
import type { AnalysisContext } from './context';
import type { PyNode } from './syntax';
import type { ObjectValue, PyClass, PyInstance, PySuper, Value } from './values';

type Kwargs = ReadonlyMap<string, Value>;

/** What a library answers; `undefined` means "not mine", and the next library (or the core) answers. */
export interface PythonLibrary {
  /** Calls the function or class at a dotted path (`torch.nn.Conv2d`, `keras.layers.Dense`). */
  callPath(context: AnalysisContext, path: string, args: Value[], kwargs: Kwargs, site: PyNode): Value | undefined;
  /** Calls an object of the library (a layer, a model), or an instance of a class built on its base classes. */
  callObject(context: AnalysisContext, callee: ObjectValue, args: Value[], kwargs: Kwargs, site: PyNode): Value | undefined;
  /** Instantiates a user class built on the library's base classes (`class Net(nn.Module)`). */
  instantiate(context: AnalysisContext, cls: PyClass, args: Value[], kwargs: Kwargs, site: PyNode): Value | undefined;
  /** An attribute of an object of the library (`conv.out_channels`, `model.add`). */
  attribute(context: AnalysisContext, object: ObjectValue, name: string, site: PyNode): Value | undefined;
  /** An attribute an instance's own classes lack, inherited from a library base class (`self.modules()`). */
  instanceAttribute(context: AnalysisContext, instance: PyInstance, name: string, site: PyNode): Value | undefined;
  /** `super().name` past the user's classes, reaching a library base class. */
  superAttribute(context: AnalysisContext, reference: PySuper, name: string, site: PyNode): Value | undefined;
  /** `isinstance(value, <the class at path>)` for the library's classes. */
  isInstance(path: string, value: Value): boolean | undefined;
  /** The library base a new class derives from (`Module`, `Sequential`), from its evaluated bases. */
  classBase(bases: readonly Value[]): string | null;
  /** Whether the library models the module of this dotted name (`torch.nn`): its files are then never read. */
  ownsModule?(module: string): boolean;
  /**
   * Whether the library models one name of a module whose file is otherwise interpreted
   * (`torchvision.models._api.register_model`): the name is then its dotted path, never read.
   */
  ownsName?(module: string, name: string): boolean;
  /** An attribute a class's own chain lacks, inherited from a library base class (`ResNet50_Weights.verify`). */
  classAttribute?(context: AnalysisContext, cls: PyClass, name: string, site: PyNode): Value | undefined;
  /** A name no scope binds that the library provides (`from keras.layers import *`). */
  unboundName?(context: AnalysisContext, name: string): Value | undefined;
  /** A value computed by `operator` (`+`) from `operands` at `site` (a library may track what tensors depend on). */
  operatorResult?(context: AnalysisContext, result: Value, operands: readonly Value[], operator: string, site: PyNode): Value;
}

/** The registered libraries, with the optional hooks gathered once so the hot paths skip the others. */
export class PythonLibraries {
  private readonly unboundNameHooks: readonly PythonLibrary[];
  private readonly operatorHooks: readonly PythonLibrary[];

  constructor(readonly all: readonly PythonLibrary[]) {
    this.unboundNameHooks = all.filter((library) => library.unboundName);
    this.operatorHooks = all.filter((library) => library.operatorResult);
  }

  unboundName(context: AnalysisContext, name: string): Value | undefined {
    for (const library of this.unboundNameHooks) {
      const value = library.unboundName!(context, name);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  operatorResult(context: AnalysisContext, result: Value, operands: readonly Value[], operator: string, site: PyNode): Value {
    let value = result;
    for (const library of this.operatorHooks) value = library.operatorResult!(context, value, operands, operator, site);
    return value;
  }

  /** Whether a registered library models the module of this dotted name. */
  ownsModule(module: string): boolean {
    return this.all.some((library) => library.ownsModule?.(module) === true);
  }

  /** Whether a registered library models this one name of an interpreted module. */
  ownsName(module: string, name: string): boolean {
    return this.all.some((library) => library.ownsName?.(module, name) === true);
  }

  classBase(bases: readonly Value[]): string | null {
    for (const library of this.all) {
      const base = library.classBase(bases);
      if (base !== null) return base;
    }
    return null;
  }
}
