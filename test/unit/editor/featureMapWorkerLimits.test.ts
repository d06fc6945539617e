// The feature-map worker runs under resourceLimits: a run that fills its JS heap ends the
// thread with a plain message, the host goes on, and the next run gets a fresh thread.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_MAP_OLD_GENERATION_MB, FeatureMapWorkerClient } from '../../../src/featureMaps/featureMapWorkerClient';
import type { FeatureMapJob } from '../../../src/featureMaps/workerProtocol';

/** A stand-in for dist/featureMapWorker.js: a job with budget 0 fills the heap, others answer with the heap bound. */
const standInWorker = `const { parentPort } = require('node:worker_threads');
const v8 = require('node:v8');
parentPort.on('message', (message) => {
  if (message.type !== 'run') return;
  if (message.job.budgetMb === 0) {
    const kept = [];
    for (;;) kept.push(new Array(1000).fill(kept.length));
  }
  const limitMb = v8.getHeapStatistics().heap_size_limit / 1048576;
  parentPort.postMessage({ type: 'result', id: message.id, outcome: { outputs: [], cancelled: false, reused: 0, notes: [String(limitMb)], milliseconds: 0 } });
});`;

const job = (budgetMb: number): FeatureMapJob => ({ layers: [], budgetMb });

describe('feature-map worker limits', function () {
  this.timeout(60_000);
  let folder: string;
  let client: FeatureMapWorkerClient | undefined;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'conv-featuremap-limits-'));
    writeFileSync(join(folder, 'standIn.js'), standInWorker);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(() => client?.dispose());

  it('runs the thread under a heap bound', async () => {
    client = new FeatureMapWorkerClient({ workerFile: join(folder, 'standIn.js') });
    const result = await client.run(job(1));
    assert.equal(result.kind, 'done');
    const limitMb = Number(result.kind === 'done' ? result.outcome.notes[0] : NaN);
    assert.ok(limitMb >= FEATURE_MAP_OLD_GENERATION_MB && limitMb < FEATURE_MAP_OLD_GENERATION_MB * 1.25, `heap limit ${limitMb} MB`);
  });

  it('a run that fills the heap fails with a plain message, and the next run gets a fresh thread', async () => {
    client = new FeatureMapWorkerClient({ workerFile: join(folder, 'standIn.js'), oldGenerationMb: 64 });
    await assert.rejects(client.run(job(0)), /the feature maps needed more than 64 MB of memory and were stopped/);
    const next = await client.run(job(1));
    assert.equal(next.kind, 'done');
  });
});
