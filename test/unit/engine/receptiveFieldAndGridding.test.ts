/** Receptive field (Distill 2019 arithmetic) and the exact gridding coverage. */
import { strict as assert } from 'node:assert';
import type { AxisStep, ReceptiveField } from '../../../src/engine/types';
import { extendReceptiveField, mergeReceptiveFields } from '../../../src/engine/receptiveField';
import { explainGridding, extendCoverage, hdcMaxDistance, mergeCoverage, MAX_COVERAGE_FIELD } from '../../../src/engine/gridding';
import type { AxisCoverage } from '../../../src/engine/gridding';
import { run } from './bindArgs';

const conv = (kernel: number, dilation = 1, stride = 1, padding = 0): AxisStep => ({ kernel, dilation, stride, padding });

function fieldOf(stack: readonly AxisStep[]): ReceptiveField {
  let rf: ReceptiveField | null = null;
  for (const step of stack) rf = extendReceptiveField(rf, [step]);
  return rf as ReceptiveField;
}

function coverageOf(stack: readonly AxisStep[]): AxisCoverage {
  let coverage: AxisCoverage[] | null = null;
  for (const step of stack) coverage = extendCoverage(coverage, [step]);
  return (coverage as AxisCoverage[])[0];
}

const reached = (coverage: AxisCoverage): number[] => [...coverage.offsets].flatMap((value, index) => (value ? [index] : []));

describe('receptive field', () => {
  it('three stacked 3x3 stride-1 convs see 7x7', () => {
    assert.deepEqual(fieldOf([conv(3), conv(3), conv(3)]).size, [7]);
  });

  it('a 3x3 kernel with dilation 2 sees 5x5; rates 1,2,4 grow exponentially to 15', () => {
    assert.deepEqual(fieldOf([conv(3, 2)]).size, [5]);
    assert.deepEqual(fieldOf([conv(3, 1), conv(3, 2), conv(3, 4)]).size, [15]);
  });

  it('strides multiply the jump and widen later layers', () => {
    const rf = fieldOf([conv(3, 1, 2), conv(3)]);
    assert.deepEqual(rf.size, [7]);
    assert.deepEqual(rf.jump, [2]);
  });

  it('start tracks padding: centred with same padding, shifted without', () => {
    assert.deepEqual(fieldOf([conv(3, 1, 1, 1)]).start, [0.5]);
    assert.deepEqual(fieldOf([conv(3, 1, 1, 0)]).start, [1.5]);
    assert.deepEqual(fieldOf([conv(7, 1, 2, 3), conv(3, 1, 2, 1)]).start, [0.5]);
  });

  it('transposed steps divide the jump; kernel == stride adds nothing to the field', () => {
    const down = fieldOf([conv(2, 1, 2)]);
    const up = extendReceptiveField(down, [{ kernel: 2, dilation: 1, stride: 2, padding: 0, transposed: true }]);
    assert.deepEqual(up.jump, [1]);
    assert.deepEqual(up.size, [2]);
    const wider = extendReceptiveField(down, [{ kernel: 4, dilation: 1, stride: 2, padding: 1, transposed: true }]);
    assert.deepEqual(wider.size, [2 + (Math.ceil(4 / 2) - 1) * 2]);
  });

  it('element-wise layers (empty steps) leave the field unchanged', () => {
    const rf = fieldOf([conv(3)]);
    assert.deepEqual(extendReceptiveField(rf, []), rf);
  });

  it('branches merge to the largest field per axis', () => {
    const merged = mergeReceptiveFields([fieldOf([conv(3)]), fieldOf([conv(3, 3)]), fieldOf([conv(1)])]);
    assert.deepEqual(merged?.size, [7]);
  });

  it('a broadcast gate (squeeze-and-excitation) widens the field but keeps the main grid', () => {
    // Main path: stride-2 stem then a 3x3; gate: a global pool over the 16 positions of that map.
    const main = fieldOf([conv(3, 1, 2, 1), conv(3, 1, 1, 1)]);
    const gate = extendReceptiveField(main, [{ kernel: 16, dilation: 1, stride: 16, padding: 0 }])!;
    assert.deepEqual(main.jump, [2]);
    assert.deepEqual(gate.jump, [32]);
    const merged = mergeReceptiveFields([main, gate])!;
    assert.deepEqual(merged.size, gate.size);
    assert.deepEqual(merged.jump, [2]);
    assert.deepEqual(merged.start, main.start);
    // The next 3x3 adds two taps at the main grid's spacing, not at the gate's.
    assert.deepEqual(extendReceptiveField(merged, [conv(3, 1, 1, 1)])?.size, [gate.size[0] + 2 * 2]);
    const coverage = mergeCoverage([[coverageOf([conv(3, 1, 2), conv(3)])], [coverageOf([conv(3, 1, 2), conv(3), { kernel: 16, dilation: 1, stride: 16, padding: 0 }])]]);
    assert.equal(coverage[0].jump, 2);
  });

  it('works from the engine steps of a real stack (VGG-like block on 2 axes)', () => {
    let rf: ReceptiveField | null = null;
    let shape: readonly number[] = [1, 3, 32, 32];
    const layers: [string, Record<string, number>][] = [
      ['Conv2d', { in_channels: 3, out_channels: 8, kernel_size: 3, padding: 1 }],
      ['ReLU', {}],
      ['Conv2d', { in_channels: 8, out_channels: 8, kernel_size: 3, padding: 1 }],
      ['MaxPool2d', { kernel_size: 2 }],
      ['Conv2d', { in_channels: 8, out_channels: 8, kernel_size: 3, padding: 1 }],
    ];
    for (const [kind, kwargs] of layers) {
      const result = run(kind, kwargs, shape);
      assert.ok(result.output && result.steps);
      rf = extendReceptiveField(rf, result.steps);
      shape = result.output;
    }
    // 1 + 2 + 2 (two 3x3) + 1 (2x2 pool) + 2*2 (3x3 at jump 2) = 10
    assert.deepEqual(rf?.size, [10, 10]);
    assert.deepEqual(rf?.jump, [2, 2]);
  });
});

