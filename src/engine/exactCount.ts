/**
 * Exact integer counts (parameters, MACs). Products of layer sizes pass 2^53 quickly for
 * big 3-d models, and a JS number would then print a wrong figure without a warning, so
 * the arithmetic runs on BigInt and the result says whether its `value` is still exact.
 */
import type { ExactCount } from './types';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A factor or term: a plain integer (taken as exact) or a count from elsewhere. */
export type CountInput = number | bigint | ExactCount;

/** Zero, exact. */
export const ZERO_COUNT: ExactCount = { value: 0, exact: true };

/** A count that could not be determined (unknown arguments or input): value 0, flagged. */
export const UNKNOWN_COUNT: ExactCount = { value: 0, exact: false, unknown: true };

interface Big {
  readonly big: bigint;
  readonly exact: boolean;
  readonly unknown: boolean;
}

/** What an infinite, NaN or fractional size (a TF.js count past the doubles' range) counts as: unknown. */
const UNKNOWN_BIG: Big = { big: 0n, exact: false, unknown: true };

function toBig(input: CountInput): Big {
  if (typeof input === 'bigint') return { big: input, exact: true, unknown: false };
  if (typeof input === 'number') {
    // A size no layer can have (Infinity, NaN, 1e-320 from a hostile file) makes the count unknown.
    if (!Number.isInteger(input)) return UNKNOWN_BIG;
    return { big: BigInt(input), exact: Number.isSafeInteger(input), unknown: false };
  }
  if (!Number.isFinite(input.value)) return UNKNOWN_BIG;
  return { big: BigInt(Math.round(input.value)), exact: input.exact, unknown: input.unknown === true };
}

function fromBig(value: Big): ExactCount {
  if (value.unknown) return UNKNOWN_COUNT;
  const magnitude = value.big < 0n ? -value.big : value.big;
  return { value: Number(value.big), exact: value.exact && magnitude <= MAX_SAFE };
}

/** An exact count from an integer (a bigint past 2^53 is flagged inexact). */
export function exactCount(value: number | bigint): ExactCount {
  return fromBig(toBig(value));
}

/**
 * The plain value of an exact, known term (a safe integer or an exact count), else undefined:
 * such terms take the fast path in plain numbers, which is exact while results stay safe.
 */
function plainTerm(input: CountInput): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) ? input : undefined;
  if (typeof input === 'bigint') return undefined;
  return input.exact && input.unknown !== true && Number.isSafeInteger(input.value) ? input.value : undefined;
}

/**
 * The product of safe integers in plain numbers, or undefined once it may not be exact.
 * (A double product of two integers is exact up to 2^53, and rounds to 2^53 or beyond when
 * the true product passes it; so a safe result is the exact result.)
 */
function plainProduct(factors: readonly CountInput[]): number | undefined {
  let product = 1;
  for (const factor of factors) {
    const term = plainTerm(factor);
    if (term === undefined) return undefined;
    product *= term;
    if (!Number.isSafeInteger(product)) return undefined;
  }
  return product;
}

function plainSum(terms: readonly CountInput[]): number | undefined {
  let sum = 0;
  for (const term of terms) {
    const value = plainTerm(term);
    if (value === undefined) return undefined;
    sum += value;
    if (!Number.isSafeInteger(sum)) return undefined;
  }
  return sum;
}

/** The product of all factors; inexact if any factor is, or if the product passes 2^53. */
export function multiplyCounts(...factors: readonly CountInput[]): ExactCount {
  const plain = plainProduct(factors);
  if (plain !== undefined) return { value: plain, exact: true };
  let product: Big = { big: 1n, exact: true, unknown: false };
  for (const factor of factors) {
    const next = toBig(factor);
    product = { big: product.big * next.big, exact: product.exact && next.exact, unknown: product.unknown || next.unknown };
  }
  return fromBig(product);
}

/** The sum of all terms; inexact if any term is, or if the sum passes 2^53. */
export function addCounts(...terms: readonly CountInput[]): ExactCount {
  const plain = plainSum(terms);
  if (plain !== undefined) return { value: plain, exact: true };
  let sum: Big = { big: 0n, exact: true, unknown: false };
  for (const term of terms) {
    const next = toBig(term);
    sum = { big: sum.big + next.big, exact: sum.exact && next.exact, unknown: sum.unknown || next.unknown };
  }
  return fromBig(sum);
}

/** Product of a shape's entries (number of elements), exact or flagged. */
export function shapeProduct(shape: readonly number[]): ExactCount {
  return multiplyCounts(...shape);
}
