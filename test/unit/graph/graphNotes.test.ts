/**
 * What the graph cannot follow is said, not guessed: a tensor forward() makes or reads
 * (a parameter, `torch.zeros`) is a source node with a note, a call the preview does not
 * compute has a note and no output, and shapes downstream stay as the analysis knows them.
 */
import * as assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import type { ModelGraph } from '../../../src/engine/graph/modelGraph';

const source = `import torch
import torch.nn as nn


class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.scale = nn.Parameter(torch.ones(1, 4, 1, 1))
        self.head = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        y = self.conv(x) * self.scale
        y = y.cumsum(1)
        return self.head(y)


Scaled()(torch.randn(1, 3, 8, 8))
`;

describe('graph nodes the preview cannot compute', () => {
  let graph: ModelGraph;
  before(async () => {
    graph = (await analyzeSource(source, 'python')).models[0].graph!;
  });

  it('a parameter read in forward() is a source node with a note', () => {
    const multiply = graph.nodes.find((node) => node.id === 'mul:1')!;
    assert.deepEqual(
      multiply.inputs.map((input) => input.node),
      ['conv', 'tensor:1'],
    );
    const parameter = graph.nodes.find((node) => node.id === 'tensor:1')!;
    assert.equal(parameter.output, null);
    assert.match(parameter.note!, /parameter/);
    assert.deepEqual(multiply.output, [1, 4, 8, 8]);
  });

  it('an op without a node kind has a note and no output; the layer after it keeps its shape', () => {
    const cumsum = graph.nodes.find((node) => node.kind === 'cumsum')!;
    assert.equal(cumsum.output, null);
    assert.equal(cumsum.note, '.cumsum() is not computed by the preview');
    const head = graph.nodes.find((node) => node.id === 'head')!;
    assert.deepEqual(head.inputs, [{ node: cumsum.id }]);
    assert.deepEqual(head.output, [1, 2, 8, 8]);
  });
});

describe('in-place tensor methods', () => {
  it('x.relu_() as a statement: the next layer reads the relu, not the tensor before it', async () => {
    const inPlace = `import torch
import torch.nn as nn


class InPlace(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3)
        self.conv2 = nn.Conv2d(4, 4, 3)

    def forward(self, x):
        x = self.conv1(x)
        x.relu_()
        x.mul_(2)
        return self.conv2(x)


InPlace()(torch.randn(1, 3, 8, 8))
`;
    const graph = (await analyzeSource(inPlace, 'python')).models[0].graph!;
    assert.deepEqual(
      graph.nodes.map((node) => `${node.id} <- ${node.inputs.map((input) => input.node).join(',')}`),
      ['input <- ', 'conv1 <- input', 'relu:1 <- conv1', 'mul:1 <- relu:1', 'conv2 <- mul:1'],
    );
  });
});
