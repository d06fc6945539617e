/**
 * Where every box of the graph view goes: a layered (Sugiyama) layout by dagre, top to
 * bottom in execution order, expanded module groups as compound boxes around their nodes.
 * The text of each node is fixed here too (`nodeLines`), since its length sizes the box.
 * No DOM: the benchmark and the unit tests run it in node.
 */
import type { EdgeLabel, GraphLabel, NodeLabel } from '@dagrejs/dagre';
import { graphlib, layout } from '@dagrejs/dagre';
import type { VisibleGraph, VisibleNode } from './graphGroups';
import { formatCompact } from '../src/analysis/format';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedNode extends Box {
  readonly node: VisibleNode;
  readonly lines: readonly string[];
}

export interface GraphLayout {
  /** Every visible node, in the graph's order; `x`, `y` is the top-left corner. */
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly points: readonly { readonly x: number; readonly y: number }[] }[];
  readonly boxes: readonly (Box & { readonly path: string })[];
  readonly width: number;
  readonly height: number;
}

/** Width of one character of the node text (12 px monospace); boxes are sized from it, never measured. */
export const CHAR_WIDTH = 7.2;
export const LINE_HEIGHT = 15;
const PAD = 8;
const MARGIN = 16;
/** Space between a group box and what it holds, per level of nesting. */
const BOX_PAD = 6;

/** The parameters' text: `?` when unknown, never 0 for unknown. */
export const paramsText = (params: number | null): string => `${params === null ? '?' : formatCompact(params)} params`;

/** The node's text, one entry per line: name, kind, then shape and (for layers and groups) parameters. */
export function nodeLines(node: VisibleNode): string[] {
  const hasParams = node.group !== undefined || node.index !== undefined;
  const bottom = node.shape ? (hasParams ? `${node.shape} · ${paramsText(node.params)}` : node.shape) : hasParams ? paramsText(node.params) : '';
  const lines = [node.label, node.kind];
  if (bottom) lines.push(bottom);
  return lines;
}

/** Each expanded group's box: around its members and inner boxes, with room for its title. */
function boxesAround(graph: VisibleGraph, nodes: readonly PlacedNode[]): (Box & { readonly path: string })[] {
  const extent = new Map<string, { left: number; top: number; right: number; bottom: number }>();
  const grow = (path: string, left: number, top: number, right: number, bottom: number): void => {
    const box = extent.get(path);
    extent.set(
      path,
      box ? { left: Math.min(box.left, left), top: Math.min(box.top, top), right: Math.max(box.right, right), bottom: Math.max(box.bottom, bottom) } : { left, top, right, bottom },
    );
  };
  for (const placed of nodes) if (placed.node.parent !== undefined) grow(placed.node.parent, placed.x, placed.y, placed.x + placed.width, placed.y + placed.height);
  // Inner boxes first (deepest paths), so each outer box grows around its inner ones.
  const deepestFirst = [...graph.boxes].sort((a, b) => b.path.split('.').length - a.path.split('.').length);
  const result: (Box & { readonly path: string })[] = [];
  for (const box of deepestFirst) {
    const inner = extent.get(box.path);
    if (!inner) continue;
    const outer = {
      x: inner.left - BOX_PAD,
      y: inner.top - BOX_PAD - LINE_HEIGHT,
      width: inner.right - inner.left + 2 * BOX_PAD,
      height: inner.bottom - inner.top + 2 * BOX_PAD + LINE_HEIGHT,
    };
    result.push({ ...outer, path: box.path });
    if (box.parent !== undefined) grow(box.parent, outer.x, outer.y, outer.x + outer.width, outer.y + outer.height);
  }
  return result.reverse();
}

/**
 * Longest path from the sources, in one pass over a topological order (Kahn's algorithm, no
 * recursion): the model input on top and every node as high as its inputs allow, which
 * reads as the execution order does.
 */
