/**
 * Prints how long the op kernels take on feature maps of a 224x224 model (a script, not a
 * timed test: timings on shared machines are noisy). Median of N runs after a warm-up, one
 * thread, float32. Run: `npm run bench:ops`.
 */
import { performance } from 'node:perf_hooks';
import type { OpKind } from '../../src/engine/graph/opKinds';
import { runOp } from '../../src/engine/kernels/ops/runOp';
import type { Tensor } from '../../src/engine/kernels/tensor';
import type { BoundArgs } from '../../src/engine/types';
import { median } from './statistics';

const runs = 30;

function random(...shape: number[]): Tensor {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
  return { shape, data };
}

const map = random(1, 256, 56, 56);
const other = random(1, 256, 56, 56);
const cases: { name: string; kind: OpKind; args: BoundArgs; inputs: Tensor[] }[] = [
  { name: 'add [1,256,56,56] + same (residual)', kind: 'add', args: {}, inputs: [map, other] },
  { name: 'mul [1,256,56,56] * [1,256,1,1] (SE gate)', kind: 'mul', args: {}, inputs: [map, random(1, 256, 1, 1)] },
  { name: 'add scalar [1,256,56,56] + 3 (hardswish part)', kind: 'add', args: { other: 3, reversed: false, alpha: 1 }, inputs: [map] },
  { name: 'cat dim 1 of two [1,128,56,56] (U-Net)', kind: 'cat', args: { dim: 1 }, inputs: [random(1, 128, 56, 56), random(1, 128, 56, 56)] },
  { name: 'permute [1,256,56,56] to NHWC', kind: 'permute', args: { dims: [0, 2, 3, 1] }, inputs: [map] },
  { name: 'mean dims [2,3] keepdim (SE squeeze)', kind: 'mean', args: { dim: [2, 3], keepdim: true }, inputs: [map] },
  { name: 'mean dims [1,2] of NHWC [1,56,56,256]', kind: 'mean', args: { dim: [1, 2], keepdim: false }, inputs: [random(1, 56, 56, 256)] },
  { name: 'pad reflect 1 of [1,256,56,56]', kind: 'pad', args: { pad: [1, 1, 1, 1], mode: 'reflect', value: 0 }, inputs: [map] },
  {
    name: 'getitem crop [:, :, 4:52, 4:52]',
    kind: 'getitem',
    args: {
      index: [
        [0, 1, 1],
        [0, 256, 1],
        [4, 52, 1],
        [4, 52, 1],
      ],
    },
    inputs: [map],
  },
  { name: 'split dim 1 in two halves', kind: 'split', args: { dim: 1, sizes: [128, 128] }, inputs: [map] },
  { name: 'matmul [1,8,196,64] @ [1,8,64,196] (attention)', kind: 'matmul', args: {}, inputs: [random(1, 8, 196, 64), random(1, 8, 64, 196)] },
];

/** The median ms of `run` after a warm-up. */
function time(run: () => unknown): number {
  for (let i = 0; i < 3; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

// A reference for the machine's load: the plainest possible same-shape add.
const plain = time(() => {
  const [a, b] = [map.data, other.data];
  const out = new Float32Array(a.length);
  for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
  return out;
});
console.log(`${'reference: a plain a[i] + b[i] loop, [1,256,56,56]'.padEnd(52)} ${plain.toFixed(2).padStart(7)} ms`);
for (const c of cases) {
  const call = { kind: c.kind, args: c.args, outputs: [], layout: 'channels-first' as const };
  console.log(
    `${c.name.padEnd(52)} ${time(() => runOp(call, c.inputs))
      .toFixed(2)
      .padStart(7)} ms`,
  );
}
