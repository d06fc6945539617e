/**
 * The main path of analysed dataflow graphs (the whole-model strip follows it): a residual
 * block keeps its convs and leaves the shortcut, a U-Net's cat is entered from the decoder,
 * a split model follows the longer branch, and ops that keep the shape are left out.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longestPathToOutput, mainPath } from '../../../src/engine/graph/mainPath';
import type { ModelGraph } from '../../../src/engine/graph/modelGraph';
import { analyzePythonSource } from '../../support/analyze';

async function graphOf(source: string, name?: string): Promise<ModelGraph> {
  const analysis = await analyzePythonSource(source);
  const model = name ? analysis.models.find((m) => m.name === name) : analysis.models[0];
  assert.ok(model?.graph, 'the model has a graph');
  return model.graph;
}

const ids = (nodes: readonly { id: string }[]): string[] => nodes.map((node) => node.id);

describe('mainPath', function () {
  this.timeout(30000);

  it('a residual block: through both convs, not along the shortcut; relu and add keep the shape and are left out', async () => {
    const graph = await graphOf(`
import torch
import torch.nn as nn
import torch.nn.functional as F

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.conv1 = nn.Conv2d(8, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.head = nn.Conv2d(8, 4, 1)

    def forward(self, x):
        x = self.stem(x)
        y = F.relu(self.conv1(x))
        y = self.conv2(y)
        x = F.relu(x + y)
        return torch.flatten(self.head(x), 1)

model = Block()
model(torch.randn(1, 3, 16, 16))
`);
    const full = ids(longestPathToOutput(graph));
    assert.equal(full[0], 'input');
    assert.ok(full.includes('conv1') && full.includes('conv2'), full.join(' '));
    const add = graph.nodes.find((node) => node.kind === 'add');
    assert.ok(add && full.includes(add.id), 'the add is on the path');
    const shown = mainPath(graph);
    assert.deepEqual(
      shown.map((node) => node.id).filter((id) => !id.startsWith('flatten')),
      ['stem', 'conv1', 'conv2', 'head'],
    );
    // flatten changes the shape: it stays, last.
    assert.equal(shown[shown.length - 1].kind, 'Flatten');
  });

  it('a Keras U-Net: each Concatenate is entered from the upsampling side, and every encoder stage is on the path', async () => {
    const source = readFileSync(join(__dirname, '..', '..', 'fixtures', 'graphs', 'keras', 'unet.py'), 'utf8');
    const graph = await graphOf(source, 'unet');
    const path = ids(longestPathToOutput(graph));
    const at = (id: string) => path.indexOf(id);
    assert.ok(at('up_sampling2d') >= 0 && at('up_sampling2d') === at('concatenate') - 1, path.join(' '));
    assert.ok(at('conv2d_transpose') >= 0 && at('conv2d_transpose') === at('concatenate_1') - 1, path.join(' '));
    assert.ok(at('max_pooling2d') >= 0 && at('max_pooling2d_1') > at('max_pooling2d'));
    assert.equal(path[path.length - 1], graph.outputs[0].node);
    // Every node shown is a layer (Keras merges are layers too).
    assert.ok(mainPath(graph).every((node) => node.origin === 'layer'));
  });

  it('a split: follows the deeper branch to the output', async () => {
    const graph = await graphOf(`
import torch
import torch.nn as nn

class Split(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 1)
        self.deep1 = nn.Conv2d(4, 4, 3, padding=1)
        self.deep2 = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        a, b = torch.chunk(self.stem(x), 2, dim=1)
        return torch.cat([a, self.deep2(self.deep1(b))], dim=1)

model = Split()
model(torch.randn(1, 3, 8, 8))
`);
    const shown = ids(mainPath(graph));
    const split = graph.nodes.find((node) => node.kind === 'split');
    const cat = graph.nodes.find((node) => node.kind === 'cat');
    assert.ok(split && cat);
    // The split halves the channels and cat doubles them: both change the shape.
    assert.deepEqual(shown, ['stem', split.id, 'deep1', 'deep2', cat.id]);
  });

  it('a graph without outputs has no main path', () => {
    assert.deepEqual(mainPath({ layout: 'channels-first', nodes: [], outputs: [] }), []);
  });
});
