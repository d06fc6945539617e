/**
 * Real models run as PyTorch runs them: torchvision's ResNet-18/50, MobileNetV2, MobileNetV3-Small,
 * DenseNet-121 and GoogLeNet built through torchvision's own source, and the real corpus's U-Net,
 * MNIST LeNet and DCGAN generator. Each goes through the CLI's `run --dump` (model loading,
 * which follows the imports, the weight file reader, the graph runner, the dump) with seeded
 * weights and input written as safetensors files, and every node's output is compared with PyTorch's summary of
 * it (tools/golden/real_graph_activations.py: shape, mean, std, min, max and 32 seeded samples,
 * torch.fx's Interpreter on the same weights), within 1e-4 of the node's largest magnitude.
 * A node that does not run must be listed below with its reason.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import { readSafetensors, writeSafetensors } from '../../../src/engine/weights/safetensors';
import { runDump } from '../../../src/cli/runDump';
import { fixturesRoot, repoRoot } from '../../support/paths';
import { seededTensor, seededUniform } from '../../support/seededTensors';

interface NodeSummary {
  readonly shape: number[];
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number[];
}

interface RealGraphTruth {
  readonly source: string;
  readonly pythonPath: string | null;
  readonly input: number[];
  readonly seed: number;
  readonly weights: [string, number[]][];
  readonly nodes: Record<string, NodeSummary>;
}

/** Nodes without a kernel yet, per model: where each branch stops and why. A new kernel makes its entry fail: move it to the compared nodes. */
const expectedStops: Readonly<Record<string, Readonly<Record<string, RegExp>>>> = {};

const folder = path.join(fixturesRoot, 'torch', 'realGraphs');
const models = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

/** Why `ours` differs from PyTorch's summary by more than 1e-4 of the output's scale, or undefined. */
function mismatch(ours: Tensor, truth: NodeSummary, id: string): string | undefined {
  if (ours.shape.join(',') !== truth.shape.join(',')) return `shape [${ours.shape.join(', ')}], PyTorch [${truth.shape.join(', ')}]`;
  const tolerance = 1e-4 * Math.max(Math.abs(truth.min), Math.abs(truth.max), 1e-6);
  const data = ours.data;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of data) {
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const mean = sum / data.length;
  let squares = 0;
  for (const value of data) squares += (value - mean) ** 2;
  const positions = seededUniform(`sample:${id}`, truth.samples.length, 16).map((u) => Math.floor(u * data.length));
  const pairs: [string, number, number][] = [
    ['mean', mean, truth.mean],
    ['std', Math.sqrt(squares / data.length), truth.std],
    ['min', min, truth.min],
    ['max', max, truth.max],
    ...truth.samples.map((value, k): [string, number, number] => [`[${positions[k]}]`, data[positions[k]], value]),
  ];
  const bad = pairs.filter(([, got, want]) => !(Math.abs(got - want) <= tolerance));
  return bad.length === 0 ? undefined : bad.map(([what, got, want]) => `${what} ${got} vs ${want}`).join(', ') + ` (tolerance ${tolerance})`;
}

/** Runs `action` with what it writes to stdout captured. */
async function printedBy(action: () => Promise<number>): Promise<{ code: number; printed: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    return { code: await action(), printed: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

describe('real models run their dataflow graphs as PyTorch computes them', function () {
  this.timeout(120000);
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'real-graphs-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('covers the real models', () => assert.ok(models.length >= 9, models.join(', ')));

  for (const name of models) {
    it(`${name}: every node matches PyTorch within 1e-4 of its scale, or stops where listed`, async () => {
      const truth = JSON.parse(readFileSync(path.join(folder, `${name}.json`), 'utf8')) as RealGraphTruth;
      const weights = new Map(truth.weights.map(([key, shape]) => [key, seededTensor(key, shape, truth.seed)]));
      const weightsPath = path.join(scratch, `${name}.safetensors`);
      writeFileSync(weightsPath, writeSafetensors(weights));
      const inputPath = path.join(scratch, `${name}_input.safetensors`);
      writeFileSync(inputPath, writeSafetensors(new Map([['input', seededTensor('input', truth.input, truth.seed)]])));
      const dumpPath = path.join(scratch, `${name}_dump.safetensors`);
      const pythonPaths = truth.pythonPath ? [path.join(repoRoot, truth.pythonPath)] : [];
      // Generous: a loaded machine must not cut the analysis of torchvision's source short.
      const options = { weights: weightsPath, pythonPaths, timeBudgetMs: 20000, inputTensor: inputPath, dump: dumpPath };
      const { code, printed } = await printedBy(() => runDump([path.join(folder, truth.source)], options));
      assert.match(printed, / 0 missing /, 'every weight comes from the file');
      const dumped = readSafetensors(new Uint8Array(readFileSync(dumpPath)));
      // `run` names where each branch stopped and why; the nodes downstream are left out of the dump.
      const stoppedAt = new Map([...printed.matchAll(/^note: stopped at (\S+): (.*)$/gm)].map((found) => [found[1], found[2]]));
      assert.equal(code, stoppedAt.size > 0 ? 1 : 0, printed);
      const expected = expectedStops[name] ?? {};
      const failures: string[] = [];
      let matched = 0;
      for (const [id, summary] of Object.entries(truth.nodes)) {
        const ours = dumped.get(id);
        if (!ours) {
          if (stoppedAt.size === 0) failures.push(`${id}: not computed, and no branch stopped`);
          continue;
        }
        const problem = mismatch(ours, summary, id);
        if (problem) failures.push(`${id}: ${problem}`);
        else matched++;
      }
      for (const [id, reason] of stoppedAt) {
        if (!expected[id]) failures.push(`${id} stopped unexpectedly: ${reason}`);
        else if (!expected[id].test(reason)) failures.push(`${id} stopped for another reason: ${reason}`);
      }
      for (const id of Object.keys(expected)) if (!stoppedAt.has(id)) failures.push(`${id} was expected to stop and did not`);
      const total = Object.keys(truth.nodes).length;
      assert.deepEqual(failures.slice(0, 8), [], `${name}: ${matched}/${total} nodes match, ${failures.length} problems`);
      const extra = [...dumped.keys()].filter((id) => !Object.hasOwn(truth.nodes, id));
      assert.deepEqual(extra, [], `${name}: outputs of nodes torch.fx does not have`);
    });
  }
});
