/**
 * Worker-thread entry (bundled to dist/analysisWorker.js): runs the analysis away from the
 * extension host's thread, so a large file never blocks hovers, typing or other extensions.
 * Plain node: no vscode here (the API does not exist in workers).
 *
 * Once its first request is answered and nothing else waits, the worker warms up
 * (analysis/warmUp.ts) so that the next file the user opens meets compiled code; the
 * warm-up gives way as soon as a request arrives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeSource } from '../analysis/analyzeSource';
import { warmUpAnalysis } from '../analysis/warmUp';
import type { WorkerReply, WorkerRequest } from './analysisWorkerProtocol';

/** CPU time for the warm-up, once per worker; any request stops it (within one ~10 ms run). */
const warmUpBudgetMs = 1000;

const port = parentPort;
let waiting = 0;
/** Whether the warm-up is still to come (the client can switch it off, as the benchmark does). */
let warmUpDue = (workerData as { warmUp?: boolean } | null)?.warmUp !== false;

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  try {
    return { id: request.id, analysis: await analyzeSource(request.source, request.language, request.options) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
}

function warmUpWhenIdle(): void {
  if (!warmUpDue || waiting > 0) return;
  warmUpDue = false;
  setImmediate(() => { void warmUpAnalysis(warmUpBudgetMs, () => waiting > 0).catch(() => undefined); });
}

if (port) {
  port.on('message', (request: WorkerRequest) => {
    waiting += 1;
    void answer(request).then((reply) => {
      waiting -= 1;
      port.postMessage(reply);
      warmUpWhenIdle();
    });
  });
}
