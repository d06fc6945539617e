/**
 * Python's built-in functions as the interpreter needs them for model code: `len`,
 * `range`, `int`, `min`/`max`/`sum`, `zip`, `enumerate`, `isinstance`, `super`, `getattr`...
 */
import type { AnalysisContext } from './context';
import { callValue } from './calls';
import { formatValue } from './valueConversions';
import { getAttribute, setAttribute } from './attributes';
import { builtin } from './methods';
import { compare } from './operators';
import type { Scope } from './scope';
import { iterate } from './assignment';
import type { PythonLibrary } from './library';
import type { PyClass, PyDict, PyInstance, Value } from './values';
import { tensorScalar } from './tensorValues';
import { intOf, isObject, isTensor, isUnknown, keyOf, list, numberOf, pyFloat, rangeLength, truthy, tuple, unknown } from './values';

function isInstance(libraries: readonly PythonLibrary[], value: Value, type: Value): boolean | undefined {
  if (isUnknown(value) || isUnknown(type)) return undefined;
  if (isObject(type) && type.kind === 'tuple') {
    let unsure = false;
    for (const item of type.items) {
      const result = isInstance(libraries, value, item);
      if (result) return true;
      if (result === undefined) unsure = true;
    }
    return unsure ? undefined : false;
  }
  if (isObject(type) && type.kind === 'builtin') {
    switch (type.name) {
      case 'int':
        return typeof value === 'number' || typeof value === 'boolean';
      case 'float':
        return isObject(value) && value.kind === 'float';
      case 'bool':
        return typeof value === 'boolean';
      case 'str':
        return typeof value === 'string';
      case 'list':
        return isObject(value) && value.kind === 'list';
      case 'tuple':
        return isObject(value) && value.kind === 'tuple';
      case 'dict':
        return isObject(value) && value.kind === 'dict';
      default:
        return undefined;
    }
  }
  if (isObject(type) && type.kind === 'class') {
    if (!isObject(value) || value.kind !== 'instance') return false;
    const inherits = (cls: PyClass): boolean => cls === type || cls.bases.some((base) => isObject(base) && base.kind === 'class' && inherits(base));
    return inherits(value.cls);
  }
  if (isObject(type) && type.kind === 'ns') {
    // A library class (`nn.Conv2d`, `torch.Tensor`): its library knows its instances.
    for (const library of libraries) {
      const result = library.isInstance(type.path, value);
      if (result !== undefined) return result;
    }
  }
  return undefined;
}

function toInt(value: Value): Value {
  const number = numberOf(isTensor(value) ? (tensorScalar(value) ?? value) : value);
  if (number !== undefined) return Math.trunc(number);
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return isUnknown(value) ? value : unknown('int() of a non-number');
}

function extreme(args: Value[], kwargs: ReadonlyMap<string, Value>, pick: 'min' | 'max', context: AnalysisContext): Value {
  const items = args.length === 1 ? iterate(context, args[0]) : args;
  if (!items || items.length === 0) return kwargs.get('default') ?? unknown(`${pick}() of an unknown sequence`);
  let best = items[0];
  for (const item of items.slice(1)) {
    const better = compare(pick === 'max' ? '>' : '<', item, best);
    if (better === undefined) return unknown(`${pick}() of unknown values`);
    if (better) best = item;
  }
  return best;
}

