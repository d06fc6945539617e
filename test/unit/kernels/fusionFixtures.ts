/**
 * Seeded inputs and weights for the conv-epilogue tests: a BatchNorm with non-trivial
 * statistics (so it is not an identity) and inputs with both signs (so ReLU6 clips both ends);
 * and graph nodes written in one line, for the graph-run tests.
 */
import { strict as assert } from 'node:assert';
import type { GraphNode } from '../../../src/engine/graph/modelGraph';
import type { LayerWeights, Tensor } from '../../../src/engine/kernels/tensor';

function seeded(length: number, seed: number, scale: number, offset = 0): Float32Array {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state / 2 ** 32 - 0.5) * scale + offset;
  });
}

/** Input `[1, cin, size, size]`, conv weights and bias, and BatchNorm weights for `cout` channels. */
export function activationTestWeights(cin: number, cout: number, size: number, k: number, groups: number): { input: Tensor; conv: LayerWeights; norm: LayerWeights } {
  const vector = (seed: number, scale: number, offset = 0): Tensor => ({ shape: [cout], data: seeded(cout, seed, scale, offset) });
  return {
    input: { shape: [1, cin, size, size], data: seeded(cin * size * size, 1, 8) },
    conv: { weight: { shape: [cout, cin / groups, k, k], data: seeded((cout * cin * k * k) / groups, 2, 2) }, bias: vector(3, 1) },
    norm: { running_mean: vector(4, 1), running_var: vector(5, 1, 1), weight: vector(6, 2, 1.5), bias: vector(7, 4) },
  };
}

/** Same shape, and every value within 1e-5 of the reference's scale. */
export function closeTo(actual: Tensor, expected: Tensor): void {
  assert.deepEqual(actual.shape, expected.shape);
  let scale = 0;
  for (const v of expected.data) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < expected.data.length; i++) {
    if (Math.abs(actual.data[i] - expected.data[i]) > 1e-5 * (scale || 1)) assert.fail(`value ${i}: ${actual.data[i]} vs ${expected.data[i]} (scale ${scale})`);
  }
}

/** A graph node: origin from the kind's spelling (input, a layer class, else an operator). */
export const node = (id: string, kind: string, inputs: string[], output: number[] | null, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  kind,
  origin: kind === 'input' ? 'input' : /^[A-Z]/.test(kind) ? 'layer' : 'operator',
  inputs: inputs.map((name) => ({ node: name })),
  args: {},
  output,
  range: null,
  ...extra,
});
