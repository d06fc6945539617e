/**
 * Starts a worker thread whose young generation starts large and stays large.
 *
 * An analysis of a 3,000-line file allocates about 17 MB, and a third of it (the syntax
 * copy, the records) lives until the reply. A worker's young generation starts at 1 MB
 * per semi-space and V8 shrinks it back whenever the thread was idle for a few seconds
 * (low allocation throughput at the next collection). The first analysis after a pause
 * then runs through a dozen scavenges that each copy the live syntax again: 30-50 ms of
 * the first 3,000-line analysis went to that (tools/bench/workerBench.ts, the 15 s case).
 *
 * Node offers no per-worker setting for the young generation's starting size, only V8's
 * process-wide `--min-semi-space-size`, which V8 reads once, when a heap is created. So the
 * flag is set just before the worker's heap is made and put back to V8's default (0: no
 * minimum) as soon as the worker runs. Heaps made before or after keep V8's own sizing.
 * Every host that can run this extension is Node, and Node never freezes V8's flags
 * (`v8.setFlagsFromString` is its public API). Where a host ignores the flag, the worker
 * simply starts with the default sizes.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Per semi-space; V8 caps it at its own maximum (16 MB on 64-bit, 8 MB with pointer compression). */
export const YOUNG_SEMI_SPACE_MB = 16;

/** Workers whose heap may not exist yet: the flag stays set until the last one runs. */
let starting = 0;

export function startWorkerWithLargeYoungGeneration(file: string, options: WorkerOptions): Worker {
  if (starting === 0) setFlagsFromString(`--min-semi-space-size=${YOUNG_SEMI_SPACE_MB}`);
  starting += 1;
  let started = false;
  const heapMade = (): void => {
    if (started) return;
    started = true;
    starting -= 1;
    if (starting === 0) setFlagsFromString('--min-semi-space-size=0');
  };
  try {
    const worker = new Worker(file, options);
    worker.once('online', heapMade);
    worker.once('error', heapMade);
    worker.once('exit', heapMade);
    return worker;
  } catch (error) {
    heapMade();
    throw error;
  }
}
