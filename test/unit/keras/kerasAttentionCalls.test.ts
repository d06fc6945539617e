/**
 * Keras attention calls in the Python front end: `mha(query, value, key=...)` with positional
 * and keyword tensors, `Attention()([query, value])`, and `return_attention_scores=True`
 * unpacked into two tensors that flow on. Expected numbers were printed by real Keras 3.15
 * (numpy backend) for the same code; the scores are the shape a real call returns.
 */
import { strict as assert } from 'node:assert';
import { analyzePythonSource } from '../../support/analyze';

describe('Keras front end: attention calls', () => {
  it('unpacks (output, scores) and follows the scores a real call computes', async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      'q = keras.Input((5, 8))',
      'v = keras.Input((7, 6))',
      'out, scores = layers.MultiHeadAttention(2, 4)(q, v, return_attention_scores=True)',
      'flat = layers.Flatten()(scores)',
      'context, weights = layers.Attention()([q, layers.Dense(8)(v)], return_attention_scores=True)',
      'crossed = layers.MultiHeadAttention(num_heads=1, key_dim=3)(query=q, value=v, key=layers.Dense(2)(v))',
      'model = keras.Model([q, v], [out, flat, weights, crossed])',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(analysis.diagnostics, []);
    const layers = analysis.models[0].layers.map((l) => [l.path, l.input, l.output, l.params]);
    // Keras: the query/key/value/output projections 8*2*4+8, 6*2*4+8, 6*2*4+8, 2*4*8+8 = 256.
    // Its symbolic scores are (None, 2, 5, 5) (Flatten: 50); a real call returns (1, 2, 5, 7) (Flatten: 70).
    assert.deepEqual(layers, [
      ['multi_head_attention', [1, 5, 8], [1, 5, 8], 256],
      ['flatten', [1, 2, 5, 7], [1, 70], 0],
      ['dense', [1, 7, 6], [1, 7, 8], 56],
      ['attention', [1, 5, 8], [1, 5, 8], 0],
      ['dense_1', [1, 7, 6], [1, 7, 2], 14],
      // 8*1*3+3, 2*1*3+3, 6*1*3+3, 1*3*8+8.
      ['multi_head_attention_1', [1, 5, 8], [1, 5, 8], 27 + 9 + 21 + 32],
    ]);
    // The records list both tensors, for the hover and the panel.
    const outputsOf = (path: string): unknown => analysis.models[0].layers.find((l) => l.path === path)?.outputs;
    assert.deepEqual(outputsOf('multi_head_attention'), [
      [1, 5, 8],
      [1, 2, 5, 7],
    ]);
    assert.deepEqual(outputsOf('attention'), [
      [1, 5, 8],
      [1, 5, 7],
    ]);
    assert.equal(outputsOf('multi_head_attention_1'), undefined);
  });

  it("names layers after Keras's class, not the name the code wrote (an alias, an export of another class)", async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      'x = keras.Input((8, 8, 4))',
      'y = layers.MaxPool2D()(layers.Convolution2D(4, 1)(x))',
      't = layers.Reshape((16, 4))(y)',
      'z = layers.GroupQueryAttention(head_dim=2, num_query_heads=2, num_key_value_heads=1)(t, t)',
      'model = keras.Model(x, z)',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    // Real Keras: conv2d, max_pooling2d, reshape, grouped_query_attention (class GroupedQueryAttention).
    assert.deepEqual(
      analysis.models[0].layers.map((l) => [l.path, l.kind]),
      [
        ['conv2d', 'Conv2D'],
        ['max_pooling2d', 'MaxPooling2D'],
        ['reshape', 'Reshape'],
        ['grouped_query_attention', 'GroupedQueryAttention'],
      ],
    );
  });
});
