/**
 * tree-sitter's error recovery can take many seconds on badly broken text, before the
 * interpreter (and its budget) even starts: the parse itself has a deadline, and a file that
 * misses it is reported, not waited for.
 */
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { preloadPythonParser } from '../../support/analyze';

/** About 20,000 broken lines: a full parse takes about a second here, far over the tiny limit below. */
const brokenSource = 'def f(:\n  a = [1, 2,\n'.repeat(10_000);

describe('hardening: the parse has a deadline', function () {
  this.timeout(60_000);
  before(preloadPythonParser);

  for (const documentKey of [undefined, 'file:///broken.py']) {
    it(`a parse past its limit gives one plain info and a partial result (${documentKey ? 'editor document' : 'one-off parse'})`, async () => {
      const started = performance.now();
      const analysis = await analyzeSource(brokenSource, 'python', { parseTimeLimitMs: 20, documentKey });
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 500, `took ${elapsed.toFixed(0)} ms`);
      assert.equal(analysis.partial, true);
      assert.deepEqual(analysis.models, []);
      assert.deepEqual(
        analysis.diagnostics.map((finding) => [finding.severity, finding.code]),
        [['info', 'parse-timeout']],
      );
      assert.match(analysis.diagnostics[0].message, /parsing it took longer than 0\.02 s/);
    });
  }

  it('the default limit leaves an ordinary broken file alone', async () => {
    const analysis = await analyzeSource('import torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3)\n', 'python');
    assert.ok(!analysis.diagnostics.some((finding) => finding.code === 'parse-timeout'));
  });
});
