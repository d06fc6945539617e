/**
 * Code nothing in the file calls is analysed (functions as entry points, classes nobody
 * instantiates), and what nobody gave is unknown: never `None`/`undefined`, never an error.
 */
import * as assert from 'node:assert/strict';
import type { FileAnalysis, ModelReport } from '../../../src/engine/report';
import { analyzePythonSource, analyzeTfjsSource, preloadPythonParser } from '../../support/analyze';

const header = 'import torch\nimport torch.nn as nn\n\n';

function model(analysis: FileAnalysis, name: string): ModelReport {
  const found = analysis.models.find((candidate) => candidate.name === name);
  assert.ok(found, `no model ${name} in ${analysis.models.map((candidate) => candidate.name).join(', ')}`);
  return found;
}

function findings(analysis: FileAnalysis, severity: string): string[] {
  return analysis.diagnostics.filter((finding) => finding.severity === severity).map((finding) => `${finding.range.start.line + 1}: ${finding.message}`);
}

const net = `${header}class Net(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = nn.Linear(8 * 30 * 30, classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))
`;

describe('code nothing calls, values nobody gave', function () {
  this.timeout(20000);
  before(preloadPythonParser);

  it('an uncalled test() feeds its model and reports its errors', async () => {
    const analysis = await analyzePythonSource(`${net}\ndef test():\n    net = Net()\n    net(torch.randn(2, 3, 32, 32))\n    net(torch.randn(2, 3, 40, 40))\n`);
    const found = model(analysis, 'Net');
    assert.deepEqual(found.input, [2, 3, 32, 32]);
    assert.equal(found.inputSource, 'call at line 15');
    assert.deepEqual(findings(analysis, 'error'), ['8: mat1 and mat2 shapes cannot be multiplied (2x11552 and 7200x10)']);
  });

  it('uncalled functions run after the module code, in definition order, each in its own scope', async () => {
    const analysis = await analyzePythonSource(
      `${header}def main():\n    x = torch.randn(1, 3, 8, 8)\n    conv = nn.Conv2d(3, 4, 3)\n    y = conv(x)\n\ndef demo():\n    conv = nn.Conv2d(4, 4, 9)\n    conv(x)\n`,
    );
    // demo() does not see main()'s x: its call has no input, so no error.
    assert.deepEqual(findings(analysis, 'error'), []);
    assert.deepEqual(model(analysis, 'conv').input, [1, 3, 8, 8]);
  });

  it('a PyTorch builder with parameters: defaults used, the rest unknown, errors only from known values', async () => {
    const analysis = await analyzePythonSource(
      `${header}def build(width, depth=2, groups=4):\n    layers = [nn.Conv2d(3, width, 3)]\n    for _ in range(depth):\n        layers.append(nn.Conv2d(width, width, 3))\n    layers.append(nn.Conv2d(6, width, 3, groups=groups))\n    return nn.Sequential(*layers)\n`,
    );
    assert.deepEqual(findings(analysis, 'error'), ['8: in_channels must be divisible by groups']);
    const built = model(analysis, 'build');
    assert.equal(built.layers.length, 4, 'depth=2 from its default');
  });

  it('a class without defaults: no error from what nobody passed, params of the layers whose arguments are known', async () => {
    const analysis = await analyzePythonSource(`${header}class Head(nn.Module):
    def __init__(self, in_channels, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3)
        self.conv2 = nn.Conv2d(16, 32, 3)
        self.fc = nn.Linear(32 * 4, classes)

    def forward(self, x):
        return self.fc(self.conv2(self.conv1(x)).flatten(1))
`);
    assert.deepEqual(findings(analysis, 'error'), []);
    assert.deepEqual(findings(analysis, 'warning'), []);
    const head = model(analysis, 'Head');
    assert.equal(head.input, null);
    const conv2 = head.layers.find((layer) => layer.path === 'conv2');
    assert.ok(conv2, `records: ${head.layers.map((layer) => layer.path).join(', ')}`);
    assert.equal(conv2.params, 16 * 32 * 9 + 32);
  });

  it('a class nobody instantiates, with defaults everywhere, is built and fed the input it needs', async () => {
    const analysis = await analyzePythonSource(net);
    const found = model(analysis, 'Net');
    assert.deepEqual(found.input, [1, 3, 32, 32]);
    assert.equal(found.inputSource, 'inferred from fc (in_features=7200)');
    assert.deepEqual(found.output, [1, 10]);
    assert.deepEqual(findings(analysis, 'error'), []);
  });

  it('a model no input size satisfies: the default size, and its errors are warnings saying the input was guessed', async () => {
    const analysis = await analyzePythonSource(`${header}net = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Flatten(), nn.Linear(401, 2))\n`, { defaultSpatialSize: 20 });
    const found = model(analysis, 'net');
    assert.deepEqual(found.input, [1, 3, 20, 20]);
    assert.deepEqual(findings(analysis, 'error'), []);
    const [warning, ...rest] = findings(analysis, 'warning');
    assert.deepEqual(rest, []);
    assert.match(
      warning,
      /^4: mat1 and mat2 shapes cannot be multiplied \(1x5184 and 401x2\) \(the input \[1, 3, 20, 20\] is a guess: .*# conv-inspector: input=\(1, 3, H, W\).*convInspector\.defaultInputShape/,
    );
  });

  it('a TF.js builder with parameters: an unknown units is no error, a default is used', async () => {
    const analysis = await analyzeTfjsSource(
      `import * as tf from '@tensorflow/tfjs';\n\nexport function buildModel(numClasses: number, hidden = 64) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ inputShape: [10], units: hidden }));\n  model.add(tf.layers.dense({ units: numClasses }));\n  return model;\n}\n`,
      'typescript',
    );
    assert.deepEqual(findings(analysis, 'error'), []);
    const [built] = analysis.models;
    assert.deepEqual(built.layers[0].output, [1, 64]);
    assert.equal(built.layers[0].params, 10 * 64 + 64);
  });
});
