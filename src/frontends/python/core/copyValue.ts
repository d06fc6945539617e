/**
 * `copy.copy` and `copy.deepcopy`. A deep copy of a module is a new module with its own
 * parameters (transformer-style `clones()`), so every copied leaf gets a new id and counts.
 */
import type { AnalysisContext } from './context';
import type { Value } from './values';
import { isObject, list, tuple } from './values';

/** A copy of `value`; module objects and containers are copied only when `deep`. */
export function copyValue(context: AnalysisContext, value: Value, deep: boolean): Value {
  const memo = new Map<object, Value>();
  const copy = (item: Value, top: boolean): Value => {
    if (!isObject(item)) return item;
    if (!top && !deep) return item;
    const seen = memo.get(item);
    if (seen !== undefined) return seen;
    let result: Value;
    switch (item.kind) {
      case 'list':
        result = list(item.items.map((entry) => copy(entry, false)));
        break;
      case 'tuple':
        result = tuple(item.items.map((entry) => copy(entry, false)));
        break;
      case 'dict':
        result = { kind: 'dict', entries: new Map([...item.entries].map(([key, [name, entry]]) => [key, [name, copy(entry, false)]])), ordered: item.ordered };
        break;
      case 'instance': {
        const attrs = new Map<string, Value>();
        result = { kind: 'instance', cls: item.cls, attrs, moduleId: item.moduleId === null ? null : context.newModuleId() };
        memo.set(item, result);
        for (const [name, entry] of item.attrs) attrs.set(name, copy(entry, false));
        return result;
      }
      case 'layer':
        result = { ...item, moduleId: context.newModuleId() };
        break;
      case 'container': {
        const children = new Map<string, Value>();
        result = { ...item, moduleId: context.newModuleId(), children };
        memo.set(item, result);
        for (const [name, entry] of item.children) children.set(name, copy(entry, false));
        return result;
      }
      default:
        result = item;
    }
    memo.set(item, result);
    return result;
  };
  return copy(value, true);
}
