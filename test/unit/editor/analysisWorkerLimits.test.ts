// The analysis worker is walled off from its host: a file that makes V8 abort ends the
// worker, never the process that started it (the extension host in the editor).
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisStoppedError, AnalysisWorkerClient } from '../../../src/editor/analysisWorkerClient';
import { ANALYSIS_OLD_GENERATION_MB } from '../../../src/editor/analysisWorkerProcess';
import { YOUNG_SEMI_SPACE_MB } from '../../../src/editor/youngGenerationWorker';
import type { FileAnalysis } from '../../../src/engine/report';
import { fixturesRoot } from '../../support/paths';

const bundledWorker = join(__dirname, '../../../dist/analysisWorker.js');
const small = 'from torch import nn\n# conv-inspector: input=(1, 3, 32, 32)\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\n';

/**
 * A stand-in worker speaking the real protocol over either channel: `abort` grows one array
 * until the heap is full (V8 aborts the whole process, "Reached heap limit", even from a
 * worker thread with resourceLimits), `fill`
 * fills the heap with small arrays (the gradual exhaustion resourceLimits can catch), `heap`
 * reports its heap bounds, anything else gets an empty analysis.
 */
const standInWorker = `const { parentPort } = require('node:worker_threads');
const v8 = require('node:v8');
const send = parentPort ? (message) => parentPort.postMessage(message) : (message) => process.send(message);
const onMessage = (listener) => (parentPort ? parentPort.on('message', listener) : process.on('message', listener));
onMessage((request) => {
  if (request.source === 'abort') {
    const list = [];
    for (let i = 0; ; i += 1) list.push(i);
  }
  if (request.source === 'fill') {
    const kept = [];
    for (;;) kept.push(new Array(1000).fill(kept.length));
  }
  const newSpace = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
  const heap = { limitMb: v8.getHeapStatistics().heap_size_limit / 1048576, newSpaceMb: newSpace / 1048576 };
  send({ id: request.id, analysis: { language: 'python', models: [], diagnostics: [], heap } });
});
send({ ready: true });`;

describe('analysis worker limits', function () {
  this.timeout(120_000);
  let client: AnalysisWorkerClient | undefined;
  let folder: string;
  let standIn: string;
  /** The stand-in, except that as a child process it exits at once: a host where processes cannot start. */
  let threadOnly: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'conv-worker-limits-'));
    standIn = join(folder, 'standInWorker.js');
    writeFileSync(standIn, standInWorker);
    threadOnly = join(folder, 'threadOnlyWorker.js');
    writeFileSync(threadOnly, `if (!require('node:worker_threads').parentPort) process.exit(3);\nrequire('./standInWorker.js');\n`);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(() => client?.dispose());

  for (const [name, language] of [
    ['arrayFromBillion.js', 'javascript'],
    ['listDoubling.py', 'python'],
  ] as const) {
    it(`survives ${name}, which used to abort the whole process, and analyses the next file`, async () => {
      assert.ok(existsSync(bundledWorker), 'npm run build made dist/analysisWorker.js');
      client = new AnalysisWorkerClient({ workerFile: bundledWorker, warmUp: false, timeLimitMs: 100_000 });
      const source = readFileSync(join(fixturesRoot, 'hostile', name), 'utf8');
      const outcome = await client.analyze(name, source, language, {}).then(
        (analysis) => analysis,
        (error: unknown) => error,
      );
      // Either the interpreter bounds the allocation (an analysis), or the worker ran out
      // of memory and only it ended: never a dead process and never an untyped failure.
      if (outcome instanceof AnalysisStoppedError) {
        assert.equal(outcome.reason, 'memory', outcome.message);
        assert.match(outcome.message, new RegExp(`more than ${ANALYSIS_OLD_GENERATION_MB} MB`));
        assert.equal(client.restarts, 1);
      } else {
        assert.ok((outcome as FileAnalysis).models.length > 0, `an analysis or a typed stop, got ${String(outcome)}`);
      }
      const next = await client.analyze('next.py', small, 'python', {});
      assert.deepEqual(next.models[0]?.layers[0]?.output, [1, 8, 30, 30]);
    });
  }

  it('ends only the worker process when V8 aborts, and restarts it for the next request', async () => {
    // A smaller heap than the editor's (a later V8 flag wins) gets to the abort sooner.
    client = new AnalysisWorkerClient({ workerFile: standIn, execArgv: ['--max-old-space-size=64'], timeLimitMs: 100_000 });
    await assert.rejects(client.analyze('a', 'abort', 'python', {}), (error: unknown) => error instanceof AnalysisStoppedError && error.reason === 'memory');
    assert.equal(client.restarts, 1);
    assert.equal(client.currentIsolation, 'process');
    assert.deepEqual((await client.analyze('a', 'fine', 'python', {})).models, []);
  });

  it('gives the worker process the memory bounds and the large young generation', async () => {
    client = new AnalysisWorkerClient({ workerFile: standIn });
    const { heap } = (await client.analyze('a', 'heap', 'python', {})) as FileAnalysis & { heap: { limitMb: number; newSpaceMb: number } };
    assert.ok(heap.newSpaceMb >= YOUNG_SEMI_SPACE_MB, `new space ${heap.newSpaceMb} MB`);
    // The heap limit is the old generation plus the young one.
    assert.ok(heap.limitMb >= ANALYSIS_OLD_GENERATION_MB && heap.limitMb < ANALYSIS_OLD_GENERATION_MB * 1.25, `heap limit ${heap.limitMb} MB`);
  });

  it('falls back to a worker thread with resourceLimits where a process cannot start', async () => {
    client = new AnalysisWorkerClient({ workerFile: threadOnly, timeLimitMs: 100_000 });
    const { heap } = (await client.analyze('a', 'heap', 'python', {})) as FileAnalysis & { heap: { limitMb: number; newSpaceMb: number } };
    assert.equal(client.currentIsolation, 'thread');
    assert.equal(client.restarts, 0, 'a worker that never came up is not blamed on the file');
    assert.ok(heap.limitMb < ANALYSIS_OLD_GENERATION_MB * 1.25, `heap limit ${heap.limitMb} MB`);
  });

  it('stops a worker thread that fills its heap (ERR_WORKER_OUT_OF_MEMORY), and the host goes on', async () => {
    client = new AnalysisWorkerClient({ workerFile: standIn, isolation: 'thread', timeLimitMs: 100_000 });
    const { heap } = (await client.analyze('a', 'heap', 'python', {})) as FileAnalysis & { heap: { limitMb: number; newSpaceMb: number } };
    assert.ok(heap.newSpaceMb >= YOUNG_SEMI_SPACE_MB, `young generation kept large under resourceLimits: ${heap.newSpaceMb} MB`);
    assert.ok(heap.limitMb < ANALYSIS_OLD_GENERATION_MB * 1.25, `heap limit ${heap.limitMb} MB`);
    await assert.rejects(client.analyze('a', 'fill', 'python', {}), (error: unknown) => error instanceof AnalysisStoppedError && error.reason === 'memory');
    assert.deepEqual((await client.analyze('a', 'fine', 'python', {})).models, []);
  });
});
