/**
 * `conv-inspector run FILE --input-tensor X.safetensors [--weights W] [--model NAME] --dump OUT.safetensors`:
 * runs a model's dataflow graph (else its detected layers) on a given tensor and writes every
 * node's output, keyed by node id (a layer's is its path), so anyone can compare with their own framework. Also the shared
 * plumbing of `preview` (model loading, weight file, kernels, memory budget).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeSource } from '../analysis/analyzeSource';
import { computeFeatureMaps, type FeatureMapResult } from '../engine/kernels/computeFeatureMaps';
import type { HeavyKernels } from '../engine/kernels/heavyKernels';
import { defaultActivationBudgetMb } from '../engine/kernels/memoryBudget';
import type { RunnableLayer } from '../engine/kernels/runSequence';
import type { Tensor } from '../engine/kernels/tensor';
import { createWasmKernels } from '../engine/kernels/wasmKernels';
import type { ModelReport } from '../engine/report';
import { readSafetensors, writeSafetensors } from '../engine/weights/safetensors';
import { checkBudget, describeRun, FeatureMapInputError, pickModel, planModelRun, type ModelRunPlan } from '../featureMaps/modelLayers';
import { graphNodeCount } from '../engine/kernels/graphFeatureMaps';
import { readRegularFile } from './readSourceFile';
import { readModelSource } from './modelSource';
import { cliImportContext } from './pythonImports';

/** Options both feature-map commands accept. */
export interface FeatureRunOptions {
  readonly weights?: string;
  readonly model?: string;
  readonly budgetMb?: number;
  /** `--python-path` folders searched for the file's imports (before PYTHONPATH and the system's packages). */
  readonly pythonPaths?: readonly string[];
  /** Wall time for the file's interpretation (`--time-budget`); the analysis's default otherwise. */
  readonly timeBudgetMs?: number;
}

/** Weight and tensor files above this size are refused before being read. */
const maxBinaryFileBytes = 2 * 1024 * 1024 * 1024 - 1;

/** Reads a binary input file (a regular file within the size limit) with a clear message for anything else. */
export async function readBinaryFile(path: string, what: string): Promise<Uint8Array> {
  const bytes = await readRegularFile(path, { what, maxBytes: maxBinaryFileBytes });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** A model picked from FILE, with how to run it. */
export interface LoadedModel {
  readonly model: ModelReport;
  readonly plan: ModelRunPlan;
}

/** Analyses FILE (with `inputShape` as the default input), following its imports as `analyze` does, picks the model and plans its run. */
export async function loadModel(file: string, options: FeatureRunOptions & { inputShape?: readonly number[] } = {}): Promise<LoadedModel> {
  const input = await readModelSource(file);
  if (!input) throw new FeatureMapInputError(`${file}: not a Python, TypeScript or JavaScript file, nor a Jupyter notebook`);
  const analysis = await analyzeSource(input.source, input.language, {
    defaultInputShape: options.inputShape,
    timeBudgetMs: options.timeBudgetMs,
    imports: cliImportContext(file, options.pythonPaths ?? []),
  });
  const model = pickModel(analysis, options.model);
  return { model, plan: planModelRun(model, analysis.models) };
}

/** The WebAssembly SIMD kernels next to the bundle, or the TypeScript ones (same results) without them. */
export function loadKernels(): HeavyKernels | undefined {
  const wasmPath = join(__dirname, 'kernels.wasm');
  return existsSync(wasmPath) ? createWasmKernels(new Uint8Array(readFileSync(wasmPath))) : undefined;
}

/** Runs the model (its graph, else its layers in sequence) on `input` with the optional weight file; budget failures throw. `total`: the outputs a full run gives. */
export async function runModel(
  { layers, graph, weightLayers }: ModelRunPlan,
  input: Tensor,
  options: FeatureRunOptions,
): Promise<{ result: FeatureMapResult; notes: string[]; layers: RunnableLayer[]; total: number }> {
  const total = graph ? graphNodeCount(graph) : layers.length;
  const budgetMb = options.budgetMb ?? defaultActivationBudgetMb;
  checkBudget(input.shape, layers, budgetMb);
  const weightFile = options.weights ? { bytes: await readBinaryFile(options.weights, 'weight file'), name: basename(options.weights) } : undefined;
  const result = await computeFeatureMaps({ layers, graph, weightLayers, input, weightFile, kernels: loadKernels(), budgetMb });
  if (result.failure && /feature-map budget/.test(result.failure.message)) throw new FeatureMapInputError(result.failure.message);
  return { result, notes: describeRun(result, total, graph?.layout), layers, total };
}

/** The tensor to run: the key `input`, or the file's only tensor. */
async function inputTensorFrom(path: string): Promise<Tensor> {
  const tensors = readSafetensors(await readBinaryFile(path, 'input tensor file'));
  const tensor = tensors.get('input') ?? (tensors.size === 1 ? [...tensors.values()][0] : undefined);
  if (!tensor) throw new FeatureMapInputError(`${path}: expected one tensor, or one named 'input' (found ${[...tensors.keys()].join(', ') || 'none'})`);
  return tensor;
}

/** `run ... --dump OUT`: exit 0 when every layer ran, 1 when the run stopped early (outputs so far are written). */
export async function runDump(files: string[], options: FeatureRunOptions & { inputTensor?: string; dump?: string }): Promise<number> {
  if (files.length !== 1) throw new FeatureMapInputError('run takes exactly one FILE');
  if (!options.inputTensor) throw new FeatureMapInputError('run needs --input-tensor X.safetensors');
  if (!options.dump) throw new FeatureMapInputError('run needs --dump OUT.safetensors');
  const input = await inputTensorFrom(options.inputTensor);
  checkBudget(input.shape, [], options.budgetMb ?? defaultActivationBudgetMb);
  const { model, plan } = await loadModel(files[0], { ...options, inputShape: input.shape });
  const { result, notes, total } = await runModel(plan, input, options);
  writeFileSync(options.dump, writeSafetensors(result.outputs, { model: model.name, source: basename(files[0]) }));
  const what = plan.graph ? 'node' : 'layer';
  process.stdout.write(`wrote ${options.dump}: ${result.outputs.size} of ${total} ${what} outputs of '${model.name}'\n`);
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  return result.failure ? 1 : 0;
}
