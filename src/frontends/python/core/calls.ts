/**
 * Calling things: user functions and methods (Python's parameter binding with defaults,
 * `*args`, keyword-only and `**kwargs`), classes, builtins, dotted paths and library
 * objects (the libraries answer for their paths, objects and classes; see library.ts).
 */
import type { AnalysisContext } from './context';
import { Scope } from './scope';
import { evaluate } from './evaluate';
import { execBlock } from './statements';
import type { PyNode } from './syntax';
import { anchoredNow, field, textOf } from './syntax';
import { classAttributeValue, findMethod } from './attributes';
import { callStandardLibrary } from './stdlibCalls';
import type { ObjectValue, PyBuiltin, PyClass, PyDict, PyFunction, PyInstance, Value } from './values';
import { isObject, keyOf, tuple, typeName, unknown } from './values';
import { noteTooLarge } from './sizeLimits';
import { mergeReturns } from './branches';

const maxCallDepth = 60;

/** Calls `callee` with evaluated arguments; `site` is the call expression. */
export function callValue(context: AnalysisContext, callee: Value, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  if (!isObject(callee)) return unknown(`calling a ${typeName(callee)}`);
  switch (callee.kind) {
    case 'function':
      return callFunction(context, callee, args, kwargs, site);
    case 'bound':
      if (callee.fn.kind === 'builtin') return noteTooLarge(context, site, callee.fn.call([callee.self, ...args], kwargs, site));
      return callFunction(context, callee.fn, [callee.self, ...args], kwargs, site);
    case 'builtin':
      return noteTooLarge(context, site, callee.call(args, kwargs, site));
    case 'class':
      return instantiate(context, callee, args, kwargs, site);
    case 'ns':
      return callPath(context, callee.path, args, kwargs, context.syntax === context.fileSyntax ? site : anchoredNow(site));
    // Library objects (layers, containers, Keras models) and instances: nn.Module runs
    // forward(), a keras.Model subclass call(), a plain instance __call__.
    case 'keras':
    case 'instance':
    case 'layer':
    case 'container':
      return callObject(context, callee, args, kwargs, site);
    case 'unknown':
      // Name what could not be followed once, where it is called; its result stays unknown.
      context.unsupported(site, `the call of ${callee.reason}`);
      return callee;
    default:
      return unknown(`calling a ${typeName(callee)}`);
  }
}

/** Calls the function or class at a dotted path: the libraries first, then the standard library. */
function callPath(context: AnalysisContext, path: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  for (const library of context.libraries.all) {
    const value = library.callPath(context, path, args, kwargs, site);
    if (value !== undefined) return value;
  }
  return callStandardLibrary(context, path, args, kwargs, site, callValue);
}

function callObject(context: AnalysisContext, callee: ObjectValue, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  for (const library of context.libraries.all) {
    const value = library.callObject(context, callee, args, kwargs, site);
    if (value !== undefined) return value;
  }
  if (callee.kind !== 'instance') return unknown(`calling a ${typeName(callee)}`);
  const call = findMethod(callee.cls, '__call__');
  return call ? callFunction(context, call, [callee, ...args], kwargs, site) : unknown(`calling a ${callee.cls.name} instance`);
}

/** Instantiates a user class: `__init__` runs on the new instance (a library builds instances of its own classes). */
export function instantiate(context: AnalysisContext, cls: PyClass, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  for (const library of context.libraries.all) {
    const value = library.instantiate(context, cls, args, kwargs, site);
    if (value !== undefined) return value;
  }
  const instance: PyInstance = { kind: 'instance', cls, attrs: new Map(), moduleId: null };
  runInit(context, instance, args, kwargs, site);
  return instance;
}

/** Runs the `__init__` an instance's class has (written or generated); false when it has none. */
export function runInit(context: AnalysisContext, instance: PyInstance, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): boolean {
  const init = classAttributeValue(instance.cls, '__init__');
  if (!isObject(init ?? null)) return false;
  if ((init as ObjectValue).kind === 'function') callFunction(context, init as PyFunction, [instance, ...args], kwargs, site);
  else if ((init as ObjectValue).kind === 'builtin') (init as PyBuiltin).call([instance, ...args], kwargs, site);
  else return false;
  return true;
}

