/**
 * Values of the static TypeScript/JavaScript evaluator. Plain JS data stays plain
 * (numbers, strings, arrays, objects); TensorFlow.js objects are modelled by what the
 * inspector needs (layers, symbolic tensors with a receptive field, models). Anything the
 * evaluator cannot follow is `JsUnknown` with the reason, which flows on instead of failing.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { TfLayer } from '../../engine/tf/layers';
import type { EngineIssue, Shape } from '../../engine/types';
import type { TensorField } from '../../engine/tensorField';
import type { Scope } from './jsScope';

export interface JsUnknown {
  readonly kind: 'unknown';
  readonly reason: string;
}
export interface JsArray {
  readonly kind: 'array';
  readonly items: JsValue[];
}
export interface JsObject {
  readonly kind: 'object';
  readonly props: Map<string, JsValue>;
  /** For an instance of user classes: its class and their ancestors (for `instanceof`). */
  readonly classes?: readonly Node[];
}

export interface JsFunction {
  readonly kind: 'function';
  readonly name: string;
  readonly node: Node;
  readonly closure: Scope;
}

/** A user class: `new` runs its field initializers and constructor with `this` bound. */
export interface JsClass {
  readonly kind: 'class';
  readonly name: string;
  readonly node: Node;
  readonly closure: Scope;
}

export interface JsBuiltin {
  readonly kind: 'builtin';
  readonly name: string;
  readonly call: (args: JsValue[], site: Node, self: JsValue | undefined) => JsValue;
  /** Properties of the callable itself (`super.build()` reaches the parent's methods). */
  readonly members?: ReadonlyMap<string, JsValue>;
}

/** A regular expression literal (`/^conv/i`): its source, run only by `string.match`. */
export interface JsRegex {
  readonly kind: 'regex';
  readonly pattern: string;
  readonly flags: string;
}

/** A module path or member we model by name: `tf`, `tf.layers`, `Math`. */
export interface JsNamespace {
  readonly kind: 'ns';
  readonly path: string;
}

/** A symbolic tensor: its shape (batch first; null = unknown) and where it came from. */
export interface JsTensor {
  readonly kind: 'tensor';
  readonly shape: Shape | null;
  readonly field: TensorField | null;
  /** Indices of the records (layer calls) this tensor depends on. */
  readonly ancestry: ReadonlySet<number>;
  /** Why the shape is unknown, when it is. */
  readonly reason?: string;
}

/** A `tf.layers.*` layer object. */
export interface JsLayer {
  readonly kind: 'layer';
  readonly layerId: number;
  readonly className: string;
  /** The name tfjs gives it: the `name` config or `<snake>_<Class><n>`. */
  readonly name: string;
  readonly layer: TfLayer | null;
  readonly site: Node;
  /** Problems found when constructing it, reported with its first call. */
  readonly constructIssues: EngineIssue[];
  /** The `inputShape`/`batchInputShape` config, which makes a Sequential's first layer create an input. */
  readonly declaredInput: Shape | null;
  /** Why the declared input is unknown, when the config gives one that cannot be resolved. */
  readonly declaredInputUnknown?: string;
  /** For a user class extending `tf.layers.Layer`: the instance, whose methods define the layer. */
  readonly custom?: JsObject;
}

/** `tf.sequential()` or `tf.model()`. */
export interface JsModel {
  readonly kind: 'model';
  readonly modelIndex: number;
  readonly sequential: boolean;
  /** Sequential: the current output (null until the input is known). */
  output: JsTensor | null;
  outputs: JsTensor[];
  inputs: JsTensor[];
}

export type JsValue =
  number | string | boolean | null | undefined | JsUnknown | JsArray | JsObject | JsFunction | JsClass | JsBuiltin | JsRegex | JsNamespace | JsTensor | JsLayer | JsModel;

export function unknown(reason: string): JsUnknown {
  return { kind: 'unknown', reason };
}

export function isUnknown(value: JsValue): value is JsUnknown {
  return typeof value === 'object' && value !== null && value.kind === 'unknown';
}

/** The `kind` of a structured value, or the JS typeof of a primitive. */
export function valueKind(value: JsValue): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.kind;
  return typeof value;
}

export function jsArray(items: JsValue[]): JsArray {
  return { kind: 'array', items };
}

export function jsObject(entries: Iterable<[string, JsValue]> = []): JsObject {
  return { kind: 'object', props: new Map(entries) };
}

/** JS truthiness, or undefined when the value is unknown. */
export function truthy(value: JsValue): boolean | undefined {
  if (isUnknown(value)) return undefined;
  if (typeof value === 'object' && value !== null) return true;
  return Boolean(value);
}
