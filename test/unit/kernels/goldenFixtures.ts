/**
 * Loads the PyTorch golden cases written by tools/golden/kernel_cases.py.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import type { BoundArgs } from '../../../src/engine/types';

interface StoredTensor {
  readonly shape: number[];
  readonly offset: number;
}

interface StoredCase {
  readonly name: string;
  readonly kind: string;
  readonly args: BoundArgs;
  readonly input: StoredTensor;
  readonly weights: Record<string, StoredTensor>;
  readonly output: StoredTensor;
}

export interface GoldenCase {
  readonly name: string;
  readonly kind: string;
  readonly args: BoundArgs;
  readonly input: Tensor;
  readonly weights: Record<string, Tensor>;
  readonly expected: Tensor;
}

const fixtureDir = join(__dirname, '..', '..', 'fixtures', 'kernels');

interface StoredJoin {
  readonly name: string;
  readonly op: 'add' | 'cat';
  readonly dim: number | null;
  readonly inputs: StoredTensor[];
  readonly output: StoredTensor;
}

/** A residual add or torch.cat case. */
export interface GoldenJoin {
  readonly name: string;
  readonly op: 'add' | 'cat';
  readonly dim: number;
  readonly inputs: Tensor[];
  readonly expected: Tensor;
}

function loadManifest(): { cases: StoredCase[]; joins: StoredJoin[]; tensor: (stored: StoredTensor) => Tensor } {
  const manifest = JSON.parse(readFileSync(join(fixtureDir, 'cases.json'), 'utf8')) as { cases: StoredCase[]; joins: StoredJoin[] };
  const bytes = readFileSync(join(fixtureDir, 'cases.bin'));
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const tensor = (stored: StoredTensor): Tensor => {
    const size = stored.shape.reduce((a, b) => a * b, 1);
    return { shape: stored.shape, data: all.slice(stored.offset, stored.offset + size) };
  };
  return { ...manifest, tensor };
}

/** The add / cat cases. */
export function loadGoldenJoins(): GoldenJoin[] {
  const { joins, tensor } = loadManifest();
  return joins.map((j) => ({ name: j.name, op: j.op, dim: j.dim ?? 0, inputs: j.inputs.map(tensor), expected: tensor(j.output) }));
}

/** Every golden case, tensors materialised. */
export function loadGoldenCases(): GoldenCase[] {
  const manifest = loadManifest();
  const tensor = manifest.tensor;
  return manifest.cases.map((c) => ({
    name: c.name,
    kind: c.kind,
    args: c.args,
    input: tensor(c.input),
    weights: Object.fromEntries(Object.entries(c.weights).map(([name, t]) => [name, tensor(t)])),
    expected: tensor(c.output),
  }));
}

/** Largest |a - b| and the output scale (largest |expected|). */
export function compareTensors(actual: Tensor, expected: Tensor): { maxError: number; scale: number } {
  let maxError = 0;
  let scale = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const diff = Math.abs(actual.data[i] - expected.data[i]);
    maxError = Math.max(maxError, Number.isNaN(diff) ? Infinity : diff);
    scale = Math.max(scale, Math.abs(expected.data[i]));
  }
  return { maxError, scale };
}

/** The bound: max absolute error within 1e-4 of the output scale. */
export function tolerance(scale: number): number {
  return 1e-4 * Math.max(scale, 1e-3);
}
