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
/** Nodes above which the layout ranks by longest path. */
export const LONGEST_PATH_ABOVE = 300;

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
 * Room above the first node of each group box (in graph order) for the titles of the boxes
 * that open there: without it, a title would sit on the node above.
 */
function headerBands(graph: VisibleGraph): Map<string, number> {
  const opened = new Set<string>();
  const bands = new Map<string, number>();
  const parentOf = new Map(graph.boxes.map((box) => [box.path, box.parent]));
  for (const node of graph.nodes) {
    let count = 0;
    for (let path = node.parent; path !== undefined; path = parentOf.get(path)) {
      if (opened.has(path)) continue;
      opened.add(path);
      count++;
    }
    if (count > 0) bands.set(node.id, count * (LINE_HEIGHT + BOX_PAD));
  }
  return bands;
}

/** Lays the visible graph out; synchronous (see `docs/graphView.md` for its cost). */
export function layoutGraph(graph: VisibleGraph): GraphLayout {
  // Flat, not compound: dagre's compound layout took twice as long on ResNet-50; the group
  // boxes are drawn around their members afterwards. Network simplex ranks small graphs
  // tidily; longest path is several times faster on big ones (docs/graphView.md).
  const g = new graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: false });
  const ranker = graph.nodes.length > LONGEST_PATH_ABOVE ? 'longest-path' : 'network-simplex';
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 28, marginx: MARGIN + BOX_PAD * 4, marginy: MARGIN + BOX_PAD * 4, ranker });
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
  layout(g);
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