describe('gridding coverage', () => {
  it('3x3 rates (2,2,2) grid: only even offsets are reached', () => {
    const coverage = coverageOf([conv(3, 2), conv(3, 2), conv(3, 2)]);
    assert.equal(coverage.offsets.length, 13);
    assert.deepEqual(reached(coverage), [0, 2, 4, 6, 8, 10, 12]);
    assert.equal(coverage.holes, 6);
  });

  it('3x3 rates (1,2,3) cover the 13-pixel field without holes', () => {
    const coverage = coverageOf([conv(3, 1), conv(3, 2), conv(3, 3)]);
    assert.equal(coverage.offsets.length, 13);
    assert.equal(coverage.holes, 0);
  });

  it('three stacked 3x3 stride-1 convs cover 7 pixels fully', () => {
    const coverage = coverageOf([conv(3), conv(3), conv(3)]);
    assert.equal(coverage.offsets.length, 7);
    assert.equal(coverage.holes, 0);
  });

  it('rates (1,2,9) leave holes, as HDC predicts (M_2 = 5 > 3)', () => {
    const coverage = coverageOf([conv(3, 1), conv(3, 2), conv(3, 9)]);
    assert.deepEqual(
      [...coverage.offsets].flatMap((v, i) => (v ? [] : [i])),
      [7, 8, 16, 17],
    );
    assert.equal(hdcMaxDistance([1, 2, 9]), 5);
    assert.equal(hdcMaxDistance([1, 2, 5]), 2);
    assert.equal(hdcMaxDistance([1, 2, 3]), 2);
  });

  it('strides scale the taps of later layers', () => {
    assert.deepEqual(reached(coverageOf([conv(1, 1, 2), conv(3)])), [0, 2, 4]);
    assert.equal(coverageOf([conv(2, 1, 2), conv(2)]).holes, 0);
  });

  it("branches with different rates fill each other's holes (centre-aligned union)", () => {
    const dilated = extendCoverage(null, [conv(3, 2)]);
    const plain = extendCoverage(null, [conv(3, 1)]);
    const merged = mergeCoverage([dilated, plain]);
    assert.equal(dilated[0].holes, 2);
    assert.equal(merged[0].holes, 0);
    assert.equal(merged[0].offsets.length, 5);
  });

  it('refuses fields that are too large to analyse', () => {
    const coverage = coverageOf([conv(3, MAX_COVERAGE_FIELD)]);
    assert.equal(coverage.tooLarge, true);
    assert.equal(coverage.holes, -1);
  });

  it('explains the HDC rule', () => {
    assert.match(explainGridding([2, 2, 2], 3), /common factor 2/);
    assert.match(explainGridding([1, 2, 3], 3), /M_2 = 2 <= K = 3/);
    assert.match(explainGridding([1, 2, 9], 3), /M_2 = 5 > K = 3/);
    assert.doesNotMatch(explainGridding([1, 2, 3], 3), /common factor/);
  });
});
