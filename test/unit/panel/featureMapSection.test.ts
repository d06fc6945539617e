// The panel's feature-map section with a fake service that runs layer by layer: Cancel stops the
// run (it reports cancelled, progress stops, no maps are posted after it); a new file or version
// cancels the stale run and computes for what is shown; maps of another file or an older
// version are never posted.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { ModelReport } from '../../../src/engine/report';
import type { CancelSignal, ComputeProgress, FeatureMapSnapshot } from '../../../src/featureMaps/featureMapService';
import type { FeatureMapSource } from '../../../src/panel/featureMapSection';
import { FeatureMapSection } from '../../../src/panel/featureMapSection';
import type { FeatureMapsView, ToPanel } from '../../../src/protocol';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function documentOf(uri: string, version = 1): vscode.TextDocument {
  return { uri: { toString: () => uri }, version } as unknown as vscode.TextDocument;
}

const model = { name: 'Net', layers: [{ path: 'conv1' }, { path: 'conv2' }, { path: 'conv3' }] } as unknown as ModelReport;

/** Runs `layers` fake layers, one per event-loop turn, honouring the cancel signal like the worker does. */
class FakeService implements FeatureMapSource {
  readonly snapshots = new Map<string, FeatureMapSnapshot>();
  private readonly listeners = new Set<(snapshot: FeatureMapSnapshot) => void>();
  progressReports = 0;
  cancels = 0;
  constructor(private readonly layers = 50) {}
  readonly onDidUpdate = ((listener: (snapshot: FeatureMapSnapshot) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }) as unknown as FeatureMapSource['onDidUpdate'];
  latest(uri: vscode.Uri): FeatureMapSnapshot | undefined {
    return this.snapshots.get(uri.toString());
  }
  cancel(): void {
    this.cancels += 1;
  }
  async compute(document: vscode.TextDocument, report: ModelReport, progress?: ComputeProgress, token?: CancelSignal): Promise<FeatureMapSnapshot | undefined> {
    const outputs = [];
    for (let done = 1; done <= this.layers; done++) {
      await tick();
      if (token?.isCancellationRequested) return undefined;
      this.progressReports += 1;
      progress?.report(done, this.layers, `layer${done}`);
      outputs.push({ key: report.layers[done % report.layers.length].path, tensor: { shape: [1, 2, 3, 3], data: new Float32Array(18).fill(done) } });
    }
    const snapshot: FeatureMapSnapshot = {
      uri: document.uri.toString(),
      version: document.version,
      modelName: report.name,
      imageFile: 'sample.png',
      outcome: { outputs, cancelled: false, reused: 0, notes: [], milliseconds: 1 },
    };
    this.snapshots.set(snapshot.uri, snapshot);
    for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }
}

function sectionWith(service: FakeService, shown: { document: vscode.TextDocument; analysedVersion?: number }) {
  const posts: FeatureMapsView[] = [];
  const section = new FeatureMapSection(service, {
    document: () => shown.document,
    analysedVersion: () => shown.analysedVersion ?? shown.document.version,
    model: () => model,
    selectedIndex: () => 0,
    post: (message: ToPanel) => {
      if (message.type === 'featureMaps') posts.push(message.view);
    },
  });
  return { section, posts };
}

describe('panel feature-map section', () => {
  it('Cancel stops the run: it reports cancelled, progress stops, and no maps are posted after it', async () => {
    const service = new FakeService();
    const { section, posts } = sectionWith(service, { document: documentOf('file:///a.py') });
    const run = section.compute(0);
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(posts.at(-1)?.status, 'running');
    assert.ok((posts.at(-1)?.total ?? 0) === 50 && (posts.at(-1)?.done ?? 0) > 0, 'a progress bar with done/total');
    section.cancel();
    const cancelledAt = posts.length;
    const reportsAtCancel = service.progressReports;
    assert.deepEqual(await run, { kind: 'cancelled' });
    for (let i = 0; i < 60; i++) await tick();
    assert.equal(posts[cancelledAt - 1].problem, 'Cancelled.');
    assert.equal(posts.length, cancelledAt, 'nothing posted after the cancel');
    assert.ok(service.progressReports <= reportsAtCancel + 1, 'the run stopped');
    assert.ok(service.progressReports < 50);
    assert.equal(service.snapshots.size, 0, 'no maps were produced');
    assert.ok(service.cancels >= 1);
    // Not following any more: selecting a layer does not start a run.
    section.show(1);
    assert.equal(posts.at(-1)?.status, 'idle');
  });

  it('a new file cancels the stale run and computes for the file shown; its maps are never posted for the new file', async () => {
    const service = new FakeService(20);
    const shown = { document: documentOf('file:///a.py') };
    const { section, posts } = sectionWith(service, shown);
    const first = section.compute(0);
    for (let i = 0; i < 3; i++) await tick();
    shown.document = documentOf('file:///b.py');
    section.refresh();
    assert.deepEqual(await first, { kind: 'cancelled' });
    for (let i = 0; i < 40 && posts.at(-1)?.status !== 'done'; i++) await tick();
    assert.equal(posts.at(-1)?.status, 'done');
    assert.ok(posts.at(-1)?.grid, "b.py's maps are shown");
    assert.ok(!service.snapshots.has('file:///a.py'), "a.py's run never finished");
    assert.ok(service.snapshots.has('file:///b.py'));
  });

  it('maps of an older version are not shown; following, the new version is computed', async () => {
    const service = new FakeService(3);
    const shown = { document: documentOf('file:///a.py', 1) };
    const { section, posts } = sectionWith(service, shown);
    assert.equal((await section.compute(0)).kind, 'done');
    assert.ok(posts.at(-1)?.grid);
    shown.document = documentOf('file:///a.py', 2);
    section.refresh();
    assert.equal(posts.at(-1)?.status, 'running', 'version 1 is not shown for version 2');
    assert.equal(posts.at(-1)?.grid, undefined);
    for (let i = 0; i < 20 && posts.at(-1)?.status !== 'done'; i++) await tick();
    assert.equal(service.snapshots.get('file:///a.py')?.version, 2);
    assert.ok(posts.at(-1)?.grid);
  });

  it('an edit not analysed yet waits: no run from the model of the older version', async () => {
    const service = new FakeService(2);
    const shown: { document: vscode.TextDocument; analysedVersion?: number } = { document: documentOf('file:///a.py', 1) };
    const { section, posts } = sectionWith(service, shown);
    assert.equal((await section.compute(0)).kind, 'done');
    shown.document = documentOf('file:///a.py', 2);
    shown.analysedVersion = 1;
    section.show(0);
    assert.equal(posts.at(-1)?.progress, 'waiting for the analysis of the edit…');
    for (let i = 0; i < 10; i++) await tick();
    assert.equal(service.snapshots.get('file:///a.py')?.version, 1, 'no run was started');
    shown.analysedVersion = 2;
    section.refresh();
    for (let i = 0; i < 10 && posts.at(-1)?.status !== 'done'; i++) await tick();
    assert.equal(service.snapshots.get('file:///a.py')?.version, 2);
  });

  it('without a Compute, a stale snapshot shows the Compute button, not old maps', async () => {
    const service = new FakeService(2);
    const shown = { document: documentOf('file:///a.py', 1) };
    await service.compute(shown.document, model);
    shown.document = documentOf('file:///a.py', 5);
    const { section, posts } = sectionWith(service, shown);
    section.show(0);
    assert.deepEqual(posts.at(-1), { index: 0, status: 'idle', notes: [] });
  });
});
