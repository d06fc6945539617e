/** Literals in the static JS evaluator: templates, objects (shorthand, spread, methods), arrays (spread). */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsEvaluator } from './jsEvaluator';
import type { Scope } from './jsScope';
import type { JsValue } from './jsValues';
import { isUnknown, jsArray, jsObject, unknown } from './jsValues';
import { boundedArray, boundedText } from './jsSizeLimits';
import { appendAll } from '../analysisLimits';
import { listItems } from './jsCalls';

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
  // Comments are syntax nodes too: `[conv, // the stem\n pool]` has two items.
  for (const child of listItems(node)) {
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
