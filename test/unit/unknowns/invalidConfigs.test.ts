/**
 * Sixteen configurations PyTorch rejects, most of them in functions nothing in the file calls,
 * one in a builder with a parameter nobody passed, one in a class that needs arguments: each
 * gets PyTorch's error on the line PyTorch blames, and nothing else in the file is an error.
 * Truth: tools/golden/unknowns_truth.py.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzePythonSource, preloadPythonParser } from '../../support/analyze';
import type { FileAnalysis, Finding } from '../../../src/engine/report';
import { normalizeMessage } from '../corpus/corpusTruth';
import { unknownsDir, unknownsTruth } from './unknownsTruth';

describe('invalid configurations in code nothing calls: PyTorch errors on the right lines', function () {
  this.timeout(20000);
  let analysis: FileAnalysis;
  let errors: Finding[];
  before(async () => {
    await preloadPythonParser();
    analysis = await analyzePythonSource(readFileSync(path.join(unknownsDir, 'invalid_configs.py'), 'utf8'));
    errors = analysis.diagnostics.filter((finding) => finding.severity === 'error');
  });

  it('has sixteen cases', () => {
    assert.equal(Object.keys(unknownsTruth.invalid).length, 16);
  });

  for (const [name, truth] of Object.entries(unknownsTruth.invalid)) {
    it(`${name}: line ${truth.line}: ${truth.message}`, () => {
      const want = normalizeMessage(truth.message);
      const found = errors.find((finding) => finding.range.start.line + 1 === truth.line && normalizeMessage(finding.message) === want);
      assert.ok(found, `got:\n${errors.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`).join('\n')}`);
    });
  }

  it('reports no other error', () => {
    const expected = new Set(Object.values(unknownsTruth.invalid).map((truth) => `${truth.line}:${normalizeMessage(truth.message)}`));
    const extra = errors.filter((finding) => !expected.has(`${finding.range.start.line + 1}:${normalizeMessage(finding.message)}`));
    assert.deepEqual(
      extra.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`),
      [],
    );
  });
});
