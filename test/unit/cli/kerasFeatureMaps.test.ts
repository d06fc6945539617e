/**
 * `conv-inspector run --dump` and `preview` on Keras and TF.js models (the dist/cli.js
 * bundle): every layer of a Keras U-Net and of a TF.js CNN, run through their channels-last
 * graphs with the framework's own weights, matches the outputs real Keras 3 / real TF.js
 * recorded (tools/golden/keras_graph_truth.py, tfjs_graph_truth.mjs) within 1e-4 of each
 * output's scale; `preview` draws their NHWC maps and a strip along the main path.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decode } from 'fast-png';
import { readSafetensors } from '../../../src/engine/weights/safetensors';
import { compareTensors, tolerance } from '../kernels/goldenFixtures';
import { mainPath } from '../../../src/engine/graph/mainPath';
import { analyzePythonSource, analyzeTfjsSource } from '../../support/analyze';
import { jobLayers } from '../../../src/featureMaps/featureMapCompute';
import { FeatureMapWorkerClient } from '../../../src/featureMaps/featureMapWorkerClient';
import { pickModel, planModelRun } from '../../../src/featureMaps/modelLayers';
import type { FeatureMapJob } from '../../../src/featureMaps/workerProtocol';

const cliPath = resolve(__dirname, '../../../dist/cli.js');
const graphs = resolve(__dirname, '../../fixtures/graphs');
const scratch = mkdtempSync(join(tmpdir(), 'conv-inspector-keras-fm-'));

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const readTensors = (path: string) => readSafetensors(new Uint8Array(readFileSync(path)));

/** Runs `run --dump` on a fixture and compares every dumped node the framework recorded. */
function dumpAndCompare(file: string, name: string, modelName: string, layerCount: number): void {
  const truthFile = join(graphs, `${name}.activations.safetensors`);
  const dump = join(scratch, `${name.replace('/', '_')}.safetensors`);
  const { code, stdout, stderr } = runCli('run', file, '--input-tensor', truthFile, '--weights', join(graphs, `${name}.weights.safetensors`), '--dump', dump);
  assert.equal(code, 0, stderr + stdout);
  assert.match(stdout, new RegExp(`wrote .*: ${layerCount} of ${layerCount} node outputs of '${modelName}'`));
  assert.match(stdout, /0 missing \(default init used\), 0 unused in the file/);
  const actual = readTensors(dump);
  const truth = readTensors(truthFile);
  let compared = 0;
  for (const [key, expected] of truth) {
    if (key === 'input') continue;
    const mine = actual.get(key);
    assert.ok(mine, `${key} was dumped (dumped: ${[...actual.keys()].join(', ')})`);
    assert.deepEqual(mine.shape, expected.shape, `${key}: NHWC shape as the framework has it`);
    const { maxError, scale } = compareTensors(mine, expected);
    assert.ok(maxError <= tolerance(scale), `${key}: error ${maxError} over ${tolerance(scale)}`);
    compared += 1;
  }
  assert.equal(compared, layerCount, 'every layer the framework recorded was compared');
}

