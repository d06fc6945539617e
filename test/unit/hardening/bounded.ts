/**
 * Runs a piece of work and asserts it stayed within a time and memory bound: what a
 * hostile file costs is part of what the hardening tests check, next to the message.
 */
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

/** What a hostile input may cost at most. */
export interface Bound {
  readonly milliseconds: number;
  readonly megabytes: number;
}

export const quickAndSmall: Bound = { milliseconds: 2000, megabytes: 200 };

const megabytes = (bytes: number): number => bytes / 2 ** 20;

/**
 * Runs `work` and returns its result (or rethrows its error) after checking the bound. The
 * memory growth is the larger of the resident set's growth (what is still held) and the
 * growth of the process's peak (what was held for a moment and freed).
 */
export async function withinBound<T>(work: () => T | Promise<T>, bound: Bound = quickAndSmall): Promise<T> {
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await work() };
  } catch (error) {
    outcome = { error };
  }
  const elapsed = performance.now() - started;
  const growth = Math.max(process.memoryUsage().rss - rssBefore, process.resourceUsage().maxRSS * 1024 - peakBefore);
  assert.ok(elapsed < bound.milliseconds, `took ${elapsed.toFixed(0)} ms, over the ${bound.milliseconds} ms bound`);
  assert.ok(megabytes(growth) < bound.megabytes, `memory grew by ${megabytes(growth).toFixed(0)} MB, over the ${bound.megabytes} MB bound`);
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

/** Asserts that `work` fails within the bound with a message matching `pattern`. */
export async function refusedWithinBound(work: () => unknown, pattern: RegExp, bound: Bound = quickAndSmall): Promise<Error> {
  const error = await withinBound(() => {
    try {
      work();
    } catch (caught) {
      return caught as Error;
    }
    return undefined;
  }, bound);
  assert.ok(error instanceof Error, `expected a refusal matching ${pattern}, but the input was accepted`);
  assert.match(error.message, pattern);
  return error;
}
