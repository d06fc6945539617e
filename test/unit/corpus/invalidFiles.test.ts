/**
 * Every invalid layer configuration (test/fixtures/pytorch/invalid/*.py, and
 * examples/invalid.py): an error finding on the line PyTorch blames (the failing layer's
 * constructor) with PyTorch's exact message. Truth: tools/golden/pytorch_invalid.py.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { TruthError, TruthFile } from './corpusTruth';
import { analyzeFile, preloadPythonParser } from '../../support/analyze';
import { describeFinding, errorFindings, normalizeMessage, readJson, truthDir } from './corpusTruth';

const cases: Array<[string, TruthError]> = Object.entries(readJson<Record<string, TruthError>>(path.join(truthDir, 'invalid.json'))).map(([file, error]) => [
  `test/fixtures/pytorch/invalid/${file}`,
  error,
]);
const example = readJson<TruthFile>(path.join(truthDir, 'examples', 'invalid.json'));
if (example.error) cases.push(['examples/invalid.py', example.error]);

describe('invalid PyTorch files: the error PyTorch raises, on the right line', function () {
  this.timeout(60000);

  before(async () => {
    await preloadPythonParser();
  });

  it('covers every invalid case', () => {
    assert.ok(cases.length >= 15, `only ${cases.length} cases`);
  });

  for (const [file, expected] of cases) {
    it(`${file}:${expected.line}: ${expected.message}`, async () => {
      const errors = errorFindings(await analyzeFile(file));
      const want = normalizeMessage(expected.message);
      const exact = errors.find((f) => f.range.start.line + 1 === expected.line && normalizeMessage(f.message) === want);
      assert.ok(exact, `want an error on line ${expected.line}: ${expected.message}\n got: ${errors.length === 0 ? '(no errors)' : errors.map(describeFinding).join('\n      ')}`);
    });
  }
});