export function rankFromSources(g: graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>): void {
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const v of g.nodes()) {
    const count = g.inEdges(v)?.length ?? 0;
    waiting.set(v, count);
    g.node(v).rank = 0;
    if (count === 0) ready.push(v);
  }
  for (let i = 0; i < ready.length; i++) {
    const v = ready[i];
    const rank = g.node(v).rank ?? 0;
    for (const edge of g.outEdges(v) ?? []) {
      const target = g.node(edge.w);
      target.rank = Math.max(target.rank ?? 0, rank + (g.edge(edge)?.minlen ?? 1));
      const left = (waiting.get(edge.w) ?? 1) - 1;
      waiting.set(edge.w, left);
      if (left === 0) ready.push(edge.w);
    }
  }
}

/**
 * The order of the nodes within each rank: a depth-first visit from the top (as dagre's own
 * initial order, but with an explicit stack), then barycentre sweeps down and up, keeping
 * the best order found by edge crossings between adjacent ranks.
 */
export function orderLayers(g: graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>): void {
  const layers: string[][] = [];
  const visited = new Set<string>();
  const rankOf = (v: string): number => g.node(v).rank ?? 0;
  const starts = g.nodes().sort((a, b) => rankOf(a) - rankOf(b));
  for (const start of starts) {
    const stack = [start];
    while (stack.length > 0) {
      const v = stack.pop() as string;
      if (visited.has(v)) continue;
      visited.add(v);
      (layers[rankOf(v)] ??= []).push(v);
      const next = (g.successors(v) ?? []).filter((w) => !visited.has(w));
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    }
  }
  const apply = (order: readonly (readonly string[])[]): void => order.forEach((layer) => layer?.forEach((v, i) => (g.node(v).order = i)));
  apply(layers);
  let best = layers.map((layer) => [...(layer ?? [])]);
  let bestCrossings = crossings(g, best);
  for (let sweep = 0; sweep < 4 && bestCrossings > 0; sweep++) {
    const down = sweep % 2 === 0;
    const current = best.map((layer) => [...layer]);
    for (let k = down ? 1 : current.length - 2; down ? k < current.length : k >= 0; k += down ? 1 : -1) {
      const fixed = new Map((current[down ? k - 1 : k + 1] ?? []).map((v, i) => [v, i]));
      const barycentre = (v: string): number => {
        const neighbours = (down ? g.predecessors(v) : g.successors(v)) ?? [];
        const positions = neighbours.map((w) => fixed.get(w)).filter((i): i is number => i !== undefined);
        return positions.length > 0 ? positions.reduce((sum, i) => sum + i, 0) / positions.length : (current[k].indexOf(v) ?? 0);
      };
      const keyed = (current[k] ?? []).map((v) => [v, barycentre(v)] as const);
      current[k] = keyed.sort((a, b) => a[1] - b[1]).map(([v]) => v);
    }
    const count = crossings(g, current);
    if (count < bestCrossings) {
      best = current;
      bestCrossings = count;
    }
  }
  apply(best);
}

/** Edge crossings between adjacent ranks of an order (pairs of edges whose ends swap). */
function crossings(g: graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>, order: readonly (readonly string[])[]): number {
  let total = 0;
  for (let k = 0; k + 1 < order.length; k++) {
    const below = new Map((order[k + 1] ?? []).map((v, i) => [v, i]));
    const ends: [number, number][] = [];
    (order[k] ?? []).forEach((v, i) => {
      for (const w of g.successors(v) ?? []) {
        const j = below.get(w);
        if (j !== undefined) ends.push([i, j]);
      }
    });
    // Layers are a few nodes wide: the quadratic count is cheap.
    for (let a = 0; a < ends.length; a++) for (let b = a + 1; b < ends.length; b++) if ((ends[a][0] - ends[b][0]) * (ends[a][1] - ends[b][1]) < 0) total++;
  }
  return total;
}

