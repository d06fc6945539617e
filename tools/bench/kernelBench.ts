/**
 * `npm run bench`: our conv kernels (WASM SIMD and the TypeScript fallback) side by
 * side with TF.js (wasm/XNNPACK and cpu backends) and onnxruntime-web, one thread,
 * float32, batch 1, cases A-G (docs/performance.md), median milliseconds, all measured in this
 * run. Peers come from devDependencies; nothing is downloaded. Outputs are
 * cross-checked against onnxruntime so that a fast wrong kernel cannot win.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Conv2dGeometry, HeavyKernels } from '../../src/engine/kernels/heavyKernels';
import { tsKernels } from '../../src/engine/kernels/tsKernels';
import { createWasmKernels } from '../../src/engine/kernels/wasmKernels';
import { readSafetensors } from '../../src/engine/weights/safetensors';
import type * as TfModule from '@tensorflow/tfjs';
import type { Tensor4D } from '@tensorflow/tfjs';
import type * as OrtModule from 'onnxruntime-web';

const root = join(__dirname, '..', '..');
const benchDir = join(root, 'test', 'fixtures', 'kernels', 'bench');
const runs = Number(process.env.BENCH_RUNS ?? 15);

interface BenchCase {
  readonly id: string;
  readonly label: string;
  readonly cin: number;
  readonly h: number;
  readonly w: number;
  readonly cout: number;
  readonly k: number;
  readonly stride: number;
  readonly pad: number;
  readonly dilation: number;
  readonly groups: number;
  readonly transposed: boolean;
}

const cases: BenchCase[] = [
  { id: 'A', label: '3->64 k7 s2 p3, 224x224', cin: 3, h: 224, w: 224, cout: 64, k: 7, stride: 2, pad: 3, dilation: 1, groups: 1, transposed: false },
  { id: 'B', label: '64->64 k3 p1, 56x56', cin: 64, h: 56, w: 56, cout: 64, k: 3, stride: 1, pad: 1, dilation: 1, groups: 1, transposed: false },
  { id: 'C', label: '64->64 k3 d2 p2, 56x56', cin: 64, h: 56, w: 56, cout: 64, k: 3, stride: 1, pad: 2, dilation: 2, groups: 1, transposed: false },
  { id: 'D', label: 'depthwise 128 k3 p1, 112x112', cin: 128, h: 112, w: 112, cout: 128, k: 3, stride: 1, pad: 1, dilation: 1, groups: 128, transposed: false },
  { id: 'E', label: 'pointwise 128->256, 56x56', cin: 128, h: 56, w: 56, cout: 256, k: 1, stride: 1, pad: 0, dilation: 1, groups: 1, transposed: false },
  { id: 'F', label: 'grouped 128->128 k3 g8 p1, 56x56', cin: 128, h: 56, w: 56, cout: 128, k: 3, stride: 1, pad: 1, dilation: 1, groups: 8, transposed: false },
  { id: 'G', label: 'transposed 64->32 k4 s2 p1, 28x28', cin: 64, h: 28, w: 28, cout: 32, k: 4, stride: 2, pad: 1, dilation: 1, groups: 1, transposed: true },
];

function geometry(c: BenchCase): Conv2dGeometry {
  const span = c.dilation * (c.k - 1);
  const out = c.transposed ? (c.h - 1) * c.stride - 2 * c.pad + span + 1 : Math.floor((c.h + 2 * c.pad - span - 1) / c.stride) + 1;
  return {
    inChannels: c.cin,
    inHeight: c.h,
    inWidth: c.w,
    outChannels: c.cout,
    kernelHeight: c.k,
    kernelWidth: c.k,
    strideHeight: c.stride,
    strideWidth: c.stride,
    padTop: c.pad,
    padLeft: c.pad,
    dilationHeight: c.dilation,
    dilationWidth: c.dilation,
    groups: c.groups,
    outHeight: out,
    outWidth: out,
  };
}

/** One contender: a name and a call to time (async for onnxruntime). */
interface Contender {
  readonly name: string;
  readonly run: () => unknown;
  /** Timed rounds for this contender (the slow TS/cpu paths get fewer). */
  readonly rounds: number;
}

