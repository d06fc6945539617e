/**
 * The real-project corpora: public model code kept with its repository layout under
 * test/fixtures/FRAMEWORK/real/OWNER__REPO/, the recorded files listed in real/files, and
 * each file's truth at test/fixtures/FRAMEWORK/truth/real/OWNER__REPO/PATH.json in the common
 * record format of test/unit/corpus/corpusTruth.ts (per model: layers with path, kind, line,
 * output shape and params; input, output and total params; the framework's error, if any).
 * PyTorch's generator is tools/golden/real_pytorch_truth.py; a Keras or TF.js corpus joins
 * by writing the same layout and format and adding its framework to `realCorpora`.
 * Shared by the unit test and the measurement script, so both see the same analysis.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileAnalysis } from '../../src/engine/report';
import type { ModelComparison, TruthFile } from '../unit/corpus/corpusTruth';
import { analyzeSource, languageOf } from '../../src/analysis/analyzeSource';
import { compareModel, describeFinding, errorFindings, pairModels } from '../unit/corpus/corpusTruth';
import { NodeSourceFiles } from '../../src/pythonEnvironment/nodeSourceFiles';

export const nodeSourceFiles = new NodeSourceFiles();
import { fixturesRoot } from './paths';

export type RealFramework = 'pytorch' | 'keras' | 'tfjs';

/** The frameworks whose real corpus is looked for; one without a real/files list is skipped. */
export const realCorpora: readonly RealFramework[] = ['pytorch', 'keras', 'tfjs'];

/** Debian's python3-torchvision (and python3-torch) install here. */
export const systemDistPackages = '/usr/lib/python3/dist-packages';

/**
 * Generous, so that a loaded test machine does not cut an analysis short: the figures are
 * about what the analysis understands, not how fast it is (the benchmarks measure that). A
 * phase may use only a share of what is left, so 20 s was once cut short at load 17.
 */
const timeBudgetMs = 90000;

export interface RealEntry {
  readonly framework: RealFramework;
  /** `OWNER__REPO`: the repository folder, also the root of its absolute imports. */
  readonly repo: string;
  /** The file's path relative to real/, as listed in real/files. */
  readonly file: string;
  readonly absolutePath: string;
  readonly truth: TruthFile;
}

/** The recorded files of one framework's real corpus (empty when it has none yet). */
export function realEntries(framework: RealFramework): RealEntry[] {
  const realDir = path.join(fixturesRoot, framework, 'real');
  const listing = path.join(realDir, 'files');
  if (!existsSync(listing)) return [];
  return readFileSync(listing, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((file) => {
      const truthPath = path.join(fixturesRoot, framework, 'truth', 'real', file.replace(/\.[^./]+$/, '.json'));
      const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as TruthFile;
      return { framework, repo: file.split('/')[0], file, absolutePath: path.join(realDir, file), truth };
    });
}

/** Analyses a corpus file as the CLI does, following its imports into its repository and the system's packages. */
export async function analyzeRealFile(entry: RealEntry): Promise<FileAnalysis> {
  const language = languageOf(entry.absolutePath);
  if (!language) throw new Error(`${entry.file}: no front end reads this file`);
  const source = readFileSync(entry.absolutePath, 'utf8');
  const repoRoot = path.join(fixturesRoot, entry.framework, 'real', entry.repo);
  return analyzeSource(source, language, {
    timeBudgetMs,
    imports: { filePath: entry.absolutePath, files: nodeSourceFiles, pythonSearchPaths: [repoRoot, systemDistPackages] },
  });
}

export interface ModelOutcome {
  readonly name: string;
  readonly layers: ModelComparison;
  /** Input, output and total parameters as the truth has them. */
  readonly totalsMatch: boolean;
  readonly totalsDetail: string;
}

export interface FileOutcome {
  readonly entry: RealEntry;
  readonly models: readonly ModelOutcome[];
  /** Error diagnostics on a file the framework runs without error. */
  readonly falseErrors: readonly string[];
  /** On a file the framework rejects: its error when no error diagnostic is on that line. */
  readonly missedError: string | null;
}

/** Compares one analysed file with its truth: every model's layers and totals, and false errors. */
export function compareRealFile(entry: RealEntry, analysis: FileAnalysis): FileOutcome {
  const paired = pairModels(entry.truth.models, analysis.models);
  const models = entry.truth.models.map((expected, i): ModelOutcome => {
    const model = paired[i];
    const want = { input: expected.input, output: expected.output, totalParams: expected.totalParams };
    const got = model ? { input: model.input, output: expected.output === null ? null : model.output, totalParams: model.totalParams } : null;
    const totalsMatch = JSON.stringify(got) === JSON.stringify(want);
    const totalsDetail = totalsMatch ? '' : `totals: want ${JSON.stringify(want)}, got ${got ? JSON.stringify(got) : '(no model)'}`;
    return { name: `${expected.name} (${expected.className})`, layers: compareModel(expected, model), totalsMatch, totalsDetail };
  });
  const errors = errorFindings(analysis);
  const { error } = entry.truth;
  const falseErrors = error === null ? errors.map(describeFinding) : [];
  const found = error !== null && errors.some((finding) => finding.range.start.line + 1 === error.line);
  const missedError = error === null || found ? null : `line ${error.line} ${error.type}: ${error.message.split('\n')[0]}`;
  return { entry, models, falseErrors, missedError };
}

/** Whether every layer and total matches, with no extra records, no false error and no missed one. */
export function fileMatches(outcome: FileOutcome): boolean {
  return (
    outcome.falseErrors.length === 0 &&
    outcome.missedError === null &&
    outcome.models.every((m) => m.totalsMatch && m.layers.matched === m.layers.total && m.layers.analysed === m.layers.total)
  );
}

/** A failure message naming the file, each mismatching model, and expected vs got. */
export function describeOutcome(outcome: FileOutcome): string {
  const lines = [`${outcome.entry.framework} ${outcome.entry.file}:`];
  for (const model of outcome.models) {
    const { matched, total, analysed, details } = model.layers;
    if (matched !== total || analysed !== total) {
      lines.push(`  ${model.name}: ${matched}/${total} layers match, the analysis has ${analysed} records`, ...details.map((d) => `  ${d}`));
    }
    if (!model.totalsMatch) lines.push(`  ${model.name}: ${model.totalsDetail}`);
  }
  for (const error of outcome.falseErrors) lines.push(`  false error: ${error}`);
  if (outcome.missedError !== null) lines.push(`  PyTorch fails, the analysis gives no error on that line: ${outcome.missedError}`);
  return lines.join('\n');
}
