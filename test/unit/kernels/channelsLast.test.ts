import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { runKerasLayer } from '../../../src/engine/kernels/runKerasLayer';
import type { HeavyKernels } from '../../../src/engine/kernels/heavyKernels';
import { tsKernels } from '../../../src/engine/kernels/tsKernels';
import { createWasmKernels } from '../../../src/engine/kernels/wasmKernels';
import { seededUniform } from '../../../src/engine/weights/defaultInit';
import type { BoundArgs } from '../../../src/engine/types';
import { compareTensors, tolerance } from './goldenFixtures';
import { compileKernelsWasm } from './wasmBuild';

const random = seededUniform(99);
const values = (n: number): Float32Array => Float32Array.from({ length: n }, () => random() * 2 - 1);

interface ConvCase {
  readonly name: string;
  readonly kind: 'Conv2D' | 'DepthwiseConv2D';
  readonly input: [number, number, number, number];
  readonly args: BoundArgs;
}

const convCases: ConvCase[] = [
  { name: 'same stride 2 odd size (asymmetric pad)', kind: 'Conv2D', input: [1, 13, 10, 3], args: { filters: 5, kernel_size: 3, strides: 2, padding: 'same' } },
  { name: 'same even kernel', kind: 'Conv2D', input: [2, 9, 8, 4], args: { filters: 6, kernel_size: [4, 2], padding: 'same' } },
  { name: 'valid stride 3', kind: 'Conv2D', input: [1, 17, 16, 3], args: { filters: 4, kernel_size: 5, strides: 3, padding: 'valid', activation: 'relu' } },
  { name: 'same dilation 2', kind: 'Conv2D', input: [1, 12, 11, 4], args: { filters: 8, kernel_size: 3, dilation_rate: 2, padding: 'same', use_bias: false } },
  { name: 'depthwise same stride 2', kind: 'DepthwiseConv2D', input: [1, 15, 14, 6], args: { kernel_size: 3, strides: 2, padding: 'same' } },
  { name: 'depthwise multiplier 2 valid', kind: 'DepthwiseConv2D', input: [1, 9, 10, 3], args: { kernel_size: [3, 5], depth_multiplier: 2, padding: 'valid' } },
];

function tfConv(c: ConvCase, x: tf.Tensor4D, kernel: tf.Tensor4D, bias: tf.Tensor1D | null): Float32Array {
  const strides = (c.args.strides as number | undefined) ?? 1;
  const dilation = (c.args.dilation_rate as number | undefined) ?? 1;
  const pad = c.args.padding as 'same' | 'valid';
  let y = c.kind === 'Conv2D' ? tf.conv2d(x, kernel, strides, pad, 'NHWC', dilation) : tf.depthwiseConv2d(x, kernel, strides, pad, 'NHWC', dilation);
  if (bias) y = tf.add(y, bias);
  if (c.args.activation === 'relu') y = tf.relu(y);
  return y.dataSync() as Float32Array;
}

for (const path of ['typescript', 'wasm-simd'] as const) {
  describe(`channels-last (Keras / TF.js) layers against TF.js cpu (${path} path)`, () => {
    let kernels: HeavyKernels = tsKernels;
    before(async function () {
      this.timeout(120000);
      await tf.setBackend('cpu');
      if (path === 'wasm-simd') kernels = createWasmKernels(compileKernelsWasm());
    });
    for (const c of convCases) {
      it(`${c.kind}: ${c.name}`, () => {
        const [, , , cin] = c.input;
        const k = Array.isArray(c.args.kernel_size) ? (c.args.kernel_size as number[]) : [c.args.kernel_size as number, c.args.kernel_size as number];
        const cout = c.kind === 'Conv2D' ? (c.args.filters as number) : cin * ((c.args.depth_multiplier as number | undefined) ?? 1);
        const kernelShape: [number, number, number, number] = c.kind === 'Conv2D' ? [k[0], k[1], cin, cout] : [k[0], k[1], cin, cout / cin];
        const input = { shape: c.input, data: values(c.input.reduce((a, b) => a * b, 1)) };
        const kernel = { shape: kernelShape, data: values(kernelShape.reduce((a, b) => a * b, 1)) };
        const useBias = c.args.use_bias !== false;
        const bias = { shape: [cout], data: values(cout) };
        const weights = c.kind === 'Conv2D' ? { kernel, bias } : { depthwise_kernel: kernel, bias };
        const ours = runKerasLayer(c.kind, c.args, input, weights, kernels);
        const expectedData = tfConv(c, tf.tensor4d(input.data, c.input), tf.tensor4d(kernel.data, kernelShape), useBias ? tf.tensor1d(bias.data) : null);
        const expected = { shape: ours.shape, data: expectedData };
        assert.equal(ours.data.length, expectedData.length);
        const { maxError, scale } = compareTensors(ours, expected);
        assert.ok(maxError <= tolerance(scale), `max error ${maxError}`);
      });
    }
  });
}

describe('channels-last pooling against TF.js cpu', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });
  const poolCases: [string, 'MaxPooling2D' | 'AveragePooling2D', [number, number, number, number], BoundArgs][] = [
    ['max same odd', 'MaxPooling2D', [1, 11, 9, 3], { pool_size: 3, strides: 2, padding: 'same' }],
    ['max valid default strides', 'MaxPooling2D', [2, 10, 7, 2], { pool_size: 2, strides: null, padding: 'valid' }],
    ['avg same (padding not counted)', 'AveragePooling2D', [1, 9, 10, 4], { pool_size: [3, 2], strides: [2, 3], padding: 'same' }],
    ['avg valid', 'AveragePooling2D', [1, 8, 8, 2], { pool_size: 3, strides: 1, padding: 'valid' }],
  ];
  for (const [name, kind, shape, args] of poolCases) {
    it(`${kind}: ${name}`, () => {
      const input = { shape, data: values(shape.reduce((a, b) => a * b, 1)) };
      const ours = runKerasLayer(kind, args, input, {});
      const size = Array.isArray(args.pool_size) ? (args.pool_size as [number, number]) : ([args.pool_size as number, args.pool_size as number] as [number, number]);
      const strides =
        args.strides === null ? size : Array.isArray(args.strides) ? (args.strides as [number, number]) : ([args.strides as number, args.strides as number] as [number, number]);
      const x = tf.tensor4d(input.data, shape);
      const y = kind === 'MaxPooling2D' ? tf.maxPool(x, size, strides, args.padding as 'same') : tf.avgPool(x, size, strides, args.padding as 'same');
      assert.deepEqual([...ours.shape], y.shape);
      const { maxError, scale } = compareTensors(ours, { shape: y.shape, data: y.dataSync() as Float32Array });
      assert.ok(maxError <= tolerance(scale), `max error ${maxError}`);
    });
  }
});
