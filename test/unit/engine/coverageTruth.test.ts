/**
 * Receptive field, jump, start and gridding coverage against real PyTorch autograd
 * (test/fixtures/torch/coverage_cases.json, recorded by tools/golden/torch_coverage.py): the
 * input pixels with a non-zero gradient of one output pixel are exactly the ones it sees.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceptiveField } from '../../../src/engine/types';
import { extendReceptiveField } from '../../../src/engine/receptiveField';
import { extendCoverage } from '../../../src/engine/gridding';
import type { AxisCoverage } from '../../../src/engine/gridding';
import { run } from './bindArgs';

interface CoverageCase {
  readonly layers: { kind: 'Conv1d' | 'AvgPool1d'; kernel: number; dilation: number; stride: number; padding: number }[];
  readonly inputLength: number;
  readonly outputIndex: number;
  readonly firstPixel: number;
  readonly offsets: number[];
  readonly fieldSize: number;
}

const { cases } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch', 'coverage_cases.json'), 'utf8')) as {
  cases: CoverageCase[];
};

describe('receptive field and gridding vs PyTorch autograd', () => {
  it(`matches all ${cases.length} recorded stacks: field size, position and exact coverage`, () => {
    assert.ok(cases.length >= 100);
    const mismatches: string[] = [];
    for (const c of cases) {
      let shape: readonly number[] = [1, 1, c.inputLength];
      let rf: ReceptiveField | null = null;
      let coverage: AxisCoverage[] | null = null;
      for (const layer of c.layers) {
        const result =
          layer.kind === 'Conv1d'
            ? run(
                'Conv1d',
                { in_channels: 1, out_channels: 1, kernel_size: layer.kernel, stride: layer.stride, padding: layer.padding, dilation: layer.dilation, bias: false },
                shape,
              )
            : run('AvgPool1d', { kernel_size: layer.kernel, stride: layer.stride, padding: layer.padding }, shape);
        assert.ok(result.output && result.steps, JSON.stringify(result.issues));
        rf = extendReceptiveField(rf, result.steps);
        coverage = extendCoverage(coverage, result.steps);
        shape = result.output;
      }
      const field = rf as ReceptiveField;
      const axis = (coverage as AxisCoverage[])[0];
      const reached = [...axis.offsets].flatMap((value, index) => (value ? [index] : []));
      const firstPixel = field.start[0] + c.outputIndex * field.jump[0] - field.size[0] / 2;
      const label = JSON.stringify(c.layers.map((l) => [l.kind, l.kernel, l.dilation, l.stride, l.padding]));
      if (field.size[0] !== c.fieldSize) mismatches.push(`${label}: field ${field.size[0]}, torch ${c.fieldSize}`);
      if (firstPixel !== c.firstPixel) mismatches.push(`${label}: first pixel ${firstPixel}, torch ${c.firstPixel}`);
      if (JSON.stringify(reached) !== JSON.stringify(c.offsets)) mismatches.push(`${label}: offsets ${reached}, torch ${c.offsets}`);
      if (axis.holes !== c.fieldSize - c.offsets.length) mismatches.push(`${label}: ${axis.holes} holes`);
    }
    assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} mismatches`);
  });
});
