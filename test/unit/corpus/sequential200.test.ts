/**
 * 200 random nn.Sequential models of convolution variants:
 * every layer's output shape and parameter count must match PyTorch's.
 * Truth: tools/golden/pytorch_sequential200.py.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { TruthFile } from './corpusTruth';
import { analyzeFile, preloadPythonParser } from '../../support/analyze';
import { compareModel, readJson, truthDir } from './corpusTruth';

const truth = readJson<TruthFile>(path.join(truthDir, 'sequential200.json'));

describe('sequential200.py vs real PyTorch', function () {
  this.timeout(60000);

  before(async () => {
    await preloadPythonParser();
  });

  it('has 200 models in its truth', () => {
    assert.equal(truth.models.length, 200);
  });

  it('matches line, kind, output shape and params of every layer of every model', async () => {
    const analysis = await analyzeFile('test/fixtures/pytorch/sequential200.py');
    const byName = new Map(analysis.models.map((model) => [model.name, model]));
    let matched = 0;
    let total = 0;
    const failures: string[] = [];
    for (const expected of truth.models) {
      const result = compareModel(expected, byName.get(expected.name), 3);
      matched += result.matched;
      total += result.total;
      if (result.matched !== result.total || result.analysed !== result.total) {
        failures.push(`${expected.name} (line ${expected.line}): ${result.matched}/${result.total}, analyser ${result.analysed} records\n${result.details.join('\n')}`);
      }
    }
    console.log(`\n  sequential200: ${matched}/${total} layer records matched, ${200 - failures.length}/200 models fully matched`);
    assert.ok(failures.length === 0, `${failures.length} models differ; first ones:\n${failures.slice(0, 15).join('\n')}`);
  });

  it('reports the input of every model from its torch.randn call', async () => {
    const analysis = await analyzeFile('test/fixtures/pytorch/sequential200.py');
    const byName = new Map(analysis.models.map((model) => [model.name, model]));
    const wrong = truth.models
      .filter((expected) => JSON.stringify(byName.get(expected.name)?.input ?? null) !== JSON.stringify(expected.input))
      .map((expected) => `${expected.name}: want ${JSON.stringify(expected.input)}, got ${JSON.stringify(byName.get(expected.name)?.input ?? null)}`);
    assert.ok(wrong.length === 0, `${wrong.length} models:\n${wrong.slice(0, 15).join('\n')}`);
  });
});
