/**
 * Pure helpers shared by the CLI (`preview`, `run`) and the feature-map worker: pick a
 * model out of a file's analysis, derive its image input, and put what happened
 * (weights matched or missing, where a run stopped) into words. No `vscode` here.
 */
import type { FeatureMapResult } from '../engine/kernels/computeFeatureMaps';
import { canRunKerasLayer } from '../engine/kernels/runKerasLayer';
import { checkActivationBudget } from '../engine/kernels/memoryBudget';
import { canRunLayer } from '../engine/kernels/runLayer';
import type { RunnableLayer } from '../engine/kernels/runSequence';
import type { InputSpec } from '../engine/image/prepareInput';
import type { FileAnalysis, LayerRecord, ModelReport } from '../engine/report';
import type { ModelGraph } from '../engine/graph/modelGraph';
import type { GraphFeatureMaps } from '../engine/kernels/graphFeatureMaps';
import { describeMismatch, type WeightMatchLayer } from '../engine/weights/matchWeights';
import { graphWeightLayers } from '../engine/weights/kerasWeights';

/** Thrown when the file offers nothing to run: no model, an unknown name, no input shape. */
export class FeatureMapInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureMapInputError';
  }
}

/** The model called `name`, or the first one with layers; lists the choices when the name is wrong. */
export function pickModel(analysis: FileAnalysis, name?: string): ModelReport {
  const candidates = analysis.models.filter((model) => model.layers.length > 0);
  if (candidates.length === 0) throw new FeatureMapInputError('no model with layers was found in the file');
  if (name === undefined) return candidates[0];
  const found = candidates.find((model) => model.name === name);
  if (!found) {
    throw new FeatureMapInputError(`no model named '${name}' (models in the file: ${candidates.map((model) => model.name).join(', ')})`);
  }
  return found;
}

/**
 * The layer records as the runner wants them. Keras / TF.js models are refused up front:
 * the runner executes PyTorch (NCHW) layer kinds only, and a run that stops at its first
 * layer would say less than this.
 */
export function runnableLayers(model: ModelReport): RunnableLayer[] {
  // Keras class names (Conv2D, Dense) never collide with PyTorch ones (Conv2d, Linear).
  const keras = model.layers.find((layer) => !canRunLayer(layer.kind) && (canRunKerasLayer(layer.kind) || layer.kind === 'Dense'));
  if (keras) {
    throw new FeatureMapInputError(`'${model.name}' is a Keras / TensorFlow.js model (${keras.kind}): feature-map previews run PyTorch models only in this version`);
  }
  return model.layers.map(runnableLayer);
}

function runnableLayer(layer: LayerRecord): RunnableLayer {
  return { path: layer.path, kind: layer.kind, args: layer.args, input: layer.input, output: layer.output, inputFromPrevious: layer.inputFromPrevious };
}

/** The dataflow graph feature maps run for a PyTorch model, when its front end built one. */
export function runnableGraph(model: ModelReport): ModelGraph | undefined {
  return model.graph?.layout === 'channels-first' && model.graph.nodes.length > 0 ? model.graph : undefined;
}

/** What a run of one model takes. */
export interface ModelRunPlan {
  /** The layer records (memory budget; the sequence runner when there is no graph). */
  readonly layers: RunnableLayer[];
  /** The dataflow graph to run, when the model has one that can run. */
  readonly graph?: ModelGraph;
  /** A channels-last graph's layers as the weight matcher takes them (Keras names and default init). */
  readonly weightLayers?: WeightMatchLayer[];
}

/**
 * How to run `model`: a Keras / TF.js model through its channels-last graph (refused
 * without one), a PyTorch model through its graph or, without one, its layers in sequence.
 * `reports`: every model of the file (a Keras model used as a layer inside another).
 */
export function planModelRun(model: ModelReport, reports: readonly ModelReport[]): ModelRunPlan {
  const graph = model.graph;
  if (graph?.layout === 'channels-last' && graph.nodes.length > 0) {
    return { layers: model.layers.map(runnableLayer), graph, weightLayers: graphWeightLayers(graph, model, reports) };
  }
  refuseKerasModelWithoutGraph(model);
  const torchGraph = runnableGraph(model);
  return { layers: runnableLayers(model), ...(torchGraph ? { graph: torchGraph } : {}) };
}

/**
 * For a runner of dataflow graphs (`runGraph`): refuses a Keras / TF.js model only when it
 * has no channels-last graph (its layers then cannot run). `runnableLayers` above feeds the
 * record runner, which runs PyTorch (NCHW) layers only, and keeps refusing every Keras model.
 */
