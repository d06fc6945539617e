/**
 * The Python interpreter's side of the allocation limits (frontends/analysisLimits.ts): a
 * list, tuple, string or dict over the limit is never built; it becomes an unknown whose
 * reason says so, and the first evaluator frame that has the context reports it once, as
 * an info at the expression that would have built it.
 */
import { fitsCollection, fitsString, tooLargeMessage } from '../../analysisLimits';
import type { AnalysisContext } from './context';
import type { PyNode } from './syntax';
import type { PyUnknown, Value } from './values';
import { isUnknown, unknown } from './values';

const tooLargePrefix = tooLargeMessage('', 0).slice(0, 28);

/** The unknown that stands for a collection of `count` items that is not built. */
export function tooManyItems(what: string, count: number): PyUnknown {
  return unknown(tooLargeMessage(what, count));
}

/** The unknown that stands for a string of `length` characters that is not built. */
export function tooLongString(length: number): PyUnknown {
  return unknown(tooLargeMessage('a string', length));
}

/** `items` when a collection of that many items may be built, else the unknown that says why not. */
export function boundedItems(count: number, what: string): PyUnknown | undefined {
  return fitsCollection(count) ? undefined : tooManyItems(what, count);
}

/** The unknown for a string of `length` characters when it may not be built. */
export function boundedString(length: number): PyUnknown | undefined {
  return fitsString(length) ? undefined : tooLongString(length);
}

/** Reports `value` at `node` when it is a value that was too large to build; returns it. */
export function noteTooLarge(context: AnalysisContext, node: PyNode, value: Value): Value {
  if (isUnknown(value) && value.reason.startsWith(tooLargePrefix)) context.report(node.range, 'info', 'too-large', value.reason);
  return value;
}
