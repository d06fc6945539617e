/**
 * Prints how long a file that imports torchvision's `resnet50` takes to analyse, the
 * imported modules read from the installed package (Debian's python3-torchvision in
 * /usr/lib/python3/dist-packages, or the folders given as arguments). A script, not a timed
 * test: timings on shared machines are noisy. Run: `npm run bench:imports [SITE_DIR...]`.
 * - first: the first analysis of the file in a warm process (the worker's warm-up has run,
 *   no imported module has been read yet), median over fresh module caches;
 * - re-analysis: the same file after an edit, its imported modules kept, median of N runs.
 */
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../../src/analysis/analyzeSource';
import { warmUpAnalysis } from '../../src/analysis/warmUp';
import { clearModuleCache } from '../../src/frontends/python/imports/moduleCache';
import { NodeSourceFiles } from '../../src/pythonEnvironment/nodeSourceFiles';
import { median, percentile } from './statistics';

const sitePackages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/usr/lib/python3/dist-packages'];
const filePath = '/bench/resnetUser.py';
const source = `import torch
from torchvision.models import resnet50

model = resnet50()
model(torch.randn(1, 3, 224, 224))
`;
const firstRuns = 7;
const editRuns = 30;

async function main(): Promise<void> {
  await warmUpAnalysis(150);
  const files = new NodeSourceFiles();
  const imports = { filePath, files, pythonSearchPaths: sitePackages };
  const firsts: number[] = [];
  let layers = 0;
  for (let run = 0; run < firstRuns; run += 1) {
    clearModuleCache();
    const started = performance.now();
    const analysis = await analyzeSource(source, 'python', { imports, documentKey: filePath });
    firsts.push(performance.now() - started);
    layers = analysis.models.reduce((sum, model) => sum + model.layers.length, 0);
  }
  const edits: number[] = [];
  for (let run = 0; run < editRuns; run += 1) {
    // A different trailing comment each run stands in for an edit of the analysed file.
    const started = performance.now();
    await analyzeSource(`${source}# edit ${run}\n`, 'python', { imports, documentKey: filePath });
    edits.push(performance.now() - started);
  }
  console.log(`resnet50 through ${sitePackages.join(', ')}: ${layers} layers`);
  console.log(`  first analysis (warm process, no module read yet): median ${median(firsts).toFixed(1)} ms, first run ${firsts[0].toFixed(1)} ms (target < 300 ms)`);
  console.log(`  re-analysis after an edit: median ${median(edits).toFixed(1)} ms, p95 ${percentile(edits, 0.95).toFixed(1)} ms (target < 50 ms)`);
}

void main();
