/**
 * Which models a file has and what each is fed: the directive, calls in `__main__`, at
 * module level and in test functions, chained models, the setting, the default. These are
 * facts about the source text; the shapes that follow are checked against PyTorch in
 * pythonSnippets.test.ts.
 */
import { strict as assert } from 'node:assert';
import type { FileAnalysis, ModelReport } from '../../../src/engine/report';
import { analyzePythonSource } from '../../support/analyze';

function model(analysis: FileAnalysis, name: string): ModelReport {
  const found = analysis.models.find((candidate) => candidate.name === name);
  assert.ok(found, `no model ${name} in ${analysis.models.map((candidate) => candidate.name).join(', ')}`);
  return found;
}

const header = 'import torch\nimport torch.nn as nn\n\n';
const netClass = `${header}class Net(nn.Module):
    def __init__(self, c=3):
        super().__init__()
        self.conv = nn.Conv2d(c, 8, 3)

    def forward(self, x):
        return self.conv(x)
`;

describe('Python front end: input discovery', () => {
  it('a directive above the model wins over a call', async () => {
    const analysis = await analyzePythonSource(`${header}# conv-inspector: input=(2, 3, 32, 32)\nnet = nn.Sequential(nn.Conv2d(3, 4, 3))\ny = net(torch.randn(1, 3, 64, 64))\n`);
    const net = model(analysis, 'net');
    assert.deepEqual(net.input, [2, 3, 32, 32]);
    assert.equal(net.inputSource, 'directive');
    assert.deepEqual(net.output, [2, 4, 30, 30]);
  });

  it('a directive on the class line, after a decorator-free comment block', async () => {
    const analysis = await analyzePythonSource(netClass.replace('class Net(nn.Module):', '# A small net.\n# conv-inspector: input=[1, 3, 20, 20]\nclass Net(nn.Module):'));
    assert.deepEqual(model(analysis, 'Net').input, [1, 3, 20, 20]);
  });

  it('x = torch.zeros(...) then model(x) in __main__', async () => {
    const analysis = await analyzePythonSource(`${netClass}\nif __name__ == '__main__':\n    model = Net()\n    x = torch.zeros(4, 3, 16, 16)\n    y = model(x)\n`);
    const net = model(analysis, 'Net');
    assert.deepEqual(net.input, [4, 3, 16, 16]);
    assert.match(net.inputSource, /^call at line \d+$/);
    assert.deepEqual(net.output, [4, 8, 14, 14]);
  });

  it('Model()(torch.ones(...)) with a tuple size, and constructor arguments of the called instance', async () => {
    const analysis = await analyzePythonSource(`${netClass}\nout = Net(c=5)(torch.ones((1, 5, 9, 9)))\n`);
    const net = model(analysis, 'Net');
    assert.deepEqual(net.input, [1, 5, 9, 9]);
    assert.deepEqual(net.layers[0].input, [1, 5, 9, 9]);
    assert.equal(net.layers[0].params, 5 * 8 * 9 + 8);
  });

  it("chained models d(g(z)) feed the second with the first one's output", async () => {
    const analysis = await analyzePythonSource(
      `${header}g = nn.Sequential(nn.ConvTranspose2d(16, 3, 4, 2, 1))\nd = nn.Sequential(nn.Conv2d(3, 1, 4))\nz = torch.rand(1, 16, 8, 8)\nscore = d(g(z))\n`,
    );
    assert.deepEqual(model(analysis, 'g').output, [1, 3, 16, 16]);
    assert.deepEqual(model(analysis, 'd').input, [1, 3, 16, 16]);
  });

  it('a call inside a test function', async () => {
    const analysis = await analyzePythonSource(`${netClass}\ndef test_shapes():\n    net = Net()\n    assert net(torch.empty(2, 3, 12, 12)).shape == (2, 8, 10, 10)\n`);
    assert.deepEqual(model(analysis, 'Net').input, [2, 3, 12, 12]);
  });

  it("the setting, then the first layer's channels at the smallest valid size; the default spatial size only when none is valid", async () => {
    const withSetting = await analyzePythonSource(netClass, { defaultInputShape: [1, 3, 40, 40] });
    assert.deepEqual(model(withSetting, 'Net').input, [1, 3, 40, 40]);
    const inferred = model(await analyzePythonSource(netClass, { defaultSpatialSize: 28 }), 'Net');
    assert.deepEqual(inferred.input, [1, 3, 3, 3]);
    assert.equal(inferred.inputSource, 'smallest valid size');
    const conv1d = await analyzePythonSource(`${header}tcn = nn.Sequential(nn.Conv1d(6, 6, 3, dilation=2))\n`);
    assert.deepEqual(model(conv1d, 'tcn').input, [1, 6, 5]);
    // 401 features are no number of 16-channel maps: no size is valid, the default size is a guess.
    const impossible = await analyzePythonSource(`${header}net = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Flatten(), nn.Linear(401, 2))\n`, { defaultSpatialSize: 28 });
    const net = model(impossible, 'net');
    assert.deepEqual(net.input, [1, 3, 28, 28]);
    assert.match(net.inputSource, /^default: the first layer's 3 input channels at 28x28 \(no valid size was found\)$/);
  });

  it('blocks built only inside another module are not models; unused top classes are', async () => {
    const analysis = await analyzePythonSource(`${header}class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return self.conv(x)

class Big(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(*[Block(4) for _ in range(3)])

    def forward(self, x):
        return self.blocks(x)

class Unused(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 2)

    def forward(self, x):
        return self.fc(x)
`);
    assert.deepEqual(
      analysis.models.map((candidate) => candidate.name),
      ['Big', 'Unused'],
    );
    const big = model(analysis, 'Big');
    assert.deepEqual(
      big.layers.map((layer) => layer.path),
      ['blocks.0.conv', 'blocks.1.conv', 'blocks.2.conv'],
    );
    assert.deepEqual(model(analysis, 'Unused').input, [1, 10]);
  });

  it('a Sequential built by a helper and a single layer called from plain code are models too', async () => {
    const analysis = await analyzePythonSource(`${header}def stack(rates):
    return nn.Sequential(*[nn.Conv2d(4, 4, 3, padding=r, dilation=r) for r in rates])

hybrid = stack((1, 2, 3))
pointwise = nn.Conv2d(3, 30, 1)
unused = nn.ReLU()
x = torch.randn(1, 3, 10, 10)
pointwise(x)
hybrid(torch.randn(1, 4, 16, 16))
`);
    assert.deepEqual(
      analysis.models.map((candidate) => candidate.name),
      ['hybrid', 'pointwise'],
    );
    assert.equal(model(analysis, 'hybrid').range.start.line, 4, 'the constructor call in the helper');
    const pointwise = model(analysis, 'pointwise');
    assert.deepEqual(
      pointwise.layers.map((layer) => layer.path),
      [''],
    );
    assert.equal(pointwise.totalParams, 120);
  });

  it('re-analysis after edits keeps lines right (unchanged statements are reused)', async () => {
    const source = `${header}net = nn.Sequential(\n    nn.Conv2d(3, 8, 3),\n    nn.Conv2d(8, 4, 3),\n)\ny = net(torch.randn(1, 3, 9, 9))\n`;
    const lines = (analysis: FileAnalysis): number[] => model(analysis, 'net').layers.map((layer) => layer.range.start.line);
    assert.deepEqual(lines(await analyzePythonSource(source)), [4, 5]);
    assert.deepEqual(lines(await analyzePythonSource(`${source}# an edit below\n`)), [4, 5]);
    assert.deepEqual(lines(await analyzePythonSource(`# an edit above\n${source}`)), [5, 6]);
    // Same offsets, one more line break before the model: positions must not come from the old text.
    assert.deepEqual(lines(await analyzePythonSource(`#abcd\n${source}`)), [5, 6]);
    assert.deepEqual(lines(await analyzePythonSource(`#a\n#b\n${source}`)), [6, 7]);
  });

  it('a shared module gives two records and counts its parameters once', async () => {
    const analysis = await analyzePythonSource(`${header}class Shared(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        return self.conv(self.conv(x))

y = Shared()(torch.randn(1, 4, 8, 8))
`);
    const shared = model(analysis, 'Shared');
    assert.equal(shared.layers.length, 2);
    assert.equal(shared.layers[0].layerId, shared.layers[1].layerId);
    assert.equal(shared.totalParams, 4 * 4 * 9 + 4);
    assert.deepEqual(shared.layers[1].receptiveField, [5, 5]);
  });
});
