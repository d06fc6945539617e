/**
 * The editor's first analysis of a file, measured through the real analysis worker
 * (dist/analysisWorker.js, as the extension starts it): request to reply, including the
 * structured clone of the result. Run: `npm run bench:worker` (builds first).
 *
 * - cold worker: the big file is the worker's very first request (thread start, parser
 *   load and not-yet-optimised code all included: VS Code opened on that file);
 * - running worker: the worker first answered a small file (the one that activated the
 *   extension) and then sat idle for two seconds (its warm-up, analysis/warmUp.ts, up to
 *   1 s of CPU, runs then); the big file is then new to it, with no kept syntax tree or
 *   statements;
 * - the same without the warm-up, for comparison in the same run.
 * Each case starts fresh workers; medians over the runs.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnalysisWorkerClient } from '../../src/editor/analysisWorkerClient';
import { median } from './statistics';

const workerFile = resolve('dist/analysisWorker.js');
const bigFile = process.argv[2] ?? 'test/fixtures/pytorch/big3000.py';
const smallFile = 'examples/resnet_block.py';
const runs = Number(process.env.RUNS ?? 7);

async function timedAnalysis(client: AnalysisWorkerClient, file: string): Promise<number> {
  const source = readFileSync(file, 'utf8');
  const started = performance.now();
  const analysis = await client.analyze(file, source, 'python', {});
  const elapsed = performance.now() - started;
  if (analysis.models.length === 0) throw new Error(`${file}: no models found`);
  return elapsed;
}

async function main(): Promise<void> {
  const cold: number[] = [];
  const running: number[] = [];
  const runningNoWarmUp: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const coldClient = new AnalysisWorkerClient({ workerFile });
    cold.push(await timedAnalysis(coldClient, bigFile));
    coldClient.dispose();

    for (const warmUp of [true, false]) {
      const client = new AnalysisWorkerClient({ workerFile, warmUp });
      await timedAnalysis(client, smallFile);
      await new Promise((done) => setTimeout(done, 2000));
      (warmUp ? running : runningNoWarmUp).push(await timedAnalysis(client, bigFile));
      client.dispose();
    }
  }
  const lines = readFileSync(bigFile, 'utf8').split('\n').length;
  const show = (values: number[]): string => `median ${median(values).toFixed(1)} ms (runs: ${values.map((value) => value.toFixed(0)).join(', ')})`;
  console.log(`${bigFile} (${lines} lines), first analysis through the worker:`);
  console.log(`  cold worker (its first request):        ${show(cold)}`);
  console.log(`  running worker (after a small file):    ${show(running)}`);
  console.log(`  the same with the warm-up switched off: ${show(runningNoWarmUp)}`);
}

void main();
