import { strict as assert } from 'node:assert';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisWorkerClient, WorkerTimeoutError } from '../../../src/editor/analysisWorkerClient';
import { analyzeSource } from '../../../src/analysis/analyzeSource';

// The worker runs the TypeScript entry through tsx, as the bundle runs dist/analysisWorker.js.
const workerFile = join(__dirname, '../../../src/editor/analysisWorker.ts');
const execArgv = ['--require', 'tsx/cjs'];
const source = 'from torch import nn\n# conv-inspector: input=(1, 3, 32, 32)\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\n';

describe('analysis worker client', function () {
  this.timeout(60_000);
  let client: AnalysisWorkerClient;
  afterEach(() => client?.dispose());

  it('gives the same analysis as the in-process one', async () => {
    client = new AnalysisWorkerClient({ workerFile, execArgv });
    const inWorker = await client.analyze('a', source, 'python', {});
    assert.deepEqual(inWorker, await analyzeSource(source, 'python', {}));
    assert.deepEqual(inWorker.models[0]?.layers[0]?.output, [1, 8, 30, 30]);
  });

  it('collapses queued requests for one document into the newest', async () => {
    client = new AnalysisWorkerClient({ workerFile, execArgv });
    const first = client.analyze('doc', source, 'python', {});
    const stale = client.analyze('other', source.replace('Conv2d(3, 8, 3)', 'Conv2d(3, 8, 1)'), 'python', {});
    const older = client.analyze('doc', source.replace('Conv2d(3, 8, 3)', 'Conv2d(3, 8, 5)'), 'python', {});
    const newest = client.analyze('doc', source.replace('Conv2d(3, 8, 3)', 'Conv2d(3, 8, 7)'), 'python', {});
    assert.deepEqual((await first).models[0]?.layers[0]?.output, [1, 8, 30, 30]);
    assert.deepEqual((await stale).models[0]?.layers[0]?.output, [1, 8, 32, 32]);
    // The queued k=5 request was replaced by k=7 before it ran: both callers get k=7.
    assert.deepEqual((await older).models[0]?.layers[0]?.output, [1, 8, 26, 26]);
    assert.deepEqual((await newest).models[0]?.layers[0]?.output, [1, 8, 26, 26]);
  });

  it('stops a run over the time limit and goes on with a fresh worker', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'conv-worker-'));
    const slowWorker = join(folder, 'slowWorker.js');
    // A worker (a child process, as the client starts it) that never answers its first request and echoes later ones.
    writeFileSync(
      slowWorker,
      `let seen = 0;
process.on('message', (request) => {
  if (seen++ === 0 && request.source === 'hang') return;
  process.send({ id: request.id, analysis: { language: 'python', models: [], diagnostics: [] } });
});
process.send({ ready: true });`,
    );
    try {
      client = new AnalysisWorkerClient({ workerFile: slowWorker, timeLimitMs: 3000 });
      // Typed, so the editor's fallback to in-process analysis never mistakes a slow file for a broken host.
      await assert.rejects(client.analyze('a', 'hang', 'python', {}), (error: unknown) => error instanceof WorkerTimeoutError && /longer than 3000 ms/.test(error.message));
      assert.deepEqual(await client.analyze('a', 'fine', 'python', {}), { language: 'python', models: [], diagnostics: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('rejects pending work when disposed', async () => {
    client = new AnalysisWorkerClient({ workerFile, execArgv });
    const pending = client.analyze('a', source, 'python', {});
    client.dispose();
    await assert.rejects(pending, /stopped/);
    await assert.rejects(client.analyze('a', source, 'python', {}), /stopped/);
  });
});
