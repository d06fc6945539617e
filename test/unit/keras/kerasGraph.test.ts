/**
 * The dataflow graph of Keras models: layer calls (a shared layer's second call `#2`), the
 * operators and keras.ops between them with resolved arguments, activation functions as
 * `Activation` twins, a custom layer's inside, and a model called as a layer inlined under
 * its name, which then runs with Keras's default init.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGraph } from '../../../src/engine/kernels/runGraph';
import type { ModelGraph } from '../../../src/engine/graph/modelGraph';
import { matchWeights } from '../../../src/engine/weights/matchWeights';
import { graphWeightLayers } from '../../../src/engine/weights/kerasWeights';
import { analyzePythonSource } from '../../support/analyze';

const source = readFileSync(join(__dirname, '..', '..', 'fixtures', 'graphs', 'keras', 'subclassed.py'), 'utf8');

/** `id kind <- inputs {args}` per node, in order. */
function graphLines(graph: ModelGraph): string[] {
  return graph.nodes.map((node) => `${node.id} ${node.kind} <- ${node.inputs.map((edge) => edge.node).join(',')} ${JSON.stringify(node.origin === 'layer' ? {} : node.args)}`);
}

describe('Keras dataflow graphs', () => {
  it('a subclassed model: layers, a shared layer called twice, operators and keras.ops', async () => {
    const analysis = await analyzePythonSource(source);
    const model = analysis.models.find((m) => m.name === 'net')!;
    assert.equal(model.graph?.layout, 'channels-last');
    assert.deepEqual(graphLines(model.graph!), [
      'input input <-  {}',
      'conv2d Conv2D <- input {}',
      'conv2d_1 Conv2D <- conv2d {}',
      'Activation:1 Activation <- conv2d_1 {"activation":"relu"}',
      'conv2d_2 Conv2D <- Activation:1 {}',
      'conv2d_2#2 Conv2D <- conv2d_2 {}',
      'add:1 add <- conv2d,conv2d_2#2 {}',
      'sub:1 sub <- add:1 {"other":1,"reversed":true}',
      'cat:1 cat <- sub:1,conv2d {"dim":3}',
      'mean:1 mean <- cat:1 {"dim":[1,2],"keepdim":false}',
      'reshape:1 reshape <- mean:1 {}',
      'dense Dense <- reshape:1 {}',
    ]);
    assert.deepEqual(model.graph!.outputs, [{ node: 'dense' }]);
    // Layer nodes point at their records (the custom layer `block` is its inside: conv2d_1 and the relu).
    const byId = new Map(model.graph!.nodes.map((node) => [node.id, node]));
    for (const id of ['conv2d', 'conv2d_1', 'conv2d_2', 'conv2d_2#2', 'dense']) {
      const node = byId.get(id)!;
      assert.equal(model.layers[node.recordIndex!].path, id.replace(/#\d+$/, ''));
      assert.deepEqual(model.layers[node.recordIndex!].output, node.output);
    }
    assert.equal(byId.get('add:1')?.origin, 'operator');
  });

  it('a Sequential called as a layer is inlined under its name and runs with default weights', async () => {
    const analysis = await analyzePythonSource(source);
    const outer = analysis.models.find((m) => m.name === 'outer')!;
    assert.deepEqual(graphLines(outer.graph!), [
      'input input <-  {}',
      'encoder.conv2d_3 Conv2D <- input {}',
      'encoder.max_pooling2d MaxPooling2D <- encoder.conv2d_3 {}',
      'flatten Flatten <- encoder.max_pooling2d {}',
    ]);
    const weights = matchWeights(graphWeightLayers(outer.graph!, outer, analysis.models), new Map());
    assert.deepEqual(weights.missing, ['encoder.conv2d_3.kernel', 'encoder.conv2d_3.bias']);
    const input = { shape: [1, 8, 8, 3], data: Float32Array.from({ length: 192 }, (_, i) => Math.sin(i)) };
    const result = await runGraph(outer.graph!, [input], weights.weightsByPath);
    assert.deepEqual(result.stopped, new Map());
    assert.deepEqual(result.outputs.get('flatten')?.[0].shape, [1, 64]);
    // Keras's default init: a glorot_uniform kernel (not all zero) and a zero bias.
    const conv = weights.weightsByPath.get('encoder.conv2d_3')!;
    const limit = Math.sqrt(6 / (3 * 9 + 4 * 9));
    assert.ok(conv.kernel!.data.some((v) => v !== 0) && conv.kernel!.data.every((v) => Math.abs(v) <= limit));
    assert.ok(conv.bias!.data.every((v) => v === 0));
  });

  it('an operator with a non-number operand is kept with a note; its branch stops by name', async () => {
    const analysis = await analyzePythonSource(
      [
        'import keras',
        'from keras import layers',
        'inputs = keras.Input((4, 4, 2))',
        'x = layers.Conv2D(2, 1)(inputs)',
        'y = x % 3',
        'model = keras.Model(inputs, [x, y])',
        '',
      ].join('\n'),
    );
    const graph = analysis.models[0].graph!;
    const mod = graph.nodes.find((node) => node.origin === 'operator')!;
    assert.equal(mod.kind, '%');
    assert.match(mod.note ?? '', /no kernel for the operator %/);
    assert.deepEqual(graph.outputs, [{ node: 'conv2d' }, { node: mod.id }]);
  });

  it("ops on KerasTensors take auto names from the layers' counter, as Keras 3 names its Operations", async () => {
    // Real Keras 3.15 names this model's layers conv2d, conv2d_1, add_1, multiply_1, concatenate_1, re_lu_1:
    // `a + inputs`, `0.5 * y`, keras.activations.relu and ops.concatenate took add, multiply, re_lu, concatenate.
    const analysis = await analyzePythonSource(
      [
        'import numpy as np',
        'import keras',
        'from keras import layers, ops',
        'x = np.zeros((1, 8, 8, 3)) + 1  # numpy: no Keras Operation',
        'inputs = keras.Input((8, 8, 3))',
        'a = layers.Conv2D(3, 1)(inputs)',
        'y = a + inputs',
        'y = 0.5 * y',
        'y = keras.activations.relu(y)',
        'y = ops.concatenate([y, inputs], axis=-1)',
        'y = layers.Conv2D(3, 1)(y)',
        'z = layers.Add()([y, a])',
        'z = layers.Multiply()([z, a])',
        'z = layers.Concatenate()([z, a])',
        'z = layers.ReLU()(z)',
        'model = keras.Model(inputs, z)',
        '',
      ].join('\n'),
    );
    const model = analysis.models[0];
    assert.deepEqual(
      model.layers.map((layer) => layer.path),
      ['conv2d', 'conv2d_1', 'add_1', 'multiply_1', 'concatenate_1', 're_lu_1'],
    );
    assert.deepEqual(
      model.graph!.nodes.filter((node) => node.origin !== 'layer').map((node) => node.id),
      ['input', 'add:1', 'mul:1', 'Activation:1', 'cat:1'],
    );
  });
});
