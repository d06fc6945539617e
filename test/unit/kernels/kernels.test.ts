import * as assert from 'node:assert/strict';
import { runLayer } from '../../../src/engine/kernels/runLayer';
import { tsKernels } from '../../../src/engine/kernels/tsKernels';
import { compareTensors, loadGoldenCases, tolerance } from './goldenFixtures';

describe('feature-map kernels against PyTorch (TypeScript path)', () => {
  const cases = loadGoldenCases();
  it('has the fixture cases', () => {
    assert.ok(cases.length > 90, `only ${cases.length} cases`);
  });
  for (const c of cases) {
    it(`${c.kind}: ${c.name}`, () => {
      const actual = runLayer(c.kind, c.args, c.input, c.weights, { kernels: tsKernels });
      assert.deepEqual([...actual.shape], [...c.expected.shape]);
      const { maxError, scale } = compareTensors(actual, c.expected);
      assert.ok(maxError <= tolerance(scale), `max abs error ${maxError} over ${tolerance(scale)} (scale ${scale})`);
    });
  }
});
