/**
 * Prints what solving for a model's input costs (a script, not a timed test). For each file,
 * the warm analysis time when nothing gives the input (probe runs, the size solver, the run at
 * the solved size) against the same analysis with that input given as the setting (one run),
 * medians of N runs after a warm-up. Run: `npm run bench:inference [FILE...]`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../../src/analysis/analyzeSource';
import type { AnalyzeOptions } from '../../src/analysis/analyzeSource';
import { median } from './statistics';

const defaults = ['lenet.py', 'mnist_net.py', 'audio_m5.py', 'unet_pix2pix.py'].map((file) => `test/fixtures/unknowns/${file}`);
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...defaults, 'test/fixtures/pytorch/models/resnet.py'];
const runs = 40;

async function timed(source: string, options: AnalyzeOptions): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs + 10; run += 1) {
    const started = performance.now();
    await analyzeSource(`${source}\n# edit ${run}\n`, 'python', { ...options, documentKey: 'bench' });
    if (run >= 10) times.push(performance.now() - started);
  }
  return median(times);
}

async function main(): Promise<void> {
  await analyzeSource('x = 1\n', 'python');
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const analysis = await analyzeSource(source, 'python');
    const inferred = analysis.models.filter((model) => !/^(call at|directive)/.test(model.inputSource));
    const inferredMs = await timed(source, {});
    const given = inferred[0]?.input;
    const givenMs = given ? await timed(source, { defaultInputShape: given }) : inferredMs;
    const what = inferred.map((model) => `${model.name} ${JSON.stringify(model.input)} (${model.inputSource})`).join('; ') || 'no model without an input';
    console.log(`${file}: ${what}`);
    console.log(`  input solved ${inferredMs.toFixed(2)} ms, input given ${givenMs.toFixed(2)} ms: inference adds ${(inferredMs - givenMs).toFixed(2)} ms (medians of ${runs})`);
  }
}

void main();
