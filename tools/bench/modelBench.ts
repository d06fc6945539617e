/**
 * `npm run bench:model`: one full forward pass of a whole model, every feature map kept,
 * one thread, float32, batch 1: the product's path (the model's source file analysed into
 * its dataflow graph, the weight file matched to it, `runGraph` on the WebAssembly SIMD
 * kernels as the feature-map worker runs them) against onnxruntime-web (wasm backend, one thread, all graph
 * optimisations, so it fuses conv + BatchNorm + activation itself) on the same model
 * exported by `torch.onnx.export` and the same input. Models: ResNet-18 and MobileNetV2 at
 * 224x224, a base-16 U-Net at 256x256, built with seeded weights by
 * `tools/golden/onnx_models.py` into `.bench-models/` on first use. Both runners'
 * outputs are checked against PyTorch's before anything is timed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import type { ModelGraph } from '../../src/engine/graph/modelGraph';
import { graphFeatureMaps } from '../../src/engine/kernels/graphFeatureMaps';
import { runGraph } from '../../src/engine/kernels/runGraph';
import type { RunnableLayer } from '../../src/engine/kernels/runSequence';
import { createWasmKernels } from '../../src/engine/kernels/wasmKernels';
import { defaultLayerWeights } from '../../src/engine/weights/defaultInit';
import { matchWeights } from '../../src/engine/weights/matchWeights';
import { readWeightFile } from '../../src/engine/weights/weightFile';
import { ensureFixtures, modelDir, referenceData, relativeError, wasmKernelBytes } from './benchFixtures';
import { median } from './statistics';
import type * as OrtModule from 'onnxruntime-web';

const rounds = Number(process.env.BENCH_RUNS ?? 7);
const modelNames = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['resnet18', 'mobilenet_v2', 'unet_small'];

/** What the analysis hands the runner: the model's graph and layers (for the weight matcher). */
interface AnalysedModel {
  readonly graph: ModelGraph;
  readonly layers: readonly RunnableLayer[];
}

const graphFile = (name: string): string => join(modelDir, `${name}.graph.json`);

/** One runner in its own process (own heap and GC, as the feature-map worker has): answers 'run' with its CPU and wall ms. */
type RunnerName = 'ours' | 'ort';
type RunnerReply = { ready: true; output: number[]; maps: number; keptBytes: number } | { cpu: number; wall: number } | { error: string };

async function runnerMain(role: RunnerName, name: string): Promise<void> {
  const { input, expected } = referenceData(name);
  let runOnce: () => Promise<Float32Array>;
  let maps = 1;
  let keptBytes = 0;
  if (role === 'ours') {
    // The product's path: the graph the parent analysed (as the analysis worker hands it to
    // the feature-map worker, so this heap holds no syntax trees), the weight file matched to
    // its layers (once, as the worker keeps it), then the graph run.
    const { graph, layers } = JSON.parse(readFileSync(graphFile(name), 'utf8')) as AnalysedModel;
    const { weightsByPath } = matchWeights(layers, readWeightFile(new Uint8Array(readFileSync(join(modelDir, `${name}.safetensors`))), `${name}.safetensors`));
    const kernels = createWasmKernels(wasmKernelBytes());
    const last = graph.nodes.at(-1)!.id;
    runOnce = async () => {
      const run = await runGraph(graph, [input], weightsByPath, {
        kernels,
        budgetMb: 4096,
        fallbackWeights: (node, path) => defaultLayerWeights(node.kind, node.args, path),
      });
      const result = graphFeatureMaps(graph, run);
      if (result.failure) throw new Error(`${result.failure.path}: ${result.failure.message}`);
      maps = result.outputs.size;
      keptBytes = [...result.outputs.values()].reduce((sum, tensor) => sum + tensor.data.byteLength, 0);
      return result.outputs.get(last)?.data ?? new Float32Array();
    };
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-web') as typeof OrtModule;
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    const session = await ort.InferenceSession.create(join(modelDir, `${name}.onnx`), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const feeds = { x: new ort.Tensor('float32', input.data, input.shape) };
    runOnce = async () => (await session.run(feeds)).y.data as Float32Array;
  }
  const send = (reply: RunnerReply): void => void process.send?.(reply);
  const output = await runOnce();
  send({ ready: true, output: [relativeError(output, expected)], maps, keptBytes });
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
  wasmKernelBytes(); // fails early with a clear message when the kernels are not built
  console.log(`Whole-model forward, batch 1, one thread, median of ${rounds} interleaved runs (ms: CPU time of each runner's process, wall in brackets)`);
  console.log(`load average at start: ${loadavg()[0].toFixed(2)}\n`);
  const rows: string[] = ['| model | ours (wasm) | onnxruntime-web | ratio | maps kept | error vs PyTorch (ours / ort) |', '|---|---|---|---|---|---|'];
  for (const name of modelNames) {
    ensureFixtures(name); // builds the fixtures once, before two runners race to
    // Imported here only: the runners must not carry the analysis modules in their heaps.
    const { analyseGraph, modelSource } = await import('./productModel');
    const { graph, job } = await analyseGraph(name, modelSource(name), referenceData(name).input.shape);
    writeFileSync(graphFile(name), JSON.stringify({ graph, layers: job.layers } satisfies AnalysedModel));
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
