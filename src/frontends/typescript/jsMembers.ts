/**
 * Property access for the static JS evaluator: plain data (arrays, objects, strings),
 * the few globals model code uses (`Math`, `Array.from`), and the host's library objects.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { JsHost } from './jsHost';
import type { JsBuiltin, JsRegex, JsValue } from './jsValues';
import { isUnknown, jsArray, unknown, valueKind } from './jsValues';
import { boundedArray, boundedText } from './jsSizeLimits';
import { appendAll } from '../analysisLimits';

const mathFunctions: Readonly<Record<string, (...xs: number[]) => number>> = {
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  trunc: Math.trunc,
  abs: Math.abs,
  sqrt: Math.sqrt,
  max: Math.max,
  min: Math.min,
  pow: Math.pow,
  log2: Math.log2,
  log: Math.log,
  exp: Math.exp,
};

function builtin(name: string, call: JsBuiltin['call']): JsBuiltin {
  return { kind: 'builtin', name, call };
}

/** Calls back into the evaluator for callbacks (`map`, `forEach`, `Array.from`). */
export type Invoke = (fn: JsValue, args: JsValue[], site: Node) => JsValue;

/** What property access needs from the evaluator. */
export interface MemberContext {
  readonly host: JsHost;
  readonly invoke: Invoke;
}

function arrayMember(items: JsValue[], name: string, invoke: Invoke): JsValue {
  switch (name) {
    case 'length':
      return items.length;
    case 'push':
      return builtin('push', (args) => {
        const tooMany = boundedArray(items.length + args.length);
        if (tooMany) return tooMany;
        appendAll(items, args);
        return items.length;
      });
    case 'pop':
      return builtin('pop', () => items.pop());
    case 'concat':
      return builtin('concat', (args) => {
        const parts = args.map((a) => (typeof a === 'object' && a !== null && a.kind === 'array' ? a.items : [a]));
        const tooMany = boundedArray(parts.reduce((sum, part) => sum + part.length, items.length));
        if (tooMany) return tooMany;
        const joined = [...items];
        for (const part of parts) appendAll(joined, part);
        return jsArray(joined);
      });
    case 'slice':
      return builtin('slice', (args) => jsArray(items.slice(args[0] as number | undefined, args[1] as number | undefined)));
    case 'reverse':
      return builtin('reverse', () => jsArray(items.reverse()));
    case 'includes':
      return builtin('includes', (args) => items.includes(args[0]));
    case 'indexOf':
      return builtin('indexOf', (args) => items.indexOf(args[0]));
    case 'join':
      return builtin('join', (args) => {
        const separator = typeof args[0] === 'string' ? args[0] : ',';
        const texts = items.map(String);
        return boundedText(texts.reduce((sum, text) => sum + text.length, separator.length * Math.max(0, texts.length - 1))) ?? texts.join(separator);
      });
    case 'map':
      return builtin('map', (args, site) => jsArray(items.map((v, i) => invoke(args[0], [v, i], site))));
    case 'forEach':
      return builtin('forEach', (args, site) => {
        items.forEach((v, i) => invoke(args[0], [v, i], site));
        return undefined;
      });
    case 'reduce':
      return builtin('reduce', (args, site) => {
        let acc = args.length > 1 ? args[1] : items[0];
        for (let i = args.length > 1 ? 0 : 1; i < items.length; i++) acc = invoke(args[0], [acc, items[i], i], site);
        return acc;
      });
    case 'keys':
      return builtin('keys', () => jsArray(items.map((_v, i) => i)));
    case 'fill':
      return builtin('fill', (args) => jsArray(items.fill(args[0])));
    default: {
      const index = Number(name);
      if (Number.isInteger(index)) return items[index];
      return unknown(`array.${name} is not modelled`);
    }
  }
}

/** A string's methods that model code tests in conditions and builds names with. */
function stringMember(text: string, name: string): JsValue {
  const texts = (args: JsValue[]): string[] | undefined =>
    args.every((a) => typeof a === 'string' || typeof a === 'number' || a === undefined) ? args.map((a) => (a === undefined ? '' : String(a))) : undefined;
  const method = (call: (args: JsValue[]) => JsValue): JsBuiltin =>
    builtin(`string.${name}`, (args) => (args.some(isUnknown) ? unknown(`string.${name} of an unknown value`) : call(args)));
  switch (name) {
    case 'length':
      return text.length;
    case 'includes':
    case 'startsWith':
    case 'endsWith':
      return method((args) => (typeof args[0] === 'string' ? text[name](args[0], typeof args[1] === 'number' ? args[1] : undefined) : unknown(`string.${name} of a non-string`)));
    case 'indexOf':
      return method((args) => (typeof args[0] === 'string' ? text.indexOf(args[0]) : unknown('string.indexOf of a non-string')));
    case 'match':
      // Only a regular expression written in the code is run: its pattern is known text.
      return method((args) =>
        typeof args[0] === 'object' && args[0] !== null && args[0].kind === 'regex' ? matchText(text, args[0]) : unknown('string.match of a non-literal pattern'),
      );
    case 'toLowerCase':
    case 'toUpperCase':
    case 'trim':
      return method(() => text[name]());
    case 'slice':
    case 'substring':
      return method((args) => {
        const [start, end] = args;
        return typeof start === 'number' && (end === undefined || typeof end === 'number') ? text[name](start, end) : unknown(`string.${name} of unknown bounds`);
      });
    case 'split':
      return method((args) => {
        const parts = texts(args.slice(0, 1));
        return parts && parts.length === 1 && typeof args[0] === 'string' ? jsArray(text.split(parts[0])) : unknown('string.split of a non-string separator');
      });
    default:
      return unknown(`string.${name} is not modelled`);
  }
}