/**
 * Median milliseconds per contender. Rounds are interleaved (A, B, C, A, B, C, ...) so
 * load from other processes hits everyone alike; CPU time of this process
 * (process.cpuUsage) is reported next to wall time because on a shared 2-core
 * machine wall time mostly measures the neighbours.
 */
async function measure(contenders: readonly Contender[]): Promise<Map<string, { wall: number; cpu: number }>> {
  for (const c of contenders) await c.run();
  const samples = new Map(contenders.map((c) => [c.name, { wall: [] as number[], cpu: [] as number[] }]));
  const maxRounds = Math.max(...contenders.map((c) => c.rounds));
  for (let round = 0; round < maxRounds; round++) {
    for (const c of contenders) {
      if (round >= c.rounds) continue;
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      await c.run();
      const wall = performance.now() - wall0;
      const cpu = process.cpuUsage(cpu0);
      samples.get(c.name)?.wall.push(wall);
      samples.get(c.name)?.cpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return new Map([...samples].map(([name, s]) => [name, { wall: median(s.wall), cpu: median(s.cpu) }]));
}

function seededInput(length: number): Float32Array {
  let state = 12345;
  return Float32Array.from({ length }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2147483648 - 1;
  });
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

type Tf = typeof TfModule;

/** The case as TF.js ops (NHWC, HWIO filters); groups by split + concat since TF.js has no grouped conv2d. */
function tfOp(tf: Tf, c: BenchCase, weight: Float32Array, bias: Float32Array) {
  const x = tf.tensor4d(seededInput(c.cin * c.h * c.w), [1, c.cin, c.h, c.w]).transpose([0, 2, 3, 1]) as Tensor4D;
  const b = tf.tensor1d(bias);
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [c.pad, c.pad],
    [c.pad, c.pad],
    [0, 0],
  ];
  const g = geometry(c);
  if (c.transposed) {
    // PyTorch [in, out, kh, kw] -> TF.js conv2dTranspose filter [kh, kw, out, in]; padding via a cropped 'valid' output.
    const filter = tf.tensor4d(weight, [c.cin, c.cout, c.k, c.k]).transpose([2, 3, 1, 0]) as Tensor4D;
    const full = (c.h - 1) * c.stride + c.k;
    return () =>
      tf.tidy(() => tf.add(tf.slice(tf.conv2dTranspose(x, filter, [1, full, full, c.cout], c.stride, 'valid'), [0, c.pad, c.pad, 0], [1, g.outHeight, g.outWidth, c.cout]), b));
  }
  if (c.groups === c.cin && c.groups > 1) {
    const filter = tf.tensor4d(weight, [c.cout, 1, c.k, c.k]).transpose([2, 3, 0, 1]) as Tensor4D;
    return () => tf.tidy(() => tf.add(tf.depthwiseConv2d(tf.pad(x, pad), filter, 1, 'valid', 'NHWC', c.dilation), b));
  }
  const filter = tf.tensor4d(weight, [c.cout, c.cin / c.groups, c.k, c.k]).transpose([2, 3, 1, 0]) as Tensor4D;
  const conv = (input: Tensor4D, f: Tensor4D) => tf.conv2d(c.pad ? tf.pad(input, pad) : input, f, c.stride, 'valid', 'NHWC', c.dilation);
  if (c.groups === 1) return () => tf.tidy(() => tf.add(conv(x, filter), b));
  const xs = tf.split(x, c.groups, 3) as Tensor4D[];
  const fs = tf.split(filter, c.groups, 3) as Tensor4D[];
  return () =>
    tf.tidy(() =>
      tf.add(
        tf.concat(
          xs.map((part, i) => conv(part, fs[i])),
          3,
        ),
        b,
      ),
    );
}

async function main(): Promise<void> {
  const weights = readSafetensors(new Uint8Array(readFileSync(join(benchDir, 'bench_weights.safetensors'))));
  const wasm: HeavyKernels = createWasmKernels(new Uint8Array(readFileSync(join(root, 'dist', 'kernels.wasm'))));

  const tf = await import('@tensorflow/tfjs');
  const tfWasm = await import('@tensorflow/tfjs-backend-wasm');
  tfWasm.setWasmPaths(join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/');
  tfWasm.setThreadsCount(1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require('onnxruntime-web') as typeof OrtModule;
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';

  const rows: string[][] = [];
  const gaps: string[] = [];
  for (const c of cases) {
    const g = geometry(c);
    const weight = weights.get(`${c.id}.weight`)?.data;
    const bias = weights.get(`${c.id}.bias`)?.data;
    if (!weight || !bias) throw new Error(`bench weights for case ${c.id} missing`);
    const input = seededInput(c.cin * c.h * c.w);
    const run = (k: HeavyKernels) => () => (c.transposed ? k.convTranspose2d(g, input, weight, bias) : k.conv2d(g, input, weight, bias));

    const session = await ort.InferenceSession.create(join(benchDir, `case_${c.id}.onnx`), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const feeds = { x: new ort.Tensor('float32', input, [1, c.cin, c.h, c.w]) };
    const reference = (await session.run(feeds)).y.data as Float32Array;
    const ours = run(wasm)();
    const errWasm = maxDiff(ours, reference);
    const errTs = maxDiff(run(tsKernels)(), reference);

    await tf.setBackend('wasm');
    const wasmOp = tfOp(tf, c, weight, bias);
    await tf.setBackend('cpu');
    const cpuOp = tfOp(tf, c, weight, bias);
    // Each TF.js op runs on the backend its tensors were created on; switching is cheap.
    const times = await measure([
      { name: 'ours', run: run(wasm), rounds: runs },
      { name: 'ort', run: () => session.run(feeds), rounds: runs },
      {
        name: 'tfwasm',
        run: async () => {
          await tf.setBackend('wasm');
          wasmOp().dataSync();
        },
        rounds: runs,
      },
      { name: 'ts', run: run(tsKernels), rounds: Math.max(3, Math.floor(runs / 5)) },
      {
        name: 'tfcpu',
        run: async () => {
          await tf.setBackend('cpu');
          cpuOp().dataSync();
        },
        rounds: 3,
      },
    ]);
    await session.release();
    const t = (name: string) => times.get(name) ?? { wall: NaN, cpu: NaN };
    const cell = (name: string, digits: number) => `${t(name).cpu.toFixed(digits)} (${t(name).wall.toFixed(digits)})`;
    const best = Math.min(t('tfwasm').cpu, t('ort').cpu);
    const ratio = t('ours').cpu / best;
    if (ratio > 1) gaps.push(`${c.id}: ${ratio.toFixed(2)}x the faster peer's time (${best.toFixed(2)} ms)`);
    rows.push([
      c.id,
      c.label,
      cell('ours', 2),
      cell('ts', 0),
      cell('tfwasm', 2),
      cell('ort', 2),
      cell('tfcpu', 0),
      `${ratio.toFixed(2)}x`,
      `${errWasm.toExponential(1)} / ${errTs.toExponential(1)}`,
    ]);
  }
  const header = ['case', 'layer', 'ours wasm', 'ours ts', 'tfjs-wasm', 'ort-web', 'tfjs-cpu', 'ours/best peer', 'max|diff| vs ort (wasm/ts)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`median ms of CPU time (wall time in parentheses), one thread, float32, batch 1, ${runs} interleaved runs; load average at start ${loadavg()[0].toFixed(1)}`);
  console.log('ratio = ours / the faster of tfjs-wasm and ort-web, on CPU time (< 1: faster than both)');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(gaps.length ? `gap: ${gaps.join('; ')}` : 'target met on every case');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
