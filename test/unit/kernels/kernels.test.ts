import * as assert from 'node:assert/strict';
import { runLayer } from '../../../src/engine/kernels/runLayer';
import { tsKernels } from '../../../src/engine/kernels/tsKernels';
import { createWasmKernels } from '../../../src/engine/kernels/wasmKernels';
import type { HeavyKernels } from '../../../src/engine/kernels/heavyKernels';
import { compareTensors, loadGoldenCases, tolerance } from './goldenFixtures';
import { compileKernelsWasm } from './wasmBuild';

const cases = loadGoldenCases();
it('has the PyTorch fixture cases', () => {
  assert.ok(cases.length > 90, `only ${cases.length} cases`);
});

for (const path of ['typescript', 'wasm-simd'] as const) {
  describe(`feature-map kernels against PyTorch (${path} path)`, () => {
    let kernels: HeavyKernels = tsKernels;
    before(function () {
      this.timeout(120000);
      if (path === 'wasm-simd') kernels = createWasmKernels(compileKernelsWasm());
    });
    for (const c of cases) {
      it(`${c.kind}: ${c.name}`, () => {
        assert.equal(kernels.name, path);
        const actual = runLayer(c.kind, c.args, c.input, c.weights, { kernels });
        assert.deepEqual([...actual.shape], [...c.expected.shape]);
        const { maxError, scale } = compareTensors(actual, c.expected);
        assert.ok(maxError <= tolerance(scale), `max abs error ${maxError} over ${tolerance(scale)} (scale ${scale})`);
      });
    }
  });
}
