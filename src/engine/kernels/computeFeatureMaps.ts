/**
 * The one call the CLI (`preview`, `run --dump`) and the panel's worker make: weights
 * (a file, or deterministic default init for whatever it lacks) + the model's layers +
 * an input tensor -> every layer's output, and PNG grids of them for `preview`.
 */
import { encodeRgbaPng, renderChannelGrid, type GridOptions } from '../image/featureGrid';
import { defaultLayerWeights } from '../weights/defaultInit';
import { matchWeights, type WeightMatch, type WeightMatchLayer } from '../weights/matchWeights';
import { readWeightFile } from '../weights/weightFile';
import type { HeavyKernels } from './heavyKernels';
import { runSequence, type RunnableLayer, type SequenceResult } from './runSequence';
import type { ModelGraph } from '../graph/modelGraph';
import { graphFeatureMaps } from './graphFeatureMaps';
import { runGraph } from './runGraph';
import type { Tensor } from './tensor';

export interface FeatureMapRequest {
  /** The model's leaf layers in execution order (a front end's LayerRecords fit). */
  readonly layers: readonly RunnableLayer[];
  /** The layers the weight file is matched to, when not `layers` (a channels-last graph's, with their Keras tensors and default init). */
  readonly weightLayers?: readonly WeightMatchLayer[];
  /** The model's dataflow graph: when given, every node runs (outputs keyed by node id) and a node that cannot run stops only its branch. */
  readonly graph?: ModelGraph;
  /** Batch-1 input, e.g. from `prepareInput` or a `--input-tensor` file. */
  readonly input: Tensor;
  /** A `.safetensors` / `.pt` / `.pth` file's bytes; absent = deterministic default init. */
  readonly weightFile?: { readonly bytes: Uint8Array; readonly name: string };
  /** Seed of the default init (same seed, same preview). */
  readonly seed?: number;
  /** `createWasmKernels(bytes of dist/kernels.wasm)`; the TypeScript kernels when absent. */
  readonly kernels?: HeavyKernels;
  readonly budgetMb?: number;
  readonly onProgress?: (done: number, total: number, path: string) => void;
  readonly isCancelled?: () => boolean;
}

export interface FeatureMapResult extends SequenceResult {
  /** How the weight file matched the layers (absent without a file). */
  readonly weights?: WeightMatch;
}

/** Runs the graph (else the layers in sequence) on the input; throws `WeightFileError` for an unreadable weight file. */
export async function computeFeatureMaps(request: FeatureMapRequest): Promise<FeatureMapResult> {
  const seed = request.seed ?? 0;
  const match = request.weightFile ? matchWeights(request.weightLayers ?? request.layers, readWeightFile(request.weightFile.bytes, request.weightFile.name), seed) : undefined;
  if (request.graph) {
    // Keras layers take Keras's default init for what the file lacks (or without a file).
    const weights = match?.weightsByPath ?? (request.weightLayers ? matchWeights(request.weightLayers, new Map(), seed).weightsByPath : new Map());
    const run = await runGraph(request.graph, [request.input], weights, {
      kernels: request.kernels,
      budgetMb: request.budgetMb,
      onProgress: request.onProgress,
      isCancelled: request.isCancelled,
      fallbackWeights: (node, path) => defaultLayerWeights(node.kind, node.args, path, seed),
    });
    const result = graphFeatureMaps(request.graph, run);
    return match ? { ...result, weights: match } : result;
  }
  const result = await runSequence(request.layers, request.input, match?.weightsByPath ?? new Map(), {
    kernels: request.kernels,
    budgetMb: request.budgetMb,
    onProgress: request.onProgress,
    isCancelled: request.isCancelled,
    fallbackWeights: (layer) => defaultLayerWeights(layer.kind, layer.args, layer.path, seed),
  });
  return match ? { ...result, weights: match } : result;
}

/** One PNG grid per layer output (file-name-safe key: the path with `#` for repeated calls). */
export function featureMapPngs(outputs: ReadonlyMap<string, Tensor>, options: GridOptions = {}): Map<string, Uint8Array> {
  const pngs = new Map<string, Uint8Array>();
  for (const [path, tensor] of outputs) {
    const grid = renderChannelGrid(tensor, options);
    pngs.set(path, encodeRgbaPng(grid.width, grid.height, grid.rgba));
  }
  return pngs;
}
