/**
 * Classes in the static JS evaluator: `new C(...)` of a class of the file or of an imported
 * module, with `extends` chains, `super(...)` and `super.method()`, field initializers and
 * TypeScript parameter properties; and `instanceof` against those classes and the TF.js
 * classes model code tests for (`x instanceof tf.LayersModel`).
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsEvaluator } from './jsEvaluator';
import { Scope } from './jsScope';
import { evalArguments } from './jsCalls';
import type { JsBuiltin, JsClass, JsObject, JsValue } from './jsValues';
import { isUnknown, unknown } from './jsValues';

/** Longer `extends` chains are not followed (a cycle through reassigned names would never end). */
const maxChain = 32;

/** The class, its user-class ancestors, and what the chain ends at (`tf.layers.Layer`, nothing, unknown). */
function classChain(ev: JsEvaluator, cls: JsClass): { chain: JsClass[]; base: JsValue } {
  const chain = [cls];
  for (let current = cls; chain.length <= maxChain;) {
    const heritage = current.node.namedChildren.find((c) => c?.type === 'class_heritage');
    if (!heritage) return { chain, base: undefined };
    // JavaScript: `class_heritage` holds the expression; TypeScript wraps it in `extends_clause`.
    const clause = heritage.namedChildren.find((c) => c?.type === 'extends_clause');
    const expression = clause ? (clause.childForFieldName('value') ?? clause.namedChildren[0]) : heritage.namedChildren[0];
    const parent = expression ? ev.eval(expression, current.closure) : undefined;
    if (typeof parent !== 'object' || parent === null || parent.kind !== 'class') return { chain, base: parent };
    chain.push(parent);
    current = parent;
  }
  return { chain, base: unknown('the class hierarchy is too deep') };
}

function isStatic(member: Node): boolean {
  return member.children.some((c) => c?.type === 'static');
}

/** A static field or getter of a class (`static className = 'Z'`, `static get className() {...}`). */
function staticValue(ev: JsEvaluator, cls: JsClass, name: string): JsValue {
  for (const member of cls.node.childForFieldName('body')?.namedChildren ?? []) {
    if (!member || !isStatic(member) || (member.childForFieldName('name') ?? member.childForFieldName('property'))?.text !== name) continue;
    const value = member.childForFieldName('value');
    if (value) return ev.eval(value, cls.closure);
    if (member.type === 'method_definition') return ev.callFunction({ kind: 'function', name: `${cls.name}.${name}`, node: member, closure: cls.closure }, []);
  }
  return undefined;
}

/** `new C(...)` of a user class; other constructors stay unknown. */
export function evalNew(ev: JsEvaluator, node: Node, scope: Scope): JsValue {
  const callee = ev.eval(node.childForFieldName('constructor')!, scope);
  if (typeof callee !== 'object' || callee === null || callee.kind !== 'class') {
    return unknown(`new ${node.childForFieldName('constructor')?.text ?? ''}(...) is not followed`);
  }
  const args = evalArguments(ev, node.childForFieldName('arguments'), scope);
  return ev.runAt(callee.node, node, () => instantiate(ev, callee, args, node));
}

/**
 * `new C(...)`: every class of the chain gets a scope where `this` is the instance and
 * `super` its parent; methods are installed base first (a subclass overrides), then the
 * most derived constructor runs (a class without one passes its arguments to `super`).
 */
export function instantiate(ev: JsEvaluator, cls: JsClass, args: JsValue[], site: Node): JsValue {
  const { chain, base } = classChain(ev, cls);
  const instance: JsObject = { kind: 'object', props: new Map(), classes: chain.map((c) => c.node) };
  const scopes = chain.map((c) => {
    const scope = new Scope(c.closure);
    scope.declare('this', instance);
    return scope;
  });
  const methods = chain.map(() => new Map<string, JsValue>());
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const member of chain[i].node.childForFieldName('body')?.namedChildren ?? []) {
      const name = member?.childForFieldName('name')?.text ?? '';
      if (member?.type !== 'method_definition' || name === 'constructor' || isStatic(member)) continue;
      const method: JsValue = { kind: 'function', name, node: member, closure: scopes[i] };
      methods[i].set(name, method);
      instance.props.set(name, method);
    }
  }
  const construct = (i: number, constructorArgs: JsValue[]): void => {
    if (i >= chain.length) return;
    const superCall: JsBuiltin = {
      kind: 'builtin',
      name: 'super',
      call: (superArgs) => {
        construct(i + 1, superArgs);
        return undefined;
      },
      members: methods[i + 1] ?? new Map(),
    };
    scopes[i].declare('super', superCall);
    let constructor: Node | undefined;
    for (const member of chain[i].node.childForFieldName('body')?.namedChildren ?? []) {
      if (!member || isStatic(member)) continue;
      if (member.type === 'method_definition' && member.childForFieldName('name')?.text === 'constructor') constructor = member;
      else if (member.type === 'public_field_definition' || member.type === 'field_definition') {
        const value = member.childForFieldName('value');
        const key = member.childForFieldName('name')?.text || member.childForFieldName('property')?.text || '';
        if (value) instance.props.set(key, ev.eval(value, scopes[i]));
      }
    }
    if (!constructor) return construct(i + 1, constructorArgs);
    // TypeScript parameter properties (`constructor(private size: number)`) become fields.
    (constructor.childForFieldName('parameters')?.namedChildren ?? []).forEach((param, k) => {
      if (param?.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.text === 'readonly')) {
        const name = param.childForFieldName('pattern')?.text;
        if (name) instance.props.set(name, constructorArgs[k]);
      }
    });
    ev.callFunction({ kind: 'function', name: `${chain[i].name}.constructor`, node: constructor, closure: scopes[i] }, constructorArgs);
  };
  construct(0, args);
  if (typeof base !== 'object' || base === null || base.kind !== 'ns') return instance;
  // tfjs names a layer class by its static `className` (`static get className() { return 'ZLayer' }`).
  const className = staticValue(ev, cls, 'className');
  return ev.host.extendLibraryClass(base.path, instance, typeof className === 'string' ? className : cls.name, args, site);
}

/** The TF.js classes `instanceof` is decided for, by what the value is. */
function isTfjsInstance(value: JsValue, path: string): boolean | undefined {
  const kind = typeof value === 'object' && value !== null ? value.kind : undefined;
  switch (path) {
    case 'tf.LayersModel':
    case 'tf.Functional':
      return kind === 'model';
    case 'tf.Sequential':
      return kind === 'model' && typeof value === 'object' && value !== null && value.kind === 'model' && value.sequential;
    case 'tf.layers.Layer':
      return kind === 'layer' || kind === 'model';
    case 'tf.SymbolicTensor':
      return kind === 'tensor';
    case 'Array':
      return kind === 'array';
    case 'Object':
      return typeof value === 'object' && value !== null;
    default:
      return undefined;
  }
}

/** `value instanceof type`; unknown when either side is, or the class is not one we model. */
export function instanceOf(value: JsValue, type: JsValue): JsValue {
  if (isUnknown(value)) return value;
  if (isUnknown(type)) return type;
  if (typeof type !== 'object' || type === null) return unknown('instanceof of something that is not a class');
  if (type.kind === 'class') return typeof value === 'object' && value !== null && value.kind === 'object' ? (value.classes?.includes(type.node) ?? false) : false;
  if (type.kind === 'ns') return isTfjsInstance(value, type.path) ?? unknown(`instanceof ${type.path} is not modelled`);
  return unknown(`instanceof ${type.kind}`);
}
