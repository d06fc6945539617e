/**
 * The Keras (Python) front end against Keras truth: every file in test/fixtures/keras/models
 * was run by real Python with a recording keras stand-in and its layers replayed in real
 * TF.js (tools/golden/keras_record.py, keras_truth.mjs). Here the same files are parsed and
 * interpreted statically; every model's layers (name, class, output shape without the
 * batch, parameters) and totals must match. Plus behaviour tests on small snippets.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePythonSource } from '../../support/analyze';

interface KerasTruth {
  models: { name: string; layers: { name: string; className: string; outputShape: number[]; params: number }[] }[];
}

const dir = join(__dirname, '../../fixtures/keras');
const files = readdirSync(join(dir, 'models'))
  .filter((f) => f.endsWith('.py'))
  .sort();

describe('Keras front end vs Keras truth (replayed in real TF.js)', () => {
  it('has at least 8 Keras files with truth', () => {
    assert.ok(files.length >= 8);
  });

  for (const file of files) {
    it(file, async () => {
      const truth = JSON.parse(readFileSync(join(dir, 'truth', file.replace(/\.py$/, '.json')), 'utf8')) as KerasTruth;
      const analysis = await analyzePythonSource(readFileSync(join(dir, 'models', file), 'utf8'));
      assert.deepEqual(
        analysis.diagnostics.filter((d) => d.severity === 'error'),
        [],
        'no errors',
      );
      assert.deepEqual(
        analysis.models.map((m) => m.name),
        truth.models.map((m) => m.name),
        'models',
      );
      for (const expected of truth.models) {
        const model = analysis.models.find((m) => m.name === expected.name)!;
        assert.deepEqual(
          model.layers.map((l) => ({ name: l.path, className: l.kind, outputShape: l.output?.slice(1) ?? null, params: l.params })),
          expected.layers.map((l) => ({ name: l.name, className: l.className, outputShape: l.outputShape, params: l.params })),
          `${expected.name}: layers`,
        );
        assert.equal(
          model.totalParams,
          expected.layers.reduce((sum, l) => sum + l.params, 0),
          `${expected.name}: total params`,
        );
        assert.equal(model.output?.slice(1).join('x'), expected.layers[expected.layers.length - 1].outputShape.join('x'), `${expected.name}: output`);
      }
    });
  }
});

describe('Keras front end behaviour', () => {
  it("reports the engine's Keras error on the constructor line", async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      'inputs = keras.Input(shape=(32, 32, 3))',
      'x = layers.Conv2D(8, 3)(inputs)',
      'x = layers.Conv2D(16, 3, strides=2, dilation_rate=2)(x)',
      'model = keras.Model(inputs, x)',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(analysis.diagnostics));
    assert.equal(errors[0].range.start.line, 5);
    assert.match(errors[0].message, /dilation/);
  });

  it('degrades an unknown value to info, not an error', async () => {
    const source = [
      'import tensorflow as tf',
      'from somewhere import channels',
      '',
      'inputs = tf.keras.Input(shape=(28, 28, channels))',
      'x = tf.keras.layers.Conv2D(8, 3)(inputs)',
      'model = tf.keras.Model(inputs=inputs, outputs=x)',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.ok(analysis.diagnostics.some((d) => d.severity === 'info'));
    const conv = analysis.models[0].layers[0];
    assert.equal(conv.kind, 'Conv2D');
    assert.equal(conv.output, null);
  });

  it('works in a file that also uses PyTorch', async () => {
    const source = [
      'import torch',
      'import torch.nn as nn',
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      '',
      'torch_net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())',
      'out = torch_net(torch.randn(1, 3, 32, 32))',
      '',
      'keras_net = keras.Sequential([layers.Conv2D(8, 3, input_shape=(32, 32, 3)), layers.ReLU()])',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.models.map((m) => m.name),
      ['torch_net', 'sequential'],
    );
    assert.deepEqual(analysis.models[0].layers[0].output, [1, 8, 30, 30]);
    assert.deepEqual(analysis.models[1].layers[0].output, [1, 30, 30, 8]);
    assert.equal(analysis.models[1].layers[0].params, 3 * 3 * 3 * 8 + 8);
  });
});
