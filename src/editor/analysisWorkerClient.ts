/**
 * Runs analyses in a worker walled off from the extension host (a child process, or a
 * worker thread where processes cannot start: analysisWorkerProcess.ts), one at a time.
 * Requests for the same document that queue up behind a running one collapse into the
 * newest (typing makes the older ones pointless): their callers get the newest result.
 *
 * A run that takes longer than the time limit, or that kills the worker (out of memory,
 * a V8 abort), fails with a typed `AnalysisStoppedError`; a fresh worker starts for the
 * next request. A worker that never comes up (it did not say `ready`) is a host problem,
 * not the file's: the client falls back from a process to a thread, then gives up with a
 * plain error. No vscode here, so it is unit-tested in plain node.
 */
import type { FileAnalysis, SourceLanguage } from '../engine/report';
import type { EditorAnalyzeOptions } from '../pythonEnvironment/importRequest';
import type { WorkerReady, WorkerReply, WorkerRequest } from './analysisWorkerProtocol';
import { ANALYSIS_OLD_GENERATION_MB, startAnalysisWorker, type AnalysisWorkerHandle, type WorkerEnd, type WorkerIsolation } from './analysisWorkerProcess';

/** A started worker; `ready` once it listens. */
interface StartedWorker {
  handle?: AnalysisWorkerHandle;
  ready: boolean;
}

interface Job {
  readonly key: string;
  source: string;
  language: SourceLanguage;
  options: EditorAnalyzeOptions;
  readonly waiters: { resolve: (analysis: FileAnalysis) => void; reject: (error: Error) => void }[];
}

export interface WorkerClientOptions {
  /** The worker script (dist/analysisWorker.js, or the .ts source with tsx in tests). */
  readonly workerFile: string;
  readonly execArgv?: readonly string[];
  /** A run taking longer than this is stopped and rejected. */
  readonly timeLimitMs?: number;
  /** Whether the idle worker warms up after its first request (analysisWorker.ts); default true. */
  readonly warmUp?: boolean;
  /** Whether the worker starts with a large young generation (youngGenerationWorker.ts); default true. */
  readonly largeYoungGeneration?: boolean;
  /** A child process (default: survives any abort) or a worker thread (resourceLimits only). */
  readonly isolation?: WorkerIsolation;
}

/** Why a run was stopped: it ran out of memory, out of time, or the worker died otherwise. */
export type StopCause = 'memory' | 'time' | 'crash';

/**
 * The rejection of a run that the file itself brought down. Callers tell it from a worker
 * that cannot start (the fallback to in-process analysis) by its type, not its wording, and
 * never retry the same text.
 */
export class AnalysisStoppedError extends Error {
  constructor(
    readonly reason: StopCause,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisStoppedError';
  }
}

/** The rejection of a run stopped at the time limit. */
export class WorkerTimeoutError extends AnalysisStoppedError {
  constructor(readonly timeLimitMs: number) {
    super('time', `analysis took longer than ${timeLimitMs} ms and was stopped`);
    this.name = 'WorkerTimeoutError';
  }
}

function stoppedBy(end: WorkerEnd): AnalysisStoppedError {
  return end.outOfMemory
    ? new AnalysisStoppedError('memory', `analysis needed more than ${ANALYSIS_OLD_GENERATION_MB} MB of memory and was stopped (${end.description})`)
    : new AnalysisStoppedError('crash', `the analysis worker stopped during the analysis (${end.description})`);
}

export class AnalysisWorkerClient {
  private worker: StartedWorker | undefined;
  private isolation: WorkerIsolation;
  private readonly queue: Job[] = [];
  private running: { job: Job; id: number; timer: ReturnType<typeof setTimeout>; posted: boolean } | undefined;
  private nextId = 1;
  private disposed = false;
  /** How many workers were stopped or died under a run (for tests and logs). */
  restarts = 0;

  constructor(private readonly options: WorkerClientOptions) {
    this.isolation = options.isolation ?? 'process';
  }

