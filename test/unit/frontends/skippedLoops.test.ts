/**
 * Loops the analysis cannot run (over `filter(...)`, `itertools.islice(...)`, a `while` on an
 * undecidable condition) against real PyTorch: what their bodies assign or mutate becomes
 * unknown, so no layer after the loop gets a wrong known shape and the file, which PyTorch
 * runs, gets no error. Truth: tools/golden/skipped_loops_truth.py.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TruthFile } from '../corpus/corpusTruth';
import { describeFinding, describeRecord, describeTruth, errorFindings, sameShape } from '../corpus/corpusTruth';
import { analyzePythonSource } from '../../support/analyze';
import { fixturesRoot } from '../../support/paths';

const sourceDir = path.join(fixturesRoot, 'pytorch', 'skippedLoops');
const truthDir = path.join(fixturesRoot, 'pytorch', 'truth', 'skippedLoops');

describe('Python front end: loops it cannot run leave unknowns, never wrong shapes', () => {
  for (const name of readdirSync(sourceDir).filter((file) => file.endsWith('.py'))) {
    it(name, async () => {
      const truth = JSON.parse(readFileSync(path.join(truthDir, name.replace(/\.py$/, '.json')), 'utf8')) as TruthFile;
      const analysis = await analyzePythonSource(readFileSync(path.join(sourceDir, name), 'utf8'));
      assert.equal(truth.error, null);
      assert.deepEqual(errorFindings(analysis).map(describeFinding), [], 'PyTorch runs the file');
      const expected = truth.models[0];
      const model = analysis.models.find((candidate) => candidate.name === expected.className);
      assert.ok(model, `a model for ${expected.className}`);
      const wrong = model.layers
        .filter((record) => record.output !== null)
        .filter((record) => {
          const want = expected.layers.find((layer) => layer.path === record.path);
          return !want || !sameShape(want.output, record.output) || want.params !== record.params;
        })
        .map(
          (record) =>
            `${describeRecord(record)}; PyTorch: ${
              expected.layers
                .filter((layer) => layer.path === record.path)
                .map(describeTruth)
                .join(', ') || 'no such call'
            }`,
        );
      assert.deepEqual(wrong, [], 'records with a known output must be what PyTorch computed');
      assert.ok(model.output === null || sameShape(model.output, expected.output), `model output ${JSON.stringify(model.output)}`);
    });
  }
});