export function refuseKerasModelWithoutGraph(model: ModelReport): void {
  if (model.graph?.layout === 'channels-last') return;
  const keras = model.layers.find((layer) => !canRunLayer(layer.kind) && (canRunKerasLayer(layer.kind) || layer.kind === 'Dense'));
  if (keras) throw new FeatureMapInputError(`'${model.name}' is a Keras / TensorFlow.js model (${keras.kind}) whose dataflow graph is not known: its feature maps cannot run`);
}

/** The image input of a model: `[N, C, H, W]` (`[N, H, W, C]` for a channels-last graph); anything else cannot take a picture. */
export function imageInputSpec(model: ModelReport): InputSpec {
  const shape = model.input;
  if (!shape) {
    throw new FeatureMapInputError(
      `the input shape of '${model.name}' is unknown: call the model on torch.randn(...) in the file, add a shape directive, or pass --input 1,3,224,224`,
    );
  }
  if (shape.length !== 4) {
    throw new FeatureMapInputError(`'${model.name}' takes input [${shape.join(', ')}]: an image preview needs [N, C, H, W]; use 'run --input-tensor' instead`);
  }
  if (model.graph?.layout === 'channels-last') {
    // A Keras model built channels_first takes [N, C, H, W]; its layers have no kernel here, and an NHWC picture would be wrong.
    const channelsFirstLayer = model.graph.nodes.find((node) => node.args.data_format === 'channels_first');
    if (channelsFirstLayer) {
      throw new FeatureMapInputError(
        `'${model.name}' uses data_format='channels_first' (${channelsFirstLayer.id}): feature-map previews run channels-last Keras / TF.js models; use 'run --input-tensor' to run it`,
      );
    }
    const [, height, width, channels] = shape;
    return { channels, height, width, layout: 'NHWC' };
  }
  const [, channels, height, width] = shape;
  return { channels, height, width, layout: 'NCHW' };
}

/** Notes for people: how weights matched, and where (and why) the run stopped. `layout`: the graph's (Keras / TF.js models are channels-last). */
export function describeRun(result: FeatureMapResult, layerCount: number, layout?: ModelGraph['layout']): string[] {
  const notes: string[] = [];
  const weights = result.weights;
  if (weights) {
    notes.push(`weights: ${weights.matched.length} tensor(s) matched, ${weights.missing.length} missing (default init used), ${weights.unused.length} unused in the file`);
    for (const key of weights.missing.slice(0, 10)) notes.push(`  missing: ${key}`);
    for (const key of weights.unused.slice(0, 10)) notes.push(`  unexpected: ${key}`);
    for (const mismatch of weights.mismatched) notes.push(`  shape mismatch (default init used): ${describeMismatch(mismatch)}`);
  } else {
    const distributions = layout === 'channels-last' ? "Keras's initializers" : "PyTorch's distributions";
    notes.push(`weights: deterministic default init (${distributions}, seed 0); pass a weight file for real ones`);
  }
  if (result.reused) notes.push(`${result.reused} leading layer(s) reused from the previous run`);
  const graphRun = 'stoppedAt' in result ? (result as GraphFeatureMaps) : undefined;
  if (graphRun && graphRun.stopped.size > 0) {
    // A graph run: each branch names where it stopped; everything upstream and every other branch ran.
    notes.push(`${result.outputs.size} of ${layerCount} nodes computed, ${graphRun.stopped.size} not: each branch below stops where it says`);
    for (const [id, reason] of graphRun.stoppedAt) notes.push(`stopped at ${id}: ${reason}`);
  } else if (result.failure) {
    notes.push(`stopped at ${result.failure.path} (${result.outputs.size} of ${layerCount} layers computed): ${result.failure.message}`);
  }
  if (result.cancelled) notes.push(`cancelled after ${result.outputs.size} of ${layerCount} layers`);
  return notes;
}

/**
 * Refuses, before any allocation, an input or a layer output (as analysed) over the
 * budget, with the size in the message (a huge input must not take the process down).
 */
export function checkBudget(inputShape: readonly number[], layers: readonly RunnableLayer[], budgetMb: number): void {
  checkActivationBudget(inputShape, budgetMb, 'input');
  for (const layer of layers) if (layer.output) checkActivationBudget(layer.output, budgetMb, layer.path);
}

/** A file-name-safe version of a layer path (`layer1.0.conv1#2` -> `layer1.0.conv1_2`). */
export function fileSafePath(path: string): string {
  return path.replace(/[^A-Za-z0-9._-]/g, '_') || 'model';
}
