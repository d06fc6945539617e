/**
 * Which layer calls each symbolic Keras tensor depends on, as links to the tensors it was
 * computed from rather than as a copied set per tensor: a chain of n layers then costs n
 * links, not n²/2 set entries (a 20,000-layer chain took 28 s and gigabytes with sets). The
 * full set is gathered only when asked (a model's records), with an explicit stack.
 */
import type { PyTensor } from '../core/values';

interface AncestryNode {
  /** Layer-call indices this tensor adds. */
  readonly indices: readonly number[];
  /** What the tensor's sources depend on. */
  readonly from: readonly AncestryNode[];
}

export class KerasAncestry {
  private readonly nodes = new WeakMap<PyTensor, AncestryNode>();

  /** `tensor` comes from the layer calls `indices` applied to `sources` (and whatever it depended on before). */
  link(tensor: PyTensor, indices: readonly number[], sources: readonly PyTensor[]): void {
    const from: AncestryNode[] = [];
    const previous = this.nodes.get(tensor);
    if (previous) from.push(previous);
    for (const source of sources) {
      const node = this.nodes.get(source);
      if (node) from.push(node);
    }
    if (indices.length === 0 && from.length === 0) return;
    this.nodes.set(tensor, indices.length === 0 && from.length === 1 ? from[0] : { indices, from });
  }

  /** Whether `tensor` depends on any layer call. */
  has(tensor: PyTensor): boolean {
    return this.nodes.has(tensor);
  }

  /** Every layer-call index `tensor` depends on. */
  of(tensor: PyTensor): Set<number> {
    const indices = new Set<number>();
    const root = this.nodes.get(tensor);
    if (!root) return indices;
    const seen = new Set<AncestryNode>([root]);
    const stack = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      for (const index of node.indices) indices.add(index);
      for (const next of node.from) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    }
    return indices;
  }
}
