/**
 * Messages between the extension host and the feature-map worker (dist/featureMapWorker.js).
 * Tensors travel as float32 arrays (structured clone), never as JSON.
 */
import type { InputSpec } from '../engine/image/prepareInput';
import type { RunnableLayer } from '../engine/kernels/runSequence';
import type { Tensor } from '../engine/kernels/tensor';
import type { ModelGraph } from '../engine/graph/modelGraph';
import type { WeightMatchLayer } from '../engine/weights/matchWeights';

/** Runs `graph` (else `layers` in sequence) on an image prepared to `spec` (or on a ready tensor). */
export interface FeatureMapJob {
  readonly layers: readonly RunnableLayer[];
  /** The model's dataflow graph: outputs keyed by node id, and a node that cannot run stops only its branch. */
  readonly graph?: ModelGraph;
  /** A channels-last graph's layers as the weight matcher takes them (Keras tensor names, Keras default init). */
  readonly weightLayers?: readonly WeightMatchLayer[];
  /** A PNG/JPEG file's bytes and the input it must become; or `tensor` directly. */
  readonly image?: { readonly bytes: Uint8Array; readonly name: string; readonly spec: InputSpec };
  readonly tensor?: Tensor;
  /** A weight file; `key` (path + size + mtime) lets the worker keep the parsed file between runs. */
  readonly weightFile?: { readonly bytes: Uint8Array; readonly name: string; readonly key: string };
  readonly budgetMb: number;
  readonly seed?: number;
}

/** Host -> worker. */
export type ToFeatureMapWorker =
  | { readonly type: 'run'; readonly id: number; readonly job: FeatureMapJob }
  /** Stops the run `id` between two layers (the host terminates the worker if that takes too long). */
  | { readonly type: 'cancel'; readonly id: number };

/** What a finished run gives back. */
export interface FeatureMapOutcome {
  /** Every computed output, in execution order (`path#2` for a second call; a graph run's node ids too). */
  readonly outputs: readonly { readonly key: string; readonly tensor: Tensor }[];
  readonly input?: Tensor;
  /** `channels-last`: the outputs and the input are NHWC (Keras, TF.js); pictures read them through `pictureTensor`. */
  readonly layout?: 'channels-first' | 'channels-last';
  readonly cancelled: boolean;
  readonly reused: number;
  /** The first layer that could not run (a branch, an over-budget activation, ...). */
  readonly failure?: { readonly path: string; readonly message: string };
  /** A graph run: every node that did not run, with its reason (the rest of the graph ran). */
  readonly stopped?: readonly { readonly key: string; readonly message: string }[];
  /** What was done, in words: image adaptation, weight matching, where the run stopped. */
  readonly notes: readonly string[];
  readonly milliseconds: number;
}

/** Worker -> host. */
export type FromFeatureMapWorker =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly path: string }
  | { readonly type: 'result'; readonly id: number; readonly outcome: FeatureMapOutcome }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