/** Installs the builtins into the module scope. */
export function installBuiltins(context: AnalysisContext, scope: Scope): void {
  const define = (name: string, call: Parameters<typeof builtin>[1]): void => scope.set(name, builtin(name, call));
  define('len', ([value]) => {
    if (typeof value === 'string') return value.length;
    if (!isObject(value ?? null)) return unknown('len() of an unknown value');
    const target = value as Exclude<Value, null | number | boolean | string>;
    switch (target.kind) {
      case 'tuple':
      case 'list':
        return target.items.length;
      case 'dict':
        return target.entries.size;
      case 'range':
        return rangeLength(target);
      case 'container':
        return target.children.size;
      case 'tensor':
        return target.shape?.[0] ?? unknown('len() of a tensor of unknown shape');
      default:
        return iterate(context, target)?.length ?? unknown(`len() of ${target.kind}`);
    }
  });
  define('range', (args) => {
    const numbers = args.map(intOf);
    if (numbers.length === 0 || numbers.some((value) => value === undefined)) return unknown('range() of unknown bounds');
    const [start, stop, step] = numbers.length === 1 ? [0, numbers[0]!, 1] : [numbers[0]!, numbers[1]!, numbers[2] ?? 1];
    return step === 0 ? unknown('range() with step 0') : { kind: 'range', start, stop, step };
  });
  define('int', ([value]) => (value === undefined ? 0 : toInt(value)));
  define('float', ([value]) => {
    if (typeof value === 'string') return pyFloat(Number(value.replace(/inf/i, 'Infinity')));
    const number = value === undefined ? 0 : numberOf(isTensor(value) ? (tensorScalar(value) ?? value) : value);
    return number === undefined ? unknown('float() of a non-number') : pyFloat(number);
  });
  define('bool', ([value]) => (value === undefined ? false : (truthy(value) ?? unknown('bool() of an unknown value'))));
  define('str', ([value]) => (value === undefined ? '' : (formatValue(value) ?? unknown('str() of an object'))));
  define('list', ([value]) => (value === undefined ? list([]) : iterate(context, value) ? list([...iterate(context, value)!]) : unknown('list() of an unknown iterable')));
  define('tuple', ([value]) => (value === undefined ? tuple([]) : iterate(context, value) ? tuple([...iterate(context, value)!]) : unknown('tuple() of an unknown iterable')));
  define('dict', (args, kwargs) => {
    const dict: PyDict = { kind: 'dict', entries: new Map() };
    if (isObject(args[0] ?? null) && (args[0] as PyDict).kind === 'dict') for (const [hash, entry] of (args[0] as PyDict).entries) dict.entries.set(hash, entry);
    for (const [key, value] of kwargs) dict.entries.set(keyOf(key)!, [key, value]);
    return dict;
  });
  define('min', (args, kwargs) => extreme(args, kwargs, 'min', context));
  define('max', (args, kwargs) => extreme(args, kwargs, 'max', context));
  define('sum', ([value, start]) => {
    const items = value === undefined ? undefined : iterate(context, value);
    if (!items) return unknown('sum() of an unknown iterable');
    let total = numberOf(start ?? 0) ?? 0;
    let float = false;
    for (const item of items) {
      const number = numberOf(item);
      if (number === undefined) return unknown('sum() of unknown values');
      float ||= isObject(item) && item.kind === 'float';
      total += number;
    }
    return float ? pyFloat(total) : total;
  });
  define('abs', ([value]) => {
    const number = numberOf(value ?? null);
    return number === undefined ? unknown('abs()') : isObject(value ?? null) ? pyFloat(Math.abs(number)) : Math.abs(number);
  });
  define('round', ([value, digits]) => {
    const number = numberOf(value ?? null);
    if (number === undefined) return unknown('round()');
    if (digits === undefined || digits === null) {
      const floor = Math.floor(number);
      const diff = number - floor;
      return diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
    }
    return pyFloat(Number(number.toFixed(intOf(digits) ?? 0)));
  });
  define('divmod', ([a, b]) => {
    const x = intOf(a ?? null);
    const y = intOf(b ?? null);
    return x === undefined || y === undefined || y === 0 ? unknown('divmod()') : tuple([Math.floor(x / y), x - y * Math.floor(x / y)]);
  });
  define('zip', (args) => {
    const sequences = args.map((arg) => iterate(context, arg));
    if (sequences.some((items) => !items)) return unknown('zip() of an unknown iterable');
    const length = Math.min(...sequences.map((items) => items!.length));
    return list(Array.from({ length }, (_, index) => tuple(sequences.map((items) => items![index]))));
  });
  define('enumerate', ([value, start]) => {
    const items = value === undefined ? undefined : iterate(context, value);
    const offset = intOf(start ?? 0) ?? 0;
    return items ? list(items.map((item, index) => tuple([index + offset, item]))) : unknown('enumerate() of an unknown iterable');
  });
  define('reversed', ([value]) => {
    const items = value === undefined ? undefined : iterate(context, value);
    return items ? list([...items].reverse()) : unknown('reversed()');
  });
  define('sorted', ([value]) => {
    const items = value === undefined ? undefined : iterate(context, value);
    const numbers = items?.map(numberOf);
    return numbers && numbers.every((number) => number !== undefined) ? list([...(numbers as number[])].sort((a, b) => a - b)) : unknown('sorted()');
  });
  define('any', ([value]) => {
    const items = value === undefined ? undefined : iterate(context, value);
    const truths = items?.map(truthy);
    return truths && !truths.includes(undefined) ? truths.includes(true) : unknown('any()');
  });
  define('all', ([value]) => {
    const items = value === undefined ? undefined : iterate(context, value);
    const truths = items?.map(truthy);
    return truths && !truths.includes(undefined) ? !truths.includes(false) : unknown('all()');
  });
  define('map', ([fn, ...sources], _kwargs, site) => {
    const sequences = sources.map((source) => iterate(context, source));
    if (fn === undefined || sequences.some((items) => !items)) return unknown('map() of an unknown iterable');
    const length = Math.min(...sequences.map((items) => items!.length));
    return list(
      Array.from({ length }, (_, index) =>
        callValue(
          context,
          fn,
          sequences.map((items) => items![index]),
          new Map(),
          site,
        ),
      ),
    );
  });
  define('isinstance', ([value, type]) => isInstance(context.libraries.all, value ?? null, type ?? null) ?? unknown('isinstance() of an unknown value'));
  define('issubclass', () => unknown('issubclass()'));
  define(
    'callable',
    ([value]) => isObject(value ?? null) && ['function', 'builtin', 'bound', 'class', 'layer', 'container', 'instance'].includes((value as { kind: string }).kind),
  );
  define('hasattr', ([object, name], _kwargs, site) => {
    if (typeof name !== 'string') return unknown('hasattr()');
    const value = getAttribute(context, object ?? null, name, site);
    return isUnknown(value) ? (isObject(object ?? null) && (object as { kind: string }).kind === 'instance' ? false : unknown('hasattr()')) : true;
  });
  define('getattr', ([object, name, fallback], _kwargs, site) => {
    if (typeof name !== 'string') return unknown('getattr() with an unknown name');
    const value = getAttribute(context, object ?? null, name, site);
    return isUnknown(value) && fallback !== undefined ? fallback : value;
  });
  define('setattr', ([object, name, value]) => {
    if (typeof name === 'string') setAttribute(context, object ?? null, name, value ?? null);
    return null;
  });
  // No set type: a set is its distinct items in first-seen order (what `len(set(x))` and `in` need).
  define('set', ([value]) => {
    const items = value === undefined ? [] : iterate(context, value);
    if (!items) return unknown('set() of an unknown iterable');
    const seen = new Set<string>();
    const distinct: Value[] = [];
    for (const item of items) {
      const key = keyOf(item);
      if (key === undefined) return unknown('set() of values that cannot be compared');
      if (!seen.has(key)) distinct.push(item);
      seen.add(key);
    }
    return list(distinct);
  });
  define('vars', ([object]) => {
    if (!isObject(object ?? null) || (object as { kind: string }).kind !== 'instance') return unknown('vars() of a non-instance');
    const dict: PyDict = { kind: 'dict', entries: new Map() };
    for (const [key, value] of (object as PyInstance).attrs) dict.entries.set(keyOf(key)!, [key, value]);
    return dict;
  });
  define('print', () => null);
  define('type', ([value]) => (isObject(value ?? null) && (value as { kind: string }).kind === 'instance' ? (value as { cls: PyClass }).cls : unknown('type()')));
  define('id', () => unknown('id()'));
  define('iter', ([value]) => value ?? null);
  define('next', ([value]) => {
    const items = value === undefined ? undefined : iterate(context, value);
    return items && items.length > 0 ? items[0] : unknown('next()');
  });
  define('super', (args) => {
    if (args.length >= 2 && isObject(args[0]) && args[0].kind === 'class') return { kind: 'super', cls: args[0], self: args[1] };
    const frame = context.frames[context.frames.length - 1];
    if (!frame || !frame.fn.owner) return unknown('super() outside a method');
    return { kind: 'super', cls: frame.fn.owner, self: frame.self };
  });
  scope.set('object', { kind: 'ns', path: 'builtins.object' });
  scope.set('__name__', '__main__');
  scope.set('__file__', 'model.py');
}
