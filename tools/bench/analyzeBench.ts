/**
 * Prints how long the analysis takes on the benchmark files (a script, not a timed test:
 * timings on shared machines are noisy). Run: `npm run bench:analyze`.
 * - first: the first analysis of the file in this process (parser loaded, code not yet
 *   optimised for it), split into parse and interpretation as the CLI's `--time` prints it;
 * - warm: re-analysis of the same file after an edit (the editor's case: the previous syntax
 *   tree is reused, as the analysis worker does), median of N runs.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../../src/analysis/analyzeSource';
import { median, percentile } from './statistics';

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/fixtures/pytorch/big5000.py', 'test/fixtures/pytorch/big3000.py'];
const runs = 30;

async function main(): Promise<void> {
  const coldStart = performance.now();
  await analyzeSource('x = 1\n', 'python');
  console.log(`parser load (wasm runtime + Python grammar): ${(performance.now() - coldStart).toFixed(1)} ms`);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const lines = source.split('\n').length;
    const first = performance.now();
    let split = '';
    const analysis = await analyzeSource(source, 'python', {
      onTimings: ({ parseMs, interpretMs }) => {
        split = ` (parse ${parseMs.toFixed(1)} ms, interpretation ${interpretMs.toFixed(1)} ms)`;
      },
    });
    const firstMs = performance.now() - first;
    const layers = analysis.models.reduce((sum, model) => sum + model.layers.length, 0);
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      // A different trailing comment each run stands in for an edit: the text changes, the model does not.
      const edited = `${source}\n# edit ${run}\n`;
      const started = performance.now();
      await analyzeSource(edited, 'python', { documentKey: file });
      times.push(performance.now() - started);
    }
    console.log(`${file}: ${lines} lines, ${analysis.models.length} models, ${layers} layer records`);
    console.log(
      `  first analysis ${firstMs.toFixed(1)} ms${split}; re-analysis median ${median(times).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms over ${runs} runs`,
    );
  }
}

void main();
