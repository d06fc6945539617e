/**
 * Editor benchmark (a script, not a timed test: shared machines are noisy). Measures, on
 * the 3,000-line benchmark model, what a hover and the inline hints cost in the extension
 * host once the file is analysed: target lookup + Markdown for every layer position
 * (p50 / p95), and all inline hints of the file. Also the first analysis (parser load +
 * analysis) and a warm re-analysis, which a hover right after an edit waits for.
 * Run: npx tsx test/unit/editor/bench/hoverBench.ts [FILE]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../../../../src/analysis/analyzeSource';
import { buildLayerHover } from '../../../../src/editor/hoverContent';
import { inlineHints } from '../../../../src/editor/inlineHintText';
import { locateTarget } from '../../../../src/editor/layerLocator';

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'test/fixtures/pytorch/big3000.py';
  const source = readFileSync(file, 'utf8');
  const lines = source.split('\n');
  const getLine = (line: number): string => lines[line] ?? '';

  let started = performance.now();
  const analysis = await analyzeSource(source, 'python');
  const first = performance.now() - started;
  started = performance.now();
  await analyzeSource(`${source}\n# edited\n`, 'python');
  const warm = performance.now() - started;

  const records = analysis.models.flatMap((model) => model.layers);
  const hoverTimes: number[] = [];
  // Hover on each constructor call and on each `self.NAME` of forward(): three rounds.
  for (let round = 0; round < 3; round += 1) {
    for (const record of records) {
      const position = { line: record.range.start.line, column: record.range.start.column + 4 };
      const t0 = performance.now();
      const target = locateTarget(analysis, getLine, position);
      if (target?.type === 'layer') buildLayerHover(target.records, target.model, { macsUnit: 'both', language: 'python' });
      hoverTimes.push(performance.now() - t0);
    }
    lines.forEach((text, line) => {
      const column = text.indexOf('self.');
      if (column < 0 || !/\(x\)|\(out\)/.test(text)) return;
      const t0 = performance.now();
      const target = locateTarget(analysis, getLine, { line, column: column + 6 });
      if (target?.type === 'layer') buildLayerHover(target.records, target.model, { macsUnit: 'both', language: 'python' });
      hoverTimes.push(performance.now() - t0);
    });
  }
  started = performance.now();
  const hints = inlineHints(analysis);
  const hintsTime = performance.now() - started;

  console.log(`file: ${file} (${lines.length} lines, ${analysis.models.length} models, ${records.length} layer records)`);
  console.log(`first analysis (parser load + analysis): ${first.toFixed(1)} ms`);
  console.log(`re-analysis after an edit: ${warm.toFixed(1)} ms`);
  console.log(
    `hover (lookup + Markdown, analysis cached): p50 ${percentile(hoverTimes, 0.5).toFixed(3)} ms, p95 ${percentile(hoverTimes, 0.95).toFixed(3)} ms over ${hoverTimes.length} hovers`,
  );
  console.log(`inline hints for the whole file: ${hints.length} hints in ${hintsTime.toFixed(2)} ms`);
}

void main();
