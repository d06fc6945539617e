/**
 * The work the feature-map worker does for one job, kept apart from the worker plumbing so
 * it runs (and is tested) in plain node too. It remembers the previous run, the parsed
 * weight file and each layer's weight objects, so that after an edit the unchanged
 * leading layers are reused instead of recomputed.
 */
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../engine/image/decodeImage';
import { prepareInput } from '../engine/image/prepareInput';
import type { HeavyKernels } from '../engine/kernels/heavyKernels';
import { runSequence, type PreviousRun, type RunnableLayer } from '../engine/kernels/runSequence';
import type { LayerWeights, Tensor } from '../engine/kernels/tensor';
import type { ModelGraph } from '../engine/graph/modelGraph';
import { graphFeatureMaps, graphNodeCount, type GraphFeatureMaps } from '../engine/kernels/graphFeatureMaps';
import { runGraph, type PreviousGraphRun } from '../engine/kernels/runGraph';
import { defaultLayerWeights } from '../engine/weights/defaultInit';
import { defaultWeightsOf, matchWeights, type WeightMatchLayer } from '../engine/weights/matchWeights';
import { readWeightFile } from '../engine/weights/weightFile';
import type { WeightTensor } from '../engine/weights/weightTensor';
import { checkBudget, describeRun } from './modelLayers';
import type { FeatureMapJob, FeatureMapOutcome } from './workerProtocol';

export class FeatureMapComputer {
  private previous: PreviousRun | undefined;
  private previousGraph: PreviousGraphRun | undefined;
  private weightFile: { key: string; tensors: Map<string, WeightTensor> } | undefined;
  private readonly layerWeights = new Map<string, LayerWeights>();

  constructor(private readonly kernels?: HeavyKernels) {}

  /** Runs a job; throws for an unreadable weight file or image, or an input over the budget. */
  async run(job: FeatureMapJob, onProgress?: (done: number, total: number, path: string) => void, isCancelled?: () => boolean): Promise<FeatureMapOutcome> {
    const started = performance.now();
    const seed = job.seed ?? 0;
    const inputShape = job.tensor?.shape ?? (job.image ? [1, job.image.spec.channels, job.image.spec.height, job.image.spec.width] : undefined);
    if (!inputShape) throw new Error('a feature-map job needs an image or an input tensor');
    // Before decoding or resizing anything: a huge input is refused, not allocated.
    checkBudget(inputShape, job.layers, job.budgetMb);
    const notes: string[] = [];
    let input: Tensor;
    if (job.tensor) {
      input = job.tensor;
    } else {
      const image = job.image as NonNullable<FeatureMapJob['image']>;
      const prepared = prepareInput(decodeImage(image.bytes, image.name), image.spec);
      notes.push(...prepared.notes.map((note) => `image: ${note}`));
      input = prepared.tensor;
    }
    const { weightsByPath, match } = this.weightsFor(job, seed);
    const graph = job.graph;
    const result = graph
      ? await this.runGraph(graph, input, weightsByPath, { seed, budgetMb: job.budgetMb }, onProgress, isCancelled)
      : await runSequence(job.layers, input, weightsByPath, {
          kernels: this.kernels,
          budgetMb: job.budgetMb,
          onProgress,
          isCancelled,
          previous: this.previous,
        });
    if (!result.cancelled && !graph) this.previous = { layers: job.layers, input, weightsByPath, outputs: result.outputs };
    notes.push(...describeRun(match ? { ...result, weights: match } : result, graph ? graphNodeCount(graph) : job.layers.length, graph?.layout));
    return {
      outputs: [...result.outputs].map(([key, tensor]) => ({ key, tensor })),
      input,
      ...(graph ? { layout: graph.layout } : {}),
      cancelled: result.cancelled,
      reused: result.reused ?? 0,
      failure: result.failure,
      ...('stopped' in result ? { stopped: [...(result as GraphFeatureMaps).stopped].map(([key, message]) => ({ key, message })) } : {}),
      notes,
      milliseconds: performance.now() - started,
    };
  }

  /** Runs the model's graph, reusing the nodes upstream of an edit from the previous graph run. */
  private async runGraph(
    graph: ModelGraph,
    input: Tensor,
    weightsByPath: ReadonlyMap<string, LayerWeights>,
    { seed, budgetMb }: { seed: number; budgetMb: number },
    onProgress?: (done: number, total: number, path: string) => void,
    isCancelled?: () => boolean,
  ): Promise<GraphFeatureMaps> {
    const run = await runGraph(graph, [input], weightsByPath, {
      kernels: this.kernels,
      budgetMb,
      onProgress,
      isCancelled,
      previous: this.previousGraph,
      fallbackWeights: (node, path) => defaultLayerWeights(node.kind, node.args, path, seed),
    });
    if (!run.cancelled) this.previousGraph = { graph, inputs: [input], weightsByPath, result: run };
    return graphFeatureMaps(graph, run);
  }

  /**
   * Weights per layer path. The same object is handed out again for an unchanged layer
   * (same file, path, kind and arguments): `runSequence` reuses outputs by identity.
   */
  private weightsFor(job: FeatureMapJob, seed: number) {
    // A Keras / TF.js graph's layers carry their Keras tensors (names, shapes, default init).
    const layers: readonly WeightMatchLayer[] = job.weightLayers ?? job.layers;
    let match: ReturnType<typeof matchWeights> | undefined;
    if (job.weightFile) {
      if (this.weightFile?.key !== job.weightFile.key) {
        this.weightFile = { key: job.weightFile.key, tensors: readWeightFile(job.weightFile.bytes, job.weightFile.name) };
        this.layerWeights.clear();
      }
      match = matchWeights(layers, this.weightFile.tensors, seed);
    }
    const fileKey = job.weightFile?.key ?? `default-init:${seed}`;
    const weightsByPath = new Map<string, LayerWeights>();
    for (const layer of layers) {
      if (weightsByPath.has(layer.path)) continue;
      const key = `${fileKey}|${layer.path}|${layer.kind}|${JSON.stringify(layer.args)}|${JSON.stringify(layer.paramTensors ?? null)}`;
      let weights = this.layerWeights.get(key);
      if (!weights) {
        // Edits keep adding keys; a bounded cache costs at most one recomputation.
        if (this.layerWeights.size > 4096) this.layerWeights.clear();
        weights = match?.weightsByPath.get(layer.path) ?? defaultWeightsOf(layer, seed);
        this.layerWeights.set(key, weights);
      }
      weightsByPath.set(layer.path, weights);
    }
    return { weightsByPath, match };
  }
}

/** Layers with only the fields the worker needs (LayerRecords carry ranges and issues too). */
export function jobLayers(layers: readonly RunnableLayer[]): RunnableLayer[] {
  return layers.map(({ path, kind, args, input, output, inputs, inputFromPrevious }) => ({ path, kind, args, input, output, inputs, inputFromPrevious }));
}
