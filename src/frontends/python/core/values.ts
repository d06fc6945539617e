/**
 * The values of the static Python interpreter. Python ints are JS numbers, floats are
 * boxed (so `/` and `int()` behave), tensors are shapes with the receptive field and
 * gridding coverage that reached them. Anything the interpreter cannot follow is an
 * `Unknown` carrying the reason, which flows on instead of failing.
 */
import type { BoundArgs, ReceptiveField } from '../../../engine/types';
import type { TorchLayer } from '../../../engine/torch/layerResults';
import type { AxisCoverage } from '../../../engine/gridding';
import type { PyNode, PySyntax } from './syntax';
import type { Scope } from './scope';
import type { PassThroughLayer } from '../torch/unmodelledLayers';
import type { KerasObject } from '../keras/kerasValues';

export interface PyFloat {
  readonly kind: 'float';
  readonly value: number;
  /** The `a / b` of two ints this float came from (Python 3's true division), for the error it may cause as a size. */
  readonly division?: TrueDivision;
}
/** A true division of two ints in the source: its text, its node (one cause however often it runs) and its line. */
export interface TrueDivision {
  readonly text: string;
  readonly node: PyNode;
  /** 1-based, in the analysed file; null when the division is in imported code. */
  readonly line: number | null;
}
export interface PyTuple {
  readonly kind: 'tuple';
  readonly items: readonly Value[];
}
export interface PyList {
  readonly kind: 'list';
  items: Value[];
}
export interface PyDict {
  readonly kind: 'dict';
  readonly entries: Map<string, [Value, Value]>;
  ordered?: boolean;
}
export interface PySlice {
  readonly kind: 'slice';
  readonly start: Value;
  readonly stop: Value;
  readonly step: Value;
}
export interface PyRange {
  readonly kind: 'range';
  readonly start: number;
  readonly stop: number;
  readonly step: number;
}
export interface PyUnknown {
  readonly kind: 'unknown';
  readonly reason: string;
}
/** An imported name we model by its dotted path: `torch.nn`, `torch.nn.Conv2d`, `math.ceil`. */
export interface PyNamespace {
  readonly kind: 'ns';
  readonly path: string;
}

/**
 * A Python module read from a file (an imported module of the workspace or of the Python
 * environment): its names are looked up, and its code run, only when first used.
 */
export interface PyModule {
  readonly kind: 'module';
  /** The dotted module name (`torchvision.models`). */
  readonly name: string;
  /** A global of the module or one of its submodules, or undefined when it has no such name. */
  readonly attribute: (name: string) => Value | undefined;
  /** `setattr(module, name, value)`: binds a global of the module (`setattr(sys.modules[__name__], ...)`). */
  readonly setAttribute?: (name: string, value: Value) => void;
}

export interface PyFunction {
  readonly kind: 'function';
  readonly name: string;
  readonly node: PyNode;
  readonly closure: Scope;
  /** Default values, evaluated when the `def` ran, by parameter name. */
  readonly defaults: ReadonlyMap<string, Value>;
  /** The class whose body defined it, for `super()`. */
  owner: PyClass | null;
  /** From a `@staticmethod`, `@classmethod` or `@property` decorator. */
  flavor: 'static' | 'class' | 'property' | null;
  /** The file the `def` is in, when it may be another than the analysed one (an imported module). */
  readonly syntax?: PySyntax;
}

export interface PyBuiltin {
  readonly kind: 'builtin';
  readonly name: string;
  readonly call: (args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode) => Value;
  /** A method Python generates (a dataclass's `__init__`): bound to its instance like a `def`. */
  readonly method?: boolean;
}

export interface PyBound {
  readonly kind: 'bound';
  readonly self: Value;
  readonly fn: PyFunction | PyBuiltin;
}

export interface PyClass {
  readonly kind: 'class';
  readonly name: string;
  readonly node: PyNode;
  readonly bases: readonly Value[];
  readonly attrs: Map<string, Value>;
  /** The torch.nn class it derives from (`Module`, `Sequential`, `ModuleList`, ...), if any. */
  readonly torchBase: string | null;
}

export interface PySuper {
  readonly kind: 'super';
  readonly cls: PyClass;
  readonly self: Value;
}

/** An instance of a user class; `moduleId` is set for nn.Module subclasses. */
export interface PyInstance {
  readonly kind: 'instance';
  readonly cls: PyClass;
  readonly attrs: Map<string, Value>;
  readonly moduleId: number | null;
}

/** A torch.nn leaf layer object. */
export interface PyLayer {
  readonly kind: 'layer';
  readonly moduleId: number;
  readonly layerKind: string;
  readonly layer: TorchLayer | null;
  readonly args: BoundArgs;
  /** The constructor call that created it (a helper's call inside the helper). */
  readonly site: PyNode;
  /** For torch.nn layers only the front end knows (GroupNorm, padding layers, ...). */
  readonly passThrough?: PassThroughLayer | null;
}

