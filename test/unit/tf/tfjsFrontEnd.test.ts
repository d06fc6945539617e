/**
 * Behaviour of the TF.js front end that real TensorFlow.js cannot be asked about: what it
 * does with code it cannot follow, where diagnostics point, receptive fields, and safety.
 */
import { strict as assert } from 'node:assert';
import { analyzeTfjsSource } from '../../support/analyze';

describe('TF.js front end: degradation, positions, receptive field', () => {
  it('keeps a record with unknown shapes when the input size is not known, with an info finding', async () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      'const size = readSizeFromUser();',
      'const model = tf.sequential();',
      'model.add(tf.layers.conv2d({ inputShape: [size, size, 3], filters: 8, kernelSize: 3 }));',
      'model.add(tf.layers.flatten());',
    ].join('\n');
    const analysis = await analyzeTfjsSource(source, 'typescript');
    assert.equal(analysis.models.length, 1);
    const layers = analysis.models[0].layers;
    assert.deepEqual(
      layers.map((l) => [l.path, l.kind, l.output]),
      [
        ['conv2d_Conv2D1', 'Conv2D', null],
        ['flatten_Flatten1', 'Flatten', null],
      ],
    );
    assert.ok(analysis.diagnostics.length > 0 && analysis.diagnostics.every((d) => d.severity === 'info'));
  });

  it('points a strides-with-dilation error at the dilationRate entry', async () => {
    const source = [
      "const tf = require('@tensorflow/tfjs');",
      'const model = tf.sequential({ layers: [',
      '  tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 8, kernelSize: 3, strides: 2,',
      '    dilationRate: 2 }),',
      '] });',
    ].join('\n');
    const analysis = await analyzeTfjsSource(source, 'javascript');
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].message, "Error in conv2D: Either strides or dilations must be 1. Got strides 2,2 and dilations '2,2'");
    assert.deepEqual(errors[0].range.start, { line: 3, column: 4 });
  });

  it('accumulates the receptive field: three 3x3 convs see 7, dilations 1,2,4 see 15', async () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      'const x = tf.input({ shape: [64, 64, 3] });',
      'let a = x, b = x;',
      'for (let i = 0; i < 3; i++) a = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: "same" }).apply(a);',
      'for (const d of [1, 2, 4]) b = tf.layers.conv2d({ filters: 4, kernelSize: 3, dilationRate: d, padding: "same" }).apply(b);',
      'export const m = tf.model({ inputs: x, outputs: [a, b] });',
    ].join('\n');
    const analysis = await analyzeTfjsSource(source, 'typescript');
    const layers = analysis.models[0].layers;
    assert.equal(layers.length, 6);
    assert.deepEqual(layers[2].receptiveField, [7, 7]);
    assert.deepEqual(layers[5].receptiveField, [15, 15]);
    assert.deepEqual(layers[5].jump, [1, 1]);
  });

  it('warns about gridding for stacked dilation 2,2,2 and not for 1,2,3', async () => {
    const stack = (rates: number[]): string =>
      [
        "import * as tf from '@tensorflow/tfjs';",
        'const model = tf.sequential();',
        'model.add(tf.layers.inputLayer({ inputShape: [64, 64, 3] }));',
        ...rates.map((r) => `model.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, dilationRate: ${r}, padding: 'same' }));`),
      ].join('\n');
    const gridded = await analyzeTfjsSource(stack([2, 2, 2]), 'typescript');
    const warnings = gridded.diagnostics.filter((d) => d.code === 'gridding');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].range.start.line, 4, 'on the second dilated conv, where the stack starts to grid');
    assert.match(warnings[0].message, /^Gridding effect: .*dilation rates so far \(2, 2\)/);
    const hybrid = await analyzeTfjsSource(stack([1, 2, 3]), 'typescript');
    assert.deepEqual(
      hybrid.diagnostics.filter((d) => d.code === 'gridding'),
      [],
    );
    assert.deepEqual(hybrid.models[0].layers[2].receptiveField, [13, 13]);
  });

  it('carries on past layers it does not model', async () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      'const model = tf.sequential();',
      'model.add(tf.layers.conv1d({ inputShape: [100, 8], filters: 4, kernelSize: 3 }));',
      // A layer made elsewhere (not followed): what TimeDistributed wraps is unknown.
      'model.add(tf.layers.timeDistributed({ layer: makeLayer() }));',
      'model.add(tf.layers.dense({ units: 2 }));',
    ].join('\n');
    const analysis = await analyzeTfjsSource(source, 'typescript');
    const layers = analysis.models[0].layers;
    assert.deepEqual(
      layers.map((l) => l.kind),
      ['Conv1D', 'TimeDistributed', 'Dense'],
    );
    assert.deepEqual(layers[0].output, [1, 98, 4]);
    assert.equal(layers[2].output, null);
    assert.ok(analysis.diagnostics.some((d) => d.severity === 'info' && d.message.includes('TimeDistributed')));
  });

  it('follows an LSTM after the convolutions (the output that flows on)', async () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      'const model = tf.sequential();',
      'model.add(tf.layers.conv1d({ inputShape: [100, 8], filters: 4, kernelSize: 3 }));',
      'model.add(tf.layers.lstm({ units: 16, returnSequences: true }));',
      'model.add(tf.layers.gru({ units: 5 }));',
      'model.add(tf.layers.dense({ units: 2 }));',
    ].join('\n');
    const layers = (await analyzeTfjsSource(source, 'typescript')).models[0].layers;
    assert.deepEqual(
      layers.map((l) => l.output),
      [
        [1, 98, 4],
        [1, 98, 16],
        [1, 5],
        [1, 2],
      ],
    );
  });

  it('stops on endless loops instead of hanging', async () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      'const model = tf.sequential();',
      'model.add(tf.layers.dense({ inputShape: [4], units: 2 }));',
      'let i = 0;',
      'while (true) { i++; }',
    ].join('\n');
    const analysis = await analyzeTfjsSource(source, 'typescript');
    assert.equal(analysis.models[0].layers.length, 1);
    assert.ok(analysis.diagnostics.some((d) => d.message.includes('iterations')));
  });

  it('reads browser scripts that use the global tf of a <script> tag', async () => {
    const source = 'const model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [8], units: 4 }));\n';
    const analysis = await analyzeTfjsSource(source, 'javascript');
    assert.deepEqual(
      analysis.models[0].layers.map((l) => l.output),
      [[1, 4]],
    );
  });

  it('finds nothing in files without TensorFlow.js', async () => {
    const analysis = await analyzeTfjsSource('export function add(a: number, b: number) { return a + b; }\n', 'typescript');
    assert.deepEqual(analysis.models, []);
    assert.deepEqual(analysis.diagnostics, []);
  });
});
