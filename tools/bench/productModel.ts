/**
 * A bench model the way the product runs it: the model's source file analysed (torchvision
 * imports read from the system's dist-packages, as the CLI does), its dataflow graph, the
 * seeded weight file matched by the feature-map worker's matcher, and the worker's own
 * `FeatureMapComputer` running the graph with the WebAssembly kernels. Shared by
 * `bench:model` (its parent process) and `bench:edit`; the fixtures are `benchFixtures.ts`'.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../src/analysis/analyzeSource';
import { cliImportContext } from '../../src/cli/pythonImports';
import { createWasmKernels } from '../../src/engine/kernels/wasmKernels';
import type { ModelGraph } from '../../src/engine/graph/modelGraph';
import { FeatureMapComputer, jobLayers } from '../../src/featureMaps/featureMapCompute';
import { modelDir, root, wasmKernelBytes } from './benchFixtures';
import { pickModel, runnableGraph, runnableLayers } from '../../src/featureMaps/modelLayers';
import type { FeatureMapJob, FeatureMapOutcome } from '../../src/featureMaps/workerProtocol';

/** The analysed source of each bench model (what a user would open). */
export const sourceDir = join(root, 'test', 'fixtures', 'pytorch', 'bench_models');

/** Analyses `source` (the text of the bench model's file) as the editor would, and picks its model. */
export async function analyseGraph(name: string, source: string, input: readonly number[]): Promise<{ graph: ModelGraph; job: Omit<FeatureMapJob, 'tensor'> }> {
  const file = join(sourceDir, `${name}.py`);
  const analysis = await analyzeSource(source, 'python', {
    defaultInputShape: [...input],
    imports: cliImportContext(file, []),
    documentKey: file,
    reuseStatements: true,
    // The machine may be loaded: a partial analysis (past the editor's time budget) is no model to time.
    timeBudgetMs: 60_000,
  });
  const model = pickModel(analysis);
  const graph = runnableGraph(model);
  if (!graph) throw new Error(`${name}: the analysis built no runnable graph`);
  return { graph, job: { layers: jobLayers(runnableLayers(model)), graph, weightFile: weightFileOf(name), budgetMb: 4096 } };
}

const weightFiles = new Map<string, NonNullable<FeatureMapJob['weightFile']>>();

/** The model's weight file, read once (the panel's host keeps it too, keyed by path, size and time). */
function weightFileOf(name: string): NonNullable<FeatureMapJob['weightFile']> {
  const path = join(modelDir, `${name}.safetensors`);
  let file = weightFiles.get(path);
  if (!file) {
    const stat = statSync(path);
    file = { bytes: new Uint8Array(readFileSync(path)), name: `${name}.safetensors`, key: `${path}|${stat.size}|${stat.mtimeMs}` };
    weightFiles.set(path, file);
  }
  return file;
}

/** The source file's text. */
export function modelSource(name: string): string {
  return readFileSync(join(sourceDir, `${name}.py`), 'utf8');
}

/** A worker-side computer with the WebAssembly kernels (it keeps the previous run for reuse). */
export function productComputer(): FeatureMapComputer {
  return new FeatureMapComputer(createWasmKernels(wasmKernelBytes()));
}

/** The graph's last node's map: the model's output. */
export function finalOutput(graph: ModelGraph, outcome: FeatureMapOutcome): Float32Array {
  const last = graph.nodes.at(-1)?.id;
  const found = outcome.outputs.find((entry) => entry.key === last);
  if (!found) throw new Error(`the run gave no output for ${last}: ${outcome.failure?.path}: ${outcome.failure?.message}`);
  return found.tensor.data;
}
