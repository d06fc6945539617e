/**
 * Methods of built-in values (list, dict, str) and of torch.nn modules and containers
 * (`append`, `add_module`, `modules()`, `eval()`, ...), as builtins bound to their object.
 */
import type { AnalysisContext } from './context';
import { callValue } from './calls';
import { formatValue } from './literals';
import { callModule, leafLayers, moduleChildren, runSequential } from './modules';
import { iterate } from './assignment';
import type { PyNode } from './syntax';
import type { PyBuiltin, PyContainer, PyDict, PyInstance, PyLayer, PyList, Value } from './values';
import { intOf, isModule, isObject, keyOf, list, sequenceOf, tuple, unknown } from './values';

/** A builtin function value. */
export function builtin(name: string, call: PyBuiltin['call']): PyBuiltin {
  return { kind: 'builtin', name, call };
}

export function listMethod(target: PyList, name: string): Value | undefined {
  switch (name) {
    case 'append': return builtin(name, ([value]) => { target.items.push(value ?? null); return null; });
    case 'extend': return builtin(name, ([value]) => {
      const items = isObject(value) && (value.kind === 'list' || value.kind === 'tuple') ? value.items : undefined;
      if (items) target.items.push(...items);
      return null;
    });
    case 'insert': return builtin(name, ([index, value]) => {
      const position = intOf(index ?? null);
      if (position !== undefined) target.items.splice(position < 0 ? target.items.length + position : position, 0, value ?? null);
      return null;
    });
    case 'pop': return builtin(name, ([index]) => {
      const position = index === undefined ? target.items.length - 1 : intOf(index);
      if (position === undefined) return unknown('list.pop');
      return target.items.splice(position < 0 ? target.items.length + position : position, 1)[0] ?? unknown('pop from an empty list');
    });
    case 'reverse': return builtin(name, () => { target.items.reverse(); return null; });
    case 'copy': return builtin(name, () => list([...target.items]));
    case 'clear': return builtin(name, () => { target.items.length = 0; return null; });
    default: return undefined;
  }
}

export function dictMethod(target: PyDict, name: string): Value | undefined {
  const entries = (): [Value, Value][] => [...target.entries.values()];
  switch (name) {
    case 'keys': return builtin(name, () => list(entries().map(([key]) => key)));
    case 'values': return builtin(name, () => list(entries().map(([, value]) => value)));
    case 'items': return builtin(name, () => list(entries().map(([key, value]) => tuple([key, value]))));
    case 'get': return builtin(name, ([key, fallback]) => {
      const hash = keyOf(key ?? null);
      if (hash === undefined) return unknown('dict.get with an unknown key');
      return target.entries.get(hash)?.[1] ?? fallback ?? null;
    });
    case 'pop': return builtin(name, ([key, fallback]) => {
      const hash = keyOf(key ?? null);
      const entry = hash === undefined ? undefined : target.entries.get(hash);
      if (hash !== undefined) target.entries.delete(hash);
      return entry?.[1] ?? fallback ?? unknown('dict.pop');
    });
    case 'setdefault': return builtin(name, ([key, fallback]) => {
      const hash = keyOf(key ?? null);
      if (hash === undefined) return unknown('dict.setdefault');
      if (!target.entries.has(hash)) target.entries.set(hash, [key, fallback ?? null]);
      return target.entries.get(hash)![1];
    });
    case 'update': return builtin(name, ([other], kwargs) => {
      if (isObject(other ?? null) && (other as PyDict).kind === 'dict') for (const [hash, entry] of (other as PyDict).entries) target.entries.set(hash, entry);
      for (const [key, value] of kwargs) target.entries.set(keyOf(key)!, [key, value]);
      return null;
    });
    case 'copy': return builtin(name, () => ({ kind: 'dict', entries: new Map(target.entries) }));
    default: return undefined;
  }
}

