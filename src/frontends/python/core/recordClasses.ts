/**
 * Classes whose `__init__` Python generates from a field list: `@dataclass` (annotated
 * fields, defaults, `field(default_factory=...)`, `__post_init__`), `typing.NamedTuple`
 * subclasses and `collections.namedtuple(...)`. The generated `__init__` is a builtin
 * method that binds the fields as Python's would; named tuples also unpack and index.
 */
import type { AnalysisContext } from './context';
import { builtin } from './methods';
import type { PyNode } from './syntax';
import { field, textOf } from './syntax';
import type { PyBuiltin, PyClass, PyFunction, PyInstance, Value } from './values';
import { isObject, sequenceOf, tuple, unknown } from './values';

type CallValue = (context: AnalysisContext, callee: Value, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode) => Value;

/** Class attribute holding a generated class's field names, in order (inherited ones first). */
const fieldsKey = '__dataclass_fields__';
/** Class attribute marking a named tuple: its instances unpack and index by field. */
const namedTupleKey = '__namedtuple__';
/** The builtin name of a `dataclasses.field(...)` marker that gives no default. */
const requiredFieldName = 'dataclasses.field (no default)';

/** `dataclasses.field(default=..., default_factory=...)`: a marker whose call gives the field's default. */
export function dataclassField(context: AnalysisContext, kwargs: ReadonlyMap<string, Value>, site: PyNode, call: CallValue): PyBuiltin {
  const factory = kwargs.get('default_factory');
  const fallback = kwargs.get('default');
  if (factory !== undefined) return builtin('dataclasses.field', () => call(context, factory, [], new Map(), site));
  if (fallback !== undefined) return builtin('dataclasses.field', () => fallback);
  return builtin(requiredFieldName, () => unknown('a dataclass field without a default'));
}

/** A class attribute through the bases (attributes.ts has the same walk; importing it would close an import cycle). */
function classAttributeValue(cls: PyClass, name: string): Value | undefined {
  if (cls.attrs.has(name)) return cls.attrs.get(name);
  for (const base of cls.bases) {
    const value = isObject(base) && base.kind === 'class' ? classAttributeValue(base, name) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The field names a class inherits and declares (`name: type` or `name: type = default` in its body). */
function declaredFields(context: AnalysisContext, cls: PyClass): string[] {
  const names: string[] = [];
  for (const base of cls.bases) {
    const inherited = isObject(base) && base.kind === 'class' ? sequenceOf(classAttributeValue(base, fieldsKey) ?? null) : undefined;
    for (const name of inherited ?? []) if (typeof name === 'string' && !names.includes(name)) names.push(name);
  }
  const body = field(cls.node, 'body');
  for (const statement of body?.children ?? []) {
    const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
    const left = assignment?.type === 'assignment' && field(assignment, 'type') ? field(assignment, 'left') : undefined;
    if (left?.type !== 'identifier') continue;
    const name = textOf(context.syntax, left);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function fieldsOf(cls: PyClass): readonly string[] {
  return (sequenceOf(classAttributeValue(cls, fieldsKey) ?? null) ?? []).filter((name): name is string => typeof name === 'string');
}

/** The default of a field: its class attribute, or what a `field(...)` marker gives; undefined when it has none. */
function fieldDefault(cls: PyClass, name: string, site: PyNode): Value | undefined {
  const value = classAttributeValue(cls, name);
  if (value === undefined) return undefined;
  if (isObject(value) && value.kind === 'builtin' && value.name === requiredFieldName) return undefined;
  if (isObject(value) && value.kind === 'builtin' && value.name === 'dataclasses.field') return value.call([], new Map(), site);
  return value;
}

/** The generated `__init__(self, *fields)`: positional, then keyword, then the defaults; `__post_init__` last. */
function generatedInit(context: AnalysisContext, call: CallValue): PyBuiltin {
  return {
    kind: 'builtin',
    name: '__init__',
    method: true,
    call: (args, kwargs, site) => {
      const [self, ...values] = args;
      if (!isObject(self ?? null) || (self as { kind: string }).kind !== 'instance') return null;
      const instance = self as PyInstance;
      const owner = instance.cls;
      fieldsOf(owner).forEach((name, index) => {
        const given = index < values.length ? values[index] : kwargs.get(name);
        instance.attrs.set(name, given ?? fieldDefault(owner, name, site) ?? unknown(`the field '${name}' of ${owner.name}() (not given)`));
      });
      const postInit = classAttributeValue(owner, '__post_init__');
      if (isObject(postInit ?? null) && (postInit as { kind: string }).kind === 'function' && !isNamedTuple(owner))
        call(context, { kind: 'bound', self: instance, fn: postInit as PyFunction }, [], new Map(), site);
      return null;
    },
  };
}

/** Makes `cls` a dataclass: its field list and, unless the class writes its own, the generated `__init__`. */
export function makeDataclass(context: AnalysisContext, cls: PyClass, call: CallValue): PyClass {
  cls.attrs.set(fieldsKey, tuple(declaredFields(context, cls)));
  if (!cls.attrs.has('__init__')) cls.attrs.set('__init__', generatedInit(context, call));
  return cls;
}

/** `class Point(NamedTuple)`: a dataclass whose instances are also tuples. */
export function makeNamedTupleClass(context: AnalysisContext, cls: PyClass, call: CallValue): PyClass {
  cls.attrs.set(namedTupleKey, true);
  return makeDataclass(context, cls, call);
}

/** `collections.namedtuple('Point', ['x', 'y'], defaults=...)`, field names also as `'x y'` or `'x, y'`. */
export function namedTupleFactory(context: AnalysisContext, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode, call: CallValue): Value {
  const name = args[0] ?? kwargs.get('typename');
  const spec = args[1] ?? kwargs.get('field_names') ?? null;
  const names = typeof spec === 'string' ? spec.split(/[\s,]+/).filter(Boolean) : sequenceOf(spec);
  if (typeof name !== 'string' || !names || !names.every((item) => typeof item === 'string')) return unknown('namedtuple() with unknown fields');
  const cls: PyClass = { kind: 'class', name, node: site, bases: [], attrs: new Map(), torchBase: null };
  cls.attrs.set(fieldsKey, tuple(names));
  cls.attrs.set(namedTupleKey, true);
  const defaults = sequenceOf(kwargs.get('defaults') ?? null) ?? [];
  defaults.forEach((value, index) => cls.attrs.set(names[names.length - defaults.length + index] as string, value));
  cls.attrs.set('__init__', generatedInit(context, call));
  return cls;
}

function isNamedTuple(cls: PyClass): boolean {
  return classAttributeValue(cls, namedTupleKey) === true;
}

/** `typing.NamedTuple` among a class's bases. */
export function derivesNamedTuple(bases: readonly Value[]): boolean {
  return bases.some((base) => isObject(base) && base.kind === 'ns' && /^(typing\.)?NamedTuple$/.test(base.path));
}

/** The items of a named-tuple instance in field order, else undefined. */
export function namedTupleItems(value: Value): readonly Value[] | undefined {
  if (!isObject(value) || value.kind !== 'instance' || value.moduleId !== null || !isNamedTuple(value.cls)) return undefined;
  return fieldsOf(value.cls).map((name) => value.attrs.get(name) ?? null);
}
