/**
 * The graph view's layout worker: groups and lays out a graph off the webview's main thread,
 * so a 1,000-node layout (about a second) never freezes zoom, pan or the table. The build
 * bundles this file on its own and hands its text to the webview bundle, which starts it
 * from a blob (the CSP allows `worker-src blob:` and nothing else).
 */
import type { GraphLayoutRequest, GraphLayoutResult } from './graphLayoutJob';
import { runLayoutJob } from './graphLayoutJob';

interface WorkerScope {
  onmessage: ((event: { data: GraphLayoutRequest }) => void) | null;
  postMessage(message: GraphLayoutResult): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => scope.postMessage(runLayoutJob(event.data));
