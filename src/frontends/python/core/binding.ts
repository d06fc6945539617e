/**
 * Binds call arguments to a parameter list exactly as Python does for a torch.nn
 * constructor, with Python's own TypeError wording (`Conv2d.__init__() missing 1
 * required positional argument: 'kernel_size'`) when the call would fail.
 */
import type { ParamSpec } from '../../../engine/torch/signatures';
import type { Value } from './values';
import { fromArgValue } from './valueConversions';

export interface BindResult {
  /** Bound values in parameter order (`values[i]` is `params[i]`), defaults filled in. */
  readonly values: readonly Value[];
  /** Python's TypeError message when the call is invalid. */
  readonly error?: string;
  /** The keyword argument the error is about, if any. */
  readonly errorArg?: string;
}

function quoteList(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

/**
 * Binds `args`/`kwargs` to `params`. `owner` names the function in messages
 * (`Conv2d.__init__`), and is only asked for one when there is a message; messages count
 * `self` like Python does when `countSelf` is set. Values come in parameter order, so
 * every layer of one kind gets its arguments in the same order.
 */
export function bindArguments(
  owner: string | (() => string),
  params: readonly ParamSpec[],
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
  countSelf = true,
): BindResult {
  const ownerName = (): string => (typeof owner === 'string' ? owner : owner());
  const values: Value[] = [];
  const offset = countSelf ? 1 : 0;
  if (args.length > params.length) {
    const required = params.filter((param) => !('default' in param)).length;
    if (params.length === 0 && countSelf) {
      return { values, error: `Module.__init__() takes 1 positional argument but ${args.length + 1} were given` };
    }
    const takes =
      required === params.length
        ? `takes ${params.length + offset} positional argument${params.length + offset === 1 ? '' : 's'}`
        : `takes from ${required + offset} to ${params.length + offset} positional arguments`;
    return { values, error: `${ownerName()}() ${takes} but ${args.length + offset} were given` };
  }
  // Keywords are checked in the order they were written, as Python does.
  for (const name of kwargs.keys()) {
    const index = params.findIndex((param) => param.name === name);
    if (index < 0) return { values, error: `${ownerName()}() got an unexpected keyword argument '${name}'`, errorArg: name };
    if (index < args.length) return { values, error: `${ownerName()}() got multiple values for argument '${name}'`, errorArg: name };
  }
  const missing: string[] = [];
  for (let index = 0; index < params.length; index += 1) {
    const param = params[index];
    const keyword = index < args.length ? undefined : kwargs.get(param.name);
    if (index < args.length) values.push(args[index]);
    else if (keyword !== undefined) values.push(keyword);
    else if ('default' in param && param.default !== undefined) values.push(fromArgValue(param.default));
    else missing.push(param.name);
  }
  if (missing.length > 0) {
    return {
      values,
      error: `${ownerName()}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quoteList(missing)}`,
    };
  }
  return { values };
}