/**
 * Room above each node that enters a group box (reads from outside it, or reads nothing) for
 * the titles of the boxes it enters: without it, a title would sit on the node above.
 */
function headerBands(graph: VisibleGraph): Map<string, number> {
  const parentOf = new Map(graph.boxes.map((box) => [box.path, box.parent]));
  const boxesOf = (parent: string | undefined): Set<string> => {
    const boxes = new Set<string>();
    for (let path = parent; path !== undefined; path = parentOf.get(path)) boxes.add(path);
    return boxes;
  };
  const within = new Map(graph.nodes.map((node) => [node.id, boxesOf(node.parent)]));
  const inputs = new Map<string, string[]>();
  for (const [from, to] of graph.edges) inputs.set(to, [...(inputs.get(to) ?? []), from]);
  const bands = new Map<string, number>();
  for (const node of graph.nodes) {
    const own = within.get(node.id) ?? new Set<string>();
    const sources = inputs.get(node.id) ?? [];
    let entered = 0;
    for (const path of own) if (sources.length === 0 || sources.some((source) => !within.get(source)?.has(path))) entered++;
    if (entered > 0) bands.set(node.id, entered * (LINE_HEIGHT + BOX_PAD));
  }
  return bands;
}

/** Lays the visible graph out; synchronous (see `docs/graphView.md` for its cost). */
export function layoutGraph(graph: VisibleGraph): GraphLayout {
  // Flat, not compound: dagre's compound layout took several times as long on ResNet-50; the
  // group boxes are drawn around their members afterwards. Ranks and order are ours, without
  // recursion: dagre's initial order recurses once per rank and overflowed the worker's
  // stack on the 1,000-node graph (its cycle removal recurses too: greedy feedback arcs do not).
  const g = new graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: false });
  g.setGraph({
    rankdir: 'TB',
    nodesep: 24,
    ranksep: 28,
    marginx: MARGIN + BOX_PAD * 4,
    marginy: MARGIN + BOX_PAD * 4,
    acyclicer: 'greedy',
    ranker: rankFromSources as unknown as GraphLabel['ranker'],
  });
  g.setDefaultEdgeLabel(() => ({}));
  const header = headerBands(graph);
  const lines = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const text = nodeLines(node);
    lines.set(node.id, text);
    const width = Math.ceil(Math.max(...text.map((line) => line.length)) * CHAR_WIDTH + 2 * PAD);
    g.setNode(node.id, { width: Math.max(72, width), height: text.length * LINE_HEIGHT + PAD + (header.get(node.id) ?? 0) });
  }
  for (const [from, to] of graph.edges) g.setEdge(from, to);
  // Ranks and order are ours (iterative); dagre places, routes and sizes.
  layout(g, { customOrder: (layered) => orderLayers(layered) });
  const corner = (label: { x?: number; y?: number; width: number; height: number }): Box => ({
    x: (label.x ?? 0) - label.width / 2,
    y: (label.y ?? 0) - label.height / 2,
    width: label.width,
    height: label.height,
  });
  // A node's box is drawn below its header band; edges into it end at the box, not the band.
  const nodes = graph.nodes.map((node) => {
    const band = header.get(node.id) ?? 0;
    const placed = corner(g.node(node.id));
    return { ...placed, y: placed.y + band, height: placed.height - band, node, lines: lines.get(node.id) ?? [] };
  });
  const byId = new Map(nodes.map((placed) => [placed.node.id, placed]));
  const boxes = boxesAround(graph, nodes);
  const edges = graph.edges.map(([from, to]) => {
    const points = (g.edge(from, to)?.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y }));
    const target = byId.get(to);
    if (target && points.length > 0 && header.has(to)) points[points.length - 1] = { x: points[points.length - 1].x, y: target.y };
    return { from, to, points };
  });
  const size = g.graph();
  return { nodes, edges, boxes, width: size.width ?? 0, height: size.height ?? 0 };
}
