/**
 * The TF.js front end against real TensorFlow.js: each model file in
 * test/fixtures/tfjs/models/ was run unchanged with @tensorflow/tfjs by
 * tools/golden/tfjs_truth.mjs; every layer's name, class, output shape and countParams()
 * must match what analyzeTfjs finds without running the file.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../support/analyze';
import type { FileAnalysis } from '../../../src/engine/report';
import type { TfjsTruthModel } from '../../support/tfjsTruth';
import { assertModelMatches } from '../../support/tfjsTruth';

interface Truth {
  file: string;
  models: TfjsTruthModel[];
}

const fixtures = join(__dirname, '../../fixtures/tfjs');
const modelFiles = readdirSync(join(fixtures, 'models'))
  .filter((f) => /\.(ts|js)$/.test(f))
  .sort();

describe('TF.js front end vs real TensorFlow.js models', () => {
  it('has at least 8 model files, each with truth', () => {
    assert.ok(modelFiles.length >= 8, `only ${modelFiles.length} model files`);
  });

  for (const file of modelFiles) {
    describe(file, () => {
      const truth = JSON.parse(readFileSync(join(fixtures, 'truth', file.replace(/\.(ts|js)$/, '.json')), 'utf8')) as Truth;
      let analysis: FileAnalysis;
      before(async () => {
        analysis = await analyzeFile(join(fixtures, 'models', file));
      });

      it('reports no errors', () => {
        const errors = analysis.diagnostics.filter((d) => d.severity !== 'info');
        assert.deepEqual(errors, []);
      });

      for (const model of truth.models) {
        it(`model ${model.name}: every layer's class, output shape and params`, () => {
          assertModelMatches(analysis, model);
        });
      }
    });
  }
});
