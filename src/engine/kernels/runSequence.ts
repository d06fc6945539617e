/**
 * Runs the detected layers of a model one after another on an input tensor and keeps
 * every layer's output keyed by its path, for feature-map previews and `run --dump`.
 * Async so a worker can receive a cancel message between layers.
 */
import type { BoundArgs } from '../types';
import { checkActivationBudget, defaultActivationBudgetMb } from './memoryBudget';
import { runLayer, type RunOptions } from './runLayer';
import { KernelError, elementCount, reshape, type LayerWeights, type Tensor } from './tensor';

/** The part of a front end's `LayerRecord` the runner needs. */
export interface RunnableLayer {
  readonly path: string;
  readonly kind: string;
  readonly args: BoundArgs;
  /** Expected input shape from the shape analysis, when known: used to follow `x.view(...)`/`flatten` in forward(). */
  readonly input?: readonly number[] | null;
  /** Expected output shape, when known: checked against the memory budget before running. */
  readonly output?: readonly number[] | null;
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
}

export interface SequenceResult {
  /** Output per layer path, in execution order; a second call of a shared layer is keyed `path#2`. */
  readonly outputs: Map<string, Tensor>;
  readonly cancelled: boolean;
  /** The first layer that could not run, if any: later layers were not run. */
  readonly failure?: { readonly path: string; readonly message: string };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

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
  for (let index = 0; index < layers.length; index++) {
    const layer = layers[index];
    if (options.isCancelled?.()) return { outputs, cancelled: true };
    try {
      if (layer.output) checkActivationBudget(layer.output, budget, layer.path);
      // forward() may reshape between layers (x.view / torch.flatten): follow the analysed input shape.
      if (layer.input && elementCount(layer.input) === current.data.length
        && layer.input.some((size, i) => size !== current.shape[i])) {
        current = reshape(current, layer.input);
      }
      const weights = weightsByPath.get(layer.path) ?? options.fallbackWeights?.(layer) ?? {};
      const output = runLayer(layer.kind, layer.args, current, weights, options);
      checkActivationBudget(output.shape, budget, layer.path);
      outputs.set(outputKey(layer.path, seen), output);
      current = output;
    } catch (error) {
      const message = error instanceof KernelError || error instanceof Error ? error.message : String(error);
      return { outputs, cancelled: false, failure: { path: layer.path, message } };
    }
    options.onProgress?.(index + 1, layers.length, layer.path);
    await yieldToEventLoop();
  }
  return { outputs, cancelled: false };
}
