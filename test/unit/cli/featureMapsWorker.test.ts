/**
 * The extension's feature-map worker (dist/featureMapWorker.js) driven by its host-side
 * client, in plain node: PyTorch's activations with a real checkpoint, progress, a newer
 * run cancelling an older one, reuse of unchanged layers after an edit, and the budget.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { readSafetensors } from '../../../src/engine/weights/safetensors';
import { jobLayers } from '../../../src/featureMaps/featureMapCompute';
import { FeatureMapWorkerClient } from '../../../src/featureMaps/featureMapWorkerClient';
import { pickModel, runnableLayers } from '../../../src/featureMaps/modelLayers';
import type { FeatureMapJob } from '../../../src/featureMaps/workerProtocol';

const workerFile = resolve(__dirname, '../../../dist/featureMapWorker.js');
const fixtures = resolve(__dirname, '../../fixtures/featuremaps');
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

async function layersOf(source: string) {
  return jobLayers(runnableLayers(pickModel(await analyzeSource(source, 'python'))));
}

describe('feature-map worker', () => {
  let client: FeatureMapWorkerClient;
  beforeEach(() => {
    client = new FeatureMapWorkerClient({ workerFile });
  });
  afterEach(() => client.dispose());

  it('matches PyTorch with a real checkpoint, reporting progress per layer', async () => {
    const layers = await layersOf(readFileSync(join(fixtures, 'small_cnn.py'), 'utf8'));
    const tensor = readSafetensors(bytesOf(join(fixtures, 'small_cnn_input.safetensors'))).get('input');
    const weightFile = { bytes: bytesOf(join(fixtures, 'small_cnn.pt')), name: 'small_cnn.pt', key: 'small_cnn.pt' };
    const progress: string[] = [];
    const result = await client.run({ layers, tensor, weightFile, budgetMb: 256 }, (done, total) => progress.push(`${done}/${total}`));
    assert.equal(result.kind, 'done');
    if (result.kind !== 'done') return;
    assert.equal(result.outcome.failure, undefined);
    assert.equal(progress.at(-1), '10/10');
    const expected = readSafetensors(bytesOf(join(fixtures, 'small_cnn_expected.safetensors')));
    assert.deepEqual(
      result.outcome.outputs.map((o) => o.key),
      [...expected.keys()],
    );
    for (const { key, tensor: actual } of result.outcome.outputs) {
      const truth = expected.get(key);
      assert.ok(truth);
      const scale = truth.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const error = truth.data.reduce((m, v, i) => Math.max(m, Math.abs(v - actual.data[i])), 0);
      assert.ok(error <= 1e-4 * Math.max(scale, 1e-3), `${key}: ${error} at scale ${scale}`);
    }
  });

  it('a newer run cancels the older one; an edit reuses the unchanged leading layers', async () => {
    const source = readFileSync(join(fixtures, 'small_cnn.py'), 'utf8');
    const image = { bytes: bytesOf(resolve(__dirname, '../../../media/sample.png')), name: 'sample.png', spec: { channels: 3, height: 32, width: 32 } };
    const job: FeatureMapJob = { layers: await layersOf(source), image, budgetMb: 256 };
    const first = client.run(job);
    const second = client.run(job);
    assert.deepEqual(await first, { kind: 'cancelled' });
    const done = await second;
    assert.equal(done.kind, 'done');
    if (done.kind !== 'done') return;
    assert.ok(done.outcome.notes.some((note) => /resized from 224x224 to 32x32/.test(note)));
    const edited = source.replace('nn.Linear(64, 10)', 'nn.Linear(64, 7)');
    const again = await client.run({ ...job, layers: await layersOf(edited) });
    assert.equal(again.kind, 'done');
    if (again.kind !== 'done') return;
    assert.equal(again.outcome.reused, 9, 'every layer before the edited Linear is reused');
    assert.deepEqual([...(again.outcome.outputs.at(-1)?.tensor.shape ?? [])], [1, 7]);
    assert.deepEqual(again.outcome.outputs[3].tensor.data, done.outcome.outputs[3].tensor.data);
  });

  it("runs a PyTorch model's graph: each node keyed by its id, a stop names its node, an edit reuses what is upstream", async () => {
    const file = resolve(__dirname, '../../fixtures/torch/graphs/basic_block.py');
    const model = async (source: string) => pickModel(await analyzeSource(source, 'python'));
    const source = readFileSync(file, 'utf8');
    const first = await model(source);
    const tensor = readSafetensors(bytesOf(resolve(__dirname, '../../fixtures/torch/graphs/basic_block_input.safetensors'))).get('input');
    const job: FeatureMapJob = { layers: jobLayers(runnableLayers(first)), graph: first.graph, tensor, budgetMb: 256 };
    const done = await client.run(job);
    assert.equal(done.kind, 'done');
    if (done.kind !== 'done') return;
    const keys = done.outcome.outputs.map((output) => output.key);
    for (const key of ['conv1', 'bn1', 'relu:1', 'downsample.0', 'downsample.1']) assert.ok(keys.includes(key), keys.join(', '));
    // Whatever did not run is listed with its reason, and none of it is in the outputs.
    for (const { key, message } of done.outcome.stopped ?? []) {
      assert.ok(!keys.includes(key));
      assert.ok(message.length > 0);
    }
    assert.equal(keys.length + (done.outcome.stopped?.length ?? 0), first.graph!.nodes.length - 1, 'every node but the input is computed or stopped');
    const edited = await model(source.replace('self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)', 'self.conv2 = nn.Conv2d(planes, planes, 1, bias=False)'));
    const again = await client.run({ ...job, layers: jobLayers(runnableLayers(edited)), graph: edited.graph });
    assert.equal(again.kind, 'done');
    if (again.kind !== 'done') return;
    assert.equal(again.outcome.reused, 6, 'input, conv1, bn1, relu:1 and the downsample branch come from the previous run');
  });

  it('refuses a huge input before allocating it, naming the size', async () => {
    const layers = await layersOf('import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1))\nmodel(torch.randn(1, 3, 8192, 8192))\n');
    const image = { bytes: bytesOf(resolve(__dirname, '../../../media/sample.png')), name: 'sample.png', spec: { channels: 3, height: 8192, width: 8192 } };
    await assert.rejects(client.run({ layers, image, budgetMb: 256 }), /input: activation \[1, 3, 8192, 8192\] needs 768 MB \(float32\), over the 256 MB feature-map budget/);
  });

  it('a cancel during one long layer terminates the thread; the next run gets a fresh worker', async () => {
    client.dispose();
    client = new FeatureMapWorkerClient({ workerFile, cancelGraceMs: 50 });
    const layers = await layersOf('import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(16, 64, 7, padding=3))\nmodel(torch.randn(1, 16, 384, 384))\n');
    const tensor = { shape: [1, 16, 384, 384], data: new Float32Array(16 * 384 * 384).fill(0.5) };
    const slow = client.run({ layers, tensor, budgetMb: 256 });
    await new Promise((done) => setTimeout(done, 400));
    client.cancel();
    assert.deepEqual(await slow, { kind: 'cancelled' });
    await new Promise((done) => setTimeout(done, 300));
    assert.equal(client.terminations, 1, 'the stuck worker was terminated');
    const small = await layersOf(readFileSync(join(fixtures, 'small_cnn.py'), 'utf8'));
    const after = await client.run({ layers: small, tensor: readSafetensors(bytesOf(join(fixtures, 'small_cnn_input.safetensors'))).get('input'), budgetMb: 256 });
    assert.equal(after.kind, 'done');
  });

  it('a hostile weight file is an error message, and the worker keeps serving', async () => {
    const layers = await layersOf(readFileSync(join(fixtures, 'small_cnn.py'), 'utf8'));
    const tensor = readSafetensors(bytesOf(join(fixtures, 'small_cnn_input.safetensors'))).get('input');
    const hostile = resolve(__dirname, '../../fixtures/weights/hostile_os_system.pt');
    await assert.rejects(client.run({ layers, tensor, weightFile: { bytes: bytesOf(hostile), name: 'hostile_os_system.pt', key: 'h' }, budgetMb: 256 }), /system/);
    const after = await client.run({ layers, tensor, budgetMb: 256 });
    assert.equal(after.kind, 'done');
  });
});