  /** Analyses `source`; `key` (the document uri) lets a newer request replace a queued older one. */
  analyze(key: string, source: string, language: SourceLanguage, options: EditorAnalyzeOptions): Promise<FileAnalysis> {
    if (this.disposed) return Promise.reject(new Error('the analysis worker is stopped'));
    return new Promise((resolve, reject) => {
      const queued = this.queue.find((job) => job.key === key);
      if (queued) {
        Object.assign(queued, { source, language, options });
        queued.waiters.push({ resolve, reject });
      } else {
        this.queue.push({ key, source, language, options, waiters: [{ resolve, reject }] });
      }
      this.pump();
    });
  }

  /** The isolation of the worker in use now (a process unless the host could not start one). */
  get currentIsolation(): WorkerIsolation {
    return this.isolation;
  }

  dispose(): void {
    this.disposed = true;
    const error = new Error('the analysis worker is stopped');
    if (this.running) this.finish(this.running.id, undefined, error);
    for (const job of this.queue.splice(0)) job.waiters.forEach((waiter) => waiter.reject(error));
    this.worker?.handle?.stop();
    this.worker = undefined;
  }

  private ensureWorker(): StartedWorker {
    if (this.worker) return this.worker;
    const started: StartedWorker = { ready: false };
    started.handle = startAnalysisWorker(
      this.options.workerFile,
      {
        isolation: this.isolation,
        execArgv: this.options.execArgv ?? [],
        settings: { warmUp: this.options.warmUp ?? true },
        largeYoungGeneration: this.options.largeYoungGeneration ?? true,
      },
      {
        onMessage: (message) => this.onMessage(started, message),
        onEnd: (end) => this.onEnd(started, end),
      },
    );
    this.worker = started;
    return started;
  }

  private onMessage(worker: StartedWorker, message: WorkerReply | WorkerReady): void {
    if ('ready' in message) {
      worker.ready = true;
      this.post();
      return;
    }
    this.finish(message.id, message.analysis, message.error === undefined ? undefined : new Error(message.error));
  }

  private onEnd(worker: StartedWorker, end: WorkerEnd): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (!worker.ready) {
      // It never came up: the host's fault. A thread may start where a process cannot.
      if (this.isolation === 'process') {
        this.isolation = 'thread';
        if (this.running) this.post();
        return;
      }
      if (this.running) this.finish(this.running.id, undefined, new Error(`the analysis worker could not start (${end.description})`));
      return;
    }
    this.restarts += 1;
    if (this.running) this.finish(this.running.id, undefined, stoppedBy(end));
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    const id = this.nextId++;
    const timeLimitMs = this.options.timeLimitMs ?? 20_000;
    const timer = setTimeout(() => this.stopRunning(new WorkerTimeoutError(timeLimitMs)), timeLimitMs);
    this.running = { job, id, timer, posted: false };
    this.post();
  }

  /** Sends the running job once the worker listens (started on demand). */
  private post(): void {
    const running = this.running;
    if (!running || running.posted) return;
    try {
      const worker = this.ensureWorker();
      if (!worker.ready) return;
      running.posted = true;
      // The key lets the worker keep the document's syntax tree and re-parse only the edit.
      const { job } = running;
      const request: WorkerRequest = { id: running.id, source: job.source, language: job.language, options: { ...job.options, documentKey: job.key } };
      worker.handle?.post(request);
    } catch (error) {
      this.finish(running.id, undefined, error instanceof Error ? error : new Error(String(error)));
    }
  }

  private finish(id: number, analysis: FileAnalysis | undefined, error: Error | undefined): void {
    const running = this.running;
    if (!running || running.id !== id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    for (const waiter of running.job.waiters) {
      if (analysis) waiter.resolve(analysis);
      else waiter.reject(error ?? new Error('no analysis'));
    }
    this.pump();
  }

  /** Drops a stuck worker; the running job fails, the queue goes on in a new one. */
  private stopRunning(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) this.restarts += 1;
    worker?.handle?.stop();
    if (this.running) this.finish(this.running.id, undefined, error);
  }
}
