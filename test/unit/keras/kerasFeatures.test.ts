/**
 * Keras front-end behaviour beyond the truth fixtures: Sequential build(), gridding,
 * constructor checks in code that never runs, graph connectivity through operators,
 * preprocessing layers, subclassed models, input directives, wildcard imports, builders.
 * Expected numbers are Keras's own rules (params of Conv2D = k*k*in*out + out, ...).
 */
import { strict as assert } from 'node:assert';
import { analyzePythonSource } from '../../support/analyze';

describe('Keras front end features', () => {
  it('a Sequential without an input shape gets it from build(); names and shapes follow', async () => {
    const source = [
      'from tensorflow.keras.models import Sequential',
      'from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense',
      '',
      'model = Sequential(name="net")',
      'model.add(Conv2D(4, 3, padding="same"))',
      'model.add(MaxPooling2D())',
      'model.add(Flatten())',
      'model.add(Dense(10))',
      'model.build((None, 8, 8, 2))',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    const model = analysis.models[0];
    assert.equal(model.name, 'net');
    assert.deepEqual(model.input, [1, 8, 8, 2]);
    // Keras: Conv2D 3*3*2*4+4 = 76, Dense 64*10+10 = 650.
    assert.deepEqual(
      model.layers.map((l) => [l.path, l.output, l.params]),
      [
        ['conv2d', [1, 8, 8, 4], 76],
        ['max_pooling2d', [1, 4, 4, 4], 0],
        ['flatten', [1, 64], 0],
        ['dense', [1, 10], 650],
      ],
    );
  });

  it('a Sequential Keras never builds has unknown counts, never 0; a model in a Sequential list is a layer', async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      'encoder = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Conv2D(4, 3), layers.Flatten()], name="encoder")',
      'head = keras.Sequential([keras.Input(shape=(8, 8, 1)), encoder, layers.Dense(10)], name="head")',
      'unbuilt = keras.Sequential([layers.Dense(4)], name="unbuilt")',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    const byName = Object.fromEntries(analysis.models.map((model) => [model.name, model]));
    // Dense(4) has no input size: its weights, its MACs and the totals are unknown (Keras: count_params() fails).
    const unbuilt = byName.unbuilt;
    assert.deepEqual(
      unbuilt.layers.map((layer) => [layer.path, layer.paramsUnknown, layer.macsUnknown]),
      [['dense_1', true, true]],
    );
    assert.equal(unbuilt.unknownParamLayers, 1);
    // Keras: encoder 3*3*1*4+4 = 40, Dense 144*10+10 = 1450.
    assert.deepEqual(
      byName.head.layers.map((layer) => [layer.path, layer.kind, layer.output, layer.params]),
      [
        ['encoder', 'Sequential', [1, 144], 40],
        ['dense', 'Dense', [1, 10], 1450],
      ],
    );
    assert.equal(byName.head.totalParams, 1490);
    assert.equal(byName.head.unknownParamLayers ?? 0, 0);
  });

  it('warns about gridding from stacked equal dilation rates', async () => {
    const source = [
      'import keras',
      '',
      'inputs = keras.Input(shape=(64, 64, 8))',
      'x = keras.layers.Conv2D(8, 3, padding="same", dilation_rate=2)(inputs)',
      'x = keras.layers.Conv2D(8, 3, padding="same", dilation_rate=2)(x)',
      'model = keras.Model(inputs, x)',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    const gridding = analysis.diagnostics.filter((d) => d.code === 'gridding');
    assert.ok(gridding.length > 0, JSON.stringify(analysis.diagnostics));
    // One dilated conv alone is a sparse kernel; the stack grids from its second conv on.
    assert.equal(gridding[0].range.start.line, 4);
  });

  it('checks the constructor of a Keras layer in code that never runs', async () => {
    const source = ['from keras import layers', '', 'def block(x, training):', '    return layers.Conv2D(8, 3, strides=2, dilation_rate=2)(x)', ''].join('\n');
    const analysis = await analyzePythonSource(source);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, JSON.stringify(analysis.diagnostics));
    assert.equal(errors[0].range.start.line, 3);
  });

  it('element-wise activations and operators keep the functional graph connected', async () => {
    const source = [
      'import tensorflow as tf',
      '',
      'inputs = tf.keras.Input(shape=(16, 16, 3))',
      'x = tf.keras.layers.Conv2D(8, 3)(inputs)',
      'x = tf.nn.relu(x)',
      'x = x + tf.keras.layers.Conv2D(8, 1)(x)',
      'x = tf.keras.layers.GlobalAveragePooling2D()(x)',
      'model = tf.keras.Model(inputs, x)',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.models[0].layers.map((l) => l.path),
      ['conv2d', 'conv2d_1', 'global_average_pooling2d'],
    );
    assert.deepEqual(analysis.models[0].output, [1, 8]);
  });
  it('passes preprocessing layers and Lambda through; Resizing sets the size', async () => {
    const source = [
      'from tensorflow import keras',
      'from tensorflow.keras import layers',
      '',
      'model = keras.Sequential([',
      '    layers.Input((180, 180, 3)),',
      '    layers.RandomFlip("horizontal"),',
      '    layers.Rescaling(1.0 / 255),',
      '    layers.Resizing(64, 48),',
      '    layers.Lambda(lambda x: x * 2.0),',
      '    layers.Conv2D(16, 3),',
      '])',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.models[0].layers.map((l) => [l.kind, l.output, l.params]),
      [
        ['RandomFlip', [1, 180, 180, 3], 0],
        ['Rescaling', [1, 180, 180, 3], 0],
        ['Resizing', [1, 64, 48, 3], 0],
        ['Lambda', [1, 64, 48, 3], 0],
        ['Conv2D', [1, 62, 46, 16], 3 * 3 * 3 * 16 + 16],
      ],
    );
  });

  it('a subclassed model called on a concrete tensor is a model; a second call adds nothing', async () => {
    const source = [
      'import numpy as np',
      'import tensorflow as tf',
      '',
      'class Net(tf.keras.Model):',
      '    def __init__(self):',
      '        super(Net, self).__init__()',
      '        self.c1 = tf.keras.layers.Conv2D(8, 3)',
      '        self.flat = tf.keras.layers.Flatten()',
      '',
      '    def call(self, x):',
      '        return self.flat(self.c1(x))',
      '',
      'net = Net()',
      'out = net(tf.zeros((2, 28, 28, 1)))',
      'out = net(np.random.rand(2, 28, 28, 1))',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.models.map((m) => m.name),
      ['net'],
    );
    assert.deepEqual(
      analysis.models[0].layers.map((l) => [l.path, l.output]),
      [
        ['conv2d', [2, 26, 26, 8]],
        ['flatten', [2, 5408]],
      ],
    );
  });
  it('an unbuilt subclassed model takes its input from a directive, else says how to give it', async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      '# conv-inspector: input=(1, 32, 32, 3)',
      'class Net(keras.Model):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.c1 = layers.Conv2D(8, 3)',
      '',
      '    def call(self, x):',
      '        return self.c1(x)',
      '',
      'class Other(keras.Model):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.d = layers.Dense(8)',
      '',
      '    def call(self, x):',
      '        return self.d(x)',
      '',
      'net = Net()',
      'other = Other()',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.models.map((m) => [m.name, m.inputSource, m.output]),
      [['net', 'directive', [1, 30, 30, 8]]],
    );
    const info = analysis.diagnostics.find((d) => d.code === 'keras.no-input');
    assert.equal(info?.range.start.line, 12);
  });
  it('follows tf.concat, backend.int_shape, experimental preprocessing paths and InputLayer', async () => {
    const source = [
      'import tensorflow as tf',
      'from tensorflow.keras import backend as K',
      '',
      'inp = tf.keras.Input((16, 16, 4))',
      'a = tf.keras.layers.Conv2D(8, 1)(inp)',
      'b = tf.keras.layers.Conv2D(8, 3, padding="same")(inp)',
      'x = tf.concat([a, b], axis=-1)',
      'x = tf.keras.layers.Conv2D(K.int_shape(x)[-1] // 2, 1)(x)',
      'x = tf.keras.layers.experimental.preprocessing.Rescaling(0.5)(x)',
      'm = tf.keras.Model(inp, x)',
      's = tf.keras.Sequential([tf.keras.layers.InputLayer(input_shape=(10,)), tf.keras.layers.Dense(3)])',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.models.map((m) => [m.name, m.layers.map((l) => l.path), m.output]),
      [
        ['functional', ['conv2d', 'conv2d_1', 'conv2d_2', 'rescaling'], [1, 16, 16, 8]],
        ['sequential', ['dense'], [1, 3]],
      ],
    );
    // 1x1 conv from the 16 concatenated channels to 8: 16*8+8.
    assert.equal(analysis.models[0].layers[2].params, 136);
  });
  it('resolves names from `from tensorflow.keras.layers import *`', async () => {
    const source = [
      'from tensorflow.keras.models import *',
      'from tensorflow.keras.layers import *',
      '',
      'model = Sequential()',
      'model.add(Conv2D(32, (3, 3), input_shape=(28, 28, 1)))',
      'model.add(MaxPooling2D(pool_size=(2, 2)))',
      'model.add(Flatten())',
      'model.add(Dense(10, activation="softmax"))',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(
      analysis.models[0].layers.map((l) => [l.kind, l.output]),
      [
        ['Conv2D', [1, 26, 26, 32]],
        ['MaxPooling2D', [1, 13, 13, 32]],
        ['Flatten', [1, 5408]],
        ['Dense', [1, 10]],
      ],
    );
  });
  it('runs only builder functions Python could call without arguments', async () => {
    const source = [
      'import keras',
      'from keras import layers',
      '',
      'def make_block(x, filters):',
      '    return layers.Conv2D(filters, 3)(x)',
      '',
      'def build_model(size: int = 32, *args, **kwargs):',
      '    inputs = keras.Input((size, size, 3))',
      '    return keras.Model(inputs, make_block(inputs, 8))',
      '',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    assert.deepEqual(analysis.diagnostics, []);
    assert.deepEqual(
      analysis.models.map((m) => [m.name, m.layers.map((l) => l.path), m.output]),
      [['functional', ['conv2d'], [1, 30, 30, 8]]],
    );
  });
});
