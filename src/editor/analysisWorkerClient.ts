/**
 * Runs analyses in a worker thread, one at a time. Requests for the same document that
 * queue up behind a running one collapse into the newest (typing makes the older ones
 * pointless): their callers get the newest result. A run that takes longer than the
 * time limit terminates the worker (a fresh one starts for the next request). No vscode
 * here, so it is unit-tested in plain node.
 */
import { Worker } from 'node:worker_threads';
import type { FileAnalysis, SourceLanguage } from '../engine/report';
import type { AnalyzeOptions } from '../analysis/analyzeSource';
import type { WorkerReply, WorkerRequest } from './analysisWorkerProtocol';
import { startWorkerWithLargeYoungGeneration } from './youngGenerationWorker';

interface Job {
  readonly key: string;
  source: string;
  language: SourceLanguage;
  options: AnalyzeOptions;
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
}

/**
 * The rejection of a run stopped at the time limit. Callers tell it from a worker that
 * cannot start (the fallback to in-process analysis) by its type, not its wording.
 */
export class WorkerTimeoutError extends Error {
  constructor(readonly timeLimitMs: number) {
    super(`analysis took longer than ${timeLimitMs} ms and was stopped`);
    this.name = 'WorkerTimeoutError';
  }
}

export class AnalysisWorkerClient {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: { job: Job; id: number; timer: ReturnType<typeof setTimeout> } | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: WorkerClientOptions) {}

  /** Analyses `source`; `key` (the document uri) lets a newer request replace a queued older one. */
  analyze(key: string, source: string, language: SourceLanguage, options: AnalyzeOptions): Promise<FileAnalysis> {
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

  dispose(): void {
    this.disposed = true;
    const error = new Error('the analysis worker is stopped');
    if (this.running) this.finish(this.running.id, undefined, error);
    for (const job of this.queue.splice(0)) job.waiters.forEach((waiter) => waiter.reject(error));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const workerOptions = {
      execArgv: [...(this.options.execArgv ?? [])],
      workerData: { warmUp: this.options.warmUp ?? true },
    };
    const worker =
      this.options.largeYoungGeneration === false
        ? new Worker(this.options.workerFile, workerOptions)
        : startWorkerWithLargeYoungGeneration(this.options.workerFile, workerOptions);
    worker.on('message', (reply: WorkerReply) => {
      this.finish(reply.id, reply.analysis, reply.error === undefined ? undefined : new Error(reply.error));
    });
    worker.on('error', (error) => this.restart(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.restart(new Error(`the analysis worker exited with code ${code}`));
    });
    // The worker must not keep a CLI or test process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    const id = this.nextId++;
    const timeLimitMs = this.options.timeLimitMs ?? 20_000;
    const timer = setTimeout(() => this.restart(new WorkerTimeoutError(timeLimitMs)), timeLimitMs);
    this.running = { job, id, timer };
    // The key lets the worker keep the document's syntax tree and re-parse only the edit.
    const request: WorkerRequest = { id, source: job.source, language: job.language, options: { ...job.options, documentKey: job.key } };
    try {
      this.ensureWorker().postMessage(request);
    } catch (error) {
      this.finish(id, undefined, error instanceof Error ? error : new Error(String(error)));
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

  /** Drops a stuck or crashed worker; the running job fails, the queue goes on in a new one. */
  private restart(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    if (this.running) this.finish(this.running.id, undefined, error);
  }
}
