/**
 * Prints how much of the Keras corpus matches real Keras 3 (a script, not a test): per file and
 * in total, the layers whose output shape and parameters match and the built models whose total
 * and output match, plus every difference with `--verbose`. The test in
 * test/unit/keras/kerasExamples.test.ts requires all of it; this shows how far off a change is.
 * Run: `npm run score:keras [-- --verbose] [DIR...]` (default: the Keras fixture folders).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzePythonSource } from '../../test/support/analyze';
import type { KerasTruth } from '../../test/support/kerasTruth';
import { compareWithKeras } from '../../test/support/kerasTruth';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dirs = args.filter((a) => !a.startsWith('--'));
const folders = dirs.length > 0 ? dirs : ['test/fixtures/keras/models', 'test/fixtures/keras/examples'];

const percent = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);

async function main(): Promise<void> {
  let layers = 0;
  let layersMatched = 0;
  let models = 0;
  let modelsMatched = 0;
  let falseErrors = 0;
  for (const folder of folders) {
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.py'))
      .sort()) {
      const truth = JSON.parse(readFileSync(join(folder, 'truth', file.replace(/\.py$/, '.json')), 'utf8')) as KerasTruth;
      const analysis = await analyzePythonSource(readFileSync(join(folder, file), 'utf8'));
      const result = compareWithKeras(analysis, truth);
      const errors = truth.error ? [] : analysis.diagnostics.filter((d) => d.severity === 'error');
      layers += result.layers;
      layersMatched += result.layersMatched;
      models += result.models;
      modelsMatched += result.modelsMatched;
      falseErrors += errors.length;
      console.log(
        `${basename(folder)}/${file}: layers ${result.layersMatched}/${result.layers}, models ${result.modelsMatched}/${result.models}${errors.length ? `, ${errors.length} false error(s)` : ''}`,
      );
      if (verbose) for (const line of [...result.mismatches, ...errors.map((e) => `error line ${e.range.start.line + 1}: ${e.message}`)]) console.log(`    ${line}`);
    }
  }
  console.log(
    `total: layers ${layersMatched}/${layers} (${percent(layersMatched, layers)}), models ${modelsMatched}/${models} (${percent(modelsMatched, models)}), false errors ${falseErrors}`,
  );
}

void main();
