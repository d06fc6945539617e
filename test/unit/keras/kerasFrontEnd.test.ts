/**
 * The Keras (Python) front end against real Keras 3: every file in test/fixtures/keras/models
 * (written for the tests) and test/fixtures/keras/examples (keras.io examples) was run by real
 * Keras (tools/golden/keras_fixtures.py). Here the same files are parsed and interpreted
 * statically; every layer call's output shape and parameters and every model's total and
 * output must match, and a file Keras ran without error gets no error. Plus behaviour tests.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePythonSource } from '../../support/analyze';
import type { KerasTruth } from '../../support/kerasTruth';
import { compareWithKeras } from '../../support/kerasTruth';

const fixtures = join(__dirname, '../../fixtures/keras');
const folders = [
  { folder: 'models', atLeast: 8 },
  { folder: 'examples', atLeast: 15 },
];

for (const { folder, atLeast } of folders) {
  const dir = join(fixtures, folder);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort();

  describe(`Keras front end vs real Keras 3: ${folder}`, () => {
    it(`has at least ${atLeast} Keras files with truth`, () => {
      assert.ok(files.length >= atLeast, `${files.length} files`);
    });

    for (const file of files) {
      it(file, async () => {
        const truth = JSON.parse(readFileSync(join(dir, 'truth', file.replace(/\.py$/, '.json')), 'utf8')) as KerasTruth;
        assert.equal(truth.error, undefined, 'Keras ran the file without error');
        const analysis = await analyzePythonSource(readFileSync(join(dir, file), 'utf8'));
        assert.deepEqual(
          analysis.diagnostics.filter((d) => d.severity === 'error'),
          [],
          'no errors',
        );
        const comparison = compareWithKeras(analysis, truth);
        assert.ok(comparison.layers + comparison.models > 0, 'Keras recorded layers');
        assert.deepEqual(comparison.mismatches, []);
      });
    }
  });
}

describe('Keras front end vs real Keras 3: invalid files', () => {
  const dir = join(fixtures, 'invalid');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort();

  it('has invalid Keras files with truth', () => {
    assert.ok(files.length >= 2, `${files.length} files`);
  });

  for (const file of files) {
    it(`${file}: Keras' own error, on its line, and nothing else`, async () => {
      const truth = JSON.parse(readFileSync(join(dir, 'truth', file.replace(/\.py$/, '.json')), 'utf8')) as KerasTruth;
      assert.ok(truth.error, 'Keras raised an error');
      const analysis = await analyzePythonSource(readFileSync(join(dir, file), 'utf8'));
      assert.deepEqual(
        analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ line: d.range.start.line + 1, message: d.message })),
        [{ line: truth.error.line, message: truth.error.message }],
      );
      // The layers Keras built before it failed match too.
      assert.deepEqual(compareWithKeras(analysis, truth).mismatches, []);
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
