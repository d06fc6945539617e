/**
 * Runs the detected layers of a model one after another on an input tensor and keeps
 * every layer's output keyed by its path, for feature-map previews and `run --dump`.
 * Async so a worker can receive a cancel message between layers.
 */
import type { BoundArgs } from '../types';
import { checkActivationBudget, defaultActivationBudgetMb } from './memoryBudget';
import { runConvEpilogue } from './conv';
import { planConvFusions } from './convFusion';
import { runLayer, type RunOptions } from './runLayer';
import { addTensors, concatTensors } from './dense';
import { KernelError, elementCount, numberArg, reshape, sameTensor, type LayerWeights, type Tensor } from './tensor';
import { tsKernels } from './tsKernels';

/** The part of a front end's `LayerRecord` the runner needs. */
export interface RunnableLayer {
  readonly path: string;
  readonly kind: string;
  readonly args: BoundArgs;
  /** Expected input shape from the shape analysis, when known: used to follow `x.view(...)`/`flatten` in forward(). */
  readonly input?: readonly number[] | null;
  /** Expected output shape, when known: checked against the memory budget before running. */
  readonly output?: readonly number[] | null;
  /**
   * Graphs: output keys this layer reads (`'input'` = the model input). Absent = the
   * previous layer's output (a chain). Joins are layers of kind `add` (sum of inputs) and
   * `cat` (`args.dim`, default 1).
   */
  readonly inputs?: readonly string[];
  /** False when the analysis saw forward() change the tensor before this layer in a way no record shows. */
  readonly inputFromPrevious?: boolean;
}

export interface SequenceOptions extends RunOptions {
  /** Largest activation allowed, in MB; default `defaultActivationBudgetMb`. */
  readonly budgetMb?: number;
  /** Called after each layer with the number done so far. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
  /** Polled between layers; true stops the run (result has `cancelled: true`). */
  readonly isCancelled?: () => boolean;
  /** Weights for a layer without an entry in `weightsByPath` (e.g. deterministic default init). */
  readonly fallbackWeights?: (layer: RunnableLayer) => LayerWeights;
  /**
   * The previous run (after an edit): outputs of the leading layers whose path, kind,
   * arguments and weights are unchanged, on the same input, are reused instead of recomputed.
   */
  readonly previous?: PreviousRun;
}

/** What `runSequence` needs to know about an earlier run to reuse its results. */
export interface PreviousRun {
  readonly layers: readonly RunnableLayer[];
  readonly input: Tensor;
  readonly weightsByPath: ReadonlyMap<string, LayerWeights>;
  readonly outputs: ReadonlyMap<string, Tensor>;
}

export interface SequenceResult {
  /** Output per layer path, in execution order; a second call of a shared layer is keyed `path#2`. */
  readonly outputs: Map<string, Tensor>;
  readonly cancelled: boolean;
  /** How many leading layers were taken from `options.previous` instead of being run. */
  readonly reused?: number;
  /** The first layer that could not run, if any: later layers were not run. */
  readonly failure?: { readonly path: string; readonly message: string };
}

function sameLayer(a: RunnableLayer, b: RunnableLayer): boolean {
  return (
    a.path === b.path &&
    a.kind === b.kind &&
    JSON.stringify(a.args) === JSON.stringify(b.args) &&
    JSON.stringify(a.input ?? null) === JSON.stringify(b.input ?? null) &&
    JSON.stringify(a.inputs ?? null) === JSON.stringify(b.inputs ?? null)
  );
}

