import * as assert from 'node:assert/strict';
import { addTensors, concatTensors } from '../../../src/engine/kernels/dense';
import { checkActivationBudget } from '../../../src/engine/kernels/memoryBudget';
import { runLayer } from '../../../src/engine/kernels/runLayer';
import { runSequence, type RunnableLayer } from '../../../src/engine/kernels/runSequence';
import { tsKernels } from '../../../src/engine/kernels/tsKernels';
import { createWasmKernels, createWasmKernelsAsync } from '../../../src/engine/kernels/wasmKernels';
import { defaultLayerWeights, seededUniform } from '../../../src/engine/weights/defaultInit';
import { compareTensors, loadGoldenJoins, tolerance } from './goldenFixtures';
import { compileKernelsWasm } from './wasmBuild';

describe('graph joins against PyTorch', () => {
  for (const j of loadGoldenJoins()) {
    it(`${j.op}: ${j.name}`, () => {
      const actual = j.op === 'add' ? addTensors(j.inputs) : concatTensors(j.inputs, j.dim);
      assert.deepEqual([...actual.shape], [...j.expected.shape]);
      const { maxError, scale } = compareTensors(actual, j.expected);
      assert.ok(maxError <= tolerance(scale));
    });
  }
  it('refuses mismatched shapes with PyTorch-like words', () => {
    const a = { shape: [1, 2], data: new Float32Array(2) };
    const b = { shape: [1, 3], data: new Float32Array(3) };
    assert.throws(() => addTensors([a, b]), /The size of tensor a \(\[1, 2\]\) must match the size of tensor b \(\[1, 3\]\)/);
    assert.throws(() => concatTensors([a, { shape: [2, 3], data: new Float32Array(6) }], 1), /Sizes of tensors must match except in dimension 1/);
  });
});

const layers: RunnableLayer[] = [
  { path: 'conv1', kind: 'Conv2d', args: { in_channels: 3, out_channels: 8, kernel_size: 3, padding: 1 } },
  { path: 'act', kind: 'ReLU', args: {} },
  { path: 'pool', kind: 'MaxPool2d', args: { kernel_size: 2 } },
  // forward() does x.view(x.size(0), -1) here: the analysed input shape tells the runner
  // (the analysis assumed batch 4, the preview runs batch 1).
  { path: 'fc', kind: 'Linear', args: { in_features: 8 * 8 * 8, out_features: 4 }, input: [4, 512] },
];
const fallbackWeights = (l: RunnableLayer) => defaultLayerWeights(l.kind, l.args, l.path);
const random = seededUniform(5);
const input = { shape: [1, 3, 16, 16], data: Float32Array.from({ length: 768 }, () => random()) };

describe('runSequence', () => {
  it('runs a chain, keys outputs by path, reports progress and follows reshapes', async () => {
    const progress: string[] = [];
    const result = await runSequence(layers, input, new Map(), { fallbackWeights, onProgress: (done, total, path) => progress.push(`${done}/${total} ${path}`) });
    assert.equal(result.failure, undefined);
    assert.deepEqual([...result.outputs.keys()], ['conv1', 'act', 'pool', 'fc']);
    assert.deepEqual([...(result.outputs.get('fc')?.shape ?? [])], [1, 4]);
    assert.deepEqual(progress, ['1/4 conv1', '2/4 act', '3/4 pool', '4/4 fc']);
    const again = await runSequence(layers, input, new Map(), { fallbackWeights });
    assert.deepEqual(again.outputs.get('fc')?.data, result.outputs.get('fc')?.data, 'deterministic weights give the same preview');
  });
  it('reuses outputs of unchanged leading layers after an edit', async () => {
    const weightsByPath = new Map(layers.map((l) => [l.path, fallbackWeights(l)]));
    const first = await runSequence(layers, input, weightsByPath);
    const edited = layers.map((l) =>
      l.path === 'pool' ? { ...l, args: { kernel_size: 4 } } : l.path === 'fc' ? { ...l, args: { in_features: 128, out_features: 4 }, input: [1, 128] } : l,
    );
    const editedWeights = new Map(edited.map((l) => [l.path, l.path === 'fc' ? fallbackWeights(l) : (weightsByPath.get(l.path) ?? {})]));
    const second = await runSequence(edited, input, editedWeights, { previous: { layers, input, weightsByPath, outputs: first.outputs } });
    assert.equal(second.reused, 2);
    assert.equal(second.outputs.get('conv1'), first.outputs.get('conv1'));
    assert.deepEqual([...(second.outputs.get('pool')?.shape ?? [])], [1, 8, 4, 4]);
    const fresh = await runSequence(edited, input, editedWeights);
    assert.deepEqual(second.outputs.get('fc')?.data, fresh.outputs.get('fc')?.data);
  });
  it('says so when forward() does something between layers that has no record', async () => {
    const gap: RunnableLayer[] = [layers[0], { ...layers[3], input: [1, 128] }];
    const result = await runSequence(gap, input, new Map(), { fallbackWeights });
    assert.equal(result.failure?.path, 'fc');
    assert.match(
      result.failure?.message ?? '',
      /expects input \[128\] per item here, the previous layer gives \[8, 16, 16\]: forward\(\) applies an operation between them that has no layer record/,
    );
  });
  it('stops when cancelled between layers', async () => {
    let calls = 0;
    const result = await runSequence(layers, input, new Map(), { fallbackWeights, isCancelled: () => ++calls > 2 });
    assert.equal(result.cancelled, true);
    assert.deepEqual([...result.outputs.keys()], ['conv1', 'act']);
  });
  it('refuses an activation over the memory budget, naming its size', async () => {
    const big: RunnableLayer[] = [{ ...layers[0], output: [1, 8, 4096, 4096] }];
    const result = await runSequence(big, input, new Map(), { fallbackWeights, budgetMb: 256 });
    assert.equal(result.failure?.path, 'conv1');
    assert.match(result.failure?.message ?? '', /conv1: activation \[1, 8, 4096, 4096\] needs 512 MB \(float32\), over the 256 MB feature-map budget/);
    assert.equal(result.outputs.size, 0);
    assert.throws(() => checkActivationBudget([1, 3, 224, 224], 0.5, 'input'), /needs 0\.6 MB/);
  });
  it('reports the first layer that cannot run and keeps earlier outputs', async () => {
    const broken = [...layers.slice(0, 2), { path: 'bad', kind: 'Conv2d', args: { in_channels: 4, out_channels: 2, kernel_size: 3 } }];
    const result = await runSequence(broken, input, new Map(), { fallbackWeights });
    assert.equal(result.failure?.path, 'bad');
    assert.match(result.failure?.message ?? '', /expected input\[1, 8, 16, 16\] to have 4 channels, but got 8 channels instead/);
    assert.equal(result.outputs.size, 2);
  });
});

