/**
 * Runs a model's dataflow graph (`engine/graph/modelGraph.ts`) on input tensors and keeps
 * every node's output, for feature-map previews and `run --dump`. A node that cannot run
 * (no kernel, an unknown shape, a failed input) stops only what depends on it: independent
 * branches and everything upstream still run. Async so a worker can cancel between nodes.
 */
import type { GraphNode, ModelGraph } from '../graph/modelGraph';
import { isOpKind } from '../graph/opKinds';
import type { Shape } from '../types';
import { checkActivationBudget, defaultActivationBudgetMb } from './memoryBudget';
import { addActivate, canFuseAdd, planAddActivations } from './addFusion';
import { runConvEpilogue } from './conv';
import { planConvFusions } from './convFusion';
import { runOp } from './ops/runOp';
import type { BatchChange } from './ops/viewOps';
import { runKerasLayer } from './runKerasLayer';
import { isKerasMergeLayer, runKerasMergeLayer } from './kerasCoreKernels';
import { runLayer, type RunOptions } from './runLayer';
import type { RunnableLayer } from './runSequence';
import { KernelError, sameTensor, type LayerWeights, type Tensor } from './tensor';
import { tsKernels } from './tsKernels';

export interface GraphRunOptions extends RunOptions {
  /** Largest activation allowed, in MB; default `defaultActivationBudgetMb`. */
  readonly budgetMb?: number;
  /** Called after each node with the number done so far. */
  readonly onProgress?: (done: number, total: number, nodeId: string) => void;
  /** Polled between nodes; true stops the run (result has `cancelled: true`). */
  readonly isCancelled?: () => boolean;
  /** Weights of a layer node without an entry in `weightsByPath` (e.g. deterministic default init). */
  readonly fallbackWeights?: (node: GraphNode, path: string) => LayerWeights;
  /** The run before an edit: nodes whose whole upstream is unchanged take their outputs from it. */
  readonly previous?: PreviousGraphRun;
}

/** What `runGraph` needs to know about an earlier run to reuse its results. */
export interface PreviousGraphRun {
  readonly graph: ModelGraph;
  readonly inputs: readonly Tensor[];
  readonly weightsByPath: ReadonlyMap<string, LayerWeights>;
  readonly result: GraphRunResult;
}

export interface GraphRunResult {
  /** Each node's outputs, by node id, in execution order (input nodes included). */
  readonly outputs: Map<string, Tensor[]>;
  /** Nodes that did not run, by id, with the reason in plain words. */
  readonly stopped: Map<string, string>;
  readonly cancelled: boolean;
  /** How many nodes took their outputs from `options.previous`. */
  readonly reused: number;
}

