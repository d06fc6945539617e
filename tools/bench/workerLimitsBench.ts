/**
 * The analysis worker's memory bound, measured: the smallest old generation under which
 * ordinary large files still analyse, and how long files that exhaust memory take to be
 * stopped under the editor's bound (editor/analysisWorkerProcess.ts). Everything runs
 * through the client in a child process, as the editor does. Run: `npm run bench:limits`
 * (builds first).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AnalysisWorkerClient } from '../../src/editor/analysisWorkerClient';
import { ANALYSIS_OLD_GENERATION_MB } from '../../src/editor/analysisWorkerProcess';
import type { SourceLanguage } from '../../src/engine/report';

const workerFile = resolve('dist/analysisWorker.js');
const big5000 = readFileSync('test/fixtures/pytorch/big5000.py', 'utf8');
/** About 1 MB: the largest file the default convInspector.maxFileSizeKB lets through. */
const oneMegabyte = Array.from({ length: 5 }, () => big5000).join('\n');
const candidatesMb = [24, 32, 48, 64, 80, 96, 128];

/** Analyses `source` in a fresh worker; the outcome in words and the time it took. */
async function attempt(source: string, language: SourceLanguage, oldGenerationMb?: number): Promise<{ outcome: string; ms: number }> {
  const execArgv = oldGenerationMb === undefined ? [] : [`--max-old-space-size=${oldGenerationMb}`];
  const client = new AnalysisWorkerClient({ workerFile, execArgv, warmUp: false, timeLimitMs: 120_000 });
  const started = performance.now();
  try {
    const analysis = await client.analyze('bench', source, language, {});
    return { outcome: `analysed (${analysis.models.length} models)`, ms: performance.now() - started };
  } catch (error) {
    return { outcome: error instanceof Error ? error.message : String(error), ms: performance.now() - started };
  } finally {
    client.dispose();
  }
}

async function smallestBound(label: string, source: string): Promise<void> {
  for (const megabytes of candidatesMb) {
    const { outcome, ms } = await attempt(source, 'python', megabytes);
    if (outcome.startsWith('analysed')) {
      console.log(`  ${label.padEnd(34)} analyses with a ${megabytes} MB old generation (${ms.toFixed(0)} ms)`);
      return;
    }
  }
  console.log(`  ${label.padEnd(34)} needs more than ${candidatesMb[candidatesMb.length - 1]} MB`);
}

async function main(): Promise<void> {
  console.log('Smallest old generation that analyses (candidates: ' + candidatesMb.join(', ') + ' MB):');
  await smallestBound(`big5000.py (${big5000.split('\n').length} lines)`, big5000);
  await smallestBound(`5 x big5000.py (${Math.round(oneMegabyte.length / 1024)} KB)`, oneMegabyte);
  console.log(`Under the editor's bound (${ANALYSIS_OLD_GENERATION_MB} MB old generation):`);
  for (const [name, language] of [
    ['listDoubling.py', 'python'],
    ['arrayFromBillion.js', 'javascript'],
  ] as const) {
    const { outcome, ms } = await attempt(readFileSync(`test/fixtures/hostile/${name}`, 'utf8'), language);
    console.log(`  ${name.padEnd(34)} ${(ms / 1000).toFixed(1)} s: ${outcome}`);
  }
}

void main();
