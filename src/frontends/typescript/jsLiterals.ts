/** Literals and instances in the static JS evaluator: templates, objects (shorthand, spread), arrays, `new`. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsEvaluator } from './jsEvaluator';
import { Scope } from './jsScope';
import type { JsClass, JsValue } from './jsValues';
import { isUnknown, jsArray, jsObject, unknown } from './jsValues';
import { boundedArray, boundedText } from './jsSizeLimits';
import { appendAll } from '../analysisLimits';

/** `new C(...)` of a class defined in the file; other constructors stay unknown. */
export function evalNew(ev: JsEvaluator, node: Node, scope: Scope): JsValue {
  const callee = ev.eval(node.childForFieldName('constructor')!, scope);
  if (typeof callee !== 'object' || callee === null || callee.kind !== 'class') {
    return unknown(`new ${node.childForFieldName('constructor')?.text ?? ''}(...) is not followed`);
  }
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null).map((c) => ev.eval(c, scope));
  return instantiate(ev, callee, args);
}

/** `new C(...)`: methods bound to the instance, field initializers, then the constructor. */
export function instantiate(ev: JsEvaluator, cls: JsClass, args: JsValue[]): JsValue {
  const instance = jsObject();
  const classScope = new Scope(cls.closure);
  classScope.declare('this', instance);
  let constructor: Node | undefined;
  for (const member of cls.node.childForFieldName('body')?.namedChildren ?? []) {
    if (!member) continue;
    const name = member.childForFieldName('name')?.text ?? '';
    if (member.type === 'method_definition') {
      if (name === 'constructor') constructor = member;
      else instance.props.set(name, { kind: 'function', name, node: member, closure: classScope });
    } else if (member.type === 'public_field_definition' || member.type === 'field_definition') {
      const value = member.childForFieldName('value');
      const key = name || member.childForFieldName('property')?.text || '';
      if (value && !member.children.some((c) => c?.text === 'static')) instance.props.set(key, ev.eval(value, classScope));
    }
  }
  if (constructor) {
    // TypeScript parameter properties (`constructor(private size: number)`) become fields.
    (constructor.childForFieldName('parameters')?.namedChildren ?? []).forEach((param, i) => {
      if (param?.namedChildren.some((c) => c?.type === 'accessibility_modifier')) {
        const name = param.childForFieldName('pattern')?.text;
        if (name) instance.props.set(name, args[i]);
      }
    });
    ev.callFunction({ kind: 'function', name: `${cls.name}.constructor`, node: constructor, closure: classScope }, args);
  }
  return instance;
}

export function evalTemplate(ev: JsEvaluator, node: Node, scope: Scope): JsValue {
  let text = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'template_substitution') {
      const value = ev.eval(child.namedChildren[0]!, scope);
      if (isUnknown(value) || (typeof value === 'object' && value !== null)) return unknown('template string with an unknown part');
      const piece = String(value);
      const tooLong = boundedText(text.length + piece.length);
      if (tooLong) return ev.noteTooLarge(node, tooLong);
      text += piece;
    } else text += child.text;
  }
  return text;
}

export function evalObject(ev: JsEvaluator, node: Node, scope: Scope): JsValue {
  const object = jsObject();
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key')!;
      const key = keyNode.type === 'computed_property_name' ? ev.eval(keyNode.namedChildren[0]!, scope) : propertyKey(keyNode);
      object.props.set(String(key), ev.eval(child.childForFieldName('value')!, scope));
    } else if (child.type === 'shorthand_property_identifier') {
      object.props.set(child.text, ev.lookup(child, scope));
    } else if (child.type === 'spread_element') {
      const spread = ev.eval(child.namedChildren[0]!, scope);
      if (typeof spread === 'object' && spread !== null && spread.kind === 'object') for (const [k, v] of spread.props) object.props.set(k, v);
      else if (spread !== undefined && spread !== null) ev.host.note(child, `spread of ${child.namedChildren[0]!.text} could not be followed`);
    } else if (child.type === 'method_definition') {
      const name = child.childForFieldName('name')?.text ?? '';
      object.props.set(name, { kind: 'function', name, node: child, closure: scope });
    }
  }
  return object;
}

export function evalArray(ev: JsEvaluator, node: Node, scope: Scope): JsValue {
  const items: JsValue[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'spread_element') {
      const spread = ev.eval(child.namedChildren[0]!, scope);
      if (typeof spread !== 'object' || spread === null || spread.kind !== 'array') return unknown(`spread of ${child.namedChildren[0]!.text} could not be followed`);
      const tooMany = boundedArray(items.length + spread.items.length);
      if (tooMany) return ev.noteTooLarge(node, tooMany);
      appendAll(items, spread.items);
    } else items.push(ev.eval(child, scope));
  }
  return jsArray(items);
}

function propertyKey(node: Node): string {
  return node.type === 'string' ? node.text.slice(1, -1) : node.text;
}
