/**
 * Keyboard moves in the graph view: Down follows an edge to a node that reads this one, Up
 * to one it reads, Left and Right step to the neighbour in the same layer; each picks the
 * candidate nearest on screen, so the focus goes where the eye expects. Pure (positions
 * from the layout), so the order is unit-tested in node.
 */
import type { GraphLayout, PlacedNode } from './graphLayout';

export type GraphKey = 'ArrowDown' | 'ArrowUp' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export const isGraphKey = (key: string): key is GraphKey => ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key);

const centreX = (node: PlacedNode): number => node.x + node.width / 2;
const centreY = (node: PlacedNode): number => node.y + node.height / 2;

/** Lookups over one layout, built once per layout and reused for every key press. */
export class GraphNavigator {
  private readonly byId = new Map<string, PlacedNode>();
  private readonly next = new Map<string, string[]>();
  private readonly previous = new Map<string, string[]>();

  constructor(private readonly layout: GraphLayout) {
    for (const placed of layout.nodes) this.byId.set(placed.node.id, placed);
    for (const edge of layout.edges) {
      this.next.set(edge.from, [...(this.next.get(edge.from) ?? []), edge.to]);
      this.previous.set(edge.to, [...(this.previous.get(edge.to) ?? []), edge.from]);
    }
  }

  /** The node id the key moves to from `from`, or undefined when there is nowhere to go. */
  move(from: string, key: GraphKey): string | undefined {
    const nodes = this.layout.nodes;
    if (key === 'Home') return nodes[0]?.node.id;
    if (key === 'End') return nodes[nodes.length - 1]?.node.id;
    const current = this.byId.get(from);
    if (!current) return nodes[0]?.node.id;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      const ids = (key === 'ArrowDown' ? this.next : this.previous).get(from) ?? [];
      return this.nearest(
        current,
        ids.map((id) => this.byId.get(id)).filter((node): node is PlacedNode => node !== undefined),
      );
    }
    const sign = key === 'ArrowRight' ? 1 : -1;
    // The same layer: a centre within half a node's height of this one's.
    const row = nodes.filter((node) => node !== current && Math.abs(centreY(node) - centreY(current)) < current.height / 2 && sign * (centreX(node) - centreX(current)) > 0);
    return this.nearest(current, row);
  }

  private nearest(current: PlacedNode, candidates: readonly PlacedNode[]): string | undefined {
    let best: PlacedNode | undefined;
    for (const candidate of candidates) {
      if (!best || Math.abs(centreX(candidate) - centreX(current)) < Math.abs(centreX(best) - centreX(current))) best = candidate;
    }
    return best?.node.id;
  }
}
