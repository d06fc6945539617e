/**
 * `npm run bench:edit`: how fast the feature maps follow an edit to a conv, on ResNet-18 at
 * 224x224 with its seeded weights. The model's file is analysed and run once as the panel
 * does (the feature-map worker's `FeatureMapComputer`, WebAssembly kernels); then each round
 * edits a conv late in the network (`layer4.1.conv2` gets another padding and dilation,
 * same output shape), re-analyses the file and runs again, the unchanged upstream nodes
 * reused. Prints the median of the re-run alone and of the whole loop (analysis + run), in
 * CPU and wall milliseconds. Target: under 300 ms.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Tensor } from '../../src/engine/kernels/tensor';
import type { FeatureMapJob } from '../../src/featureMaps/workerProtocol';
import { ensureFixtures, referenceData } from './benchFixtures';
import { analyseGraph, finalOutput, modelSource, productComputer } from './productModel';
import { median } from './statistics';

const rounds = Number(process.env.BENCH_RUNS ?? 15);
const name = 'resnet18';
const edited = 'layer4.1.conv2';

/** The file with the conv replaced by one of the same shape (dilation d, padding d). */
function editedSource(source: string, dilation: number): string {
  const line = `model.layer4[1].conv2 = torch.nn.Conv2d(512, 512, 3, padding=${dilation}, dilation=${dilation}, bias=False)\n`;
  return source.replace('model.eval()', `${line}model.eval()`);
}

interface Timed<T> {
  readonly value: T;
  readonly cpu: number;
  readonly wall: number;
}

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = await work();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { value, cpu: (cpu.user + cpu.system) / 1000, wall };
}

async function main(): Promise<void> {
  ensureFixtures(name);
  const { input } = referenceData(name);
  const source = modelSource(name);
  const computer = productComputer();
  const jobFor = async (text: string): Promise<FeatureMapJob> => ({ ...(await analyseGraph(name, text, input.shape)).job, tensor: input as Tensor });
  // First open: analysis (cold, torchvision's source read) and the full run.
  const first = await timed(async () => computer.run(await jobFor(source)));
  const nodes = first.value.outputs.length;
  console.log(`ResNet-18 224x224, ${nodes} maps; load average at start: ${loadavg()[0].toFixed(2)}`);
  console.log(`first open (cold analysis + full run): ${first.cpu.toFixed(1)} ms CPU (${first.wall.toFixed(1)} wall)`);
  const reruns: Timed<number>[] = [];
  const loops: Timed<number>[] = [];
  for (let round = 0; round < rounds; round++) {
    // Three dilations in turn, so every run edits the conv the run before it left.
    const rerunJob = await jobFor(editedSource(source, 2 + ((2 * round) % 3)));
    reruns.push(await timed(async () => (await computer.run(rerunJob)).reused));
    const text = editedSource(source, 2 + ((2 * round + 1) % 3));
    loops.push(await timed(async () => (await computer.run(await jobFor(text))).reused));
  }
  const check = await computer.run(await jobFor(source));
  if (!check.outputs.some((entry) => entry.key === edited) || finalOutput((await analyseGraph(name, source, input.shape)).graph, check).length !== 1000) {
    throw new Error('the edited run lost its output');
  }
  const line = (label: string, values: Timed<number>[]): string =>
    `${label}: ${median(values.map((v) => v.cpu)).toFixed(1)} ms CPU (${median(values.map((v) => v.wall)).toFixed(1)} wall), ${values[0].value} of ${nodes + 1} nodes reused`;
  console.log(`\nEdit of ${edited} (padding/dilation), median of ${rounds}:`);
  console.log(line('  re-run with the previous run reused', reruns));
  console.log(line('  edit loop: re-analysis of the file + re-run', loops));
  console.log('target: under 300 ms');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
