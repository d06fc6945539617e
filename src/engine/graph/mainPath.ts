/**
 * The main path of a dataflow graph: the chain of nodes from the input to the model's first
 * output that takes, at every join (a residual add, a U-Net's cat), the input reached by the
 * longest path, so a skip connection's short side is left out. The whole-model strip of
 * feature maps follows it: one tile per layer and per op that changes the shape.
 */
import type { GraphNode, ModelGraph } from './modelGraph';

const sameShape = (a: readonly number[] | null, b: readonly number[] | null): boolean => a !== null && b !== null && a.length === b.length && a.every((value, i) => value === b[i]);

/** The nodes of the longest input-to-first-output chain, input first; empty for a graph without outputs. */
export function longestPathToOutput(graph: ModelGraph): GraphNode[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  // Nodes come in execution order, so every input's depth is known before its consumers'.
  const depth = new Map<string, number>();
  for (const node of graph.nodes) {
    depth.set(node.id, 1 + Math.max(0, ...node.inputs.map((edge) => depth.get(edge.node) ?? 0)));
  }
  const path: GraphNode[] = [];
  const seen = new Set<string>();
  let current = graph.outputs[0] ? byId.get(graph.outputs[0].node) : undefined;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    // The deepest input; the first one on a tie (the layer's main operand).
    let next: GraphNode | undefined;
    for (const edge of current.inputs) {
      const candidate = byId.get(edge.node);
      if (candidate && (!next || (depth.get(candidate.id) ?? 0) > (depth.get(next.id) ?? 0))) next = candidate;
    }
    current = next;
  }
  return path.reverse();
}

/**
 * The main path as the strip shows it: its layer nodes, and its op nodes whose output shape
 * differs from their first input's (a pooling, a cat, a reshape), without the input node.
 */
export function mainPath(graph: ModelGraph): GraphNode[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return longestPathToOutput(graph).filter((node) => {
    if (node.origin === 'input') return false;
    if (node.origin === 'layer') return true;
    const first = node.inputs[0] ? byId.get(node.inputs[0].node) : undefined;
    const inputShape = first ? (first.outputs?.[node.inputs[0].output ?? 0] ?? first.output) : null;
    return !sameShape(node.output, inputShape);
  });
}
