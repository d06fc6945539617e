/**
 * Calls of the Python standard library by their dotted path (`copy.deepcopy`,
 * `collections.OrderedDict`, `functools.partial`, `math.*`, `typing.cast`, dataclasses,
 * named tuples, `argparse`), asked after the libraries;
 * any other path is reported as not followed and its result is unknown.
 */
import type { AnalysisContext } from './context';
import { copyValue } from './copyValue';
import type { PyNode } from './syntax';
import { builtin } from './methods';
import { dataclassField, makeDataclass, namedTupleFactory } from './recordClasses';
import { argumentParser } from './argparseModel';
import type { PyClass, PyDict, Value } from './values';
import { isObject, keyOf, numberOf, pyFloat, sequenceOf, tuple, unknown } from './values';

type CallValue = (context: AnalysisContext, callee: Value, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode) => Value;

function orderedDict(args: Value[], kwargs: ReadonlyMap<string, Value>): Value {
  const dict: PyDict = { kind: 'dict', entries: new Map(), ordered: true };
  const pairs =
    args[0] === undefined ? [] : isObject(args[0]) && args[0].kind === 'dict' ? [...args[0].entries.values()].map(([key, value]) => tuple([key, value])) : sequenceOf(args[0]);
  if (!pairs) return unknown('OrderedDict of an unknown sequence');
  for (const pair of pairs) {
    const items = sequenceOf(pair);
    const key = items?.[0];
    const hash = key === undefined ? undefined : keyOf(key);
    if (!items || items.length !== 2 || hash === undefined) return unknown('OrderedDict entries');
    dict.entries.set(hash, [key!, items[1]]);
  }
  for (const [key, value] of kwargs) dict.entries.set(keyOf(key)!, [key, value]);
  return dict;
}

/** `math.prod(seq)` / `np.prod(shape)`: an int for ints (numpy's int64 passes as one), a float if any factor is. */
function product(sequence: Value | undefined): Value {
  const items = sequence === undefined ? undefined : sequenceOf(sequence);
  const factors = items?.map(numberOf);
  if (!items || !factors || factors.some((factor) => factor === undefined)) return unknown('the product of an unknown sequence');
  const result = (factors as number[]).reduce((total, factor) => total * factor, 1);
  return items.some((item) => isObject(item) && item.kind === 'float') ? pyFloat(result) : result;
}

function mathFunction(name: string, args: Value[]): Value | undefined {
  if (name === 'prod') return product(args[0]);
  const numbers = args.map(numberOf);
  if (numbers.some((value) => value === undefined)) return unknown(`math.${name} of an unknown value`);
  const [a, b] = numbers as number[];
  switch (name) {
    case 'ceil':
      return Math.ceil(a);
    case 'floor':
      return Math.floor(a);
    case 'trunc':
      return Math.trunc(a);
    case 'sqrt':
      return pyFloat(Math.sqrt(a));
    case 'isqrt':
      return Math.floor(Math.sqrt(a));
    case 'log':
      return pyFloat(b === undefined ? Math.log(a) : Math.log(a) / Math.log(b));
    case 'log2':
      return pyFloat(Math.log2(a));
    case 'log10':
      return pyFloat(Math.log10(a));
    case 'exp':
      return pyFloat(Math.exp(a));
    case 'pow':
      return pyFloat(a ** b);
    case 'gcd': {
      let x = Math.abs(a);
      let y = Math.abs(b);
      while (y) [x, y] = [y, x % y];
      return x;
    }
    default:
      return undefined;
  }
}

const identity = builtin('decorator', ([value]) => value ?? null);

/** `@dataclass`, `@dataclass(...)`, `@functools.wraps(f)`, `@lru_cache(...)`: what applying them gives. */
function standardDecorator(context: AnalysisContext, path: string, args: Value[], call: CallValue): Value | undefined {
  if (path === 'dataclasses.dataclass') {
    const target = args[0];
    if (target === undefined)
      return builtin('dataclass', ([cls]) => (isObject(cls ?? null) && (cls as PyClass).kind === 'class' ? makeDataclass(context, cls as PyClass, call) : unknown('@dataclass')));
    return isObject(target) && target.kind === 'class' ? makeDataclass(context, target, call) : unknown('@dataclass of a non-class');
  }
  // Decorators that keep the function as it is (as far as shapes are concerned).
  if (/^functools\.(wraps|lru_cache|cache|total_ordering)$|^typing\.(final|overload|no_type_check)$/.test(path)) {
    return path === 'functools.wraps' || (path === 'functools.lru_cache' && args.length === 0) ? identity : (args[0] ?? identity);
  }
  return undefined;
}

/** Calls the standard-library function at `path`; `call` calls a value (for `functools.partial`). */
export function callStandardLibrary(context: AnalysisContext, path: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode, call: CallValue): Value {
  if (path === 'copy.copy' || path === 'copy.deepcopy') return copyValue(context, args[0] ?? null, path === 'copy.deepcopy');
  if (path === 'collections.OrderedDict' || path === 'typing.OrderedDict') return orderedDict(args, kwargs);
  if (path === 'functools.partial') {
    const [target, ...bound] = args;
    return {
      kind: 'builtin',
      name: 'partial',
      call: (more, moreKwargs, callSite) => call(context, target ?? null, [...bound, ...more], new Map([...kwargs, ...moreKwargs]), callSite),
    };
  }
  const decorator = standardDecorator(context, path, args, call);
  if (decorator !== undefined) return decorator;
  // Messages to the user (the analysis shows its own): nothing to follow.
  if (/^warnings\.(warn|simplefilter|filterwarnings)$|^logging\.(debug|info|warning|error|basicConfig)$/.test(path)) return null;
  if (path === 'typing.TypeVar' || path === 'typing.NewType') return { kind: 'ns', path: 'typing.Any' };
  if (path === 'typing.cast') return args[1] ?? kwargs.get('val') ?? unknown('typing.cast()');
  if (path === 'dataclasses.field') return dataclassField(context, kwargs, site, call);
  if (path === 'collections.namedtuple') return namedTupleFactory(context, args, kwargs, site, call);
  if (path === 'argparse.ArgumentParser') return argumentParser(context, site, call);
  const math = /^(?:math|numpy|np)\.(\w+)$/.exec(path);
  if (math) {
    const value = mathFunction(math[1], args);
    if (value !== undefined) return value;
  }
  context.unsupported(site, `the call of ${path}()`);
  return unknown(`${path}()`);
}
