/**
 * The verdict of the engine on one recorded catalogue case, shared by the catalogue tests
 * (which demand a match) and the unseen-catalogue benchmark (which counts the outcomes).
 * `unknown`: the engine does not know something the framework computed (no output, an open
 * dimension, an inexact count) but says nothing false; `wrong`: the engine states a shape,
 * count or message that differs from the framework's.
 */

export type Outcome = 'match' | 'unknown' | 'wrong';

export interface Verdict {
  readonly outcome: Outcome;
  /** Every difference, worded for a test failure; empty on a match. */
  readonly problems: readonly string[];
}

/** Collects the differences of one case, each marked unknown or wrong. */
export class VerdictBuilder {
  private readonly unknowns: string[] = [];
  private readonly wrongs: string[] = [];

  unknown(problem: string): void {
    this.unknowns.push(problem);
  }

  wrong(problem: string): void {
    this.wrongs.push(problem);
  }

  /** Records `problem` under the outcome given, if it is not a match. */
  add(outcome: Outcome, problem: string): void {
    if (outcome === 'wrong') this.wrong(problem);
    else if (outcome === 'unknown') this.unknown(problem);
  }

  verdict(): Verdict {
    const outcome: Outcome = this.wrongs.length > 0 ? 'wrong' : this.unknowns.length > 0 ? 'unknown' : 'match';
    return { outcome, problems: [...this.wrongs, ...this.unknowns] };
  }
}

/** A shape, or a nested list of shapes (a tuple of outputs). */
type Shapes = readonly (number | null | Shapes)[];

/**
 * The engine's shapes against the framework's: a null or NaN where the framework has a size is
 * unknown; a different rank, nesting or size is wrong. Open (`null`) framework sizes must be open.
 */
export function compareShapes(ours: Shapes | null | undefined, theirs: Shapes): Outcome {
  if (ours === null || ours === undefined) return 'unknown';
  if (ours.length !== theirs.length) return 'wrong';
  let outcome: Outcome = 'match';
  for (const [index, expected] of theirs.entries()) {
    const got = ours[index];
    let entry: Outcome;
    if (Array.isArray(expected)) entry = Array.isArray(got) ? compareShapes(got as Shapes, expected as Shapes) : got === null ? 'unknown' : 'wrong';
    else if (expected === null) entry = got === null || (typeof got === 'number' && Number.isNaN(got)) ? 'match' : 'wrong';
    else if (got === null || (typeof got === 'number' && Number.isNaN(got))) entry = 'unknown';
    else entry = got === expected ? 'match' : 'wrong';
    if (entry === 'wrong') return 'wrong';
    if (entry === 'unknown') outcome = 'unknown';
  }
  return outcome;
}

/** Whether the engine's messages for an invalid case name the framework's, differ from it, or are absent. */
export function compareMessages(ours: readonly string[], theirs: string, gaveOutput: boolean): Outcome {
  if (ours.includes(theirs)) return gaveOutput ? 'wrong' : 'match';
  return ours.length > 0 || gaveOutput ? 'wrong' : 'unknown';
}
