/**
 * Errors before run time: each file in test/fixtures/tfjs/errorModels/ fails in real
 * TensorFlow.js (while building, or when run once on zeros); tools/golden/tfjs_truth.mjs
 * recorded the message. analyzeTfjs must report that message, verbatim, as an error.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../support/analyze';

const fixtures = join(__dirname, '../../fixtures/tfjs');
const errorFiles = readdirSync(join(fixtures, 'errorModels'))
  .filter((f) => /\.(ts|js)$/.test(f))
  .sort();

describe('TF.js front end predicts the errors of real TensorFlow.js', () => {
  it('has error fixtures', () => {
    assert.ok(errorFiles.length >= 6);
  });

  for (const file of errorFiles) {
    it(file, async () => {
      const truth = JSON.parse(readFileSync(join(fixtures, 'truth', 'errors', file.replace(/\.(ts|js)$/, '.json')), 'utf8')) as { error: string };
      assert.ok(truth.error, 'the fixture fails in tfjs');
      const analysis = await analyzeFile(join(fixtures, 'errorModels', file));
      const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(
        errors.some((e) => e.message === truth.error),
        `tfjs: ${truth.error}\nengine: ${JSON.stringify(errors.map((e) => e.message))}`,
      );
      const lines = readFileSync(join(fixtures, 'errorModels', file), 'utf8').split('\n');
      const hit = errors.find((e) => e.message === truth.error)!;
      assert.ok(lines[hit.range.start.line].includes('tf.layers.'), `points at a layer call: ${lines[hit.range.start.line]}`);
    });
  }
});
