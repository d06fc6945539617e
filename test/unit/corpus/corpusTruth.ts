/**
 * Shared by the corpus tests: loads the PyTorch truth written by tools/golden/pytorch_*.py
 * and aligns the Python front end's layer records (test/support/analyze.ts) with the
 * truth, so that a failure says how much matched and where it went wrong.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileAnalysis, Finding, LayerRecord, ModelReport } from '../../../src/engine/report';
import { fixturesRoot } from '../../support/paths';

export const fixturesDir = path.join(fixturesRoot, 'pytorch');
export const truthDir = path.join(fixturesDir, 'truth');

/** One leaf-layer call as PyTorch ran it (see tools/golden/pytorch_truth.py). */
export interface TruthLayer {
  readonly path: string;
  readonly kind: string;
  /** 1-based line of the constructor call. */
  readonly line: number;
  readonly input: readonly number[] | null;
  readonly output: readonly number[] | null;
  readonly params: number;
}

/** One top-level module call: the model as PyTorch saw it. */
export interface TruthModel {
  /** The variable the model was bound to (or its class name). */
  readonly name: string;
  readonly className: string;
  readonly line: number | null;
  readonly input: readonly number[] | null;
  readonly output: readonly number[] | null;
  readonly totalParams: number;
  readonly layers: readonly TruthLayer[];
}

export interface TruthError {
  readonly line: number;
  readonly type: string;
  readonly message: string;
}

export interface TruthFile {
  readonly file: string;
  readonly torch: string;
  readonly models: readonly TruthModel[];
  readonly error: TruthError | null;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function sameShape(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The fields the truth fixes for every record: line, kind, output shape, parameters. */
export function recordMatches(truth: TruthLayer, record: LayerRecord): boolean {
  return record.range.start.line + 1 === truth.line && record.kind === truth.kind && sameShape(truth.output, record.output) && record.params === truth.params;
}

/** Length and pairs of the longest common subsequence: records matched in execution order. */
export function alignLayers(truth: readonly TruthLayer[], records: readonly LayerRecord[]): Array<[number, number]> {
  const n = truth.length;
  const m = records.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = recordMatches(truth[i], records[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (recordMatches(truth[i], records[j]) && table[i][j] === table[i + 1][j + 1] + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/**
 * Pairs each truth model with one analysed model: the one named like the model's variable
 * if there is one, otherwise the one whose records align best.
 */
export function pairModels(truth: readonly TruthModel[], models: readonly ModelReport[]): Array<ModelReport | undefined> {
  const used = new Set<ModelReport>();
  return truth.map((expected) => {
    const free = models.filter((model) => !used.has(model));
    let chosen = free.find((model) => model.name === expected.name);
    if (!chosen) {
      let best = 0;
      for (const model of free) {
        const score = alignLayers(expected.layers, model.layers).length;
        if (score > best) {
          best = score;
          chosen = model;
        }
      }
    }
    if (chosen) used.add(chosen);
    return chosen;
  });
}

export function describeTruth(layer: TruthLayer): string {
  return `line ${layer.line} ${layer.kind} ${layer.path} -> ${JSON.stringify(layer.output)} params ${layer.params}`;
}

export function describeRecord(record: LayerRecord): string {
  return `line ${record.range.start.line + 1} ${record.kind} ${record.path} -> ${JSON.stringify(record.output)} params ${record.params}`;
}

export interface ModelComparison {
  readonly matched: number;
  readonly total: number;
  readonly analysed: number;
  /** Human-readable lines for the first mismatches. */
  readonly details: string[];
}

/** Compares one model's records with the truth and explains the first mismatches. */
export function compareModel(expected: TruthModel, model: ModelReport | undefined, maxDetails = 6): ModelComparison {
  if (!model) {
    return { matched: 0, total: expected.layers.length, analysed: 0, details: [`no model found for ${expected.name} (${expected.className})`] };
  }
  const pairs = alignLayers(expected.layers, model.layers);
  const matchedTruth = new Set(pairs.map(([i]) => i));
  const details: string[] = [];
  for (let i = 0; i < expected.layers.length && details.length < maxDetails; i++) {
    if (matchedTruth.has(i)) continue;
    const want = expected.layers[i];
    const sameLine = model.layers.find((r) => r.range.start.line + 1 === want.line && r.kind === want.kind);
    details.push(`  want ${describeTruth(want)}\n   got ${sameLine ? describeRecord(sameLine) : '(no record of this line and kind)'}`);
  }
  if (model.layers.length > pairs.length && details.length < maxDetails) {
    const matchedRecords = new Set(pairs.map(([, j]) => j));
    const extra = model.layers.filter((_, j) => !matchedRecords.has(j)).slice(0, 3);
    details.push(`  ${model.layers.length - pairs.length} unmatched analyser records, e.g.\n${extra.map((r) => `    ${describeRecord(r)}`).join('\n')}`);
  }
  return { matched: pairs.length, total: expected.layers.length, analysed: model.layers.length, details };
}

/**
 * Python prints sets in hash order, which changes from run to run: `{'valid', 'same'}`
 * may read `{'same', 'valid'}`. Sort the items of set literals before comparing.
 */
export function normalizeMessage(message: string): string {
  return message.trim().replace(/\{('[^']*'(?:, '[^']*')*)\}/g, (_, items: string) => `{${items.split(', ').sort().join(', ')}}`);
}

export function errorFindings(analysis: FileAnalysis): Finding[] {
  return analysis.diagnostics.filter((finding) => finding.severity === 'error');
}

export function describeFinding(finding: Finding): string {
  return `line ${finding.range.start.line + 1} [${finding.severity} ${finding.code}] ${finding.message}`;
}
