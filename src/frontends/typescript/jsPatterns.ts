/** Destructuring in the static JS evaluator: `const { a, b = 2 } = o`, `[x, ...rest]`, parameters. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsEvaluator } from './jsEvaluator';
import type { Scope } from './jsScope';
import { memberOf } from './jsMembers';
import type { JsValue } from './jsValues';
import { jsArray, unknown } from './jsValues';
import { fitsCollection } from '../analysisLimits';

/** Binds an identifier or a destructuring pattern (object/array, defaults, rest). */
export function bindPattern(ev: JsEvaluator, pattern: Node, value: JsValue, scope: Scope, declare: boolean): void {
  const set = (name: string, v: JsValue): void => (declare ? scope.declare(name, v) : scope.assign(name, v));
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      set(pattern.text, value);
      return;
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = pattern.childForFieldName('left')!;
      const resolved = value === undefined ? ev.eval(pattern.childForFieldName('right')!, scope) : value;
      bindPattern(ev, left, resolved, scope, declare);
      return;
    }
    case 'object_pattern':
      for (const child of pattern.namedChildren) {
        if (!child) continue;
        if (child.type === 'pair_pattern') {
          const key = child.childForFieldName('key')!;
          bindPattern(ev, child.childForFieldName('value')!, memberOf(value, propertyKey(key), child, ev.members), scope, declare);
        } else if (child.type === 'rest_pattern') {
          set(child.namedChildren[0]?.text ?? '', value);
        } else {
          const nameNode = child.type === 'object_assignment_pattern' ? child.childForFieldName('left')! : child;
          const member = memberOf(value, nameNode.text, child, ev.members);
          bindPattern(ev, child, member, scope, declare);
        }
      }
      return;
    case 'array_pattern': {
      const items = typeof value === 'object' && value !== null && value.kind === 'array' ? value.items : null;
      pattern.namedChildren.forEach((child, i) => {
        if (!child) return;
        if (child.type === 'rest_pattern') set(child.namedChildren[0]?.text ?? '', items ? jsArray(items.slice(i)) : unknown('rest of an unknown array'));
        else bindPattern(ev, child, items ? items[i] : unknown('element of an unknown array'), scope, declare);
      });
      return;
    }
    default:
      return;
  }
}

function propertyKey(node: Node): string {
  return node.type === 'string' ? node.text.slice(1, -1) : node.text;
}

/** Assigns to an identifier, a property or index, or a destructuring pattern (`a = ...`, `o.k = ...`, `[x, y] = ...`). */
export function assignTo(ev: JsEvaluator, target: Node, value: JsValue, scope: Scope): void {
  if (target.type === 'identifier') scope.assign(target.text, value);
  else if (target.type === 'member_expression' || target.type === 'subscript_expression') {
    const object = ev.eval(target.childForFieldName('object')!, scope);
    const keyNode = target.type === 'member_expression' ? target.childForFieldName('property')! : target.childForFieldName('index')!;
    const key = target.type === 'member_expression' ? keyNode.text : ev.eval(keyNode, scope);
    if (typeof object === 'object' && object !== null && object.kind === 'object' && (typeof key === 'string' || typeof key === 'number')) object.props.set(String(key), value);
    else if (typeof object === 'object' && object !== null && object.kind === 'array' && typeof key === 'number') {
      // Only within or just past the end: `a[1e9] = 0` would make a sparse array of a billion.
      if (Number.isInteger(key) && key >= 0 && key <= object.items.length && fitsCollection(key + 1)) object.items[key] = value;
      else ev.host.note(target, `the assignment to index ${key} is not followed`);
    }
  } else if (target.type === 'object_pattern' || target.type === 'array_pattern') bindPattern(ev, target, value, scope, false);
}
