/**
 * Where the inline hints land in real front-end output: after a Keras functional layer's own
 * call (`Conv2D(16, 3)(inputs)`), never between the constructor and its call. Params are
 * Keras's own: Conv2D(16, 3) on 3 channels has 3·3·3·16 + 16 = 448 weights.
 */
import { strict as assert } from 'node:assert';
import { analyzePythonSource } from '../../support/analyze';
import { inlineHints } from '../../../src/editor/inlineHintText';

const source = `import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, padding="same")(inputs)
x = layers.ReLU()(x)
model = keras.Model(inputs, x)
`;

describe('inline hint placement on real front-end output', () => {
  it('puts a Keras functional hint at the end of the call expression', async () => {
    const analysis = await analyzePythonSource(source);
    const lines = source.split('\n');
    const placed = inlineHints(analysis, { parameterFree: 'shape', getLine: (line) => lines[line] ?? '' }).map((hint) => [
      lines[hint.position.line]?.slice(0, hint.position.column),
      hint.label,
    ]);
    assert.deepEqual(placed, [
      ['x = layers.Conv2D(16, 3, padding="same")(inputs)', ' → [1, 32, 32, 16] · 448'],
      ['x = layers.ReLU()(x)', ' → [1, 32, 32, 16]'],
    ]);
  });
});
