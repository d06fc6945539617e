/**
 * The WebAssembly kernels keep a copy of each weight array in their memory across calls:
 * a second call with the same array must give the same maps, and another array (even of
 * the same shape, or the first one's values changed into a new array) must be read afresh.
 */
import { strict as assert } from 'node:assert';
import type { Conv2dGeometry } from '../../../src/engine/kernels/heavyKernels';
import { tsKernels } from '../../../src/engine/kernels/tsKernels';
import { createWasmKernels } from '../../../src/engine/kernels/wasmKernels';
import { compileKernelsWasm } from './wasmBuild';

const g: Conv2dGeometry = {
  inChannels: 3,
  inHeight: 9,
  inWidth: 11,
  outChannels: 7,
  kernelHeight: 3,
  kernelWidth: 3,
  strideHeight: 1,
  strideWidth: 1,
  padTop: 1,
  padLeft: 1,
  dilationHeight: 1,
  dilationWidth: 1,
  groups: 1,
  outHeight: 9,
  outWidth: 11,
};

const filled = (length: number, f: (i: number) => number) => Float32Array.from({ length }, (_, i) => f(i));

function assertClose(actual: Float32Array, expected: Float32Array): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) < 1e-4, `value ${i}: ${actual[i]} vs ${expected[i]}`);
}

describe('wasm kernels: weights kept across calls', () => {
  it('reuse a weight array, and read a new array of the same shape afresh', () => {
    const wasm = createWasmKernels(compileKernelsWasm());
    const input = filled(3 * 9 * 11, (i) => Math.sin(i));
    const first = filled(7 * 27, (i) => Math.cos(i));
    const second = filled(7 * 27, (i) => Math.cos(3 * i) - 0.5);
    const bias = filled(7, (i) => i / 10);
    for (const weight of [first, second, first, second]) assertClose(wasm.conv2d(g, input, weight, bias), tsKernels.conv2d(g, input, weight, bias));
    // Depthwise and epilogue calls take the same path.
    const dw = { ...g, outChannels: 3, groups: 3 };
    const dwWeight = filled(27, (i) => i / 27);
    for (let round = 0; round < 2; round++) assertClose(wasm.conv2d(dw, input, dwWeight, null), tsKernels.conv2d(dw, input, dwWeight, null));
  });
});
