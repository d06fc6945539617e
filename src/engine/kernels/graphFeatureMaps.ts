/**
 * A graph run (`runGraph.ts`) in the shape feature-map consumers already read: one tensor
 * per node, keyed by node id (a layer node's id is its path, so dumps and previews keep
 * their keys), and the first node that did not run with its reason.
 */
import type { ModelGraph } from '../graph/modelGraph';
import type { GraphRunResult } from './runGraph';
import type { SequenceResult } from './runSequence';
import type { Tensor } from './tensor';

export interface GraphFeatureMaps extends SequenceResult {
  /** Every node that did not run, by id, with its reason; the rest of the graph still ran. */
  readonly stopped: ReadonlyMap<string, string>;
  /** The nodes where a branch stopped (their inputs were computed), with their reasons. */
  readonly stoppedAt: ReadonlyMap<string, string>;
}

/** Each computed node's output by node id (the model inputs left out); a second output of a split is `id/1`. */
export function graphFeatureMaps(graph: ModelGraph, result: GraphRunResult): GraphFeatureMaps {
  const outputs = new Map<string, Tensor>();
  for (const node of graph.nodes) {
    if (node.origin === 'input') continue;
    result.outputs.get(node.id)?.forEach((tensor, index) => outputs.set(index === 0 ? node.id : `${node.id}/${index}`, tensor));
  }
  const stoppedAt = new Map<string, string>();
  for (const node of graph.nodes) {
    const reason = result.stopped.get(node.id);
    if (reason !== undefined && !node.inputs.some((input) => result.stopped.has(input.node))) stoppedAt.set(node.id, reason);
  }
  const [first] = result.stopped;
  return {
    outputs,
    cancelled: result.cancelled,
    reused: result.reused,
    stopped: result.stopped,
    stoppedAt,
    ...(first ? { failure: { path: first[0], message: first[1] } } : {}),
  };
}

/** The nodes a graph run computes outputs for (all but the model inputs). */
export function graphNodeCount(graph: ModelGraph): number {
  return graph.nodes.filter((node) => node.origin !== 'input').length;
}