/** Runs a user function: binds the parameters, executes the body, returns its value. */
export function callFunction(context: AnalysisContext, fn: PyFunction, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  // A function of an imported module runs with its own file's text current.
  if (fn.syntax !== undefined && fn.syntax !== context.syntax) return context.inFile(fn.syntax, site, () => runFunction(context, fn, args, kwargs, site));
  return runFunction(context, fn, args, kwargs, site);
}

function runFunction(context: AnalysisContext, fn: PyFunction, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  if (context.callDepth >= maxCallDepth) {
    context.unsupported(site, `the call of ${fn.name} (recursion deeper than ${maxCallDepth})`);
    return unknown(`deep recursion in ${fn.name}`);
  }
  const scope = new Scope(fn.closure);
  bindParameters(context, fn, args, kwargs, scope);
  context.callDepth++;
  const frame: AnalysisContext['frames'][number] = { fn, self: args[0] ?? null };
  context.frames.push(frame);
  try {
    const body = field(fn.node, 'body')!;
    if (fn.node.type === 'lambda') return evaluate(context, body, scope);
    const flow = execBlock(context, body, scope);
    const returned = flow !== undefined && typeof flow === 'object' ? flow.returned : null;
    return frame.maybeReturned ? mergeReturns(returned, frame.maybeReturned) : returned;
  } finally {
    context.callDepth--;
    context.frames.pop();
  }
}

function bindParameters(context: AnalysisContext, fn: PyFunction, args: Value[], kwargs: ReadonlyMap<string, Value>, scope: Scope): void {
  const parameters = field(fn.node, 'parameters')?.children ?? [];
  const remainingKwargs = new Map(kwargs);
  let position = 0;
  let keywordOnly = false;
  for (const parameter of parameters) {
    switch (parameter.type) {
      case 'list_splat_pattern': {
        const name = textOf(context.syntax, parameter.children[0]);
        scope.set(name, tuple(args.slice(position)));
        position = args.length;
        keywordOnly = true;
        break;
      }
      case 'dictionary_splat_pattern': {
        const dict: PyDict = { kind: 'dict', entries: new Map() };
        for (const [key, value] of remainingKwargs) dict.entries.set(keyOf(key)!, [key, value]);
        remainingKwargs.clear();
        scope.set(textOf(context.syntax, parameter.children[0]), dict);
        break;
      }
      case 'keyword_separator':
        keywordOnly = true;
        break;
      case 'positional_separator':
        break;
      default: {
        const nameNode = parameter.type === 'identifier' ? parameter : (field(parameter, 'name') ?? parameter.children[0]);
        if (!nameNode) break;
        if (nameNode.type === 'list_splat_pattern' || nameNode.type === 'dictionary_splat_pattern') {
          // `*args: int` arrives as typed_parameter around the splat.
          const name = textOf(context.syntax, nameNode.children[0]);
          if (nameNode.type === 'list_splat_pattern') {
            scope.set(name, tuple(args.slice(position)));
            position = args.length;
            keywordOnly = true;
          } else {
            const dict: PyDict = { kind: 'dict', entries: new Map() };
            for (const [key, value] of remainingKwargs) dict.entries.set(keyOf(key)!, [key, value]);
            remainingKwargs.clear();
            scope.set(name, dict);
          }
          break;
        }
        const name = textOf(context.syntax, nameNode);
        if (!keywordOnly && position < args.length) {
          scope.set(name, args[position++]);
        } else if (remainingKwargs.has(name)) {
          scope.set(name, remainingKwargs.get(name)!);
          remainingKwargs.delete(name);
        } else if (fn.defaults.has(name)) {
          scope.set(name, fn.defaults.get(name)!);
        } else {
          scope.set(name, unknown(`the argument '${name}' of ${fn.name}() (not given)`));
        }
      }
    }
  }
}
