/**
 * The editor's first analysis of a file, measured through the real analysis worker
 * (dist/analysisWorker.js, as the extension starts it): request to reply, including the
 * structured clone of the result. Run: `npm run bench:worker` (builds first).
 *
 * - cold worker: the big file is the worker's very first request (thread start, parser
 *   load and not-yet-optimised code all included: VS Code opened on that file);
 * - running worker: the worker first answered a small file (the one that activated the
 *   extension), then sat idle (its warm-up, analysis/warmUp.ts, 150 runs of a sample, runs
 *   then); the big file is then new to it, with no kept syntax tree or statements. Idle
 *   for 2 s, and for 15 s: after a few quiet seconds V8 shrinks a young generation that
 *   was left to its own sizing (editor/youngGenerationWorker.ts);
 * - peers in the same run: the running worker without the warm-up, with V8's own
 *   young-generation sizing, and as a worker thread instead of a child process (the
 *   editor's default, analysisWorkerProcess.ts).
 * Each case starts fresh workers; the cases take turns; medians over the runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnalysisWorkerClient, type WorkerClientOptions } from '../../src/editor/analysisWorkerClient';
import { median } from './statistics';

const workerFile = resolve('dist/analysisWorker.js');
const bigFile = process.argv[2] ?? 'test/fixtures/pytorch/big3000.py';
const smallFile = 'examples/resnet_block.py';
const runs = Number(process.env.RUNS ?? 7);

interface BenchCase {
  readonly label: string;
  readonly client: Omit<WorkerClientOptions, 'workerFile'>;
  /** Idle time after the small file; undefined: the big file is the first request. */
  readonly idleMs?: number;
}

const cases: readonly BenchCase[] = [
  { label: 'cold worker (its first request)', client: {} },
  { label: 'running worker, 2 s after the small file', client: {}, idleMs: 2000 },
  { label: '  peer: without the warm-up', client: { warmUp: false }, idleMs: 2000 },
  { label: 'running worker, 15 s after the small file', client: {}, idleMs: 15_000 },
  { label: "  peer: V8's own young-generation sizing", client: { largeYoungGeneration: false }, idleMs: 15_000 },
  { label: '  peer: a worker thread instead of a process', client: { isolation: 'thread' }, idleMs: 15_000 },
];

async function timedAnalysis(client: AnalysisWorkerClient, file: string): Promise<number> {
  const source = readFileSync(file, 'utf8');
  const started = performance.now();
  const analysis = await client.analyze(file, source, 'python', {});
  const elapsed = performance.now() - started;
  if (analysis.models.length === 0) throw new Error(`${file}: no models found`);
  return elapsed;
}

async function measure(benchCase: BenchCase): Promise<number> {
  const client = new AnalysisWorkerClient({ workerFile, ...benchCase.client });
  try {
    if (benchCase.idleMs !== undefined) {
      await timedAnalysis(client, smallFile);
      await new Promise((done) => setTimeout(done, benchCase.idleMs));
    }
    return await timedAnalysis(client, bigFile);
  } finally {
    client.dispose();
  }
}

async function main(): Promise<void> {
  const times = cases.map((): number[] => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, benchCase] of cases.entries()) times[index].push(await measure(benchCase));
  }
  const lines = readFileSync(bigFile, 'utf8').split('\n').length;
  console.log(`${bigFile} (${lines} lines), first analysis through the worker:`);
  for (const [index, benchCase] of cases.entries()) {
    const values = times[index];
    console.log(`  ${benchCase.label.padEnd(46)} median ${median(values).toFixed(1)} ms (runs: ${values.map((value) => value.toFixed(0)).join(', ')})`);
  }
}

void main();