/** How many leading layers can take their output from the previous run. */
function reusableCount(layers: readonly RunnableLayer[], input: Tensor, weightsByPath: ReadonlyMap<string, LayerWeights>, previous?: PreviousRun): number {
  if (!previous || !sameTensor(previous.input, input)) return 0;
  let count = 0;
  while (
    count < layers.length &&
    count < previous.layers.length &&
    sameLayer(layers[count], previous.layers[count]) &&
    weightsByPath.get(layers[count].path) === previous.weightsByPath.get(layers[count].path)
  ) {
    count++;
  }
  return count;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Time between yields to the event loop: often enough for a cancel message, rarely enough that timers (1 ms each in node) do not add up over a model's many small layers. */
const yieldEveryMs = 15;

function outputKey(path: string, seen: Map<string, number>): string {
  const count = (seen.get(path) ?? 0) + 1;
  seen.set(path, count);
  return count === 1 ? path : `${path}#${count}`;
}

/** Runs `layers` as a chain from `input`; outputs of layers that ran are kept even after a failure. */
export async function runSequence(
  layers: readonly RunnableLayer[],
  input: Tensor,
  weightsByPath: ReadonlyMap<string, LayerWeights>,
  options: SequenceOptions = {},
): Promise<SequenceResult> {
  const outputs = new Map<string, Tensor>();
  const seen = new Map<string, number>();
  const budget = options.budgetMb ?? defaultActivationBudgetMb;
  let current = input;
  try {
    checkActivationBudget(input.shape, budget, 'input');
  } catch (error) {
    return { outputs, cancelled: false, failure: { path: 'input', message: (error as Error).message } };
  }
  const reused = reusableCount(layers, input, weightsByPath, options.previous);
  const keys = layers.map((layer) => outputKey(layer.path, seen));
  const weightsOf = (index: number): LayerWeights => weightsByPath.get(layers[index].path) ?? options.fallbackWeights?.(layers[index]) ?? {};
  const fusions = planConvFusions(layers, keys, weightsOf);
  // Maps a conv's epilogue already computed for the layers after it.
  const precomputed = new Map<number, Tensor>();
  let lastYield = Date.now();
  for (let index = 0; index < layers.length; index++) {
    const layer = layers[index];
    if (options.isCancelled?.()) return { outputs, cancelled: true, reused };
    const key = keys[index];
    const earlier = index < reused ? options.previous?.outputs.get(key) : undefined;
    if (earlier) {
      outputs.set(key, earlier);
      current = earlier;
      options.onProgress?.(index + 1, layers.length, layer.path);
      continue;
    }
    try {
      if (layer.inputFromPrevious === false && !layer.inputs) {
        throw new KernelError(
          'forward() changes the tensor before this layer with code that has no layer record (a functional call such as torch.relu or F.max_pool2d, arithmetic, or a branch); the preview stops here rather than show values PyTorch would not compute',
        );
      }
      if (layer.output) checkActivationBudget(layer.output, budget, layer.path);
      const sources = layer.inputs?.map((name) => {
        const tensor = name === 'input' ? input : outputs.get(name);
        if (!tensor) throw new KernelError(`input '${name}' of ${layer.path} has not been computed`);
        return tensor;
      });
      const isJoin = layer.kind === 'add' || layer.kind === 'cat';
      if (sources && !isJoin) current = sources[0];
      // forward() may reshape between layers (x.view / torch.flatten): follow the analysed input
      // shape, per batch item, since a preview runs batch 1 whatever batch the analysis assumed.
      if (!isJoin && layer.input && layer.input.length > 0) {
        const batch = current.shape[0] ?? 1;
        const itemShape = layer.input.slice(1);
        if (
          elementCount(itemShape) * batch === current.data.length &&
          (current.shape.length !== layer.input.length || itemShape.some((size, i) => size !== current.shape[i + 1]))
        ) {
          current = reshape(current, [batch, ...itemShape]);
        } else if (elementCount(itemShape) * batch !== current.data.length) {
          throw new KernelError(
            `the analysis expects input [${itemShape.join(', ')}] per item here, the previous layer gives [${current.shape.slice(1).join(', ')}]: forward() applies an operation between them that has no layer record (a functional call such as F.max_pool2d, or a branch: records need 'inputs')`,
          );
        }
      }
      const weights = weightsOf(index);
      const fusion = fusions.get(index);
      let output: Tensor;
      if (precomputed.has(index)) {
        output = precomputed.get(index) as Tensor;
      } else if (fusion && current.shape.length === 4 && current.shape[0] === 1) {
        const maps = runConvEpilogue(layer.args, current, weights, options.kernels ?? tsKernels, fusion.affine, fusion.activation);
        maps.slice(1).forEach((map, offset) => precomputed.set(index + 1 + offset, map));
        output = maps[0];
      } else if (layer.kind === 'add') {
        output = addTensors(sources ?? [current]);
      } else if (layer.kind === 'cat') {
        output = concatTensors(sources ?? [current], numberArg(layer.args, 'dim', 1));
      } else {
        output = runLayer(layer.kind, layer.args, current, weights, options);
      }
      precomputed.delete(index);
      checkActivationBudget(output.shape, budget, layer.path);
      outputs.set(key, output);
      current = output;
    } catch (error) {
      const message = error instanceof KernelError || error instanceof Error ? error.message : String(error);
      return { outputs, cancelled: false, reused, failure: { path: layer.path, message } };
    }
    options.onProgress?.(index + 1, layers.length, layer.path);
    if (Date.now() - lastYield >= yieldEveryMs) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  return { outputs, cancelled: false, reused };
}
