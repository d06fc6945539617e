/**
 * Layers whose shapes the engine computes but which have no feature-map kernel yet
 * (recurrent, attention, transformer, fold/unfold, the rarer pools): a preview must stop at
 * such a layer with a message naming it and keep every output computed before it.
 */
import { strict as assert } from 'node:assert';
import { runLayer } from '../../../src/engine/kernels/runLayer';
import { runSequence } from '../../../src/engine/kernels/runSequence';
import { KernelError, zeros } from '../../../src/engine/kernels/tensor';
import { hasTorchRule } from '../../../src/engine/torch/layers';
import { runKerasLayer } from '../../../src/engine/kernels/runKerasLayer';
import { hasKerasRule } from '../../../src/engine/tf/layers';

const withoutKernel = [
  'LSTM',
  'GRU',
  'RNN',
  'LSTMCell',
  'GRUCell',
  'RNNCell',
  'Embedding',
  'MultiheadAttention',
  'TransformerEncoderLayer',
  'TransformerDecoderLayer',
  'Bilinear',
  'GLU',
  'Unflatten',
  'Fold',
  'Unfold',
  'LPPool1d',
  'LPPool2d',
  'FractionalMaxPool2d',
  'FractionalMaxPool3d',
  'MaxUnpool1d',
  'MaxUnpool2d',
  'MaxUnpool3d',
  'LazyLinear',
  'LazyConv2d',
  'LazyBatchNorm2d',
];

describe('feature maps: catalogue layers without a kernel', () => {
  it('refuse with a KernelError naming the layer kind, not a crash', () => {
    for (const kind of withoutKernel) {
      assert.ok(hasTorchRule(kind), `${kind} has a shape rule`);
      assert.throws(
        () => runLayer(kind, {}, zeros([1, 2, 4, 4]), {}),
        (error: unknown) => error instanceof KernelError && error.message === `no kernel for layer kind '${kind}'`,
        kind,
      );
    }
  });

  it('stop a run there with the message, keeping the outputs computed before', async () => {
    const result = await runSequence(
      [
        { path: 'act', kind: 'ReLU', args: {} },
        { path: 'rnn', kind: 'LSTM', args: {} },
      ],
      zeros([1, 2, 4, 4]),
      new Map(),
    );
    assert.ok(result.outputs.has('act'), 'the layer before the LSTM keeps its output');
    assert.deepEqual(result.failure, { path: 'rnn', message: "no kernel for layer kind 'LSTM'" });
  });

  it('Keras / TF.js recurrent layers and wrappers refuse naming their kind, whatever the input rank', () => {
    for (const kind of ['LSTM', 'GRU', 'SimpleRNN', 'RNN', 'Bidirectional', 'TimeDistributed', 'Embedding']) {
      assert.ok(hasKerasRule(kind), `${kind} has a shape rule`);
      for (const shape of [
        [1, 5, 3],
        [1, 2, 4, 4],
      ]) {
        assert.throws(
          () => runKerasLayer(kind, {}, zeros(shape), {}),
          (error: unknown) => error instanceof KernelError && error.message === `no channels-last kernel for layer kind '${kind}'`,
          `${kind} on ${shape.length}-D`,
        );
      }
    }
  });
});
