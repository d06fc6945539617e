import * as assert from 'node:assert/strict';
import type { GraphNode, ModelGraph } from '../../../src/engine/graph/modelGraph';
import { node } from './fusionFixtures';
import { runGraph } from '../../../src/engine/kernels/runGraph';
import { addTensors } from '../../../src/engine/kernels/dense';
import { runLayer } from '../../../src/engine/kernels/runLayer';
import { defaultLayerWeights, seededUniform } from '../../../src/engine/weights/defaultInit';

const convArgs = { in_channels: 3, out_channels: 3, kernel_size: 3, padding: 1, stride: 1, dilation: 1, groups: 1, bias: true, padding_mode: 'zeros' };
// A residual block: conv -> relu (a functional twin) -> add(relu, input); an op of unknown output with no
// kernel on one branch, a pool on an independent branch.
const graph: ModelGraph = {
  layout: 'channels-first',
  nodes: [
    node('input', 'input', [], [1, 3, 8, 8]),
    node('conv', 'Conv2d', ['input'], [1, 3, 8, 8], { args: convArgs }),
    node('relu:1', 'ReLU', ['conv'], [1, 3, 8, 8], { origin: 'function' }),
    node('add:1', 'add', ['relu:1', 'input'], [1, 3, 8, 8]),
    node('unknown:1', 'add', ['add:1'], null, { note: 'torch.einsum is not modelled' }),
    node('after', 'ReLU', ['unknown:1'], [1, 3, 8, 8]),
    node('pool', 'MaxPool2d', ['add:1'], [1, 3, 4, 4], { args: { kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false, return_indices: false } }),
  ],
  outputs: [{ node: 'after' }, { node: 'pool' }],
};
const random = seededUniform(3);
const input = { shape: [1, 3, 8, 8], data: Float32Array.from({ length: 192 }, () => random() - 0.5) };
const fallbackWeights = (graphNode: GraphNode, path: string) => defaultLayerWeights(graphNode.kind, graphNode.args, path);

describe('runGraph', () => {
  it('runs layers, functional twins and joins as PyTorch composes them', async () => {
    const result = await runGraph(graph, [input], new Map(), { fallbackWeights });
    const conv = runLayer('Conv2d', convArgs, input, defaultLayerWeights('Conv2d', convArgs, 'conv'));
    const expected = addTensors([runLayer('ReLU', {}, conv, {}), input]);
    assert.deepEqual(result.outputs.get('add:1')?.[0].data, expected.data);
    assert.deepEqual([...(result.outputs.get('pool')?.[0].shape ?? [])], [1, 3, 4, 4]);
  });

  it('stops only the branch after a node that cannot run, naming the cause', async () => {
    const result = await runGraph(graph, [input], new Map(), { fallbackWeights });
    assert.equal(result.stopped.get('unknown:1'), 'torch.einsum is not modelled');
    assert.equal(result.stopped.get('after'), 'unknown:1 before it did not run: torch.einsum is not modelled');
    assert.ok(result.outputs.has('pool'), 'an independent branch still runs');
    assert.deepEqual([...result.stopped.keys()], ['unknown:1', 'after']);
  });

  it('reuses the nodes upstream of an edit and recomputes the rest', async () => {
    const weightsByPath = new Map();
    const first = await runGraph(graph, [input], weightsByPath, { fallbackWeights });
    const edited: ModelGraph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'pool' ? { ...n, args: { ...n.args, kernel_size: 4, stride: 4 }, output: [1, 3, 2, 2] } : n)) };
    const second = await runGraph(edited, [input], weightsByPath, { fallbackWeights, previous: { graph, inputs: [input], weightsByPath, result: first } });
    assert.equal(second.reused, 4, 'input, conv, relu and add come from the previous run');
    assert.equal(second.outputs.get('conv'), first.outputs.get('conv'));
    assert.deepEqual([...(second.outputs.get('pool')?.[0].shape ?? [])], [1, 3, 2, 2]);
  });

  it('tells expand the batch the analysis assumed when the preview runs another', async () => {
    // `gate.expand(4, 3, 8, 8)` analysed at batch 4; the preview runs batch 1.
    const gated: ModelGraph = {
      layout: 'channels-first',
      nodes: [
        node('input', 'input', [], [4, 3, 8, 8]),
        node('mean:1', 'mean', ['input'], [4, 3, 1, 1], { args: { dim: [2, 3], keepdim: true } }),
        node('expand:1', 'expand', ['mean:1'], [4, 3, 8, 8]),
      ],
      outputs: [{ node: 'expand:1' }],
    };
    const result = await runGraph(gated, [input], new Map());
    assert.deepEqual([...(result.outputs.get('expand:1')?.[0].shape ?? [])], [1, 3, 8, 8]);
  });

  it('writes conv, BatchNorm and ReLU maps from one fused conv as the layers compute them one by one', async () => {
    const bnArgs = { num_features: 3, eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true };
    const fused: ModelGraph = {
      layout: 'channels-first',
      nodes: [
        node('input', 'input', [], [1, 3, 8, 8]),
        node('conv', 'Conv2d', ['input'], [1, 3, 8, 8], { args: convArgs }),
        node('bn', 'BatchNorm2d', ['conv'], [1, 3, 8, 8], { args: bnArgs }),
        node('relu:1', 'ReLU', ['bn'], [1, 3, 8, 8], { origin: 'function' }),
      ],
      outputs: [{ node: 'relu:1' }],
    };
    const result = await runGraph(fused, [input], new Map(), { fallbackWeights });
    const conv = runLayer('Conv2d', convArgs, input, defaultLayerWeights('Conv2d', convArgs, 'conv'));
    const bn = runLayer('BatchNorm2d', bnArgs, conv, defaultLayerWeights('BatchNorm2d', bnArgs, 'bn'));
    const relu = runLayer('ReLU', {}, bn, {});
    for (const [id, expected] of [
      ['conv', conv],
      ['bn', bn],
      ['relu:1', relu],
    ] as const) {
      const actual = result.outputs.get(id)?.[0].data ?? new Float32Array();
      assert.equal(actual.length, expected.data.length);
      assert.ok(
        actual.every((value, i) => Math.abs(value - expected.data[i]) <= 1e-5),
        `${id} differs`,
      );
    }
  });

  it('stops when cancelled', async () => {
    let polls = 0;
    const result = await runGraph(graph, [input], new Map(), { fallbackWeights, isCancelled: () => ++polls > 2 });
    assert.equal(result.cancelled, true);
    assert.deepEqual([...result.outputs.keys()], ['input', 'conv']);
  });

  it('keeps a node over the memory budget from running, with the size in the reason', async () => {
    const huge: ModelGraph = { ...graph, nodes: [graph.nodes[0], { ...graph.nodes[1], output: [1, 3, 100000, 1000] }] };
    const result = await runGraph(huge, [input], new Map(), { fallbackWeights });
    assert.match(result.stopped.get('conv') ?? '', /over the 256 MB feature-map budget/);
  });
});
