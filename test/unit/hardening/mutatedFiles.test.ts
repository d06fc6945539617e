/**
 * Thousands of seeded mutations of the committed model files (the fuzz harness's mutators,
 * tools/fuzz/mutators.ts): the analysis must always return, whatever the file, with every
 * internal error caught at its statement.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mutateText, seededRandom } from '../../../tools/fuzz/mutators';
import { analyzePythonSource, analyzeTfjsSource, preloadPythonParser } from '../../support/analyze';
import { repoRoot } from '../../support/paths';

function smallFiles(folder: string, pattern: RegExp): string[] {
  const dir = path.join(repoRoot, folder);
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'))
    .filter((text) => text.length < 6000);
}

describe('hardening: mutated model files', function () {
  this.timeout(240_000);
  before(preloadPythonParser);

  it('1,500 mutated Python files: the analysis always returns', async () => {
    const sources = smallFiles('examples', /\.py$/).concat(smallFiles('test/fixtures/pytorch/models', /\.py$/));
    const random = seededRandom(18);
    for (let index = 0; index < 1500; index++) {
      const source = mutateText(sources[index % sources.length], 'python', random);
      // A small budget keeps the test short; the limits under test do not depend on it.
      const analysis = await analyzePythonSource(source, { timeBudgetMs: 300 }).catch((error: unknown) => assert.fail(`mutation ${index} threw: ${String(error)}\n${source}`));
      assert.ok(Array.isArray(analysis.models));
    }
  });

  it('an assignment chain cut short by a syntax error is unknown, not an internal error', async () => {
    // Found by the fuzz harness: tree-sitter's recovery left an assignment without a right-hand side.
    const source = ['class Residual:', '    def __init__(self, filters, ** + self.scale(x)', '', 'inputs = keras.Inpukwargs):', '        super().__init__(**kwargs)', ''].join(
      '\n',
    );
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.diagnostics.filter((diagnostic) => diagnostic.code === 'internal').map((diagnostic) => diagnostic.message),
      [],
    );
  });

  it('500 mutated TF.js files: the analysis always returns', async () => {
    const sources = smallFiles('test/fixtures/tfjs/models', /\.(ts|js)$/);
    const random = seededRandom(19);
    for (let index = 0; index < 500; index++) {
      const source = mutateText(sources[index % sources.length], 'script', random);
      const analysis = await analyzeTfjsSource(source, 'typescript').catch((error: unknown) => assert.fail(`mutation ${index} threw: ${String(error)}\n${source}`));
      assert.ok(Array.isArray(analysis.models));
    }
  });
});