describe('WASM and TypeScript kernels agree on bench-sized layers', () => {
  let wasm = tsKernels;
  before(function () {
    this.timeout(120000);
    wasm = createWasmKernels(compileKernelsWasm());
  });
  const cases: [string, Record<string, number>, number[]][] = [
    ['stride 2 k7 (strided panel path)', { in_channels: 3, out_channels: 16, kernel_size: 7, stride: 2, padding: 3 }, [1, 3, 64, 64]],
    ['stride 2, few outputs (direct strided path)', { in_channels: 3, out_channels: 5, kernel_size: 3, stride: 2, padding: 1 }, [1, 3, 40, 48]],
    ['grouped, 16 outputs per group (4-row tiles)', { in_channels: 16, out_channels: 32, kernel_size: 3, padding: 1, groups: 2 }, [1, 16, 24, 32]],
    ['grouped k3 (direct path per group)', { in_channels: 16, out_channels: 8, kernel_size: 3, padding: 1, groups: 4 }, [1, 16, 24, 32]],
    ['k3 p1 (contiguous panel path)', { in_channels: 16, out_channels: 13, kernel_size: 3, padding: 1 }, [1, 16, 40, 40]],
    ['dilated', { in_channels: 8, out_channels: 8, kernel_size: 3, padding: 2, dilation: 2 }, [1, 8, 33, 35]],
    ['depthwise wide rows', { in_channels: 8, out_channels: 8, kernel_size: 3, padding: 1, groups: 8 }, [1, 8, 37, 50]],
    ['pointwise', { in_channels: 32, out_channels: 20, kernel_size: 1 }, [1, 32, 21, 23]],
  ];
  for (const [name, args, shape] of cases) {
    it(name, () => {
      const x = { shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1) };
      const weights = defaultLayerWeights('Conv2d', args, name);
      const a = runLayer('Conv2d', args, x, weights, { kernels: tsKernels });
      const b = runLayer('Conv2d', args, x, weights, { kernels: wasm });
      const { maxError, scale } = compareTensors(b, a);
      assert.ok(maxError <= tolerance(scale), `max error ${maxError}`);
    });
  }
  it('the async loader gives the same kernels', async () => {
    const kernels = await createWasmKernelsAsync(compileKernelsWasm());
    const args = { in_channels: 4, out_channels: 6, kernel_size: 3, padding: 1 };
    const x = { shape: [1, 4, 12, 12], data: Float32Array.from({ length: 576 }, () => random()) };
    const weights = defaultLayerWeights('Conv2d', args, 'c');
    assert.equal(kernels.name, 'wasm-simd');
    assert.deepEqual(runLayer('Conv2d', args, x, weights, { kernels }).data, runLayer('Conv2d', args, x, weights, { kernels: wasm }).data);
  });
  it('transposed k4 s2', () => {
    const args = { in_channels: 16, out_channels: 8, kernel_size: 4, stride: 2, padding: 1 };
    const x = { shape: [1, 16, 14, 15], data: Float32Array.from({ length: 16 * 14 * 15 }, () => random()) };
    const weights = defaultLayerWeights('ConvTranspose2d', args, 'up');
    const { maxError, scale } = compareTensors(runLayer('ConvTranspose2d', args, x, weights, { kernels: wasm }), runLayer('ConvTranspose2d', args, x, weights));
    assert.ok(maxError <= tolerance(scale));
  });
});
