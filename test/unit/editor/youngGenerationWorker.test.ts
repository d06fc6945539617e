import { strict as assert } from 'node:assert';
import { Worker } from 'node:worker_threads';
import { YOUNG_SEMI_SPACE_MB, startWorkerWithLargeYoungGeneration } from '../../../src/editor/youngGenerationWorker';

// A worker that reports the capacity of its new space (V8's young generation) in MB.
const reportNewSpace = `const { parentPort } = require('node:worker_threads');
const newSpace = require('node:v8').getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
parentPort.postMessage(newSpace.space_size / 1024 / 1024);`;

function newSpaceOf(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('message', (megabytes: number) => {
      void worker.terminate();
      resolve(megabytes);
    });
    worker.once('error', reject);
  });
}

describe('worker with a large young generation', function () {
  this.timeout(20_000);

  it("starts the worker with the large young generation, and later workers with V8's default", async () => {
    const large = await newSpaceOf(startWorkerWithLargeYoungGeneration(reportNewSpace, { eval: true }));
    // At least the minimum asked for. Node 20 is built without pointer compression; with it,
    // V8 would cap the minimum at 8 MB.
    assert.ok(large >= YOUNG_SEMI_SPACE_MB, `young generation ${large} MB`);
    const plain = await newSpaceOf(new Worker(reportNewSpace, { eval: true }));
    assert.ok(plain < large / 4, `a plain worker after it has ${plain} MB, the large one ${large} MB`);
  });

  it('puts the flag back when several workers start at once', async () => {
    const sizes = await Promise.all([1, 2, 3].map(() => newSpaceOf(startWorkerWithLargeYoungGeneration(reportNewSpace, { eval: true }))));
    for (const size of sizes) assert.ok(size >= YOUNG_SEMI_SPACE_MB, `young generation ${size} MB`);
    const plain = await newSpaceOf(new Worker(reportNewSpace, { eval: true }));
    assert.ok(plain < YOUNG_SEMI_SPACE_MB / 2, `a plain worker afterwards has ${plain} MB`);
  });
});
