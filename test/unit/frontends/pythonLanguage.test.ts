/**
 * The interpreter's rules where PyTorch cannot be the oracle, because the file's behaviour
 * depends on something no analysis can know (an environment variable, an unknown library):
 * an undecided `if` runs both branches and merges them, a decorator that cannot be followed
 * leaves the function as it is, argparse options say where their values come from. The
 * shapes themselves are covered against PyTorch by the snippets (pythonSnippets.test.ts).
 */
import { strict as assert } from 'node:assert';
import type { FileAnalysis, ModelReport } from '../../../src/engine/report';
import { analyzePythonSource } from '../../support/analyze';

const header = 'import os\nimport torch\nimport torch.nn as nn\nwide = os.environ.get("WIDE") == "1"\n';

function layers(report: ModelReport | undefined): string[] {
  return (report?.layers ?? []).map((layer) => `${layer.path} ${JSON.stringify(layer.output)}`);
}

function infos(analysis: FileAnalysis): string[] {
  return analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'info').map((diagnostic) => diagnostic.message);
}

describe('Python front end: an undecided if runs both branches', () => {
  it('keeps what both branches agree on, makes the rest unknown with one info, and records the layers of both', async () => {
    const analysis = await analyzePythonSource(
      `${header}
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        if wide:
            width = 16
            depth = 2
            self.a = nn.Conv2d(3, 8, 3, padding=1)
        else:
            width = 16
            depth = 3
            self.a = nn.Conv2d(3, 8, 1)
        self.conv = nn.Conv2d(8, width, 3)
        self.depth = depth

    def forward(self, x):
        if wide:
            y = self.b(x)
        else:
            y = self.c(x)
        return self.conv(y)

    b = nn.Conv2d(3, 8, 3, padding=1)
    c = nn.Conv2d(3, 8, 5, padding=2)

net = Net()
out = net(torch.randn(1, 3, 32, 32))
`,
    );
    const net = analysis.models.find((model) => model.name === 'Net');
    // b and c both ran (their outputs agree, so y is known); conv reads it.
    assert.deepEqual(layers(net), ['Conv2d [1,8,32,32]', 'Conv2d [1,8,32,32]', 'conv [1,16,30,30]']);
    const merged = infos(analysis).filter((message) => message.includes('both branches were followed'));
    assert.equal(merged.length, 1, JSON.stringify(infos(analysis)));
    assert.match(merged[0], /`depth`, `self\.a` differ between them, so they are unknown/);
  });

  it('an error only one branch would raise is a warning; a branch that raises gives way to the other', async () => {
    const analysis = await analyzePythonSource(
      `${header}
if wide:
    bad = nn.Conv2d(6, 8, 3, groups=4)
    width = 4
else:
    width = 8
if wide:
    raise ValueError("no wide models")
net = nn.Sequential(nn.Conv2d(3, width, 3))
out = net(torch.randn(1, 3, 8, 8))
`,
    );
    const groups = analysis.diagnostics.filter((diagnostic) => diagnostic.message === 'in_channels must be divisible by groups');
    assert.deepEqual(
      groups.map((diagnostic) => diagnostic.severity),
      ['warning'],
    );
    // `width` differs (4 or 8): unknown, so the layer's output is unknown rather than a guess.
    assert.deepEqual(layers(analysis.models[0]), ['0 null']);
  });

  it('a value returned in one branch only merges with the function result', async () => {
    const analysis = await analyzePythonSource(
      `${header}
def same():
    if wide:
        return 8
    return 8

def different():
    if wide:
        return 8
    return 16

net = nn.Sequential(nn.Conv2d(3, same(), 3), nn.Conv2d(same(), different(), 1))
out = net(torch.randn(1, 3, 8, 8))
`,
    );
    assert.deepEqual(layers(analysis.models[0]), ['0 [1,8,6,6]', '1 null']);
  });

  it('a conditional expression keeps a value both sides agree on', async () => {
    const analysis = await analyzePythonSource(`${header}\nnet = nn.Sequential(nn.Conv2d(3, 8 if wide else 8, 3))\nout = net(torch.randn(1, 3, 8, 8))\n`);
    assert.deepEqual(layers(analysis.models[0]), ['0 [1,8,6,6]']);
  });
});

