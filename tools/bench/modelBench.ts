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
import { fork, spawnSync } from 'node:child_process';
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

/** One runner in its own process (own heap and GC, as the feature-map worker has): answers 'run' with its CPU and wall ms. */
type RunnerName = 'ours' | 'ort';
type RunnerReply = { ready: true; output: number[]; maps: number; keptBytes: number } | { cpu: number; wall: number } | { error: string };

async function runnerMain(role: RunnerName, name: string): Promise<void> {
  const model = loadModel(name);
  let runOnce: () => Promise<Float32Array>;
  let maps = 1;
  let keptBytes = 0;
  if (role === 'ours') {
    const kernels = createWasmKernels(readFileSync(join(root, 'dist', 'kernels.wasm')));
    runOnce = async () => {
      const result = await runSequence(model.layers, model.input, model.weightsByPath, { kernels, budgetMb: 4096 });
      if (result.failure) throw new Error(`${result.failure.path}: ${result.failure.message}`);
      maps = result.outputs.size;
      keptBytes = [...result.outputs.values()].reduce((sum, tensor) => sum + tensor.data.byteLength, 0);
      return [...result.outputs.values()].at(-1)?.data ?? new Float32Array();
    };
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-web') as typeof OrtModule;
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    const session = await ort.InferenceSession.create(join(modelDir, `${name}.onnx`), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const feeds = { x: new ort.Tensor('float32', model.input.data, model.input.shape) };
    runOnce = async () => (await session.run(feeds)).y.data as Float32Array;
  }
  const send = (reply: RunnerReply): void => void process.send?.(reply);
  const output = await runOnce();
  send({ ready: true, output: [relativeError(output, model.expected)], maps, keptBytes });
  process.on('message', () => {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    runOnce().then(
      () => {
        const wall = performance.now() - wall0;
        const cpu = process.cpuUsage(cpu0);
        send({ cpu: (cpu.user + cpu.system) / 1000, wall });
      },
      (error: unknown) => send({ error: String(error) }),
    );
  });
}

/** A runner process and a way to ask it for one timed run. */
function startRunner(role: RunnerName, name: string): { ready: Promise<RunnerReply>; run: () => Promise<RunnerReply>; stop: () => void } {
  const child = fork(__filename, ['--runner', role, name], { execArgv: ['--import', 'tsx'] });
  let pending: ((reply: RunnerReply) => void) | undefined;
  child.on('message', (reply: RunnerReply) => pending?.(reply));
  const next = (): Promise<RunnerReply> =>
    new Promise((resolve, reject) => {
      pending = (reply) => ('error' in reply ? reject(new Error(`${role}: ${reply.error}`)) : resolve(reply));
      child.once('exit', (code) => reject(new Error(`${role} runner exited (${code})`)));
    });
  const ready = next();
  return {
    ready,
    run: () => {
      const reply = next();
      child.send('run');
      return reply;
    },
    stop: () => child.kill(),
  };
}

function timings(replies: RunnerReply[]): { cpu: number; wall: number } {
  const values = replies.flatMap((reply) => ('cpu' in reply ? [reply] : []));
  return { cpu: median(values.map((v) => v.cpu)), wall: median(values.map((v) => v.wall)) };
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'kernels.wasm'))) throw new Error('dist/kernels.wasm is missing: run npm run build:wasm first');
  console.log(`Whole-model forward, batch 1, one thread, median of ${rounds} interleaved runs (ms: CPU time of each runner's process, wall in brackets)`);
  console.log(`load average at start: ${loadavg()[0].toFixed(2)}\n`);
  const rows: string[] = ['| model | ours (wasm) | onnxruntime-web | ratio | maps kept | error vs PyTorch (ours / ort) |', '|---|---|---|---|---|---|'];
  for (const name of modelNames) {
    loadModel(name); // builds the fixtures once, before two runners race to
    const ours = startRunner('ours', name);
    const ort = startRunner('ort', name);
    try {
      const [a, b] = await Promise.all([ours.ready, ort.ready]);
      if (!('ready' in a) || !('ready' in b)) throw new Error('runner did not start');
      if (a.output[0] > 1e-3) throw new Error(`${name}: our output differs from PyTorch's by ${a.output[0].toExponential(2)} of its scale`);
      const ourReplies: RunnerReply[] = [];
      const ortReplies: RunnerReply[] = [];
      // Interleaved, so load from other processes hits both alike.
      for (let round = 0; round < rounds; round++) {
        ourReplies.push(await ours.run());
        ortReplies.push(await ort.run());
      }
      const x = timings(ourReplies);
      const y = timings(ortReplies);
      rows.push(
        `| ${name} (${a.maps} maps) | ${x.cpu.toFixed(1)} (${x.wall.toFixed(1)}) | ${y.cpu.toFixed(1)} (${y.wall.toFixed(1)}) | ${(x.cpu / y.cpu).toFixed(2)} | ${(a.keptBytes / 2 ** 20).toFixed(1)} MB | ${a.output[0].toExponential(1)} / ${b.output[0].toExponential(1)} |`,
      );
      console.log(rows.at(-1));
    } finally {
      ours.stop();
      ort.stop();
    }
  }
  console.log(`\n${rows.join('\n')}`);
  console.log('\nratio = ours / onnxruntime-web (CPU ms); onnxruntime keeps only the final output, we keep every feature map.');
}

const runnerAt = process.argv.indexOf('--runner');
(runnerAt >= 0 ? runnerMain(process.argv[runnerAt + 1] as RunnerName, process.argv[runnerAt + 2]) : main()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
