/**
 * The TF.js front end against real model code from public repositories
 * (test/fixtures/tfjs/real/, see its README): each entry, analysed as a user would open it
 * with its local imports followed from the disk, must give every layer's name, class,
 * output shape and params, and every model total, that the real @tensorflow/tfjs gave
 * (tools/golden/tfjs_real_truth.mjs), with no error diagnostic. Every real file analysed
 * on its own must give no error diagnostic either.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { diskSourceFiles } from '../../../src/cli/diskSourceFiles';
import type { FileAnalysis, LayerRecord } from '../../../src/engine/report';

interface TruthLayer {
  name: string;
  className: string;
  /** One shape, or one per output for a layer with several (a model used as a layer). */
  outputShape: (number | null)[] | (number | null)[][];
  params: number;
  trainableParams: number;
}
interface Truth {
  models: { name: string; params: number; layers: TruthLayer[] }[];
}

const corpus = join(__dirname, '../../fixtures/tfjs/real');
const entries = JSON.parse(readFileSync(join(corpus, 'entries.json'), 'utf8')) as Record<string, string>;

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

describe('TF.js front end vs real-world TF.js code', () => {
  it('has at least 20 real files and 15 entries, each with truth', () => {
    assert.ok(realFiles(corpus).length >= 20, `only ${realFiles(corpus).length} real files`);
    assert.ok(Object.keys(entries).length >= 15);
  });

  for (const [name, entry] of Object.entries(entries)) {
    describe(`${name} (${entry})`, () => {
      const truth = JSON.parse(readFileSync(join(corpus, 'truth', `${name}.json`), 'utf8')) as Truth;
      let analysis: FileAnalysis;
      before(async () => {
        analysis = await analyze(join(corpus, entry));
      });

      it('reports no errors', () => {
        assert.deepEqual(
          analysis.diagnostics.filter((d) => d.severity !== 'info'),
          [],
        );
      });

      for (const model of truth.models) {
        it(`model ${model.name}: every layer's class, output shape and params, and the total`, () => {
          const report = analysis.models.find((m) => m.name === model.name);
          assert.ok(report, `no model named ${model.name}; found ${analysis.models.map((m) => m.name).join(', ')}`);
          assert.deepEqual(report.layers.map((l) => l.path).sort(), model.layers.map((l) => l.name).sort(), 'layer names');
          for (const layer of model.layers) {
            const record: LayerRecord | undefined = report.layers.find((l) => l.path === layer.name);
            assert.ok(record, `no record for ${layer.name}`);
            assert.equal(record.kind, layer.className, `${layer.name} class`);
            const several = Array.isArray(layer.outputShape[0]);
            const outputs: unknown = several ? record.outputs?.map((s) => s?.slice(1)) : record.output?.slice(1);
            assert.deepEqual(outputs, layer.outputShape, `${layer.name} output shape`);
            assert.equal(record.params, layer.params, `${layer.name} params`);
            assert.equal(record.trainableParams, layer.trainableParams, `${layer.name} trainable params`);
          }
          assert.equal(report.totalParams, model.params, 'model.countParams()');
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
