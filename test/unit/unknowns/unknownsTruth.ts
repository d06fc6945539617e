/**
 * The PyTorch truth for models nothing feeds and code nothing calls, written by
 * tools/golden/unknowns_truth.py into test/fixtures/unknowns/truth.json.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturesRoot } from '../../support/paths';

export const unknownsDir = path.join(fixturesRoot, 'unknowns');

export interface InferredTruth {
  readonly model: string;
  /** The smallest input PyTorch accepts. */
  readonly input: readonly number[];
  readonly output: readonly number[];
  readonly totalParams: number;
  /** The next smaller size, and what PyTorch raises on it. */
  readonly smaller: { readonly input: readonly number[]; readonly error: string };
}

export interface InvalidTruth {
  /** 1-based line the error belongs to: the failing layer's constructor, else where it was raised. */
  readonly line: number;
  readonly type: string;
  readonly message: string;
}

export interface UnknownsTruth {
  readonly models: Readonly<Record<string, InferredTruth>>;
  readonly invalid: Readonly<Record<string, InvalidTruth>>;
}

export const unknownsTruth = JSON.parse(readFileSync(path.join(unknownsDir, 'truth.json'), 'utf8')) as UnknownsTruth;
