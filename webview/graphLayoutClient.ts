/**
 * Runs the graph view's layout jobs in a worker started from a blob of the worker bundle's
 * text (webviews cannot load a worker script by URL). Only the newest job's result is
 * delivered; if the worker cannot start or fails, the job runs on the main thread instead.
 */
import type { GraphLayoutRequest, GraphLayoutResult } from './graphLayoutJob';
import { runLayoutJob } from './graphLayoutJob';
import { graphLayoutWorkerSource } from 'graph-layout-worker-source';

let worker: Worker | undefined;
let workerFailed = false;
let latestJob = 0;
const waiting = new Map<number, (result: GraphLayoutResult | undefined) => void>();

function startWorker(): Worker | undefined {
  if (worker || workerFailed) return worker;
  try {
    const url = URL.createObjectURL(new Blob([graphLayoutWorkerSource], { type: 'text/javascript' }));
    worker = new Worker(url);
    worker.onmessage = (event: MessageEvent<GraphLayoutResult>) => {
      waiting.get(event.data.job)?.(event.data);
      waiting.delete(event.data.job);
    };
    worker.onerror = () => {
      // Every waiting job falls back to the main thread.
      workerFailed = true;
      worker = undefined;
      for (const resolve of waiting.values()) resolve(undefined);
      waiting.clear();
    };
  } catch {
    workerFailed = true;
  }
  return worker;
}

/** Lays the graph out; resolves with undefined when a newer job replaced this one. `where` says where it ran. */
export async function requestLayout(request: Omit<GraphLayoutRequest, 'job'>): Promise<(GraphLayoutResult & { where: 'worker' | 'main thread' }) | undefined> {
  const job = ++latestJob;
  const running = startWorker();
  if (running) {
    const result = await new Promise<GraphLayoutResult | undefined>((resolve) => {
      waiting.set(job, resolve);
      running.postMessage({ ...request, job });
    });
    if (result) return job === latestJob ? { ...result, where: 'worker' } : undefined;
  }
  if (job !== latestJob) return undefined;
  return { ...runLayoutJob({ ...request, job }), where: 'main thread' };
}
