/**
 * The dataflow graph of TF.js models: a Sequential is a chain from its declared input, merge
 * layers read every tensor of their list, and a model applied as a layer (or added to a
 * Sequential) is inlined under its name.
 */
import { strict as assert } from 'node:assert';
import { analyzeTfjsSource } from '../../support/analyze';

const source = [
  "import * as tf from '@tensorflow/tfjs';",
  'const encoder = tf.sequential({ name: "encoder" });',
  'encoder.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: "same" }));',
  'encoder.add(tf.layers.maxPooling2d({ poolSize: 2 }));',
  'const input = tf.input({ shape: [8, 8, 1] });',
  'const a = encoder.apply(input);',
  'const b = tf.layers.conv2d({ filters: 4, kernelSize: 2, strides: 2 }).apply(input);',
  'const sum = tf.layers.add().apply([a, b]);',
  'const out = tf.layers.flatten().apply(sum);',
  'const model = tf.model({ inputs: input, outputs: out, name: "joined" });',
  '',
].join('\n');

describe('TF.js dataflow graphs', () => {
  it('a Sequential, and a functional model that applies it and adds a branch', async () => {
    const analysis = await analyzeTfjsSource(source, 'typescript');
    const lines = (name: string) =>
      analysis.models.find((m) => m.name === name)!.graph!.nodes.map((node) => `${node.id} ${node.kind} <- ${node.inputs.map((edge) => edge.node).join(',')}`);
    assert.deepEqual(lines('encoder'), ['input input <- ', 'conv2d_Conv2D1 Conv2D <- input', 'max_pooling2d_MaxPooling2D1 MaxPooling2D <- conv2d_Conv2D1']);
    assert.deepEqual(lines('joined'), [
      'input input <- ',
      'encoder.conv2d_Conv2D1 Conv2D <- input',
      'encoder.max_pooling2d_MaxPooling2D1 MaxPooling2D <- encoder.conv2d_Conv2D1',
      'conv2d_Conv2D2 Conv2D <- input',
      'add_Add1 Add <- encoder.max_pooling2d_MaxPooling2D1,conv2d_Conv2D2',
      'flatten_Flatten1 Flatten <- add_Add1',
    ]);
    const joined = analysis.models.find((m) => m.name === 'joined')!;
    assert.equal(joined.graph!.layout, 'channels-last');
    assert.deepEqual(joined.graph!.outputs, [{ node: 'flatten_Flatten1' }]);
    // Layer nodes of the model's own calls point at their records; inlined ones have none.
    const add = joined.graph!.nodes.find((node) => node.kind === 'Add')!;
    assert.equal(joined.layers[add.recordIndex!].path, 'add_Add1');
    assert.equal(joined.graph!.nodes[1].recordIndex, undefined);
  });
});