describe('Python front end: decorators, argparse, del', () => {
  it('a decorator the interpreter cannot follow leaves the function usable, without an info (nor for warnings.warn)', async () => {
    const analysis = await analyzePythonSource(
      `import warnings\nimport torch\nimport torch.nn as nn\nimport registry\n\nwarnings.warn("a message for the user")\n\n@registry.register("net", version=2)\ndef make(width=8):\n    return nn.Sequential(nn.Conv2d(3, width, 3))\n\nnet = make()\nout = net(torch.randn(1, 3, 8, 8))\n`,
    );
    assert.deepEqual(layers(analysis.models[0]), ['0 [1,8,6,6]']);
    assert.deepEqual(infos(analysis), []);
  });

  it('argparse: each default used says it comes from the command line; a required positional stays unknown', async () => {
    const analysis = await analyzePythonSource(
      `import argparse\nimport torch\nimport torch.nn as nn\nparser = argparse.ArgumentParser()\nparser.add_argument("--nz", type=int, default=100)\nparser.add_argument("--use-bn", action="store_true")\nparser.add_argument("data")\nopt = parser.parse_args()\nnet = nn.Sequential(nn.Conv2d(3, opt.nz, 3), nn.Conv2d(opt.nz, 4, 1, bias=not opt.use_bn))\nwidth = opt.data\n`,
    );
    const messages = infos(analysis);
    assert.ok(messages.includes('`nz` comes from the command line (argparse default 100 used)'), JSON.stringify(messages));
    assert.ok(messages.includes('`use_bn` comes from the command line (argparse default False used)'));
    assert.ok(!messages.some((message) => message.startsWith('`data`')), 'no default to announce for a required positional');
    const params = analysis.models[0]?.layers.map((layer) => layer.params);
    assert.deepEqual(params, [3 * 100 * 9 + 100, 100 * 4 + 4]);
  });

  it('del removes dictionary entries, list items and names', async () => {
    const analysis = await analyzePythonSource(
      `import torch\nimport torch.nn as nn\nsizes = {"a": 4, "b": 8}\ndel sizes["a"]\nitems = [1, 2, 3]\ndel items[0]\nnet = nn.Sequential(nn.Conv2d(3, len(sizes) * 8, items[0]))\nout = net(torch.randn(1, 3, 8, 8))\n`,
    );
    assert.deepEqual(layers(analysis.models[0]), ['0 [1,8,7,7]']);
  });

  it('del of a parenthesised tuple deletes each item, and a target it cannot delete is passed over', async () => {
    const analysis = await analyzePythonSource(
      `import torch\nimport torch.nn as nn\nsizes = {"a": 4, "b": 8}\nitems = [1, 2, 3]\ndel (sizes["a"], items[0])\ndel f()\nnet = nn.Sequential(nn.Conv2d(3, len(sizes) * 8, items[0]))\nout = net(torch.randn(1, 3, 8, 8))\n`,
    );
    assert.deepEqual(layers(analysis.models[0]), ['0 [1,8,7,7]']);
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.code === 'internal'),
      [],
    );
  });
});

describe('Python front end: sets as lists of distinct items', () => {
  it('set(), add and issubset, as IntermediateLayerGetter uses them', async () => {
    const analysis = await analyzePythonSource(
      `import torch\nimport torch.nn as nn\nnames = set([1, 2, 2, 3])\nnames.add(3)\nnames.add(4)\nok = set(["a"]).issubset(["a", "b"])\nnet = nn.Sequential(nn.Conv2d(3, len(names) * 2 if ok else 1, 3))\nout = net(torch.randn(1, 3, 8, 8))\n`,
    );
    assert.deepEqual(layers(analysis.models[0]), ['0 [1,8,6,6]']);
  });
});
