/**
 * A Python float where a layer's constructor needs an int size (`nn.Conv2d(24, 200 / 4, 1)`,
 * as kuangliu/pytorch-cifar's ShuffleNet has it): PyTorch's own TypeError on that line, and
 * no error where the value is an int (`//`, `int()`, `round()`) or never a size. Truth:
 * tools/golden/float_size_errors.py (real PyTorch) in truth/floatSizes.json.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePythonSource } from '../../support/analyze';

interface FloatSizeCase {
  readonly code: string;
  readonly message: string | null;
}

const cases = (JSON.parse(readFileSync(join(__dirname, 'truth', 'floatSizes.json'), 'utf8')) as { cases: FloatSizeCase[] }).cases;

describe('Python front end: a float where PyTorch needs an int size', () => {
  for (const { code, message } of cases) {
    it(`${code}: ${message === null ? 'no error' : message.split('\n')[0]}`, async () => {
      const analysis = await analyzePythonSource(`import torch\nimport torch.nn as nn\nlayer = ${code}\n`);
      const errors = analysis.diagnostics.filter((finding) => finding.severity === 'error').map((finding) => `line ${finding.range.start.line + 1}: ${finding.message}`);
      assert.deepEqual(errors, message === null ? [] : [`line 3: ${message}`]);
    });
  }

  it('a model that reaches the float layer has no records past the failed constructor', async () => {
    const analysis = await analyzePythonSource(
      'import torch\nimport torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(8, 16 / 2, 3))\nnet(torch.randn(1, 3, 32, 32))\n',
    );
    assert.deepEqual(
      analysis.diagnostics.filter((finding) => finding.severity === 'error').map((finding) => finding.range.start.line + 1),
      [3],
    );
  });
});
