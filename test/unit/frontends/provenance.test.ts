/**
 * A feature-map preview replays only the recorded layers. When forward() changes a tensor
 * between two of them (torch.relu, a residual add) the later record says so, and the
 * replay stops there instead of showing values PyTorch would not compute; reshapes
 * (view, flatten) keep the values and do not stop it.
 */
import { strict as assert } from 'node:assert';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { computeFeatureMaps } from '../../../src/engine/kernels/computeFeatureMaps';
import { zeros } from '../../../src/engine/kernels/tensor';

const source = `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3)
        self.conv2 = nn.Conv2d(4, 4, 3)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(4 * 2 * 2, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = self.conv2(torch.relu(x))
        x = self.pool(x)
        return self.fc(x.view(x.size(0), -1))


chain = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.Conv2d(4, 4, 3))

if __name__ == '__main__':
    Net()(torch.randn(1, 3, 8, 8))
    chain(torch.randn(1, 3, 8, 8))
`;

describe('records say when forward() changed a tensor between layers', () => {
  it('flags the layer after torch.relu, not the ones after a layer or a view', async () => {
    const analysis = await analyzeSource(source, 'python');
    const net = analysis.models.find((model) => model.name === 'Net')!;
    assert.deepEqual(
      net.layers.map((layer) => [layer.path, layer.inputFromPrevious]),
      [
        ['conv1', true],
        ['conv2', false],
        ['pool', true],
        ['fc', true],
      ],
    );
    const chain = analysis.models.find((model) => model.name === 'chain')!;
    assert.ok(chain.layers.every((layer) => layer.inputFromPrevious === true));
  });

  it('the preview stops at the flagged layer with a message saying why', async () => {
    const analysis = await analyzeSource(source, 'python');
    const net = analysis.models.find((model) => model.name === 'Net')!;
    const result = await computeFeatureMaps({ layers: net.layers, input: zeros([1, 3, 8, 8]) });
    assert.equal(result.failure?.path, 'conv2');
    assert.match(result.failure!.message, /torch\.relu/);
    assert.deepEqual([...result.outputs.keys()], ['conv1']);
  });
});
