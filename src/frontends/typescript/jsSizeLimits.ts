/**
 * The JS evaluator's side of the allocation limits (frontends/analysisLimits.ts): arrays and
 * strings are sized before they are built, and over the limit they become an unknown that
 * says so (`Array.from({length: 1e9})` used to abort the whole process).
 */
import { fitsCollection, fitsString, tooLargeMessage } from '../analysisLimits';
import type { JsUnknown, JsValue } from './jsValues';
import { unknown } from './jsValues';

/** The unknown for an array of `count` items when it may not be built. */
export function boundedArray(count: number): JsUnknown | undefined {
  return fitsCollection(count) ? undefined : unknown(tooLargeMessage('an array', count));
}

/** The unknown for a string of `length` characters when it may not be built. */
export function boundedText(length: number): JsUnknown | undefined {
  return fitsString(length) ? undefined : unknown(tooLargeMessage('a string', length));
}

const tooLargePrefix = tooLargeMessage('', 0).slice(0, 28);

/** Whether `value` stands for something too large to build (its site reports it once). */
export function isTooLarge(value: JsValue): value is JsUnknown {
  return typeof value === 'object' && value !== null && value.kind === 'unknown' && value.reason.startsWith(tooLargePrefix);
}
