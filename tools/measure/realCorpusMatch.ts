/**
 * Prints how much of the real-project corpora the analysis gets right (a script, not a test):
 * per framework and per repository, the share of the framework's layer calls that match
 * (line, kind, output shape, params), the models whose input, output and total parameters
 * match, the files that match completely, and the false errors (error diagnostics on files
 * the framework runs without error) and, on files the framework rejects, the errors found. Each framework's corpus is test/support/realCorpus.ts's.
 * Run: `npm run measure:real` (add `--details` for every mismatch, or file-path substrings
 * to measure only those files).
 */
import type { FileOutcome, RealFramework } from '../../test/support/realCorpus';
import { analyzeRealFile, compareRealFile, describeOutcome, fileMatches, realCorpora, realEntries } from '../../test/support/realCorpus';

interface Tally {
  layers: number;
  matched: number;
  models: number;
  modelsMatching: number;
  files: number;
  filesMatching: number;
  falseErrors: number;
  invalidFiles: number;
  missedErrors: number;
}

function emptyTally(): Tally {
  return { layers: 0, matched: 0, models: 0, modelsMatching: 0, files: 0, filesMatching: 0, falseErrors: 0, invalidFiles: 0, missedErrors: 0 };
}

function add(tally: Tally, outcome: FileOutcome): void {
  tally.files++;
  if (fileMatches(outcome)) tally.filesMatching++;
  tally.falseErrors += outcome.falseErrors.length;
  if (outcome.entry.truth.error !== null) tally.invalidFiles++;
  if (outcome.missedError !== null) tally.missedErrors++;
  for (const model of outcome.models) {
    tally.layers += model.layers.total;
    tally.matched += model.layers.matched;
    tally.models++;
    if (model.totalsMatch) tally.modelsMatching++;
  }
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '  -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
}

function row(label: string, t: Tally): string {
  return `${label.padEnd(40)} layers ${percent(t.matched, t.layers)} (${t.matched}/${t.layers})  model totals ${t.modelsMatching}/${t.models}  files ${t.filesMatching}/${t.files}  false errors ${t.falseErrors}${t.invalidFiles > 0 ? `  errors found ${t.invalidFiles - t.missedErrors}/${t.invalidFiles}` : ''}`;
}

async function measure(framework: RealFramework, only: readonly string[], details: boolean): Promise<void> {
  const entries = realEntries(framework).filter((e) => only.length === 0 || only.some((part) => e.file.includes(part)));
  if (entries.length === 0) return;
  const total = emptyTally();
  const perRepo = new Map<string, Tally>();
  for (const entry of entries) {
    const outcome = compareRealFile(entry, await analyzeRealFile(entry));
    add(total, outcome);
    const repoTally = perRepo.get(entry.repo) ?? emptyTally();
    perRepo.set(entry.repo, repoTally);
    add(repoTally, outcome);
    if (details && !fileMatches(outcome)) console.log(describeOutcome(outcome));
  }
  console.log(row(framework, total));
  for (const [repo, tally] of [...perRepo].sort(([a], [b]) => a.localeCompare(b))) console.log(row(`  ${repo}`, tally));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const details = args.includes('--details');
  const only = args.filter((arg) => !arg.startsWith('--'));
  for (const framework of realCorpora) await measure(framework, only, details);
}

void main();
