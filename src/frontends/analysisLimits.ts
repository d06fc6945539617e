/**
 * The limits both interpreters (Python, TypeScript/JavaScript) keep, so that no source file
 * can exhaust the editor's memory, time or stack: the size of every list, string, dict and
 * array they build (checked before anything is allocated), the depth of syntax they follow,
 * and the default step and time budget of one file's analysis. Over a size limit a value
 * becomes unknown with one info; no real model file comes near these figures.
 */

/** The most items a list, tuple, dict, iterated range or array may hold. */
export const maxCollectionItems = 100_000;

/** The most characters a string may hold. */
export const maxStringLength = 1_000_000;

/**
 * The deepest syntax the interpreters follow (expression inside expression). Each level
 * costs a few JS frames; at this depth they stay far below any thread's stack, a worker's
 * included. Real code nests a few dozen levels.
 */
export const maxSyntaxDepth = 400;

/** Interpreter steps for one file's analysis, its every phase and model included. */
export const defaultStepBudget = 2_000_000;

/** Wall time for one file's interpretation, in milliseconds (parsing excluded). */
export const defaultTimeBudgetMs = 1500;

/** Whether a collection of `count` items may be built. */
export function fitsCollection(count: number): boolean {
  return count <= maxCollectionItems;
}

/** Whether a string of `length` characters may be built. */
export function fitsString(length: number): boolean {
  return length <= maxStringLength;
}

/** The info text for a value that is not built because it is too large. */
export function tooLargeMessage(what: string, size: number): string {
  const limit = what === 'a string' ? `${maxStringLength.toLocaleString('en-US')} characters` : `${maxCollectionItems.toLocaleString('en-US')} items`;
  const actual = Number.isFinite(size) ? Math.round(size).toLocaleString('en-US') : 'unbounded';
  return `Conv Inspector does not build ${what} this large (${actual}, over ${limit}); it is unknown`;
}

/** The info text for syntax nested deeper than the interpreters follow. */
export const nestingTooDeepMessage = `nesting too deep: Conv Inspector follows at most ${maxSyntaxDepth} levels of nested expressions; this one is unknown`;

/** Appends `items` one by one: a spread of 100,000 arguments (`push(...items)`) would overflow the stack. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  // Counted first: `x.extend(x)`, `a.push(...a)` append to what they read.
  const count = items.length;
  for (let index = 0; index < count; index++) target.push(items[index]);
}