/** `text.match(/re/flags)`: the matches as an array, or null. */
function matchText(text: string, regex: JsRegex): JsValue {
  // Patterns that can backtrack for ages are not run: a quantified group (`(a+)+$`), or more
  // than one unbounded repetition (`a*a*a*b`); nor are long texts.
  const unbounded = regex.pattern.match(/[*+]|\{\d+,\}/g)?.length ?? 0;
  if (/\)[*+?{]/.test(regex.pattern) || unbounded > 1 || text.length > 1_000) return unknown('string.match with a pattern that is not run');
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex.pattern, regex.flags);
  } catch {
    return unknown('an invalid regular expression');
  }
  const found = text.match(compiled);
  return found === null ? null : jsArray(found.map((m) => m ?? undefined));
}

function globalMember(path: string, name: string, invoke: Invoke): JsValue {
  if (path === 'Math') {
    const fn = mathFunctions[name];
    if (fn) return builtin(`Math.${name}`, (args) => (args.every((a) => typeof a === 'number') ? fn(...(args as number[])) : unknown(`Math.${name} of unknown values`)));
    if (name === 'PI') return Math.PI;
    if (name === 'E') return Math.E;
  }
  if (path === 'Array' && name === 'from') {
    return builtin('Array.from', (args, site) => {
      const source = args[0];
      let items: JsValue[] | undefined;
      if (typeof source === 'object' && source !== null && source.kind === 'array') items = [...source.items];
      else if (typeof source === 'object' && source !== null && source.kind === 'object') {
        const length = source.props.get('length');
        if (typeof length === 'number' && Number.isInteger(length) && length >= 0) {
          // Sized before it is built: `Array.from({length: 1e9})` aborted the process.
          const tooMany = boundedArray(length);
          if (tooMany) return tooMany;
          items = new Array<JsValue>(length).fill(undefined);
        }
      }
      if (!items) return unknown('Array.from of an unknown value');
      return jsArray(args[1] === undefined ? items : items.map((v, i) => invoke(args[1], [v, i], site)));
    });
  }
  if (path === 'Number' && (name === 'isInteger' || name === 'isFinite')) {
    const test = Number[name];
    return builtin(`Number.${name}`, (args) => (isUnknown(args[0]) ? args[0] : test(args[0])));
  }
  if (path === 'Array' && name === 'isArray') return builtin('Array.isArray', (args) => typeof args[0] === 'object' && args[0] !== null && args[0].kind === 'array');
  if (path === 'Object' && name === 'assign') {
    return builtin('Object.assign', (args) => {
      const target = args[0];
      if (typeof target !== 'object' || target === null || target.kind !== 'object') return unknown('Object.assign on a non-object');
      for (const source of args.slice(1)) if (typeof source === 'object' && source !== null && source.kind === 'object') for (const [k, v] of source.props) target.props.set(k, v);
      return target;
    });
  }
  return { kind: 'ns', path: `${path}.${name}` };
}

/** `object.name` for any evaluator value. */
export function memberOf(object: JsValue, name: string, site: Node, context: MemberContext): JsValue {
  if (isUnknown(object)) return object;
  if (typeof object === 'string') return stringMember(object, name);
  if (typeof object !== 'object' || object === null) return unknown(`property ${name} of ${valueKind(object)}`);
  switch (object.kind) {
    case 'array':
      return arrayMember(object.items, name, context.invoke);
    case 'object':
      return object.props.has(name) ? object.props.get(name) : undefined;
    case 'ns':
      return globalMember(object.path, name, context.invoke);
    case 'builtin':
      return object.members?.get(name) ?? unknown(`${object.name}.${name} is not modelled`);
    default: {
      const hosted = context.host.member(object, name, site);
      return hosted === undefined ? unknown(`${valueKind(object)}.${name} is not modelled`) : hosted;
    }
  }
}
