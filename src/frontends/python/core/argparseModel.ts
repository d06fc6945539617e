/**
 * `argparse` as training scripts use it: `parser.add_argument('--nz', type=int, default=100)`
 * then `opt = parser.parse_args()`. Nothing is read from a command line: each argument takes
 * its declared default, as a run without that option would (`type` applied to a string
 * default, `store_true` gives False, `dest` and dashes give the attribute's name), and an
 * info at its `add_argument` says the value comes from the command line. An argument with no
 * default (a required positional) is unknown.
 */
import type { AnalysisContext } from './context';
import { builtin } from './methods';
import type { PyNode } from './syntax';
import { formatValue } from './valueConversions';
import type { PyClass, PyInstance, Value } from './values';
import { tuple, list, unknown } from './values';

type CallValue = (context: AnalysisContext, callee: Value, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode) => Value;

interface Argument {
  readonly dest: string;
  readonly value: Value;
  readonly site: PyNode;
}

/** A class object for the parser and namespace instances (never a torch module). */
function plainClass(name: string, site: PyNode): PyClass {
  return { kind: 'class', name, node: site, bases: [], attrs: new Map(), torchBase: null };
}

/** The attribute name argparse gives an option: `dest`, else the first long option (dashes to underscores). */
function destination(names: readonly Value[], kwargs: ReadonlyMap<string, Value>): string | undefined {
  const dest = kwargs.get('dest');
  if (typeof dest === 'string') return dest;
  const strings = names.filter((name): name is string => typeof name === 'string');
  const option = strings.find((name) => name.startsWith('--')) ?? strings.find((name) => name.startsWith('-')) ?? strings[0];
  return option?.replace(/^-+/, '').replace(/-/g, '_');
}

/** The value a run without the option gives: the default (with `type` applied to a string), or the action's. */
function defaultValue(context: AnalysisContext, dest: string, names: readonly Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode, call: CallValue): Value {
  const action = kwargs.get('action');
  const given = kwargs.get('default');
  if (given === undefined) {
    if (action === 'store_true') return false;
    if (action === 'store_false') return true;
    const positional = names.some((name) => typeof name === 'string' && !name.startsWith('-'));
    if (positional || kwargs.get('required') === true) return unknown(`the command-line argument '${dest}' (it has no default)`);
    return null;
  }
  const type = kwargs.get('type');
  // argparse converts only string defaults with `type`.
  return typeof given === 'string' && type !== undefined ? call(context, type, [given], new Map(), site) : given;
}

/** `argparse.ArgumentParser(...)`: a parser object whose `parse_args()` gives the declared defaults. */
export function argumentParser(context: AnalysisContext, site: PyNode, call: CallValue): Value {
  const declared: Argument[] = [];
  const overrides = new Map<string, Value>();
  const parser: PyInstance = { kind: 'instance', cls: plainClass('ArgumentParser', site), attrs: new Map(), moduleId: null };
  const namespace = (site: PyNode): PyInstance => {
    const result: PyInstance = { kind: 'instance', cls: plainClass('Namespace', site), attrs: new Map(), moduleId: null };
    for (const argument of declared) {
      const value = overrides.get(argument.dest) ?? argument.value;
      result.attrs.set(argument.dest, value);
      const shown = formatValue(value);
      if (shown !== undefined) {
        context.report(argument.site.range, 'info', 'command-line', `\`${argument.dest}\` comes from the command line (argparse default ${shown} used)`);
      }
    }
    for (const [dest, value] of overrides) if (!result.attrs.has(dest)) result.attrs.set(dest, value);
    return result;
  };
  const addArgument = builtin('add_argument', (names, kwargs, site) => {
    const dest = destination(names, kwargs);
    if (dest !== undefined) declared.push({ dest, value: defaultValue(context, dest, names, kwargs, site, call), site });
    return null;
  });
  const group = (): PyInstance => ({ kind: 'instance', cls: plainClass('_ArgumentGroup', site), attrs: new Map([['add_argument', addArgument]]), moduleId: null });
  parser.attrs.set('add_argument', addArgument);
  parser.attrs.set('add_argument_group', builtin('add_argument_group', group));
  parser.attrs.set('add_mutually_exclusive_group', builtin('add_mutually_exclusive_group', group));
  parser.attrs.set(
    'set_defaults',
    builtin('set_defaults', (_args, kwargs) => {
      for (const [key, value] of kwargs) overrides.set(key, value);
      return null;
    }),
  );
  parser.attrs.set(
    'parse_args',
    builtin('parse_args', (_args, _kwargs, site) => namespace(site)),
  );
  parser.attrs.set(
    'parse_known_args',
    builtin('parse_known_args', (_args, _kwargs, site) => tuple([namespace(site), list([])])),
  );
  for (const name of ['print_help', 'print_usage', 'error', 'exit'])
    parser.attrs.set(
      name,
      builtin(name, () => null),
    );
  return parser;
}
