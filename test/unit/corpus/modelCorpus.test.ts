/**
 * The realistic model corpus (test/fixtures/pytorch/models, the examples and big3000.py)
 * against PyTorch: every leaf-layer call that PyTorch recorded must appear, in execution
 * order, with the same constructor line, kind, output shape and parameter count.
 * Truth: tools/golden/pytorch_corpus.py.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { FileAnalysis } from '../../../src/engine/report';
import type { ModelComparison, TruthFile } from './corpusTruth';
import { analyzeFile, preloadPythonParser } from '../../support/analyze';
import { repoRoot } from '../../support/paths';
import { compareModel, pairModels, readJson, truthDir } from './corpusTruth';

interface CorpusEntry {
  readonly source: string;
  readonly truth: TruthFile;
}

function corpusEntries(): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const name of readdirSync(truthDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const source = name === 'big3000.json' ? 'test/fixtures/pytorch/big3000.py' : `test/fixtures/pytorch/models/${name.replace(/\.json$/, '.py')}`;
    if (existsSync(path.join(repoRoot, source))) {
      entries.push({ source, truth: readJson<TruthFile>(path.join(truthDir, name)) });
    }
  }
  const examples = path.join(truthDir, 'examples');
  for (const name of readdirSync(examples)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const truth = readJson<TruthFile>(path.join(examples, name));
    if (truth.error === null) entries.push({ source: `examples/${name.replace(/\.json$/, '.py')}`, truth });
  }
  return entries;
}

const entries = corpusEntries();
const summary: string[] = [];
const analyses = new Map<string, FileAnalysis>();

async function analysisOf(source: string): Promise<FileAnalysis> {
  let analysis = analyses.get(source);
  if (!analysis) {
    analysis = await analyzeFile(source);
    analyses.set(source, analysis);
  }
  return analysis;
}

describe('PyTorch model corpus vs real PyTorch', function () {
  this.timeout(60000);

  before(async () => {
    await preloadPythonParser();
  });

  after(() => {
    if (summary.length > 0) console.log(`\n  corpus summary (matched / PyTorch records, per model):\n${summary.join('\n')}\n`);
  });

  it('has at least 16 model files with truth', () => {
    assert.ok(entries.filter((e) => e.source.includes('/models/')).length >= 16);
  });

  for (const { source, truth } of entries) {
    it(`${source}: line, kind, output shape and params of every layer call`, async () => {
      const analysis = await analysisOf(source);
      const models = pairModels(truth.models, analysis.models);
      const results: Array<[string, ModelComparison]> = truth.models.map((expected, i) => [expected.name, compareModel(expected, models[i])]);
      for (const [name, result] of results) {
        summary.push(`    ${source} ${name}: ${result.matched}/${result.total}${result.analysed !== result.total ? ` (analyser: ${result.analysed} records)` : ''}`);
      }
      const failures = results.filter(([, r]) => r.matched !== r.total || r.analysed !== r.total);
      assert.ok(
        failures.length === 0,
        failures.map(([name, r]) => `${name}: matched ${r.matched}/${r.total}, analyser has ${r.analysed} records\n${r.details.join('\n')}`).join('\n'),
      );
    });

    it(`${source}: model input, output and total parameters`, async () => {
      const analysis = await analysisOf(source);
      const models = pairModels(truth.models, analysis.models);
      const problems: string[] = [];
      truth.models.forEach((expected, i) => {
        const model = models[i];
        if (!model) {
          problems.push(`${expected.name}: no model`);
          return;
        }
        const got = { input: model.input, output: expected.output === null ? null : model.output, totalParams: model.totalParams };
        const want = { input: expected.input, output: expected.output, totalParams: expected.totalParams };
        if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${expected.name}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      });
      assert.deepEqual(problems, []);
    });

    it(`${source}: torchinfo-style paths`, async () => {
      const analysis = await analysisOf(source);
      const models = pairModels(truth.models, analysis.models);
      const problems: string[] = [];
      truth.models.forEach((expected, i) => {
        const model = models[i];
        if (!model) return void problems.push(`${expected.name}: no model`);
        const got = model.layers.map((r) => `${r.range.start.line + 1} ${r.path}`);
        const want = expected.layers.map((l) => `${l.line} ${l.path}`);
        const firstDiff = want.findIndex((w, k) => got[k] !== w);
        if (firstDiff >= 0 || got.length !== want.length) {
          const at = firstDiff >= 0 ? firstDiff : Math.min(got.length, want.length);
          problems.push(`${expected.name}: record ${at}: want "${want[at] ?? '(none)'}", got "${got[at] ?? '(none)'}"`);
        }
      });
      assert.deepEqual(problems, []);
    });
  }
});
