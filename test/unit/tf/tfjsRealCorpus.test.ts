/**
 * The TF.js front end against real model code from public repositories
 * (test/fixtures/tfjs/real/, see its README) and against every form of local import
 * (test/fixtures/tfjs/imports/): each entry, analysed as a user would open it
 * with its local imports followed from the disk, must give every layer's name, class,
 * output shape and params, and every model total, that the real @tensorflow/tfjs gave
 * (tools/golden/tfjs_real_truth.mjs), with no error diagnostic. Every real file analysed
 * on its own must give no error diagnostic either.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { NodeSourceFiles } from '../../../src/pythonEnvironment/nodeSourceFiles';

const diskSourceFiles = new NodeSourceFiles();
import type { FileAnalysis } from '../../../src/engine/report';
import type { TfjsTruthModel } from '../../support/tfjsTruth';
import { assertModelMatches } from '../../support/tfjsTruth';

interface Truth {
  models: TfjsTruthModel[];
}

const fixtures = join(__dirname, '../../fixtures/tfjs');
const corpus = join(fixtures, 'real');
const entriesOf = (dir: string): Record<string, string> => JSON.parse(readFileSync(join(dir, 'entries.json'), 'utf8')) as Record<string, string>;

function analyze(path: string): Promise<FileAnalysis> {
  const language = path.endsWith('.ts') ? 'typescript' : 'javascript';
  return analyzeSource(readFileSync(path, 'utf8'), language, { imports: { filePath: path, files: diskSourceFiles, pythonSearchPaths: [] } });
}

/** The real files of the corpus (the drivers in cases/ are ours). */
function realFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'cases' || name === 'truth' ? [] : realFiles(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

describe('TF.js front end vs real-world TF.js code, imports followed', () => {
  it('has at least 20 real files and 15 entries, each with truth', () => {
    assert.ok(realFiles(corpus).length >= 20, `only ${realFiles(corpus).length} real files`);
    assert.ok(Object.keys(entriesOf(corpus)).length >= 15);
  });

  // The real corpus, and the local-import forms (./x.js for x.ts, a folder's index, default,
  // named and CommonJS exports, a cycle, an unresolved module).
  const entries = ['real', 'imports'].flatMap((name) => Object.entries(entriesOf(join(fixtures, name))).map(([entry, file]) => ({ dir: join(fixtures, name), entry, file })));
  for (const { dir, entry: name, file: entry } of entries) {
    describe(`${name} (${entry})`, () => {
      const truth = JSON.parse(readFileSync(join(dir, 'truth', `${name}.json`), 'utf8')) as Truth;
      let analysis: FileAnalysis;
      before(async () => {
        analysis = await analyze(join(dir, entry));
      });

      it('reports no errors', () => {
        assert.deepEqual(
          analysis.diagnostics.filter((d) => d.severity !== 'info'),
          [],
        );
      });

      for (const model of truth.models) {
        it(`model ${model.name}: every layer's class, output shape and params, and the total`, () => {
          assertModelMatches(analysis, model);
        });
      }
    });
  }

  describe('each real file on its own', () => {
    for (const path of realFiles(corpus)) {
      it(`${path.slice(corpus.length + 1)}: no error diagnostic`, async () => {
        const analysis = await analyze(path);
        assert.deepEqual(
          analysis.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.range.start.line + 1}: ${d.message}`),
          [],
        );
      });
    }
  });
});
