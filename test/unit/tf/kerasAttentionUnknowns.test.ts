/**
 * Where Keras's symbolic shape for an attention layer is not what a call computes (attention
 * over the batch axis, inputs of different ranks broadcast against the batch, GroupQueryAttention
 * on more than three axes), the engine says unknown, with one reason, never a shape or an error.
 * Seen on real Keras 3.15: `MultiHeadAttention(2, 1, attention_axes=0)` on (None, 2) and
 * (None, 3) reports scores (None, 2, 2) and computes (2, 2, 2) for a batch of 2.
 */
import { strict as assert } from 'node:assert';
import type { BoundArgs, Shape } from '../../../src/engine/types';
import { applyTfLayer, constructTfLayer } from '../../../src/engine/tf/layers';

function apply(kind: string, args: BoundArgs, inputs: Shape[], call: BoundArgs = {}): ReturnType<typeof applyTfLayer> {
  const { layer, issues } = constructTfLayer(kind, args, { dialect: 'keras' });
  assert.deepEqual(issues, []);
  return applyTfLayer(layer!, inputs, call);
}

describe('Keras attention layers: unknown where the symbolic shape is not the computed one', () => {
  const cases: [string, BoundArgs, Shape[], BoundArgs][] = [
    [
      'MultiHeadAttention',
      { num_heads: 2, key_dim: 1, attention_axes: 0 },
      [
        [Number.NaN, 2],
        [Number.NaN, 3],
      ],
      { return_attention_scores: true },
    ],
    [
      'MultiHeadAttention',
      { num_heads: 1, key_dim: 2, attention_axes: -3 },
      [
        [Number.NaN, 1, 1, 1],
        [Number.NaN, 2, 2, 3],
      ],
      {},
    ],
    [
      'Attention',
      {},
      [
        [Number.NaN, 1, 2, 3],
        [Number.NaN, 1, 3],
      ],
      { return_attention_scores: true },
    ],
    [
      'GroupQueryAttention',
      { head_dim: 1, num_query_heads: 2, num_key_value_heads: 1 },
      [
        [Number.NaN, 1, 3, 2],
        [Number.NaN, 1, 3, 2],
      ],
      {},
    ],
  ];
  for (const [kind, args, inputs, call] of cases) {
    it(`${kind}(${JSON.stringify(args)}) on ${JSON.stringify(inputs)}`, () => {
      const result = apply(kind, args, inputs, call);
      assert.equal(result.output, null);
      assert.equal(result.outputs, undefined);
      assert.deepEqual(
        result.issues.map((i) => [i.severity, i.code]),
        [['info', 'tf.attention-inputs']],
      );
    });
  }
});