export function stringMethod(target: string, name: string): Value | undefined {
  switch (name) {
    case 'format': return builtin(name, (args, kwargs) => {
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
    case 'join': return builtin(name, ([items]) => {
      const parts = items === undefined ? undefined : sequenceOf(items);
      return parts && parts.every((part) => typeof part === 'string') ? parts.join(target) : unknown('str.join');
    });
    case 'upper': return builtin(name, () => target.toUpperCase());
    case 'lower': return builtin(name, () => target.toLowerCase());
    case 'strip': return builtin(name, () => target.trim());
    case 'startswith': return builtin(name, ([prefix]) => (typeof prefix === 'string' ? target.startsWith(prefix) : unknown('str.startswith')));
    case 'endswith': return builtin(name, ([suffix]) => (typeof suffix === 'string' ? target.endsWith(suffix) : unknown('str.endswith')));
    case 'replace': return builtin(name, ([from, to]) => (typeof from === 'string' && typeof to === 'string' ? target.split(from).join(to) : unknown('str.replace')));
    case 'split': return builtin(name, ([separator]) => list(typeof separator === 'string' ? target.split(separator) : target.trim().split(/\s+/)));
    default: return undefined;
  }
}

type ModuleValue = PyLayer | PyContainer | PyInstance;

function childMap(module: PyContainer | PyInstance): Map<string, Value> {
  return module.kind === 'container' ? module.children : module.attrs;
}

/** `append`, `extend`, `insert`, `keys`/`values`/`items` of ModuleList/ModuleDict/Sequential (and their subclasses). */
export function containerMethod(context: AnalysisContext, container: PyContainer | PyInstance, name: string): Value | undefined {
  const children = childMap(container);
  const count = (): number => moduleChildren(container).length;
  switch (name) {
    case 'append': return builtin(name, ([value]) => { children.set(String(count()), value ?? null); return container; });
    case 'extend': return builtin(name, ([value]) => {
      for (const item of iterate(context, value ?? null) ?? []) children.set(String(count()), item);
      return container;
    });
    case 'insert': return builtin(name, ([index, value]) => {
      const items = moduleChildren(container).map(([, child]) => child);
      const position = intOf(index ?? null);
      if (position === undefined) return unknown('insert at an unknown index');
      items.splice(position < 0 ? items.length + position : position, 0, value ?? null);
      for (const [key] of moduleChildren(container)) children.delete(key);
      items.forEach((item, at) => children.set(String(at), item));
      return null;
    });
    case 'keys': return builtin(name, () => list(moduleChildren(container).map(([key]) => key)));
    case 'values': return builtin(name, () => list(moduleChildren(container).map(([, child]) => child)));
    case 'items': return builtin(name, () => list(moduleChildren(container).map(([key, child]) => tuple([key, child]))));
    default: return undefined;
  }
}

/** nn.Module methods every module has. */
export function moduleMethod(context: AnalysisContext, module: ModuleValue, name: string, site: PyNode): Value | undefined {
  switch (name) {
    case 'add_module': case 'register_module':
      return module.kind === 'layer' ? undefined : builtin(name, ([key, value], _kwargs, callSite) => {
        if (typeof key === 'string') childMap(module).set(key, value ?? null);
        else context.unsupported(callSite, `${name}() with a name that is not known (${isObject(key ?? null) && (key as { kind: string }).kind === 'unknown' ? (key as { reason: string }).reason : 'not a string'})`);
        return null;
      });
    case 'register_buffer': case 'register_parameter':
      return builtin(name, ([key, value]) => {
        if (typeof key === 'string' && module.kind === 'instance') module.attrs.set(key, value ?? null);
        return null;
      });
    case 'modules': return builtin(name, () => {
      const all: Value[] = [];
      const visit = (node: Value): void => {
        all.push(node);
        for (const [, child] of moduleChildren(node)) visit(child);
      };
      visit(module);
      return list(all);
    });
    case 'named_modules': return builtin(name, () => {
      const all: Value[] = [];
      const seen = new Set<Value>();
      const visit = (node: Value, path: string): void => {
        if (seen.has(node)) return;
        seen.add(node);
        all.push(tuple([path, node]));
        for (const [key, child] of moduleChildren(node)) visit(child, path ? `${path}.${key}` : key);
      };
      visit(module, '');
      return list(all);
    });
    case 'children': return builtin(name, () => list(moduleChildren(module).map(([, child]) => child)));
    case 'named_children': return builtin(name, () => list(moduleChildren(module).map(([key, child]) => tuple([key, child]))));
    case 'parameters': return builtin(name, () => list(leafLayers(module).flatMap((leaf) =>
      (leaf.layer?.params ?? []).map((param) => ({ kind: 'tensor' as const, shape: param.shape, rf: null, coverage: null, dilations: [] })))));
    case 'apply': case 'eval': case 'train': case 'to': case 'cuda': case 'cpu': case 'float': case 'double': case 'half':
    case 'requires_grad_': case 'share_memory':
      return builtin(name, () => module);
    case 'zero_grad': case 'load_state_dict': return builtin(name, () => null);
    case 'forward':
      if (module.kind === 'container') return builtin(name, (args) => runSequential(context, moduleChildren(module), args[0] ?? null, site));
      return builtin(name, (args, kwargs) => callModule(context, module, args, kwargs, site));
    case '__call__': return builtin(name, (args, kwargs) => callValue(context, module, args, kwargs, site));
    default:
      void isModule;
      return undefined;
  }
}
