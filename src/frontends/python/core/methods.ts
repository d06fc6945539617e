/**
 * Methods of built-in values (list, dict, str), as builtins bound to their object. The
 * methods of library objects (torch.nn modules, Keras models) come from their plug-ins.
 */
import { formatValue } from './valueConversions';
import type { PyBuiltin, PyDict, PyList, Value } from './values';
import { intOf, isObject, keyOf, list, sequenceOf, tuple, unknown } from './values';
import { boundedItems, boundedString } from './sizeLimits';
import { appendAll } from '../../analysisLimits';

/** A builtin function value. */
export function builtin(name: string, call: PyBuiltin['call']): PyBuiltin {
  return { kind: 'builtin', name, call };
}

export function listMethod(target: PyList, name: string): Value | undefined {
  switch (name) {
    case 'append':
      return builtin(name, ([value]) => {
        target.items.push(value ?? null);
        return null;
      });
    case 'extend':
      return builtin(name, ([value]) => {
        const items = isObject(value) && (value.kind === 'list' || value.kind === 'tuple') ? value.items : undefined;
        if (!items) return null;
        // Over the limit the list keeps its items and the call is unknown (with an info).
        const tooMany = boundedItems(target.items.length + items.length, 'a list');
        if (tooMany) return tooMany;
        appendAll(target.items, items);
        return null;
      });
    case 'insert':
      return builtin(name, ([index, value]) => {
        const position = intOf(index ?? null);
        if (position !== undefined) target.items.splice(position < 0 ? target.items.length + position : position, 0, value ?? null);
        return null;
      });
    case 'pop':
      return builtin(name, ([index]) => {
        const position = index === undefined ? target.items.length - 1 : intOf(index);
        if (position === undefined) return unknown('list.pop');
        return target.items.splice(position < 0 ? target.items.length + position : position, 1)[0] ?? unknown('pop from an empty list');
      });
    case 'reverse':
      return builtin(name, () => {
        target.items.reverse();
        return null;
      });
    case 'copy':
      return builtin(name, () => list([...target.items]));
    case 'clear':
      return builtin(name, () => {
        target.items.length = 0;
        return null;
      });
    // A set is a list of distinct items (builtins.ts): the set methods model code uses.
    case 'add':
      return builtin(name, ([value]) => {
        const key = keyOf(value ?? null);
        if (key === undefined) return unknown('set.add of a value that cannot be compared');
        if (!target.items.some((item) => keyOf(item) === key)) target.items.push(value ?? null);
        return null;
      });
    case 'issubset':
      return builtin(name, ([other]) => {
        const keys = sequenceOf(other ?? null)?.map(keyOf);
        const own = target.items.map(keyOf);
        if (!keys || keys.includes(undefined) || own.includes(undefined)) return unknown('set.issubset of unknown values');
        return own.every((key) => keys.includes(key));
      });
    default:
      return undefined;
  }
}

export function dictMethod(target: PyDict, name: string): Value | undefined {
  const entries = (): [Value, Value][] => [...target.entries.values()];
  switch (name) {
    case 'keys':
      return builtin(name, () => list(entries().map(([key]) => key)));
    case 'values':
      return builtin(name, () => list(entries().map(([, value]) => value)));
    case 'items':
      return builtin(name, () => list(entries().map(([key, value]) => tuple([key, value]))));
    case 'get':
      return builtin(name, ([key, fallback]) => {
        const hash = keyOf(key ?? null);
        if (hash === undefined) return unknown('dict.get with an unknown key');
        return target.entries.get(hash)?.[1] ?? fallback ?? null;
      });
    case 'pop':
      return builtin(name, ([key, fallback]) => {
        const hash = keyOf(key ?? null);
        const entry = hash === undefined ? undefined : target.entries.get(hash);
        if (hash !== undefined) target.entries.delete(hash);
        return entry?.[1] ?? fallback ?? unknown('dict.pop');
      });
    case 'setdefault':
      return builtin(name, ([key, fallback]) => {
        const hash = keyOf(key ?? null);
        if (hash === undefined) return unknown('dict.setdefault');
        if (!target.entries.has(hash)) target.entries.set(hash, [key, fallback ?? null]);
        return target.entries.get(hash)![1];
      });
    case 'update':
      return builtin(name, ([other], kwargs) => {
        if (isObject(other ?? null) && (other as PyDict).kind === 'dict') for (const [hash, entry] of (other as PyDict).entries) target.entries.set(hash, entry);
        for (const [key, value] of kwargs) target.entries.set(keyOf(key)!, [key, value]);
        return null;
      });
    case 'copy':
      return builtin(name, () => ({ kind: 'dict', entries: new Map(target.entries) }));
    default:
      return undefined;
  }
}

export function stringMethod(target: string, name: string): Value | undefined {
  switch (name) {
    case 'format':
      return builtin(name, (args, kwargs) => {
        let next = 0;
        let failed = false;
        const text = target.replace(/\{([^{}]*)\}/g, (_, key: string) => {
          const name = key.split(/[:!]/)[0];
          const value = name === '' ? args[next++] : /^\d+$/.test(name) ? args[Number(name)] : kwargs.get(name);
          const piece = value === undefined ? undefined : formatValue(value);
          if (piece === undefined) failed = true;
          return piece ?? '';
        });
        return failed ? unknown('str.format') : text;
      });
    case 'join':
      return builtin(name, ([items]) => {
        const parts = items === undefined ? undefined : sequenceOf(items);
        if (!parts || !parts.every((part) => typeof part === 'string')) return unknown('str.join');
        const length = parts.reduce((sum, part) => sum + (part as string).length, 0) + target.length * Math.max(0, parts.length - 1);
        return boundedString(length) ?? parts.join(target);
      });
    case 'upper':
      return builtin(name, () => target.toUpperCase());
    case 'lower':
      return builtin(name, () => target.toLowerCase());
    case 'strip':
      return builtin(name, () => target.trim());
    case 'startswith':
      return builtin(name, ([prefix]) => (typeof prefix === 'string' ? target.startsWith(prefix) : unknown('str.startswith')));
    case 'endswith':
      return builtin(name, ([suffix]) => (typeof suffix === 'string' ? target.endsWith(suffix) : unknown('str.endswith')));
    case 'replace':
      return builtin(name, ([from, to]) => {
        if (typeof from !== 'string' || typeof to !== 'string') return unknown('str.replace');
        // At most one replacement per character (and one more for an empty pattern).
        return boundedString(target.length + (target.length + 1) * Math.max(0, to.length - from.length)) ?? target.split(from).join(to);
      });
    case 'split':
      return builtin(name, ([separator]) => list(typeof separator === 'string' ? target.split(separator) : target.trim().split(/\s+/)));
    default:
      return undefined;
  }
}
