/**
 * One layout job of the graph view, run in the layout worker: module groups, what the
 * collapsed set leaves visible, the layout. Plain data in and out (structured clone).
 */
import type { GraphNodeView } from '../src/protocol';
import type { GraphLayout } from './graphLayout';
import { moduleOf, visibleGraph } from './graphGroups';
import { layoutGraph } from './graphLayout';

export interface GraphLayoutRequest {
  readonly job: number;
  readonly nodes: readonly GraphNodeView[];
  readonly collapsed: readonly string[];
}

export interface GraphLayoutResult {
  readonly job: number;
  readonly layout: GraphLayout;
  /** Graph node id -> visible id (itself or its collapsed group), as pairs (structured clone keeps Maps, but pairs are cheaper). */
  readonly idOf: readonly (readonly [string, string])[];
  /** Time the job took where it ran. */
  readonly ms: number;
}

export function runLayoutJob(request: GraphLayoutRequest): GraphLayoutResult {
  const started = performance.now();
  const visible = visibleGraph(request.nodes, new Set(request.collapsed), moduleOf(request.nodes));
  const layout = layoutGraph(visible);
  return { job: request.job, layout, idOf: [...visible.idOf], ms: performance.now() - started };
}
