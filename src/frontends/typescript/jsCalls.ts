/**
 * The two halves of a call in the static JS evaluator that need no evaluator state: the
 * argument list (spreads, and comments, which are syntax nodes too and never arguments) and
 * binding arguments to parameters (defaults, destructuring, rest).
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsEvaluator } from './jsEvaluator';
import type { Scope } from './jsScope';
import { bindPattern } from './jsPatterns';
import type { JsFunction, JsValue } from './jsValues';
import { jsArray, unknown } from './jsValues';
import { appendAll, fitsCollection } from '../analysisLimits';

/** The named children of a list (arguments, array items, parameters) without its comments. */
export function listItems(node: Node | null): Node[] {
  const items: Node[] = [];
  for (const child of node?.namedChildren ?? []) if (child && child.type !== 'comment') items.push(child);
  return items;
}

/** Evaluates a call's arguments; a spread of a known array adds its items. */
export function evalArguments(ev: JsEvaluator, argsNode: Node | null, scope: Scope): JsValue[] {
  const args: JsValue[] = [];
  for (const child of listItems(argsNode)) {
    if (child.type === 'spread_element') {
      const spread = ev.eval(child.namedChildren[0]!, scope);
      if (typeof spread === 'object' && spread !== null && spread.kind === 'array' && fitsCollection(args.length + spread.items.length)) appendAll(args, spread.items);
      else args.push(unknown('spread arguments'));
    } else args.push(ev.eval(child, scope));
  }
  return args;
}

/** Declares a function's parameters in its new scope: defaults for missing arguments, rest, patterns. */
export function bindParameters(ev: JsEvaluator, fn: JsFunction, args: JsValue[], scope: Scope): void {
  const params = fn.node.childForFieldName('parameters') ?? fn.node.childForFieldName('parameter');
  if (!params) return;
  if (params.type === 'identifier') {
    scope.declare(params.text, args[0]);
    return;
  }
  let i = 0;
  for (const param of listItems(params)) {
    const pattern = param.childForFieldName('pattern') ?? param;
    const defaultNode = param.childForFieldName('value');
    if (pattern.type === 'rest_pattern') {
      bindPattern(ev, pattern.namedChildren[0]!, jsArray(args.slice(i)), scope, true);
      return;
    }
    let value = args[i++];
    if (value === undefined && defaultNode) value = ev.eval(defaultNode, scope);
    bindPattern(ev, pattern, value, scope, true);
  }
}