describe('CLI run --dump on Keras and TF.js models against the frameworks', function () {
  this.timeout(60000);

  it('a Keras U-Net: all 37 layers match real Keras 3', () => {
    dumpAndCompare(join(graphs, 'keras', 'unet.py'), 'keras/unet', 'unet', 37);
  });

  it('a TF.js CNN with branches: all 18 layers match real TF.js', () => {
    dumpAndCompare(join(graphs, 'tfjs', 'cnn.js'), 'tfjs/cnn', 'tfjs_cnn', 18);
  });

  it('without --weights a Keras model runs on Keras default init and says so', () => {
    const truthFile = join(graphs, 'keras', 'unet.activations.safetensors');
    const dump = join(scratch, 'unet_default.safetensors');
    const { code, stdout, stderr } = runCli('run', join(graphs, 'keras', 'unet.py'), '--input-tensor', truthFile, '--dump', dump);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /37 of 37 node outputs/);
    assert.match(stdout, /deterministic default init \(Keras's initializers, seed 0\)/);
    const conv = readTensors(dump).get('conv2d')!;
    const { maxError } = compareTensors(conv, readTensors(truthFile).get('conv2d')!);
    assert.ok(maxError > 1e-3, 'other weights, other maps');
  });
});

describe('CLI preview of Keras and TF.js models', function () {
  this.timeout(60000);

  it('writes a PNG per node from the sample image (NHWC input), each drawn channel by channel', () => {
    const out = join(scratch, 'keras_preview');
    const { code, stdout, stderr } = runCli('preview', join(graphs, 'keras', 'unet.py'), '--out', out);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /model 'unet', input \[1, 24, 20, 3\]/);
    const files = readdirSync(out);
    assert.equal(files.length, 37 + 1, files.join(', '));
    assert.ok(files.includes('strip.png'));
    // The first conv has 8 channels of 24x20: a grid drawn from NHWC as if it were NCHW would have 24 planes of 20x8.
    const first = files.find((file) => file.endsWith('_conv2d.png'))!;
    const grid = decode(new Uint8Array(readFileSync(join(out, first))));
    const zoom = Math.floor(64 / 24);
    // 8 channels: a 3x3 grid of 24x20 planes (gap 2).
    assert.deepEqual([grid.width, grid.height], [3 * 20 * zoom + 2 * 2, 3 * 24 * zoom + 2 * 2]);
  });

  it('a Keras model built channels_first is refused before any image work, with the layer that says so', () => {
    const file = resolve(__dirname, '../../fixtures/keras/models/mixed_dims.py');
    const { code, stderr } = runCli('preview', file, '--model', 'channels_first', '--out', join(scratch, 'channels_first'));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /'channels_first' uses data_format='channels_first' \(zero_padding2d\): feature-map previews run channels-last/);
  });

  it('a TF.js CNN: the strip follows the main path (the longer branch, to the first output)', async () => {
    const file = join(graphs, 'tfjs', 'cnn.js');
    const out = join(scratch, 'tfjs_preview');
    const { code, stderr } = runCli('preview', file, '--out', out);
    assert.equal(code, 0, stderr);
    const analysis = await analyzeTfjsSource(readFileSync(file, 'utf8'), 'javascript');
    const path = mainPath(analysis.models[0].graph!);
    const kinds = path.map((node) => node.kind);
    // The depthwise branch is shorter than separable -> LeakyReLU; the pooled output is the second one.
    assert.ok(!kinds.includes('DepthwiseConv2D') && kinds.includes('SeparableConv2D') && kinds.includes('LeakyReLU'), kinds.join(' '));
    assert.ok(!kinds.includes('GlobalMaxPooling2D') && kinds[kinds.length - 1] === 'Dense', kinds.join(' '));
    // One tile per main-path node: each plane (H x W, or 1 x F) enlarged to about 48 pixels, 2-pixel gaps.
    const tiles = path.map((node) => {
      const shape = node.output!;
      const [height, width] = shape.length <= 2 ? [1, shape[1]] : [shape[1], shape[2]];
      const zoom = Math.max(1, Math.floor(48 / Math.max(height, width)));
      return [width * zoom, height * zoom];
    });
    const strip = decode(new Uint8Array(readFileSync(join(out, 'strip.png'))));
    const width = tiles.reduce((sum, [w]) => sum + w, 0) + 2 * (tiles.length - 1);
    assert.deepEqual([strip.width, strip.height], [width, Math.max(...tiles.map(([, h]) => h))]);
  });
});

describe('feature-map worker on a Keras model (the panel path)', function () {
  this.timeout(60000);
  const workerFile = resolve(__dirname, '../../../dist/featureMapWorker.js');

  it("runs the graph with the file's Keras weights (every layer matches Keras), then on Keras default init; NHWC outputs are marked", async () => {
    const source = readFileSync(join(graphs, 'keras', 'unet.py'), 'utf8');
    const analysis = await analyzePythonSource(source);
    const model = pickModel(analysis);
    const { layers, graph, weightLayers } = planModelRun(model, analysis.models);
    const truth = readTensors(join(graphs, 'keras', 'unet.activations.safetensors'));
    const weightBytes = new Uint8Array(readFileSync(join(graphs, 'keras', 'unet.weights.safetensors')));
    const client = new FeatureMapWorkerClient({ workerFile });
    try {
      const job: FeatureMapJob = { layers: jobLayers(layers), graph, weightLayers, tensor: truth.get('input'), budgetMb: 256 };
      const done = await client.run({ ...job, weightFile: { bytes: weightBytes, name: 'unet.weights.safetensors', key: 'unet' } });
      assert.equal(done.kind, 'done');
      if (done.kind !== 'done') return;
      assert.equal(done.outcome.layout, 'channels-last');
      assert.ok(
        done.outcome.notes.some((note) => /59 tensor\(s\) matched, 0 missing/.test(note)),
        done.outcome.notes.join('\n'),
      );
      let compared = 0;
      for (const { key, tensor } of done.outcome.outputs) {
        const expected = truth.get(key);
        if (!expected) continue;
        const { maxError, scale } = compareTensors(tensor, expected);
        assert.ok(maxError <= tolerance(scale), `${key}: ${maxError}`);
        compared += 1;
      }
      assert.equal(compared, 37);
      const defaults = await client.run(job);
      assert.equal(defaults.kind, 'done');
      if (defaults.kind !== 'done') return;
      assert.equal(defaults.outcome.outputs.length, 37);
      assert.equal(defaults.outcome.stopped?.length ?? 0, 0);
    } finally {
      client.dispose();
    }
  });

  it('a Keras model without a dataflow graph is refused with a clear reason', async () => {
    const analysis = await analyzePythonSource(readFileSync(join(graphs, 'keras', 'unet.py'), 'utf8'));
    const model = { ...pickModel(analysis), graph: undefined };
    assert.throws(() => planModelRun(model, analysis.models), /is a Keras \/ TensorFlow\.js model \(Conv2D\) whose dataflow graph is not known/);
  });
});
