/**
 * Recurrent layers in Keras code: layer objects passed as arguments (Bidirectional(LSTM(...)),
 * TimeDistributed(Dense(...)), RNN([cells])) and tuple unpacking of return_state. The expected
 * names, shapes and counts are what real Keras 3 printed for the same code.
 */
import { strict as assert } from 'node:assert';
import { analyzePythonSource } from '../../support/analyze';

describe('Keras recurrent layers in the front end', () => {
  it('passes layer objects to Bidirectional, TimeDistributed and RNN', async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      'inputs = keras.Input((20, 8))',
      'x = layers.Bidirectional(layers.LSTM(16, return_sequences=True))(inputs)',
      'x = layers.TimeDistributed(layers.Dense(4))(x)',
      'x = layers.RNN([layers.LSTMCell(6), layers.GRUCell(5)])(x)',
      'y = layers.Dense(3)(x)',
      'model = keras.Model(inputs, y)',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    // Keras 3.15: bidirectional (None, 20, 32) 3200, time_distributed (None, 20, 4) 132, rnn (None, 5) 459, dense_1 (None, 3) 18.
    assert.deepEqual(
      analysis.models[0].layers.map((l) => [l.path, l.output, l.params]),
      [
        ['bidirectional', [1, 20, 32], 3200],
        ['time_distributed', [1, 20, 4], 132],
        ['rnn', [1, 5], 459],
        ['dense_1', [1, 3], 18],
      ],
    );
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
  });

  it('binds each name of `out, h, c = LSTM(..., return_state=True)(x)` to its tensor', async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      'tokens = keras.Input((12,))',
      'e = layers.Embedding(1000, 32)(tokens)',
      'out, h, c = layers.LSTM(8, return_sequences=True, return_state=True)(e)',
      'z = layers.Dense(2)(h)',
      'model = keras.Model(tokens, [out, z])',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    // Keras 3.15: embedding (None, 12, 32) 32000; lstm (None, 12, 8), (None, 8), (None, 8), 1312; dense (None, 2) 18.
    assert.deepEqual(
      analysis.models[0].layers.map((l) => [l.path, l.output, l.params]),
      [
        ['embedding', [1, 12, 32], 32000],
        ['lstm', [1, 12, 8], 1312],
        ['dense', [1, 2], 18],
      ],
    );
    // The code unpacks the three tensors, so no note says that the flow stops; the hover lists them.
    assert.equal(
      analysis.diagnostics.find((d) => d.code === 'tf.multi-output'),
      undefined,
    );
    assert.deepEqual(analysis.models[0].layers[1].outputs, [
      [1, 12, 8],
      [1, 8],
      [1, 8],
    ]);
  });

  it("reports a wrapped layer's constructor error once, where Python raises it", async () => {
    const source = ['from keras import layers', '', 'bi = layers.Bidirectional(layers.LSTM(0))', ''].join('\n');
    const errors = (await analyzePythonSource(source)).diagnostics.filter((d) => d.severity === 'error');
    // Keras 3.15: LSTM(0) raises before Bidirectional is called.
    assert.deepEqual(
      errors.map((d) => [d.message, d.range.start.column]),
      [['Received an invalid value for argument `units`, expected a positive integer, got 0.', 26]],
    );
  });
});
