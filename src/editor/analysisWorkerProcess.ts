/**
 * Starts the analysis worker (dist/analysisWorker.js) walled off from the extension host,
 * with a memory bound, and tells how it ended.
 *
 * A child process by default. A worker thread's `resourceLimits` do not protect the host's
 * process: V8 aborts the whole process, not just the thread, when one allocation crosses
 * the heap limit inside a runtime function (an array grown by doubling: "Reached heap
 * limit"; `Array.prototype.fill` over a sparse array: "CALL_AND_RETRY_LAST"), or when an
 * array or hash table passes its maximum length ("Fatal JavaScript invalid size error",
 * "invalid table size"). Node's heap-limit callback only ends the thread when the heap
 * fills up step by step. A child process that aborts takes nobody with it.
 *
 * A worker thread with `resourceLimits` remains the fallback for hosts that cannot start a
 * child process: it still ends a gradual heap exhaustion with ERR_WORKER_OUT_OF_MEMORY.
 */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { WorkerReady, WorkerReply, WorkerRequest, WorkerSettings } from './analysisWorkerProtocol';
import { YOUNG_SEMI_SPACE_MB, startWorkerWithLargeYoungGeneration } from './youngGenerationWorker';

/**
 * The old generation's bound. The largest file the default `maxFileSizeKB` lets through
 * (1 MB, 25,000 lines of PyTorch) analyses within 96 MB, a 5,000-line file within 24 MB
 * (`npm run bench:limits`). 512 MB leaves room for denser files and a raised file-size
 * setting, and a runaway file reaches it in 1.5-20 s.
 */
export const ANALYSIS_OLD_GENERATION_MB = 512;
/**
 * The young generation's bound: two semi-spaces plus the new large-object space, each the
 * size of a semi-space, so the large young generation (youngGenerationWorker.ts) fits.
 */
export const ANALYSIS_YOUNG_GENERATION_MB = 3 * YOUNG_SEMI_SPACE_MB;
/** A worker thread's stack (Node's default, named so it is a decision); deeper nesting is a RangeError, not a crash. */
export const ANALYSIS_STACK_MB = 4;

/** How the worker is walled off from the host. */
export type WorkerIsolation = 'process' | 'thread';

/** How a worker ended: `outOfMemory` when it hit its memory bound. */
export interface WorkerEnd {
  readonly outOfMemory: boolean;
  /** Exit code or signal, and V8's last words when there were any. */
  readonly description: string;
}

/** One running worker, whichever the isolation. */
export interface AnalysisWorkerHandle {
  readonly isolation: WorkerIsolation;
  post(request: WorkerRequest): void;
  stop(): void;
}

export interface WorkerListeners {
  onMessage(message: WorkerReply | WorkerReady): void;
  /** Once, however it ended (not after stop()). */
  onEnd(end: WorkerEnd): void;
}

export interface StartOptions {
  readonly isolation: WorkerIsolation;
  readonly execArgv: readonly string[];
  readonly settings: WorkerSettings;
  readonly largeYoungGeneration: boolean;
}

/** V8's messages when an allocation failed or a size limit was passed (the process then aborts). */
const OUT_OF_MEMORY = /heap out of memory|invalid (table )?size|allocation failed/i;

export function startAnalysisWorker(file: string, options: StartOptions, listeners: WorkerListeners): AnalysisWorkerHandle {
  return options.isolation === 'process' ? startProcess(file, options, listeners) : startThread(file, options, listeners);
}

function startProcess(file: string, options: StartOptions, listeners: WorkerListeners): AnalysisWorkerHandle {
  const semiSpace = options.largeYoungGeneration ? [`--min-semi-space-size=${YOUNG_SEMI_SPACE_MB}`, `--max-semi-space-size=${YOUNG_SEMI_SPACE_MB}`] : [];
  const child = fork(file, [JSON.stringify(options.settings)], {
    execArgv: [`--max-old-space-size=${ANALYSIS_OLD_GENERATION_MB}`, ...semiSpace, ...options.execArgv],
    // Inside VS Code's Electron host, process.execPath is Electron: this makes it plain node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stopped = false;
  // V8's last words before an abort: only the tail is kept.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8192);
  });
  const ended = once((end: WorkerEnd) => {
    if (!stopped) listeners.onEnd(end);
  });
  child.on('message', (message: WorkerReply | WorkerReady) => listeners.onMessage(message));
  child.on('error', (error) => {
    ended({ outOfMemory: false, description: error.message });
    child.kill();
  });
  child.on('exit', (code, signal) => {
    const fatal = stderr.split('\n').find((line) => OUT_OF_MEMORY.test(line));
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    ended({ outOfMemory: fatal !== undefined, description: fatal ? `${how}: ${fatal.replace(/^[\s#]+/, '').trim()}` : how });
  });
  // The worker must not keep a CLI or test process alive on its own.
  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  return {
    isolation: 'process',
    post: (request) => {
      child.send(request);
    },
    stop: () => {
      stopped = true;
      child.kill();
    },
  };
}

function startThread(file: string, options: StartOptions, listeners: WorkerListeners): AnalysisWorkerHandle {
  const workerOptions = {
    execArgv: [...options.execArgv],
    workerData: options.settings,
    resourceLimits: {
      maxOldGenerationSizeMb: ANALYSIS_OLD_GENERATION_MB,
      maxYoungGenerationSizeMb: ANALYSIS_YOUNG_GENERATION_MB,
      stackSizeMb: ANALYSIS_STACK_MB,
    },
  };
  const worker = options.largeYoungGeneration ? startWorkerWithLargeYoungGeneration(file, workerOptions) : new Worker(file, workerOptions);
  let stopped = false;
  const ended = once((end: WorkerEnd) => {
    if (!stopped) listeners.onEnd(end);
  });
  worker.on('message', (message: WorkerReply | WorkerReady) => listeners.onMessage(message));
  worker.on('error', (error: Error & { code?: string }) => {
    ended({ outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY', description: error.message });
    void worker.terminate();
  });
  worker.on('exit', (code) => ended({ outOfMemory: false, description: `exit code ${code}` }));
  worker.unref();
  return {
    isolation: 'thread',
    post: (request) => worker.postMessage(request),
    stop: () => {
      stopped = true;
      void worker.terminate();
    },
  };
}

function once<T>(call: (value: T) => void): (value: T) => void {
  let called = false;
  return (value) => {
    if (called) return;
    called = true;
    call(value);
  };
}
