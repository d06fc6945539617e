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

/**
 * Runs of the warm-up sample, once per worker: about 1 s of CPU on a quiet 2-core machine.
 * Any request stops it (within one ~10 ms run).
 */
const warmUpRuns = 150;

const port = parentPort;
let waiting = 0;
/** Whether the warm-up is still to come (the client can switch it off, as the benchmark does). */
let warmUpDue = (workerData as { warmUp?: boolean } | null)?.warmUp !== false;

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  try {
    return { id: request.id, analysis: await analyzeSource(request.source, request.language, request.options) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

function warmUpWhenIdle(): void {
  if (!warmUpDue || waiting > 0) return;
  warmUpDue = false;
  setImmediate(() => {
    void warmUpAnalysis(warmUpRuns, () => waiting > 0).catch(() => undefined);
  });
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
