import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runSequence, type RunnableLayer } from '../../../src/engine/kernels/runSequence';
import { defaultLayerWeights } from '../../../src/engine/weights/defaultInit';
import { matchWeights } from '../../../src/engine/weights/matchWeights';
import { readSafetensors, writeSafetensors } from '../../../src/engine/weights/safetensors';
import { readTorchCheckpoint } from '../../../src/engine/weights/torchCheckpoint';
import { readWeightFile } from '../../../src/engine/weights/weightFile';
import type { WeightTensor } from '../../../src/engine/weights/weightTensor';
import type { BoundArgs } from '../../../src/engine/types';
import { compareTensors, tolerance } from './goldenFixtures';

const dir = join(__dirname, '..', '..', 'fixtures', 'weights');
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const layers = (JSON.parse(readFileSync(join(dir, 'tiny_cnn_layers.json'), 'utf8')) as { layers: RunnableLayer[] }).layers;
const activations = readSafetensors(file('tiny_cnn_activations.safetensors'));

async function runWith(tensors: ReadonlyMap<string, WeightTensor>) {
  const match = matchWeights(layers, tensors);
  const input = activations.get('input');
  assert.ok(input);
  return { match, result: await runSequence(layers, input, match.weightsByPath) };
}

describe('weight files', () => {
  it('reads a torch.save checkpoint and matches PyTorch activations layer by layer', async () => {
    const { match, result } = await runWith(readTorchCheckpoint(file('tiny_cnn.pt')));
    assert.deepEqual(match.missing, []);
    assert.deepEqual(match.mismatched, []);
    assert.deepEqual(match.unused, ['features.1.num_batches_tracked']);
    assert.equal(result.failure, undefined);
    assert.equal(result.outputs.size, layers.length);
    for (const layer of layers) {
      const expected = activations.get(layer.path);
      const actual = result.outputs.get(layer.path);
      assert.ok(expected && actual, layer.path);
      assert.deepEqual([...actual.shape], [...expected.shape], layer.path);
      const { maxError, scale } = compareTensors(actual, expected);
      assert.ok(maxError <= tolerance(scale), `${layer.path}: ${maxError} > ${tolerance(scale)}`);
    }
  });

  it('runs a graph (residual add, concat) from a checkpoint like PyTorch', async () => {
    const graph = (JSON.parse(readFileSync(join(dir, 'tiny_resnet_layers.json'), 'utf8')) as { layers: RunnableLayer[] }).layers;
    const truth = readSafetensors(file('tiny_resnet_activations.safetensors'));
    const match = matchWeights(graph, readTorchCheckpoint(file('tiny_resnet.pt')));
    assert.deepEqual(match.missing, []);
    const input = truth.get('input');
    assert.ok(input);
    const result = await runSequence(graph, input, match.weightsByPath);
    assert.equal(result.failure, undefined);
    for (const layer of graph) {
      const expected = truth.get(layer.path);
      const actual = result.outputs.get(layer.path);
      assert.ok(expected && actual, layer.path);
      const { maxError, scale } = compareTensors(actual, expected);
      assert.ok(maxError <= tolerance(scale), `${layer.path}: ${maxError}`);
    }
  });

  it('reads the same weights from .safetensors (F32 and F16)', async () => {
    const fromPt = readTorchCheckpoint(file('tiny_cnn.pt'));
    const f32 = readWeightFile(file('tiny_cnn.safetensors'), 'tiny_cnn.safetensors');
    const f16 = readWeightFile(file('tiny_cnn_f16.safetensors'), 'tiny_cnn_f16.safetensors');
    for (const [name, tensor] of f32) {
      const reference = fromPt.get(name);
      assert.ok(reference, name);
      assert.deepEqual(tensor.read().data, reference.read().data);
      const half = f16.get(name);
      assert.ok(half);
      assert.ok(compareTensors(half.read(), reference.read()).maxError < 1e-2, name);
    }
    const { result } = await runWith(f32);
    assert.equal(result.failure, undefined);
  });

  it('round-trips its own .safetensors writer', () => {
    const tensors = new Map([
      ['a.weight', { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, -6]) }],
      ['ü', { shape: [1], data: Float32Array.from([0.5]) }],
    ]);
    const back = readSafetensors(writeSafetensors(tensors, { format: 'pt' }));
    assert.deepEqual([...back.keys()], ['a.weight', 'ü']);
    assert.deepEqual(back.get('a.weight')?.data, tensors.get('a.weight')?.data);
  });

  it('reads a .safetensors file whose header length starts with the pickle byte 0x80', () => {
    const tensors = new Map([['w', { shape: [1], data: Float32Array.from([2]) }]]);
    // Metadata padding until the header is 0x?80 bytes long: its first byte then reads like a pickle's.
    let padding = '';
    let bytes = writeSafetensors(tensors, { padding });
    while (bytes[0] !== 0x80) bytes = writeSafetensors(tensors, { padding: (padding += 'x') });
    const read = readWeightFile(bytes, 'weights.bin');
    assert.deepEqual([...read.keys()], ['w']);
    assert.deepEqual(read.get('w')?.read().data, Float32Array.from([2]));
  });

  it('reports shape mismatches per tensor and falls back to default init', () => {
    const tensors = readTorchCheckpoint(file('tiny_cnn.pt'));
    const changed = layers.map((l) => (l.path === 'fc' ? { ...l, args: { ...l.args, out_features: 7 } } : l));
    const match = matchWeights(changed, tensors);
    assert.deepEqual(
      match.mismatched.map((m) => m.key),
      ['fc.weight', 'fc.bias'],
    );
    assert.deepEqual([...match.mismatched[0].actual], [5, 16]);
    assert.deepEqual([...(match.weightsByPath.get('fc')?.weight?.shape ?? [])], [7, 16]);
  });
});

