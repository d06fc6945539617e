/**
 * The engine's input-size solver on its own: bisection over a chain of PyTorch layers, with
 * and without a Linear's in_features to meet. The expected size is PyTorch's (LeNet's entry in
 * the unknowns truth).
 */
import * as assert from 'node:assert/strict';
import type { BoundArgs, Shape } from '../../../src/engine/types';
import type { ShapeStep } from '../../../src/engine/inputInference';
import { smallestInputSize, torchShapeStep } from '../../../src/engine/inputInference';
import { constructTorchLayer } from '../../../src/engine/torch/layers';
import { torchSignature } from '../../../src/engine/torch/signatures';
import { unknownsTruth } from './unknownsTruth';

function step(kind: string, given: BoundArgs): ShapeStep {
  const args: Record<string, BoundArgs[string]> = {};
  for (const param of torchSignature(kind)!.params) args[param.name] = param.name in given ? given[param.name] : (param.default ?? null);
  const { layer } = constructTorchLayer(kind, args);
  assert.ok(layer, kind);
  return torchShapeStep(layer);
}

// LeNet's feature extractor: conv 5x5, pool 2, conv 5x5, pool 2 (16 channels out).
const lenet = [
  step('Conv2d', { in_channels: 3, out_channels: 6, kernel_size: 5 }),
  step('MaxPool2d', { kernel_size: 2, stride: 2 }),
  step('Conv2d', { in_channels: 6, out_channels: 16, kernel_size: 5 }),
  step('MaxPool2d', { kernel_size: 2, stride: 2 }),
];
const square = (size: number): Shape => [1, 3, size, size];

describe('engine: the smallest input size a chain of layers accepts', () => {
  const truth = unknownsTruth.models['lenet.py'];

  it("meets the first Linear's in_features: LeNet's 400 features need PyTorch's size", () => {
    assert.equal(smallestInputSize(lenet, square, 400, 1024), truth.input[2]);
    assert.equal(smallestInputSize(lenet, square, 400, 1), truth.input[2], 'from below the answer too');
  });

  it('without a target, the smallest size every layer accepts', () => {
    // The last pool needs 2, the conv before it 6, the pool before that 12, the first conv 16
    // (PyTorch 1.13: 16x16 gives [1, 16, 1, 1]; 15x15 raises 'Output size is too small').
    assert.equal(smallestInputSize(lenet, square, undefined, 1024), 16);
    assert.equal(
      lenet.reduce<Shape | null>((shape, next) => shape && next(shape), square(15)),
      null,
    );
  });

  it('no size: a feature count no square map of 16 channels has', () => {
    assert.equal(smallestInputSize(lenet, square, 401, 1024), undefined);
    assert.equal(smallestInputSize(lenet, square, 16 * 7, 1024), undefined);
  });
});
