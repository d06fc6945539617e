/**
 * The residual add + ReLU fusion of graph runs against the add op and the activation run one
 * by one, and the plan that picks which adds fuse.
 */
import * as assert from 'node:assert/strict';
import type { ModelGraph } from '../../../src/engine/graph/modelGraph';
import { node } from './fusionFixtures';
import { addActivate, planAddActivations } from '../../../src/engine/kernels/addFusion';
import { runActivation } from '../../../src/engine/kernels/activations';
import { runOp } from '../../../src/engine/kernels/ops/runOp';
import { runGraph } from '../../../src/engine/kernels/runGraph';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import { seededUniform } from '../../../src/engine/weights/defaultInit';

const shape = [1, 4, 6, 6];
function tensor(seed: number, special = false): Tensor {
  const random = seededUniform(seed);
  const data = Float32Array.from({ length: 144 }, () => (random() - 0.5) * 20);
  // Values the two paths could treat differently: NaN, infinities, a sum of exactly zero, -0.
  if (special) data.set([NaN, Infinity, -Infinity, -0, 3.5, 1e-30]);
  return { shape, data };
}
const a = tensor(1, true);
const b = { ...tensor(2), data: tensor(2).data.map((v, i) => (i === 4 ? -3.5 : i === 3 ? -0 : v)) };

/** add then activation as two separate kernels (what runs without the fusion). */
function unfused(kind: 'ReLU' | 'ReLU6'): [Tensor, Tensor] {
  const [sum] = runOp({ kind: 'add', args: {}, outputs: [shape], layout: 'channels-first' }, [a, b]);
  return [sum, runActivation(kind, {}, sum, {})];
}

describe('residual add + activation fusion', () => {
  for (const [activation, kind] of [
    ['relu', 'ReLU'],
    ['relu6', 'ReLU6'],
  ] as const) {
    it(`${kind}: both maps bit for bit as the add and the activation one by one`, () => {
      const [sum, activated] = addActivate(a, b, activation);
      const [expectedSum, expectedActivated] = unfused(kind);
      assert.deepEqual([...sum.shape], shape);
      assert.deepEqual(sum.data, expectedSum.data);
      assert.deepEqual(activated.data, expectedActivated.data);
    });
  }

  const graph = (reluInputs: string[], addInputs = ['x', 'y']): ModelGraph => ({
    layout: 'channels-first',
    nodes: [
      node('x', 'input', [], shape),
      node('y', 'input', [], shape),
      node('add:1', 'add', addInputs, shape),
      node('relu', 'ReLU', reluInputs, shape, { args: { inplace: true } }),
    ],
    outputs: [{ node: 'relu' }],
  });

  it('plans an add whose next node is a ReLU reading only the sum', () => {
    assert.deepEqual([...planAddActivations(graph(['add:1']))], [[2, 'relu']]);
    assert.equal(planAddActivations(graph(['x'])).size, 0, 'a ReLU of something else');
    assert.equal(planAddActivations(graph(['add:1'], ['x'])).size, 0, 'an add with a scalar');
    const withAlpha = graph(['add:1']);
    const scaled: ModelGraph = { ...withAlpha, nodes: withAlpha.nodes.map((n) => (n.kind === 'add' ? { ...n, args: { alpha: 2 } } : n)) };
    assert.equal(planAddActivations(scaled).size, 0, 'add with alpha');
  });

  it('a graph run gives the same maps fused as the two kernels give', async () => {
    const result = await runGraph(graph(['add:1']), [a, b], new Map());
    const [expectedSum, expectedActivated] = unfused('ReLU');
    assert.deepEqual(result.outputs.get('add:1')?.[0].data, expectedSum.data);
    assert.deepEqual(result.outputs.get('relu')?.[0].data, expectedActivated.data);
  });

  it('a broadcasting add runs unfused, with the right maps', async () => {
    const bias: Tensor = { shape: [1, 4, 1, 1], data: Float32Array.of(1, -2, 3, -4) };
    const broadcast: ModelGraph = {
      layout: 'channels-first',
      nodes: [node('x', 'input', [], shape), node('y', 'input', [], [1, 4, 1, 1]), node('add:1', 'add', ['x', 'y'], shape), node('relu', 'ReLU', ['add:1'], shape)],
      outputs: [{ node: 'relu' }],
    };
    const result = await runGraph(broadcast, [a, bias], new Map());
    const [sum] = runOp({ kind: 'add', args: {}, outputs: [shape], layout: 'channels-first' }, [a, bias]);
    assert.deepEqual(result.outputs.get('relu')?.[0].data, runActivation('ReLU', {}, sum, {}).data);
  });
});
