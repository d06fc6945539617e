/**
 * Module groups of the graph view and what a set of collapsed groups leaves visible. A
 * layer node's module is its path's parent (`layer1.0.conv1` is in `layer1.0`, itself in
 * `layer1`); an op node (`add:3`) names no module, so it joins the module shared by the
 * newest node it reads and the next layer call after it, which is where the forward() that
 * made it runs (a residual add sits in its block, a flatten between two top-level layers at
 * the top). Pure: unit-tested in node.
 */
import type { GraphNodeView } from '../src/protocol';

/** What the view draws for one box: a node of the graph or a collapsed group. */
export interface VisibleNode {
  /** The node id, or `group:<path>` for a collapsed group. */
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly shape: string;
  readonly params: number | null;
  readonly index?: number;
  readonly note?: string;
  /** Set for a collapsed group: its module path and how many nodes it holds. */
  readonly group?: { readonly path: string; readonly size: number };
  /** The expanded group box the node is drawn in. */
  readonly parent?: string;
}

export interface VisibleGraph {
  readonly nodes: readonly VisibleNode[];
  /** `[from, to]` ids of visible nodes, each pair once, no self-loops. */
  readonly edges: readonly (readonly [string, string])[];
  /** Expanded groups drawn as boxes, outer ones first, with their enclosing box. */
  readonly boxes: readonly { readonly path: string; readonly parent?: string }[];
  /** The visible id each graph node is drawn as (itself, or its collapsed group). */
  readonly idOf: ReadonlyMap<string, string>;
}

const GROUP_PREFIX = 'group:';

