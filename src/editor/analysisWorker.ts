/**
 * Worker-thread entry (bundled to dist/analysisWorker.js): runs the analysis away from the
 * extension host's thread, so a large file never blocks hovers, typing or other extensions.
 * Plain node: no vscode here (the API does not exist in workers).
 */
import { parentPort } from 'node:worker_threads';
import { analyzeSource } from '../analysis/analyzeSource';
import type { WorkerReply, WorkerRequest } from './analysisWorkerProtocol';

const port = parentPort;
if (port) {
  port.on('message', (request: WorkerRequest) => {
    void (async (): Promise<void> => {
      let reply: WorkerReply;
      try {
        reply = { id: request.id, analysis: await analyzeSource(request.source, request.language, request.options) };
      } catch (error) {
        reply = { id: request.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
      }
      port.postMessage(reply);
    })();
  });
}
