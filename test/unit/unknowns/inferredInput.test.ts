/**
 * Models nothing feeds (no directive, no call, no setting) get the input they need: the
 * first layer's channels at the smallest size PyTorch accepts, solved from the first
 * Linear's in_features after a flatten when there is one. Truth: real PyTorch accepts that
 * size and rejects the next smaller one (tools/golden/unknowns_truth.py).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzePythonSource, preloadPythonParser } from '../../support/analyze';
import { unknownsDir, unknownsTruth } from './unknownsTruth';

const expectedSource: Record<string, string> = {
  'lenet.py': 'inferred from fc1 (in_features=400)',
  'mnist_net.py': 'inferred from fc1 (in_features=9216)',
  'audio_m5.py': 'smallest valid size',
  'unet_pix2pix.py': 'smallest valid size',
};

describe('inferred inputs, checked against PyTorch', function () {
  this.timeout(20000);
  before(preloadPythonParser);

  it('covers LeNet, the MNIST net, a 1-d audio net and a U-Net', () => {
    assert.deepEqual(Object.keys(unknownsTruth.models).sort(), Object.keys(expectedSource).sort());
  });

  for (const [file, truth] of Object.entries(unknownsTruth.models)) {
    const source = readFileSync(path.join(unknownsDir, file), 'utf8');

    it(`${file}: ${truth.model} gets the smallest input PyTorch accepts, ${JSON.stringify(truth.input)}, and runs clean`, async () => {
      const analysis = await analyzePythonSource(source);
      const model = analysis.models.find((candidate) => candidate.name === truth.model);
      assert.ok(model, `no model ${truth.model}`);
      assert.deepEqual(model.input, truth.input);
      assert.equal(model.inputSource, expectedSource[file]);
      assert.deepEqual(model.output, truth.output);
      assert.equal(model.totalParams, truth.totalParams);
      assert.deepEqual(
        analysis.diagnostics.filter((finding) => finding.severity !== 'info'),
        [],
      );
    });

    it(`${file}: at the next smaller size, ${JSON.stringify(truth.smaller.input)}, an error (PyTorch: ${truth.smaller.error})`, async () => {
      const analysis = await analyzePythonSource(source, { defaultInputShape: [...truth.smaller.input] });
      const errors = analysis.diagnostics.filter((finding) => finding.severity === 'error');
      assert.ok(errors.length > 0, 'no error at a size PyTorch rejects');
    });
  }
});
