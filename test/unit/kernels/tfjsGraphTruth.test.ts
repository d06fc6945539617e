/**
 * Feature maps of a TF.js model through its analysed dataflow graph, against real TF.js
 * (@tensorflow/tfjs, cpu backend): a two-branch CNN joined by concatenate. Weights and every
 * layer's output are TF.js's own (tools/golden/tfjs_graph_truth.mjs); every layer must match
 * within 1e-4 of its output scale.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { analyzeFile } from '../../support/analyze';
import { compareGraphWithTruth } from './graphTruthSupport';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'graphs', 'tfjs');

describe('TF.js graphs against real TF.js', function () {
  this.timeout(60000);

  it('a two-branch CNN: every layer within 1e-4 of its output scale', async () => {
    const analysis = await analyzeFile(join(fixtures, 'cnn.js'));
    const model = analysis.models.find((m) => m.name === 'tfjs_cnn')!;
    const layers = await compareGraphWithTruth(analysis, model, join(fixtures, 'cnn.weights.safetensors'), join(fixtures, 'cnn.activations.safetensors'));
    assert.equal(layers.length, 18);
    const join2 = model.graph!.nodes.find((node) => node.kind === 'Concatenate');
    assert.deepEqual(
      join2?.inputs.map((edge) => edge.node),
      ['depthwise_conv2d_DepthwiseConv2D1', 'leaky_re_lu_LeakyReLU1'],
    );
    for (const layer of layers) assert.ok(layer.maxError <= layer.bound, `${layer.id}: error ${layer.maxError} over ${layer.bound}`);
  });
});
