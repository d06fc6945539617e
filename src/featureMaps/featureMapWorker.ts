/**
 * Worker-thread entry (bundled to dist/featureMapWorker.js): computes feature maps away
 * from the extension host's thread. A `cancel` message stops the run between layers
 * (runSequence yields to the event loop after each layer, so the message gets through).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { createWasmKernels } from '../engine/kernels/wasmKernels';
import { FeatureMapComputer } from './featureMapCompute';
import type { FromFeatureMapWorker, ToFeatureMapWorker } from './workerProtocol';

function loadKernels() {
  const wasmPath = join(__dirname, 'kernels.wasm');
  try {
    return existsSync(wasmPath) ? createWasmKernels(new Uint8Array(readFileSync(wasmPath))) : undefined;
  } catch {
    // No WebAssembly SIMD here: the TypeScript kernels give the same results, slower.
    return undefined;
  }
}

const port = parentPort;
if (port) {
  const computer = new FeatureMapComputer(loadKernels());
  const cancelled = new Set<number>();
  // One job at a time: a newer job waits for the older one, which the host cancels first.
  let queue: Promise<void> = Promise.resolve();
  const send = (message: FromFeatureMapWorker): void => port.postMessage(message);
  port.on('message', (message: ToFeatureMapWorker) => {
    if (message.type === 'cancel') {
      cancelled.add(message.id);
      return;
    }
    const { id, job } = message;
    queue = queue.then(async () => {
      try {
        const outcome = await computer.run(
          job,
          (done, total, path) => send({ type: 'progress', id, done, total, path }),
          () => cancelled.has(id),
        );
        send({ type: 'result', id, outcome });
      } catch (error) {
        send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
      } finally {
        cancelled.delete(id);
      }
    });
  });
}