describe('hostile weight files give clear errors and execute nothing', () => {
  const marker = '/tmp/conv_inspector_pwned';
  before(() => rmSync(marker, { force: true }));
  after(() => assert.equal(existsSync(marker), false, 'a hostile pickle executed code'));
  const cases: [string, RegExp][] = [
    ['hostile_os_system.pt', /refused checkpoint: .*global '(posix|os)\.system'/],
    ['hostile_eval.pt', /refused checkpoint: .*global '(builtins|__builtin__)\.eval'/],
    ['hostile_inst.pt', /refused checkpoint: pickle opcode 0x69/],
    ['hostile_truncated.pt', /invalid PyTorch checkpoint: .*(damaged|truncated|missing)/],
    ['legacy_format.pt', /legacy \(pre-1\.6\) torch\.save format/],
    ['hostile_truncated.safetensors', /runs past the end .*truncated/],
    ['hostile_header_length.safetensors', /header length \d+ is over the/],
    ['hostile_bad_json.safetensors', /header is not valid UTF-8 JSON/],
    ['hostile_offsets.safetensors', /needs 64 bytes, data_offsets give 64000/],
    ['hostile_overlap.safetensors', /overlap/],
    ['hostile_dtype.safetensors', /unsupported dtype "PYOBJ"/],
    ['hostile_shape.safetensors', /needs 60 bytes, data_offsets give 8/],
  ];
  for (const [name, pattern] of cases) {
    it(name, () => {
      assert.throws(
        () => readWeightFile(file(name), name),
        (error: Error) => {
          assert.match(error.message, pattern);
          return error.name === 'WeightFileError';
        },
      );
    });
  }
  it('a file that is neither format', () => {
    assert.throws(() => readWeightFile(new TextEncoder().encode('hello world, not weights'), 'x.bin'), /not a \.safetensors file or a PyTorch zip checkpoint/);
  });
});

describe('deterministic default init', () => {
  const stats = JSON.parse(readFileSync(join(dir, 'init_stats.json'), 'utf8')) as { kind: string; args: BoundArgs; maxWeight: number; maxBias: number; weightShape: number[] }[];
  for (const s of stats) {
    it(`${s.kind} follows PyTorch's bound and is stable`, () => {
      const a = defaultLayerWeights(s.kind, s.args, 'net.layer');
      const b = defaultLayerWeights(s.kind, s.args, 'net.layer');
      assert.deepEqual([...(a.weight?.shape ?? [])], s.weightShape);
      assert.deepEqual(a.weight?.data, b.weight?.data);
      const maxOf = (data: Float32Array | undefined): number => (data ? data.reduce((m, v) => Math.max(m, Math.abs(v)), 0) : 0);
      // PyTorch's observed max approaches the bound from below; ours must too (2% slack).
      const ours = maxOf(a.weight?.data);
      assert.ok(ours <= s.maxWeight * 1.02 && ours >= s.maxWeight * 0.98, `weight max ${ours} vs torch ${s.maxWeight}`);
      assert.ok(maxOf(a.bias?.data) <= s.maxWeight * 1.02, 'bias within the same bound');
      assert.notDeepEqual(defaultLayerWeights(s.kind, s.args, 'net.other').weight?.data, a.weight?.data);
    });
  }
});
