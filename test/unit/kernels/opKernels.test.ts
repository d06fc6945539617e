/**
 * The op kernels (tensor operations of the dataflow graph) against PyTorch and TF.js: every
 * case of tools/golden/torch_op_kernels.py and tools/golden/tfjs_op_kernels.mjs runs through
 * `runOp` and must match within 1e-5 of the output scale; every op kind must have a kernel
 * and cases.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelGraph } from '../../../src/engine/graph/modelGraph';
import { opKinds, type OpKind } from '../../../src/engine/graph/opKinds';
import { canRunOp, runOp } from '../../../src/engine/kernels/ops/runOp';
import { KernelError, type Tensor } from '../../../src/engine/kernels/tensor';
import type { BoundArgs } from '../../../src/engine/types';
import { compareTensors } from './goldenFixtures';
import { fixturesRoot } from '../../support/paths';

interface StoredTensor {
  readonly shape: number[];
  readonly offset: number;
}

interface StoredCase {
  readonly name: string;
  readonly kind: OpKind;
  readonly args: BoundArgs;
  readonly layout: ModelGraph['layout'];
  readonly inputs: StoredTensor[];
  readonly outputs: StoredTensor[];
  /** Output shapes the analysis saw with another batch than the inputs'. */
  readonly analysed?: number[][];
  readonly batch?: { analysed: number; run: number };
}

/** A fixture's cases with their tensors read from the `.bin` beside it. */
function loadFixture(folder: string): { cases: StoredCase[]; tensor: (stored: StoredTensor) => Tensor } {
  const { cases } = JSON.parse(readFileSync(join(fixturesRoot, folder, 'opKernels.json'), 'utf8')) as { cases: StoredCase[] };
  const bytes = readFileSync(join(fixturesRoot, folder, 'opKernels.bin'));
  const blob = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const tensor = (stored: StoredTensor): Tensor => {
    const size = stored.shape.reduce((a, b) => a * b, 1);
    return { shape: stored.shape, data: blob.slice(stored.offset, stored.offset + size) };
  };
  return { cases, tensor };
}

const torch = loadFixture('torch');
const tfjs = loadFixture('tfjs');

describe('op kernels: coverage', () => {
  it('has the PyTorch cases, several per op kind', () => {
    assert.ok(torch.cases.length > 150, `only ${torch.cases.length} cases`);
    for (const kind of Object.keys(opKinds)) {
      const count = torch.cases.filter((c) => c.kind === kind).length;
      assert.ok(count >= 3, `${kind}: ${count} cases`);
    }
  });

  it('has TF.js cases for every op kind TF.js has (all but F.normalize)', () => {
    const missing = Object.keys(opKinds).filter((kind) => kind !== 'normalize' && !tfjs.cases.some((c) => c.kind === kind));
    assert.deepEqual(missing, []);
  });

  it('has a kernel for every op kind', () => {
    const missing = (Object.keys(opKinds) as OpKind[]).filter((kind) => !canRunOp(kind));
    assert.deepEqual(missing, []);
    assert.equal(canRunOp('notAnOp' as OpKind), false);
  });
});

for (const [framework, { cases, tensor }] of [
  ['PyTorch', torch],
  ['TF.js', tfjs],
] as const) {
  describe(`op kernels against ${framework}`, () => {
    for (const c of cases) {
      it(`${c.kind}: ${c.name}`, () => {
        const expected = c.outputs.map(tensor);
        const outputs = c.analysed ?? c.outputs.map((o) => o.shape);
        const actual = runOp({ kind: c.kind, args: c.args, outputs, layout: c.layout, batch: c.batch }, c.inputs.map(tensor));
        assert.equal(actual.length, expected.length, 'number of outputs');
        actual.forEach((out, i) => {
          assert.deepEqual([...out.shape], [...expected[i].shape], `output ${i} shape`);
          assert.equal(out.data.length, expected[i].data.length, `output ${i} size`);
          const { maxError, scale } = compareTensors(out, expected[i]);
          const bound = 1e-5 * Math.max(scale, 1e-3);
          assert.ok(maxError <= bound, `output ${i}: max abs error ${maxError} over ${bound} (scale ${scale})`);
        });
      });
    }
  });
}

describe('op kernels on bad input', () => {
  const call = (kind: OpKind, args: BoundArgs, outputs: number[][] = []) => ({ kind, args, outputs, layout: 'channels-first' as const });
  const ones = (...shape: number[]): Tensor => ({ shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1) });

  it('refuses shapes that do not broadcast, in PyTorch words', () => {
    assert.throws(
      () => runOp(call('add', {}), [ones(2, 3), ones(2, 4)]),
      (error: unknown) => error instanceof KernelError && error.message === 'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    );
  });

  it('refuses a reshape whose element count cannot fit', () => {
    assert.throws(() => runOp(call('reshape', {}, [[2, 5]]), [ones(1, 7)]), KernelError);
  });

  it('refuses reflect padding as wide as the axis', () => {
    assert.throws(() => runOp(call('pad', { pad: [3, 0], mode: 'reflect', value: 0 }), [ones(1, 2, 3)]), KernelError);
  });

  it('refuses a split whose sizes do not add up', () => {
    assert.throws(() => runOp(call('split', { dim: 1, sizes: [2, 2] }), [ones(1, 5)]), KernelError);
  });
});