/** The weight-file path of a layer node: its id without the `#2` of a repeated call. */
export function layerPathOf(node: GraphNode): string {
  return node.id.replace(/#\d+$/, '');
}

/** Keras / TF.js merge layers are the tensor operations of the same name, on their inputs' list. */
const mergeLayerOps: Readonly<Record<string, 'add' | 'sub' | 'mul' | 'maximum' | 'minimum'>> = {
  Add: 'add',
  Subtract: 'sub',
  Multiply: 'mul',
  Maximum: 'maximum',
  Minimum: 'minimum',
};

function runNode(graph: ModelGraph, node: GraphNode, inputs: readonly Tensor[], weights: LayerWeights, options: GraphRunOptions, batch?: BatchChange): Tensor[] {
  const outputs = (node.outputs ?? [node.output]).filter((shape): shape is Shape => shape !== null);
  if (isOpKind(node.kind)) {
    return runOp({ kind: node.kind, args: node.args, outputs, layout: graph.layout, ...(batch ? { batch } : {}) }, inputs);
  }
  const mergeOp = mergeLayerOps[node.kind];
  if (mergeOp && graph.layout === 'channels-last') {
    return [inputs.slice(1).reduce((sum, next) => runOp({ kind: mergeOp, args: {}, outputs, layout: graph.layout }, [sum, next])[0], inputs[0])];
  }
  if (graph.layout === 'channels-last' && isKerasMergeLayer(node.kind)) return [runKerasMergeLayer(node.kind, node.args, inputs)];
  if (inputs.length !== 1) throw new KernelError(`no kernel for ${node.kind} with ${inputs.length} inputs yet`);
  if (graph.layout === 'channels-last') return [runKerasLayer(node.kind, node.args, inputs[0], weights, options.kernels ?? tsKernels)];
  return [runLayer(node.kind, node.args, inputs[0], weights, options)];
}

function sameNode(a: GraphNode, b: GraphNode): boolean {
  return a.id === b.id && a.kind === b.kind && JSON.stringify([a.args, a.inputs, a.output, a.outputs]) === JSON.stringify([b.args, b.inputs, b.output, b.outputs]);
}

/** Ids of the nodes whose result the previous run already has: same node, same weights, every input reused too. */
function reusableNodes(graph: ModelGraph, inputs: readonly Tensor[], weightsByPath: ReadonlyMap<string, LayerWeights>, previous?: PreviousGraphRun): Set<string> {
  const reusable = new Set<string>();
  if (!previous || previous.inputs.length !== inputs.length || !inputs.every((tensor, i) => sameTensor(tensor, previous.inputs[i]))) return reusable;
  const before = new Map(previous.graph.nodes.map((node) => [node.id, node]));
  for (const node of graph.nodes) {
    const old = before.get(node.id);
    if (!old || !sameNode(node, old) || !previous.result.outputs.has(node.id)) continue;
    if (!node.inputs.every((edge) => reusable.has(edge.node))) continue;
    const path = layerPathOf(node);
    if (weightsByPath.get(path) !== previous.weightsByPath.get(path)) continue;
    reusable.add(node.id);
  }
  return reusable;
}

/**
 * Lets queued messages (a cancel) in between two nodes. `setImmediate` where there is one
 * (node, the feature-map worker): it runs the message poll without putting the thread to
 * sleep for a timer's millisecond, so on a busy machine the run does not hand its core, and
 * its caches, to a neighbour at every yield.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
/** A cancel is seen within this long plus the node that is running. */
const yieldEveryMs = 15;

/** The graph's channels-first nodes as the conv-fusion planner reads layers: an edge names the node it reads. */
function fusionView(graph: ModelGraph): RunnableLayer[] {
  return graph.nodes.map((node) => ({
    path: node.id,
    kind: graph.layout === 'channels-first' && node.origin !== 'input' ? node.kind : 'input',
    args: node.args,
    output: node.output,
    inputs: node.inputs.map((edge) => (edge.output ? `${edge.node}:${edge.output}` : edge.node)),
  }));
}

/** Runs every node of `graph` it can; `inputs` are the input nodes' tensors, in order. */
export async function runGraph(
  graph: ModelGraph,
  inputs: readonly Tensor[],
  weightsByPath: ReadonlyMap<string, LayerWeights>,
  options: GraphRunOptions = {},
): Promise<GraphRunResult> {
  const outputs = new Map<string, Tensor[]>();
  const stopped = new Map<string, string>();
  const budget = options.budgetMb ?? defaultActivationBudgetMb;
  const reusable = reusableNodes(graph, inputs, weightsByPath, options.previous);
  const weightsOf = (node: GraphNode): LayerWeights => {
    const path = layerPathOf(node);
    return node.origin === 'input' || isOpKind(node.kind) ? {} : (weightsByPath.get(path) ?? options.fallbackWeights?.(node, path) ?? {});
  };
  // Conv -> BatchNorm (-> ReLU) runs whose maps one conv epilogue writes at once.
  const fusions = planConvFusions(
    fusionView(graph),
    graph.nodes.map((node) => node.id),
    (index) => weightsOf(graph.nodes[index]),
  );
  // Residual add -> ReLU pairs, both maps written by one pass.
  const addActivations = planAddActivations(graph);
  const precomputed = new Map<number, Tensor>();
  let lastYield = Date.now();
  // Where a stopped node's branch first stopped, so every message names the cause.
  const rootOf = new Map<string, string>();
  let inputIndex = 0;
  // Previews run batch 1 whatever batch the analysis assumed; `expand` must know both.
  const analysedBatch = graph.nodes.find((node) => node.origin === 'input')?.output?.[0];
  const runBatch = inputs[0]?.shape[0];
  const batch = analysedBatch !== undefined && runBatch !== undefined && analysedBatch !== runBatch ? { analysed: analysedBatch, run: runBatch } : undefined;
  for (let index = 0; index < graph.nodes.length; index++) {
    const node = graph.nodes[index];
    if (options.isCancelled?.()) return { outputs, stopped, cancelled: true, reused: reusable.size };
    const earlier = reusable.has(node.id) ? options.previous?.result.outputs.get(node.id) : undefined;
    if (earlier) {
      outputs.set(node.id, earlier);
    } else if (node.origin === 'input') {
      const tensor = inputs[inputIndex++];
      if (tensor) outputs.set(node.id, [tensor]);
      else stopped.set(node.id, 'no input tensor was given for it');
    } else {
      const blocked = node.inputs.find((edge) => !outputs.get(edge.node)?.[edge.output ?? 0]);
      if (blocked) {
        const root = rootOf.get(blocked.node) ?? blocked.node;
        rootOf.set(node.id, root);
        stopped.set(node.id, `${root} before it did not run: ${stopped.get(root) ?? 'no output'}`);
      } else if (node.output === null) {
        stopped.set(node.id, node.note ?? `the analysis does not know the output shape of ${node.kind}`);
      } else {
        try {
          for (const shape of node.outputs ?? [node.output]) if (shape) checkActivationBudget(shape, budget, node.id);
          const sources = node.inputs.map((edge) => outputs.get(edge.node)![edge.output ?? 0]);
          const fusion = fusions.get(index);
          const fused = precomputed.get(index);
          const addActivation = addActivations.get(index);
          if (fused) {
            outputs.set(node.id, [fused]);
          } else if (addActivation && canFuseAdd(sources[0], sources[1])) {
            const [sum, activated] = addActivate(sources[0], sources[1], addActivation);
            precomputed.set(index + 1, activated);
            outputs.set(node.id, [sum]);
          } else if (fusion && sources[0].shape.length === 4 && sources[0].shape[0] === 1) {
            const maps = runConvEpilogue(node.args, sources[0], weightsOf(node), options.kernels ?? tsKernels, fusion.affine, fusion.activation);
            maps.slice(1).forEach((map, offset) => precomputed.set(index + 1 + offset, map));
            outputs.set(node.id, [maps[0]]);
          } else {
            outputs.set(node.id, runNode(graph, node, sources, weightsOf(node), options, batch));
          }
          precomputed.delete(index);
        } catch (error) {
          stopped.set(node.id, error instanceof Error ? error.message : String(error));
        }
      }
    }
    options.onProgress?.(index + 1, graph.nodes.length, node.id);
    if (Date.now() - lastYield >= yieldEveryMs) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  return { outputs, stopped, cancelled: false, reused: reusable.size };
}
