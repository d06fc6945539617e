/**
 * `conv-inspector run --dump` and `preview` as a user runs them (the dist/cli.js bundle,
 * with dist/kernels.wasm): layer-by-layer agreement with PyTorch's own activations of
 * example models with real-weight checkpoints (tools/golden/feature_dump_cases.py),
 * hostile weight files, the memory budget, and the PNG files `preview` writes.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decode } from 'fast-png';
import { readSafetensors } from '../../../src/engine/weights/safetensors';

const cliPath = resolve(__dirname, '../../../dist/cli.js');
const fixtures = resolve(__dirname, '../../fixtures/featuremaps');
const weightFixtures = resolve(__dirname, '../../fixtures/weights');
const scratch = mkdtempSync(join(tmpdir(), 'conv-inspector-fm-'));
/** What the hostile pickles try to create; the reader must never run them. */
const pwnedMarker = '/tmp/conv_inspector_pwned';

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readTensors(path: string) {
  return readSafetensors(new Uint8Array(readFileSync(path)));
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('CLI run --dump against PyTorch activations (real-weight checkpoints)', () => {
  it('a model with functional ops: each node is keyed by its id, and what ran matches torch.fx', () => {
    const graphs = resolve(__dirname, '../../fixtures/torch/graphs');
    const dump = join(scratch, 'lenet_graph.safetensors');
    const { code, stdout } = runCli(
      'run',
      join(graphs, 'lenet.py'),
      '--input-tensor',
      join(graphs, 'lenet_input.safetensors'),
      '--weights',
      join(graphs, 'lenet.pt'),
      '--dump',
      dump,
    );
    const actual = readTensors(dump);
    const expected = readTensors(join(graphs, 'lenet_activations.safetensors'));
    // Exit 1 exactly when some node did not run (an op without a kernel), which the notes name.
    assert.equal(code, actual.size === expected.size ? 0 : 1, stdout);
    assert.match(stdout, new RegExp(`wrote .*: ${actual.size} of ${expected.size} node outputs of 'LeNet'`));
    for (const key of ['conv1', 'relu:1', 'maxpool2d:1', 'conv2', 'relu:2', 'maxpool2d:2']) assert.ok(actual.has(key), [...actual.keys()].join(', '));
    for (const [key, mine] of actual) {
      const truth = expected.get(key)!;
      assert.ok(truth, `${key} is a node of torch.fx's trace`);
      const scale = truth.data.reduce((max, value) => Math.max(max, Math.abs(value)), 1);
      const error = truth.data.reduce((max, value, i) => Math.max(max, Math.abs(value - mine.data[i])), 0);
      assert.ok(error <= 1e-4 * scale, `${key}: ${error}`);
    }
  });

  for (const name of ['small_cnn', 'dilated_transposed', 'depthwise_separable']) {
    it(`${name}: every layer matches PyTorch within 1e-4 of the output scale`, () => {
      const dump = join(scratch, `${name}.safetensors`);
      const { code, stdout, stderr } = runCli(
        'run',
        join(fixtures, `${name}.py`),
        '--input-tensor',
        join(fixtures, `${name}_input.safetensors`),
        '--weights',
        join(fixtures, `${name}.pt`),
        '--dump',
        dump,
      );
      assert.equal(code, 0, stderr);
      assert.match(stdout, /tensor\(s\) matched, 0 missing/);
      const expected = readTensors(join(fixtures, `${name}_expected.safetensors`));
      const actual = readTensors(dump);
      assert.deepEqual([...actual.keys()], [...expected.keys()], 'one output per layer, keyed by the module path PyTorch uses');
      for (const [path, truth] of expected) {
        const mine = actual.get(path);
        assert.ok(mine, `layer ${path} missing from the dump`);
        assert.deepEqual([...mine.shape], [...truth.shape], `shape of layer ${path}`);
        let maxError = 0;
        let scale = 0;
        for (let i = 0; i < truth.data.length; i++) {
          const diff = Math.abs(mine.data[i] - truth.data[i]);
          maxError = Math.max(maxError, Number.isNaN(diff) ? Infinity : diff);
          scale = Math.max(scale, Math.abs(truth.data[i]));
        }
        assert.ok(maxError <= 1e-4 * Math.max(scale, 1e-3), `layer ${path}: max abs error ${maxError} at output scale ${scale}`);
      }
    });
  }

  it('the same checkpoint without --weights runs on default init and says so (and differs from PyTorch)', () => {
    const dump = join(scratch, 'default.safetensors');
    const { code, stdout } = runCli('run', join(fixtures, 'small_cnn.py'), '--input-tensor', join(fixtures, 'small_cnn_input.safetensors'), '--dump', dump);
    assert.equal(code, 0);
    assert.match(stdout, /deterministic default init/);
    const expected = readTensors(join(fixtures, 'small_cnn_expected.safetensors')).get('9');
    const actual = readTensors(dump).get('9');
    assert.ok(expected && actual && actual.data.some((v, i) => Math.abs(v - expected.data[i]) > 1e-3));
  });
});

describe('CLI feature maps: hostile and unusable inputs', () => {
  before(() => rmSync(pwnedMarker, { force: true }));
  const model = join(fixtures, 'small_cnn.py');
  const input = join(fixtures, 'small_cnn_input.safetensors');

  for (const [file, pattern] of [
    ['hostile_os_system.pt', /refused checkpoint: it references the global 'posix\.system'.*nothing was executed/],
    ['hostile_eval.pt', /refused checkpoint: it references the global '__builtin__\.eval'/],
    ['hostile_inst.pt', /refused checkpoint: pickle opcode .* is not allowed/],
    ['hostile_truncated.pt', /invalid PyTorch checkpoint: .*(damaged|truncated)/],
    ['hostile_truncated.safetensors', /invalid \.safetensors file: .*runs past the end/],
    ['hostile_bad_json.safetensors', /invalid \.safetensors file: header is not valid/],
  ] as const) {
    it(`${file}: clear error, exit 2, nothing executed, nothing written`, () => {
      const dump = join(scratch, `${file}.out`);
      const { code, stderr } = runCli('run', model, '--input-tensor', input, '--weights', join(weightFixtures, file), '--dump', dump);
      assert.equal(code, 2, stderr);
      assert.match(stderr, /^conv-inspector: /);
      assert.match(stderr, pattern);
      assert.doesNotMatch(stderr, /\n\s+at /, 'a message, not a stack trace');
      assert.equal(existsSync(pwnedMarker), false, 'the pickle payload ran');
      assert.equal(existsSync(dump), false);
    });
  }

  it('missing weight file, missing input tensor: exit 2 with the path', () => {
    const missing = runCli('run', model, '--input-tensor', input, '--weights', join(scratch, 'nope.pt'), '--dump', join(scratch, 'x'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.pt: no such weight file/);
    const noInput = runCli('run', model, '--dump', join(scratch, 'x'));
    assert.equal(noInput.code, 2);
    assert.match(noInput.stderr, /--input-tensor/);
  });

  it('refuses an over-budget activation with a message naming its size (exit 2)', () => {
    const file = join(scratch, 'wide.py');
    writeFileSync(file, 'import torch.nn as nn\n\nmodel = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU())\n');
    const { code, stderr } = runCli('preview', file, '--input', '1,3,4096,4096', '--out', join(scratch, 'wide'));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /0: activation \[1, 64, 4096, 4096\] needs 4096 MB \(float32\), over the 256 MB feature-map budget/);
    assert.equal(existsSync(join(scratch, 'wide')), false);
  });

  it('an unknown input shape is a clear error', () => {
    const file = join(scratch, 'noinput.py');
    writeFileSync(
      file,
      'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.conv = nn.Conv2d(c, 8, 3)\n\n    def forward(self, x):\n        return self.conv(x)\n',
    );
    const { code, stderr } = runCli('preview', file, '--out', join(scratch, 'noinput'));
    assert.equal(code, 2, stderr);
    assert.match(stderr, /input shape|no model/);
  });
});

describe('CLI preview', () => {
  it('writes one valid PNG per layer plus strip.png and names what it did', () => {
    const out = join(scratch, 'preview');
    const { code, stdout, stderr } = runCli('preview', join(fixtures, 'small_cnn.py'), '--weights', join(fixtures, 'small_cnn.pt'), '--out', out);
    assert.equal(code, 0, stderr);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, ['0_0.png', '1_1.png', '2_2.png', '3_3.png', '4_4.png', '5_5.png', '6_6.png', '7_7.png', '8_8.png', '9_9.png', 'strip.png']);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(join(out, file)));
      assert.deepEqual([...bytes.subarray(0, 8)], pngSignature, `${file} has the PNG signature`);
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      const [width, height] = [view.getUint32(16), view.getUint32(20)];
      const image = decode(bytes);
      assert.ok(width > 0 && height > 0);
      assert.deepEqual([image.width, image.height, image.data.length], [width, height, width * height * 4], `${file} decodes to its IHDR size`);
    }
    // The first conv has 8 channels of 32x32: 8 thumbnails cannot fit in fewer pixels than this.
    const first = decode(new Uint8Array(readFileSync(join(out, '0_0.png'))));
    assert.ok(first.width * first.height >= 8 * 32 * 32);
    assert.match(stdout, /wrote .*strip\.png/);
    assert.match(stdout, /note: image: resized from 224x224 to 32x32/);
    assert.match(stdout, /13 tensor\(s\) matched/);
  });

  it('a node the preview cannot compute stops only its branch: the other branch and everything upstream are written', () => {
    const file = join(scratch, 'two_branches.py');
    writeFileSync(
      file,
      [
        'import torch',
        'import torch.nn as nn',
        '',
        'class TwoBranches(nn.Module):',
        '    def __init__(self):',
        '        super().__init__()',
        '        self.stem = nn.Conv2d(3, 4, 3, padding=1)',
        '        self.left = nn.Conv2d(4, 4, 1)',
        '        self.right = nn.Conv2d(4, 4, 1)',
        '',
        '    def forward(self, x):',
        '        x = torch.relu(self.stem(x))',
        '        return self.left(x.cumsum(1)), self.right(x)',
        '',
        'TwoBranches()(torch.randn(1, 3, 16, 16))',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = runCli('preview', file, '--out', join(scratch, 'branches'));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /note: 3 of 5 nodes computed, 2 not/);
    assert.match(stdout, /note: stopped at cumsum:1: \.cumsum\(\) is not computed by the preview/);
    const written = readdirSync(join(scratch, 'branches'));
    for (const name of ['stem', 'relu_1', 'right'])
      assert.ok(
        written.some((file) => file.endsWith(`_${name}.png`)),
        `${name}: ${written.join(', ')}`,
      );
    assert.ok(!written.some((file) => file.endsWith('_left.png')), 'the branch after cumsum is not written');
  });
});
