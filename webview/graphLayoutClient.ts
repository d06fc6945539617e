/**
 * Runs the graph view's layout jobs in a worker started from a blob of the worker bundle's
 * text (a webview cannot load a worker script by URL). Only the newest job's result is
 * delivered. dagre lives only in the worker's text, so the webview bundle carries it once.
 */
import type { GraphLayoutRequest, GraphLayoutResult } from './graphLayoutJob';
import { graphLayoutWorkerSource } from 'graph-layout-worker-source';

let worker: Worker | undefined;
let latestJob = 0;
const waiting = new Map<number, { resolve: (result: GraphLayoutResult | undefined) => void; reject: (error: Error) => void }>();

function startWorker(): Worker {
  if (worker) return worker;
  const url = URL.createObjectURL(new Blob([graphLayoutWorkerSource], { type: 'text/javascript' }));
  const started = new Worker(url);
  started.onmessage = (event: MessageEvent<GraphLayoutResult>) => {
    const job = event.data.job;
    waiting.get(job)?.resolve(job === latestJob ? event.data : undefined);
    waiting.delete(job);
  };
  started.onerror = (event) => {
    // The worker is gone: every waiting job fails with its reason; the next job starts a new one.
    for (const entry of waiting.values()) entry.reject(new Error(event.message || 'the layout worker failed'));
    waiting.clear();
    worker = undefined;
  };
  worker = started;
  return started;
}

/** Lays the graph out in the worker; resolves with undefined when a newer job replaced this one. */
export function requestLayout(request: Omit<GraphLayoutRequest, 'job'>): Promise<GraphLayoutResult | undefined> {
  const job = ++latestJob;
  return new Promise((resolve, reject) => {
    waiting.set(job, { resolve, reject });
    try {
      startWorker().postMessage({ ...request, job });
    } catch (error) {
      waiting.delete(job);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
