/**
 * Feature maps of Keras models through their analysed dataflow graphs, against real Keras 3:
 * a small U-Net (Conv2D, BatchNormalization, ReLU, MaxPooling2D, UpSampling2D,
 * Conv2DTranspose, Concatenate) and a CNN using the other channels-last layers. Weights and
 * every layer's output are Keras's own (tools/golden/keras_graph_truth.py); every layer must
 * match within 1e-4 of its output scale.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePythonSource } from '../../support/analyze';
import { compareGraphWithTruth } from './graphTruthSupport';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'graphs', 'keras');

async function compare(name: string, modelName: string) {
  const analysis = await analyzePythonSource(readFileSync(join(fixtures, `${name}.py`), 'utf8'));
  const model = analysis.models.find((m) => m.name === modelName)!;
  return { model, layers: await compareGraphWithTruth(analysis, model, join(fixtures, `${name}.weights.safetensors`), join(fixtures, `${name}.activations.safetensors`)) };
}

describe('Keras graphs against real Keras 3', function () {
  this.timeout(60000);

  it('a U-Net: every layer within 1e-4 of its output scale', async () => {
    const { model, layers } = await compare('unet', 'unet');
    assert.equal(layers.length, 37);
    // The skips: each Concatenate reads the upsampled map and the encoder's block output.
    const joins = model.graph!.nodes.filter((node) => node.kind === 'Concatenate').map((node) => node.inputs.map((edge) => edge.node));
    assert.deepEqual(joins, [
      ['up_sampling2d', 'activation_1'],
      ['conv2d_transpose', 'activation'],
    ]);
    for (const layer of layers) assert.ok(layer.maxError <= layer.bound, `${layer.id}: error ${layer.maxError} over ${layer.bound}`);
  });

  it('padding, cropping, separable / depthwise / transposed convs, bilinear upsampling, global pooling, Dense: every layer', async () => {
    const { model, layers } = await compare('layers', 'layers_cnn');
    assert.equal(layers.length, 18);
    assert.deepEqual(model.graph!.outputs, [{ node: 'softmax' }, { node: 'reshape' }]);
    for (const layer of layers) assert.ok(layer.maxError <= layer.bound, `${layer.id}: error ${layer.maxError} over ${layer.bound}`);
  });

  it('a 1-D CNN (causal, dilated and strided Conv1D, 1-D pooling): every layer', async () => {
    const { layers } = await compare('sequence', 'sequence_cnn');
    assert.equal(layers.length, 7);
    for (const layer of layers) assert.ok(layer.maxError <= layer.bound, `${layer.id}: error ${layer.maxError} over ${layer.bound}`);
  });
});
