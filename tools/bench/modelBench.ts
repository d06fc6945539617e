/**
 * `npm run bench:model`: one full forward pass of a whole model, every feature map kept,
 * one thread, float32, batch 1: our kernels (WebAssembly SIMD, the way the feature-map
 * worker runs them) against onnxruntime-web (wasm backend, one thread, all graph
 * optimisations, so it fuses conv + BatchNorm + activation itself) on the same model
 * exported by `torch.onnx.export` and the same input. Models: ResNet-18 and MobileNetV2 at
 * 224x224, a base-16 U-Net at 256x256, built with seeded weights by
 * `tools/golden/onnx_models.py` into `.bench-models/` on first use. Both runners'
 * outputs are checked against PyTorch's before anything is timed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { runSequence, type RunnableLayer } from '../../src/engine/kernels/runSequence';
import type { LayerWeights, Tensor } from '../../src/engine/kernels/tensor';
import { createWasmKernels } from '../../src/engine/kernels/wasmKernels';
import { readSafetensors } from '../../src/engine/weights/safetensors';
import { median } from './statistics';
import type * as OrtModule from 'onnxruntime-web';

const root = join(__dirname, '..', '..');
const modelDir = join(root, '.bench-models');
const rounds = Number(process.env.BENCH_RUNS ?? 7);
const modelNames = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['resnet18', 'mobilenet_v2', 'unet_small'];

interface BenchModel {
  readonly name: string;
  readonly layers: RunnableLayer[];
  readonly input: Tensor;
  readonly expected: Float32Array;
  readonly weightsByPath: Map<string, LayerWeights>;
}

function floats(file: string): Float32Array {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
}

/** The model's layers, input and weights grouped by layer path (a repeated call `path#2` shares its weights). */
function loadModel(name: string): BenchModel {
  const base = join(modelDir, name);
  if (!existsSync(`${base}.layers.json`)) {
    const made = spawnSync('/usr/bin/python3', [join(root, 'tools', 'golden', 'onnx_models.py'), name], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error(`could not build ${name}: tools/golden/onnx_models.py needs /usr/bin/python3 with torch and torchvision`);
  }
  const description = JSON.parse(readFileSync(`${base}.layers.json`, 'utf8')) as { input: number[]; layers: RunnableLayer[] };
  const tensors = readSafetensors(readFileSync(`${base}.safetensors`));
  const weightsByPath = new Map<string, LayerWeights>();
  for (const layer of description.layers) {
    const prefix = `${layer.path.replace(/#\d+$/, '')}.`;
    const own: Record<string, Tensor> = {};
    for (const [key, tensor] of tensors) if (key.startsWith(prefix) && !key.slice(prefix.length).includes('.')) own[key.slice(prefix.length)] = tensor;
    weightsByPath.set(layer.path, own);
  }
  return { name, layers: description.layers, input: { shape: description.input, data: floats(`${base}.input.bin`) }, expected: floats(`${base}.output.bin`), weightsByPath };
}

/** Largest difference relative to the reference's largest magnitude. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  return worst / (scale || 1);
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** Median wall and CPU ms of `run`, after one warm-up call. */
async function time(run: () => Promise<unknown>, count: number, samples: { wall: number[]; cpu: number[] }): Promise<void> {
  for (let i = 0; i < count; i++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    await run();
    samples.wall.push(performance.now() - wall0);
    const cpu = process.cpuUsage(cpu0);
    samples.cpu.push((cpu.user + cpu.system) / 1000);
  }
}

async function main(): Promise<void> {
  const wasmPath = join(root, 'dist', 'kernels.wasm');
  if (!existsSync(wasmPath)) throw new Error('dist/kernels.wasm is missing: run npm run build:wasm first');
  const kernels = createWasmKernels(readFileSync(wasmPath));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require('onnxruntime-web') as typeof OrtModule;
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';

  console.log(`Whole-model forward, batch 1, one thread, median of ${rounds} interleaved runs (ms; CPU time of this process, wall in brackets)`);
  console.log(`load average at start: ${loadavg()[0].toFixed(2)}\n`);
  const rows: string[] = ['| model | ours (wasm) | onnxruntime-web | ratio | maps kept | error vs PyTorch (ours / ort) |', '|---|---|---|---|---|---|'];
  for (const name of modelNames) {
    const model = loadModel(name);
    const session = await ort.InferenceSession.create(join(modelDir, `${name}.onnx`), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const feeds = { x: new ort.Tensor('float32', model.input.data, model.input.shape) };
    const ours = () => runSequence(model.layers, model.input, model.weightsByPath, { kernels, budgetMb: 4096 });
    const first = await ours();
    if (first.failure) throw new Error(`${name}: ${first.failure.path}: ${first.failure.message}`);
    const last = [...first.outputs.values()].at(-1);
    const ortOutput = (await session.run(feeds)).y.data as Float32Array;
    const errOurs = relativeError(last?.data ?? new Float32Array(), model.expected);
    const errOrt = relativeError(ortOutput, model.expected);
    if (errOurs > 1e-3) throw new Error(`${name}: our output differs from PyTorch's by ${errOurs.toExponential(2)} of its scale`);
    let keptBytes = 0;
    for (const tensor of first.outputs.values()) keptBytes += tensor.data.byteLength;
    const ourSamples = { wall: [] as number[], cpu: [] as number[] };
    const ortSamples = { wall: [] as number[], cpu: [] as number[] };
    // Interleaved, so load from other processes hits both alike.
    for (let round = 0; round < rounds; round++) {
      await time(ours, 1, ourSamples);
      await time(() => session.run(feeds), 1, ortSamples);
    }
    const a: Timing = { wall: median(ourSamples.wall), cpu: median(ourSamples.cpu) };
    const b: Timing = { wall: median(ortSamples.wall), cpu: median(ortSamples.cpu) };
    rows.push(
      `| ${name} (${first.outputs.size} maps) | ${a.cpu.toFixed(1)} (${a.wall.toFixed(1)}) | ${b.cpu.toFixed(1)} (${b.wall.toFixed(1)}) | ${(a.cpu / b.cpu).toFixed(2)} | ${(keptBytes / 2 ** 20).toFixed(1)} MB | ${errOurs.toExponential(1)} / ${errOrt.toExponential(1)} |`,
    );
    console.log(rows.at(-1));
    await session.release();
  }
  console.log(`\n${rows.join('\n')}`);
  console.log('\nratio = ours / onnxruntime-web (CPU ms); onnxruntime keeps only the final output, we keep every feature map.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