/** A shared layer's later call (`conv#2`) belongs where its first call does. */
const pathOf = (id: string): string => id.replace(/#\d+$/, '');
const parentPath = (path: string): string => (path.lastIndexOf('.') < 0 ? '' : path.slice(0, path.lastIndexOf('.')));
/** Layer calls are named by their module path; ops (`add:3`) and inputs (`input:1`) by a colon. */
const isLayerPath = (node: GraphNodeView): boolean => node.id !== 'input' && (node.index !== undefined || /^[\w.]+(#\d+)?$/.test(node.id));

function commonPath(a: string, b: string): string {
  const left = a.split('.');
  const right = b.split('.');
  let shared = 0;
  while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared++;
  return left.slice(0, shared).join('.');
}

/** The module path every node runs in ('' for the top level), by node id. */
export function moduleOf(nodes: readonly GraphNodeView[]): Map<string, string> {
  const modules = new Map<string, string>();
  const nextLayer: (string | undefined)[] = [];
  let next: string | undefined;
  for (let i = nodes.length - 1; i >= 0; i--) {
    nextLayer[i] = next;
    if (isLayerPath(nodes[i])) next = parentPath(pathOf(nodes[i].id));
  }
  const order = new Map(nodes.map((node, i) => [node.id, i]));
  nodes.forEach((node, i) => {
    if (node.id === 'input' || node.id.startsWith('input:')) modules.set(node.id, '');
    else if (isLayerPath(node)) modules.set(node.id, parentPath(pathOf(node.id)));
    else {
      const newest = [...node.inputs].sort((a, b) => (order.get(b) ?? -1) - (order.get(a) ?? -1))[0];
      const from = newest !== undefined ? (modules.get(newest) ?? '') : '';
      modules.set(node.id, nextLayer[i] === undefined ? '' : commonPath(from, nextLayer[i]));
    }
  });
  return modules;
}

/** Every module path with at least two nodes in it (directly or deeper), with its node count. */
export function moduleGroups(nodes: readonly GraphNodeView[], modules = moduleOf(nodes)): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    for (let path = modules.get(node.id) ?? ''; path !== ''; path = parentPath(path)) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return new Map([...counts].filter(([, count]) => count >= 2));
}

/** Above this many nodes the view opens with the top-level groups collapsed, so a ResNet-50 reads at a glance. */
export const COLLAPSE_ABOVE_NODES = 60;

/** The groups collapsed when a graph is first shown. */
export function initialCollapsed(nodes: readonly GraphNodeView[], groups = moduleGroups(nodes)): Set<string> {
  if (nodes.length <= COLLAPSE_ABOVE_NODES) return new Set();
  return new Set([...groups.keys()].filter((path) => !path.includes('.')));
}

/** The nodes, edges and boxes left when `collapsed` groups are each drawn as one node. */
export function visibleGraph(nodes: readonly GraphNodeView[], collapsed: ReadonlySet<string>, modules = moduleOf(nodes)): VisibleGraph {
  const groups = moduleGroups(nodes, modules);
  // The outermost collapsed group over a module, or undefined when none is collapsed.
  const closedOver = (path: string): string | undefined => {
    let found: string | undefined;
    for (let at = path; at !== ''; at = parentPath(at)) if (collapsed.has(at) && groups.has(at)) found = at;
    return found;
  };
  // The innermost group box (an expanded group) a visible item is drawn in.
  const boxOf = (path: string): string | undefined => {
    for (let at = path; at !== ''; at = parentPath(at)) if (groups.has(at)) return at;
    return undefined;
  };
  const visibleId = new Map<string, string>();
  const visible: VisibleNode[] = [];
  const groupNodes = new Map<string, { params: number | null; size: number; shape: string }>();
  const boxes = new Set<string>();
  for (const node of nodes) {
    const module = modules.get(node.id) ?? '';
    const closed = closedOver(module);
    if (closed === undefined) {
      visibleId.set(node.id, node.id);
      const parent = boxOf(module);
      for (let at = parent; at !== undefined && at !== ''; at = parentPath(at)) if (groups.has(at)) boxes.add(at);
      visible.push({ ...node, label: node.id, ...(parent !== undefined ? { parent } : {}) });
      continue;
    }
    visibleId.set(node.id, GROUP_PREFIX + closed);
    const summary = groupNodes.get(closed);
    // A shared layer's later call adds no parameters of its own.
    const own = node.id.includes('#') ? 0 : node.params;
    if (!summary) {
      groupNodes.set(closed, { params: own, size: 1, shape: node.shape });
      const parent = boxOf(parentPath(closed));
      for (let at = parent; at !== undefined && at !== ''; at = parentPath(at)) if (groups.has(at)) boxes.add(at);
      visible.push({
        id: GROUP_PREFIX + closed,
        label: `${closed} ▸`,
        kind: '',
        shape: '',
        params: null,
        group: { path: closed, size: 0 },
        ...(parent !== undefined ? { parent } : {}),
      });
    } else {
      summary.params = summary.params === null || own === null ? null : summary.params + own;
      summary.size++;
      summary.shape = node.shape;
    }
  }
  const nodesOut = visible.map((node) => {
    const summary = node.group && groupNodes.get(node.group.path);
    if (!node.group || !summary) return node;
    return { ...node, kind: `${summary.size} nodes`, shape: summary.shape, params: summary.params, group: { path: node.group.path, size: summary.size } };
  });
  const edges = new Map<string, readonly [string, string]>();
  for (const node of nodes) {
    const to = visibleId.get(node.id) as string;
    for (const input of node.inputs) {
      const from = visibleId.get(input);
      if (from !== undefined && from !== to) edges.set(`${from}\u0000${to}`, [from, to]);
    }
  }
  const boxList = [...boxes].sort((a, b) => a.split('.').length - b.split('.').length || a.localeCompare(b));
  const boxesOut = boxList.map((path) => {
    const parent = boxOf(parentPath(path));
    return { path, ...(parent !== undefined ? { parent } : {}) };
  });
  return { nodes: nodesOut, edges: [...edges.values()], boxes: boxesOut, idOf: visibleId };
}

/** The group path of a visible collapsed-group id, or undefined for a graph node. */
export const groupPathOf = (visibleId: string): string | undefined => (visibleId.startsWith(GROUP_PREFIX) ? visibleId.slice(GROUP_PREFIX.length) : undefined);
