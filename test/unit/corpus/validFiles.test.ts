/**
 * Files PyTorch runs without an error (test/fixtures/pytorch/valid_files, written by
 * tools/golden/pytorch_corpus.py) must get no error diagnostics: false alarms would
 * squiggle correct code.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, preloadPythonParser } from '../../support/analyze';
import { describeFinding, errorFindings, fixturesDir } from './corpusTruth';

const validFiles = readFileSync(path.join(fixturesDir, 'valid_files'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

describe('valid PyTorch files: no error diagnostics', function () {
  this.timeout(60000);

  before(async () => {
    await preloadPythonParser();
  });

  it('lists the corpus, the generated files and the examples', () => {
    assert.ok(validFiles.length >= 20, `only ${validFiles.length} files`);
  });

  for (const file of validFiles) {
    it(file, async () => {
      const errors = errorFindings(await analyzeFile(file));
      assert.ok(errors.length === 0, `${errors.length} false errors:\n${errors.slice(0, 10).map(describeFinding).join('\n')}`);
    });
  }
});