/** nn.Sequential, nn.ModuleList or nn.ModuleDict. */
export interface PyContainer {
  readonly kind: 'container';
  readonly moduleId: number;
  readonly container: 'Sequential' | 'ModuleList' | 'ModuleDict';
  readonly children: Map<string, Value>;
  readonly site: PyNode;
}

/** A Keras layer or model (see keras/kerasValues.ts, keras/kerasSession.ts). */
export interface PyKeras {
  readonly kind: 'keras';
  readonly object: KerasObject;
}

export interface PyTensor {
  readonly kind: 'tensor';
  readonly shape: readonly number[] | null;
  readonly rf: ReceptiveField | null;
  readonly coverage: readonly AxisCoverage[] | null;
  /** Dilation rates of the convolutions on the way, for the gridding message. */
  readonly dilations: readonly number[];
  /** An `nn.Parameter`: counted in its module's parameters. */
  readonly parameter?: { readonly trainable: boolean };
}

export type Value =
  | number
  | boolean
  | string
  | null
  | PyFloat
  | PyTuple
  | PyList
  | PyDict
  | PySlice
  | PyRange
  | PyUnknown
  | PyNamespace
  | PyModule
  | PyFunction
  | PyBuiltin
  | PyBound
  | PyClass
  | PySuper
  | PyInstance
  | PyLayer
  | PyContainer
  | PyTensor
  // Keras layers and models (keras/kerasValues.ts); the only Keras addition to the value kinds.
  | PyKeras;

export type ObjectValue = Exclude<Value, number | boolean | string | null>;

export const unknown = (reason: string): PyUnknown => ({ kind: 'unknown', reason });
export const pyFloat = (value: number): PyFloat => ({ kind: 'float', value });
export const tuple = (items: readonly Value[]): PyTuple => ({ kind: 'tuple', items });
export const list = (items: Value[]): PyList => ({ kind: 'list', items });

export function isObject(value: Value): value is ObjectValue {
  return value !== null && typeof value === 'object';
}

export function isUnknown(value: Value): value is PyUnknown {
  return isObject(value) && value.kind === 'unknown';
}

export function isTensor(value: Value): value is PyTensor {
  return isObject(value) && value.kind === 'tensor';
}

/** A module object: a leaf layer, a container or an nn.Module subclass instance. */
export function isModule(value: Value): value is PyLayer | PyContainer | PyInstance {
  return isObject(value) && (value.kind === 'layer' || value.kind === 'container' || (value.kind === 'instance' && value.moduleId !== null));
}

export function moduleIdOf(value: PyLayer | PyContainer | PyInstance): number {
  return value.moduleId ?? -1;
}

/** The registered submodules of a module, in registration order, as `named_children()` gives them. */
export function moduleChildren(module: Value): [string, Value][] {
  if (!isObject(module)) return [];
  if (module.kind === 'container') return [...module.children.entries()].filter(([, child]) => isModule(child));
  if (module.kind === 'instance') return [...module.attrs.entries()].filter(([, child]) => isModule(child));
  return [];
}

/** The number in an int, float or bool, else undefined. */
export function numberOf(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isObject(value) && value.kind === 'float') return value.value;
  return undefined;
}

/** The int in an int or bool (Python's index protocol), else undefined. */
export function intOf(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/** The items of a tuple or list, or undefined. */
export function sequenceOf(value: Value): readonly Value[] | undefined {
  if (isObject(value) && (value.kind === 'tuple' || value.kind === 'list')) return value.items;
  return undefined;
}

/** Python truthiness, or undefined when it depends on something unknown. */
export function truthy(value: Value): boolean | undefined {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  switch (value.kind) {
    case 'float':
      return value.value !== 0;
    case 'tuple':
    case 'list':
      return value.items.length > 0;
    case 'dict':
      return value.entries.size > 0;
    case 'range':
      return rangeLength(value) > 0;
    case 'unknown':
      return undefined;
    case 'tensor':
      return undefined;
    case 'container':
      return value.children.size > 0;
    default:
      return true;
  }
}

export function rangeLength(range: PyRange): number {
  const span = range.step > 0 ? range.stop - range.start : range.start - range.stop;
  return Math.max(0, Math.ceil(span / Math.abs(range.step)));
}

/** A dictionary key: equal Python keys give equal strings (1 == 1.0 == True). */
export function keyOf(value: Value): string | undefined {
  if (value === null) return 'None';
  if (typeof value === 'string') return `s:${value}`;
  const number = numberOf(value);
  if (number !== undefined) return `n:${number}`;
  if (isObject(value) && value.kind === 'tuple') {
    const parts = value.items.map(keyOf);
    return parts.every((part) => part !== undefined) ? `t:(${parts.join(',')})` : undefined;
  }
  return undefined;
}

/** A short description for messages: the Python type name. */
export function typeName(value: Value): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  switch (value.kind) {
    case 'layer':
      return value.layerKind;
    case 'container':
      return value.container;
    case 'instance':
      return value.cls.name;
    case 'class':
      return value.name;
    case 'ns':
      return value.path;
    case 'module':
      return 'module';
    case 'keras':
      return value.object.type === 'layer' ? value.object.className : 'Model';
    default:
      return value.kind;
  }
}
