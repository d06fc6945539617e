/**
 * Recurrent layers in TF.js code: layers in a config (`bidirectional({layer: lstm(...)})`,
 * `timeDistributed`, `rnn({cell: [...]})`) and array destructuring of returnState. The expected
 * names, shapes and countParams() are what real TF.js 4.22 printed for the same code.
 */
import { strict as assert } from 'node:assert';
import { analyzeTfjsSource } from '../../support/analyze';

describe('TF.js recurrent layers in the front end', () => {
  it('passes layers in configs and binds `const [out, h, c] = lstm.apply(x)`', async () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      'const input = tf.input({ shape: [12, 8] });',
      'const bi = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 16, returnSequences: true }) }).apply(input);',
      'const td = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 4 }) }).apply(bi);',
      'const [out, h, c] = tf.layers.lstm({ units: 6, returnState: true }).apply(td);',
      'const rnn = tf.layers.rnn({ cell: [tf.layers.lstmCell({ units: 5 }), tf.layers.gruCell({ units: 3 })] }).apply(td);',
      'const y = tf.layers.dense({ units: 2 }).apply(h);',
      'const model = tf.model({ inputs: input, outputs: [y, rnn] });',
      '',
    ].join('\n');
    const analysis = await analyzeTfjsSource(source, 'javascript');
    // TF.js 4.22: [null,12,32] 3200, [null,12,4] 132, lstm [null,6] x3 264, rnn [null,3] 281, dense [null,2] 14.
    assert.deepEqual(
      analysis.models[0].layers.map((l) => [l.path, l.output, l.params]),
      [
        ['bidirectional_Bidirectional1', [1, 12, 32], 3200],
        ['time_distributed_TimeDistributed1', [1, 12, 4], 132],
        ['lstm_LSTM2', [1, 6], 264],
        ['rnn_RNN1', [1, 3], 281],
        ['dense_Dense2', [1, 2], 14],
      ],
    );
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
  });
});
