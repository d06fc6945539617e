/**
 * Feature maps of a Keras residual network with a squeeze-and-excitation gate through its
 * analysed dataflow graph, against real Keras 3: the joins are tensor operations (the Add
 * and Multiply layers, `x + 0.5 * y`, keras.ops.concatenate, keras.activations.relu), so this
 * runs on the op kernels. Weights and every layer's output are Keras's own
 * (tools/golden/keras_graph_truth.py); every layer must match within 1e-4 of its output scale.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePythonSource } from '../../support/analyze';
import { compareGraphWithTruth } from './graphTruthSupport';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'graphs', 'keras');

describe('Keras graphs with tensor-operation joins against real Keras 3', function () {
  this.timeout(60000);

  it('a residual network with an SE gate: every layer within 1e-4 of its output scale', async () => {
    const analysis = await analyzePythonSource(readFileSync(join(fixtures, 'resnet.py'), 'utf8'));
    const model = analysis.models.find((m) => m.name === 'resnet_se')!;
    const ops = model.graph!.nodes.filter((node) => node.origin !== 'layer' && node.origin !== 'input').map((node) => `${node.id} ${JSON.stringify(node.args)}`);
    assert.deepEqual(ops, ['Activation:1 {"activation":"relu"}', 'mul:1 {"other":0.5,"reversed":true}', 'add:1 {}', 'cat:1 {"dim":3}']);
    const layers = await compareGraphWithTruth(analysis, model, join(fixtures, 'resnet.weights.safetensors'), join(fixtures, 'resnet.activations.safetensors'));
    assert.equal(layers.length, 14);
    for (const layer of layers) assert.ok(layer.maxError <= layer.bound, `${layer.id}: error ${layer.maxError} over ${layer.bound}`);
  });
});
