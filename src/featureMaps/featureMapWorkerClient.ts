/**
 * Host side of the feature-map worker, without `vscode` (unit-testable in plain node).
 * One run at a time: a newer run cancels the older one; a cancel first asks the worker to
 * stop between layers and terminates the thread when it does not answer in time (one huge
 * layer), so a cancel always takes effect.
 *
 * The thread runs under `resourceLimits`: a run whose JS heap fills up ends the thread
 * (ERR_WORKER_OUT_OF_MEMORY), not the extension host, and fails with a plain message; the
 * next run starts a fresh thread. The tensors themselves are typed arrays, outside the JS
 * heap: their bound is the run's activation budget (`budgetMb`), checked before allocating.
 */
import { Worker } from 'node:worker_threads';
import type { FeatureMapJob, FeatureMapOutcome, FromFeatureMapWorker, ToFeatureMapWorker } from './workerProtocol';

export interface FeatureMapWorkerOptions {
  /** Path of dist/featureMapWorker.js. */
  readonly workerFile: string;
  /** How long a cancelled run may take to stop before the thread is terminated; default 1500 ms. */
  readonly cancelGraceMs?: number;
  /** The thread's JS heap (old generation) bound; default FEATURE_MAP_OLD_GENERATION_MB. */
  readonly oldGenerationMb?: number;
}

/**
 * The JS heap bound of the feature-map thread. Every run of the worker's unit tests (a real
 * checkpoint, hostile weight files, over-budget inputs) passes within a 24 MB heap: the
 * tensors are typed arrays, outside it. The bound leaves room for large weight files' tables.
 */
export const FEATURE_MAP_OLD_GENERATION_MB = 512;
/** V8's young generation for a 512 MB heap (3 x 16 MB semi-spaces), named so it is a decision. */
const FEATURE_MAP_YOUNG_GENERATION_MB = 48;
/** Node's default thread stack. */
const FEATURE_MAP_STACK_MB = 4;

/** A run's result: the outcome, or `cancelled` when a newer run or a cancel superseded it. */
export type FeatureMapRunResult = { readonly kind: 'done'; readonly outcome: FeatureMapOutcome } | { readonly kind: 'cancelled' };

interface Pending {
  readonly id: number;
  readonly resolve: (result: FeatureMapRunResult) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (done: number, total: number, path: string) => void;
  killTimer?: ReturnType<typeof setTimeout>;
}

export class FeatureMapWorkerClient {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  /** How many times the thread was terminated to enforce a cancel (for tests and logs). */
  terminations = 0;

  constructor(private readonly options: FeatureMapWorkerOptions) {}

  /** Runs `job`, cancelling whatever run is under way. */
  run(job: FeatureMapJob, onProgress?: (done: number, total: number, path: string) => void): Promise<FeatureMapRunResult> {
    this.cancel();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<FeatureMapRunResult>((resolve, reject) => {
      this.pending = { id, resolve, reject, onProgress };
      this.post(worker, { type: 'run', id, job });
    });
  }

  /** Cancels the current run (resolves it as `cancelled` right away). */
  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    pending.resolve({ kind: 'cancelled' });
    const worker = this.worker;
    if (!worker) return;
    this.post(worker, { type: 'cancel', id: pending.id });
    // The worker answers a cancelled run with a (cancelled) result; no answer in time
    // means it is stuck inside one layer: end the thread, a new one starts on demand.
    const timer = setTimeout(() => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.terminations += 1;
        void worker.terminate();
      }
    }, this.options.cancelGraceMs ?? 1500);
    this.stale.set(pending.id, timer);
  }

  dispose(): void {
    this.cancel();
    for (const timer of this.stale.values()) clearTimeout(timer);
    this.stale.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Cancelled runs whose answer the worker still owes, with their terminate timers. */
  private readonly stale = new Map<number, ReturnType<typeof setTimeout>>();

  private post(worker: Worker, message: ToFeatureMapWorker): void {
    worker.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const oldGenerationMb = this.options.oldGenerationMb ?? FEATURE_MAP_OLD_GENERATION_MB;
    const worker = new Worker(this.options.workerFile, {
      resourceLimits: { maxOldGenerationSizeMb: oldGenerationMb, maxYoungGenerationSizeMb: FEATURE_MAP_YOUNG_GENERATION_MB, stackSizeMb: FEATURE_MAP_STACK_MB },
    });
    worker.unref();
    worker.on('message', (message: FromFeatureMapWorker) => this.onMessage(message));
    worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.onExit(worker, outOfMemory ? new Error(`the feature maps needed more than ${oldGenerationMb} MB of memory and were stopped`) : error);
    });
    worker.on('exit', (code) => this.onExit(worker, new Error(`the feature-map worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromFeatureMapWorker): void {
    const staleTimer = this.stale.get(message.id);
    if (staleTimer !== undefined && message.type !== 'progress') {
      clearTimeout(staleTimer);
      this.stale.delete(message.id);
      return;
    }
    const pending = this.pending;
    if (!pending || pending.id !== message.id) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.done, message.total, message.path);
      return;
    }
    this.pending = undefined;
    if (message.type === 'result') pending.resolve({ kind: 'done', outcome: message.outcome });
    else pending.reject(new Error(message.message));
  }

  private onExit(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
