/**
 * The one line on what a layer does to the shape, and the names of a multi-output layer's
 * tensors: every class of the PyTorch, Keras and TF.js manifests gets a line, except the
 * convolutions and windowed pools, whose output-size formula says it with the numbers.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { namedOutputs, shapeEffect } from '../../../src/analysis/shapeEffect';
import { isConvKind } from '../../../src/analysis/describeLayer';

const fixtures = join(__dirname, '..', '..', 'fixtures');
const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(join(fixtures, ...parts), 'utf8'));
const torchClasses = (readJson('torch', 'manifest.json') as { classes: string[] }).classes;
const kerasClasses = (readJson('keras', 'manifest.json') as { classes: string[] }).classes;
const tfjsClasses = Object.values((readJson('tfjs', 'manifest.json') as { factories: Record<string, string> }).factories);

describe('what a layer does to the shape', () => {
  it('has a line for every manifest class but the convolutions and windowed pools', () => {
    const kinds = [...new Set([...torchClasses, ...kerasClasses, ...tfjsClasses])];
    assert.ok(kinds.length > 230, `only ${kinds.length} classes`);
    const withoutLine = kinds.filter((kind) => shapeEffect({ kind, args: {}, input: null, output: null }) === undefined);
    const windowed = (kind: string): boolean => isConvKind(kind) || (/Pool/.test(kind) && !/Adaptive|Global|Fractional|LPPool|Unpool/.test(kind));
    assert.deepEqual(
      withoutLine.filter((kind) => !windowed(kind)),
      [],
    );
    assert.ok(withoutLine.includes('Conv2d') && withoutLine.includes('MaxPooling2D'));
  });

  it('PyTorch LSTM: every step, and its three tensors named as PyTorch names them', () => {
    const lstm = {
      kind: 'LSTM',
      args: { input_size: 16, hidden_size: 32, bidirectional: true },
      input: [2, 18, 16],
      output: [2, 18, 64],
      outputs: [
        [2, 18, 64],
        [2, 2, 32],
        [2, 2, 32],
      ],
    };
    assert.equal(shapeEffect(lstm), "reads the sequence step by step and returns every step's hidden state, 64 features wide");
    assert.equal(namedOutputs(lstm), 'output [2, 18, 64], h_n [2, 2, 32], c_n [2, 2, 32]');
  });

  it('Keras LSTM: the last step unless return_sequences, one tensor named by nobody', () => {
    const lstm = { kind: 'LSTM', args: { units: 8, return_sequences: false }, input: [1, 5, 3], output: [1, 8] };
    assert.equal(shapeEffect(lstm), "reads the sequence step by step and returns the last step's hidden state, 8 features wide");
    assert.equal(namedOutputs(lstm), undefined);
  });

  it('Linear and Embedding with the numbers of the call, or the arguments when the shapes are unknown', () => {
    assert.equal(
      shapeEffect({ kind: 'Linear', args: { in_features: 64, out_features: 10 }, input: null, output: null }),
      'maps the last axis (64 features) to 10; the other axes pass through',
    );
    assert.equal(shapeEffect({ kind: 'Embedding', args: {}, input: [2, 20], output: [2, 20, 8] }), 'replaces each index with a learned vector: adds a last axis of 8');
    assert.equal(shapeEffect({ kind: 'BatchNorm2d', args: {}, input: [1, 8, 4, 4], output: [1, 8, 4, 4] }), 'keeps the shape: changes the values only');
  });
});
