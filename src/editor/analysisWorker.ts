/**
 * Analysis entry (bundled to dist/analysisWorker.js): runs the analysis away from the
 * extension host, so a large file never blocks hovers, typing or other extensions.
 * Plain node: no vscode here (the API does not exist in workers or child processes).
 *
 * The same bundle serves both ways the client starts it (analysisWorkerProcess.ts): as a
 * child process, talking over the IPC channel (the editor's default: a file that makes V8
 * abort ends this process, not the extension host), or as a worker thread, talking over
 * its parent port. It says `ready` once it listens, so the client can tell a host where it
 * cannot start from a file that killed it.
 *
 * Once its first request is answered and nothing else waits, it warms up
 * (analysis/warmUp.ts) so that the next file the user opens meets compiled code; the
 * warm-up gives way as soon as a request arrives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeSource } from '../analysis/analyzeSource';
import { warmUpAnalysis } from '../analysis/warmUp';
import { toAnalyzeOptions } from '../pythonEnvironment/importRequest';
import type { WorkerReply, WorkerRequest, WorkerSettings } from './analysisWorkerProtocol';

/**
 * Runs of the warm-up sample, once per worker: about 1 s of CPU on a quiet 2-core machine.
 * Any request stops it (within one ~10 ms run).
 */
const warmUpRuns = 150;

/** The channel to the client: the parent port of a thread, or the IPC channel of a child process. */
interface Channel {
  onRequest(listener: (request: WorkerRequest) => void): void;
  send(message: WorkerReply | { readonly ready: true }): void;
}

function openChannel(): Channel | undefined {
  const port = parentPort;
  if (port) return { onRequest: (listener) => port.on('message', listener), send: (message) => port.postMessage(message) };
  const send = process.send?.bind(process);
  if (!send) return undefined;
  // The client going away (the extension host closing) ends this process too.
  process.on('disconnect', () => process.exit(0));
  return { onRequest: (listener) => process.on('message', listener), send: (message) => void send(message) };
}

/** Thread: workerData; child process: the JSON argument the client passes. */
function readSettings(): WorkerSettings {
  if (parentPort) return (workerData as WorkerSettings | null) ?? {};
  try {
    return JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
  } catch {
    return {};
  }
}

const channel = openChannel();
let waiting = 0;
/** Whether the warm-up is still to come (the client can switch it off, as the benchmark does). */
let warmUpDue = readSettings().warmUp !== false;

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  try {
    return { id: request.id, analysis: await analyzeSource(request.source, request.language, toAnalyzeOptions(request.options)) };
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

if (channel) {
  channel.onRequest((request) => {
    waiting += 1;
    void answer(request).then((reply) => {
      waiting -= 1;
      channel.send(reply);
      warmUpWhenIdle();
    });
  });
  channel.send({ ready: true });
}
