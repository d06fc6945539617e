/**
 * Methods of torch.nn modules and containers (`append`, `add_module`, `modules()`,
 * `parameters()`, `eval()`, `forward`, ...), as builtins bound to their module.
 */
import type { AnalysisContext } from '../core/context';
import { callValue } from '../core/calls';
import { iterate } from '../core/assignment';
import { builtin } from '../core/methods';
import type { PyNode } from '../core/syntax';
import type { PyContainer, PyInstance, PyLayer, Value } from '../core/values';
import { intOf, isModule, isObject, list, moduleChildren, tuple, unknown } from '../core/values';
import { callModule, leafLayers, runSequential } from './modules';
type ModuleValue = PyLayer | PyContainer | PyInstance;

function childMap(module: PyContainer | PyInstance): Map<string, Value> {
  return module.kind === 'container' ? module.children : module.attrs;
}

/** Modules switched to evaluation mode (`.eval()`, `.train(False)`); every module starts in training mode, as in PyTorch. */
const evaluating = new WeakSet<ModuleValue>();

/** `module.training`: True after construction, then what `.train()` / `.eval()` last set. */
export function isTraining(module: ModuleValue): boolean {
  return !evaluating.has(module);
}

/** `.train(mode)` sets the mode of the module and of every submodule. */
function setTraining(module: ModuleValue, training: boolean): void {
  const visit = (node: Value, seen: Set<Value>): void => {
    if (!isModule(node) || seen.has(node)) return;
    seen.add(node);
    if (training) evaluating.delete(node);
    else evaluating.add(node);
    for (const [, child] of moduleChildren(node)) visit(child, seen);
  };
  visit(module, new Set());
}

/** `append`, `extend`, `insert`, `keys`/`values`/`items` of ModuleList/ModuleDict/Sequential (and their subclasses). */
export function containerMethod(context: AnalysisContext, container: PyContainer | PyInstance, name: string): Value | undefined {
  const children = childMap(container);
  const count = (): number => moduleChildren(container).length;
  switch (name) {
    case 'append':
      return builtin(name, ([value]) => {
        children.set(String(count()), value ?? null);
        return container;
      });
    case 'extend':
      return builtin(name, ([value]) => {
        for (const item of iterate(context, value ?? null) ?? []) children.set(String(count()), item);
        return container;
      });
    case 'insert':
      return builtin(name, ([index, value]) => {
        const items = moduleChildren(container).map(([, child]) => child);
        const position = intOf(index ?? null);
        if (position === undefined) return unknown('insert at an unknown index');
        items.splice(position < 0 ? items.length + position : position, 0, value ?? null);
        for (const [key] of moduleChildren(container)) children.delete(key);
        items.forEach((item, at) => children.set(String(at), item));
        return null;
      });
    case 'keys':
      return builtin(name, () => list(moduleChildren(container).map(([key]) => key)));
    case 'values':
      return builtin(name, () => list(moduleChildren(container).map(([, child]) => child)));
    case 'items':
      return builtin(name, () => list(moduleChildren(container).map(([key, child]) => tuple([key, child]))));
    default:
      return undefined;
  }
}

/** nn.Module methods every module has. */
export function moduleMethod(context: AnalysisContext, module: ModuleValue, name: string, site: PyNode): Value | undefined {
  switch (name) {
    case 'add_module':
    case 'register_module':
      return module.kind === 'layer'
        ? undefined
        : builtin(name, ([key, value], _kwargs, callSite) => {
            if (typeof key === 'string') childMap(module).set(key, value ?? null);
            else
              context.unsupported(
                callSite,
                `${name}() with a name that is not known (${isObject(key ?? null) && (key as { kind: string }).kind === 'unknown' ? (key as { reason: string }).reason : 'not a string'})`,
              );
            return null;
          });
    case 'register_buffer':
    case 'register_parameter':
      return builtin(name, ([key, value]) => {
        if (typeof key === 'string' && module.kind === 'instance') module.attrs.set(key, value ?? null);
        return null;
      });
    case 'modules':
      return builtin(name, () => {
        const all: Value[] = [];
        const visit = (node: Value): void => {
          all.push(node);
          for (const [, child] of moduleChildren(node)) visit(child);
        };
        visit(module);
        return list(all);
      });
    case 'named_modules':
      return builtin(name, () => {
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
    case 'children':
      return builtin(name, () => list(moduleChildren(module).map(([, child]) => child)));
    case 'named_children':
      return builtin(name, () => list(moduleChildren(module).map(([key, child]) => tuple([key, child]))));
    case 'parameters':
      return builtin(name, () =>
        list(
          leafLayers(module).flatMap((leaf) =>
            (leaf.layer?.params ?? []).map((param) => ({ kind: 'tensor' as const, shape: param.shape, rf: null, coverage: null, dilations: [] })),
          ),
        ),
      );
    case 'eval':
    case 'train':
      return builtin(name, ([mode]) => {
        setTraining(module, name === 'train' && mode !== false);
        return module;
      });
    case 'apply':
    case 'to':
    case 'cuda':
    case 'cpu':
    case 'float':
    case 'double':
    case 'half':
    case 'requires_grad_':
    case 'share_memory':
      return builtin(name, () => module);
    case 'zero_grad':
    case 'load_state_dict':
      return builtin(name, () => null);
    case 'forward':
      if (module.kind === 'container') return builtin(name, (args) => runSequential(context, moduleChildren(module), args[0] ?? null, site));
      return builtin(name, (args, kwargs) => callModule(context, module, args, kwargs, site));
    case '__call__':
      return builtin(name, (args, kwargs) => callValue(context, module, args, kwargs, site));
    default:
      void isModule;
      return undefined;
  }
}
