/**
 * The panel's one-sentence reason for what is unknown, on what the real analysis reports
 * for small files written as users write them (a missing local module, argparse, a training
 * script's file-system calls).
 */
import * as assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import type { FileAnalysis } from '../../../src/engine/report';
import { hasUnknowns, rootCause } from '../../../src/panel/rootCause';
import { MemoryFiles } from '../../support/memoryFiles';

const analyze = (source: string, files: Record<string, string> = {}): Promise<FileAnalysis> =>
  analyzeSource(source, 'python', { imports: { filePath: '/ws/main.py', files: new MemoryFiles(files), pythonSearchPaths: [] } });

const UNET = `import torch
import torch.nn as nn
from unet_parts import *


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down1 = Down(3, 64)
        self.outc = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        return self.outc(self.down1(x))


model = UNet()
y = model(torch.randn(1, 3, 64, 64))
`;

const ARGPARSE = `import argparse
import os
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument('--channels', type=int)
opt = parser.parse_args()
os.makedirs('images', exist_ok=True)


class G(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(opt.channels, 16, 3)

    def forward(self, x):
        return self.conv(x)


g = G()
y = g(torch.randn(1, 3, 32, 32))
`;

describe('panel root cause', () => {
  it('a missing local module: names the layer it should provide, where, and the fix, in one sentence', async () => {
    const analysis = await analyze(UNET);
    const model = analysis.models[0];
    assert.ok(hasUnknowns(model));
    const reason = rootCause(analysis, model) ?? '';
    assert.match(reason, /^`Down` is imported from `unet_parts`, which was not found next to this file or in the selected Python environment \(line 3\); open the folder/);
    assert.doesNotMatch(reason, /looked in|What it provides/);
    assert.doesNotMatch(reason.slice(0, -1), /\.\s/, 'one sentence');
  });

  it('the module found: no unknowns, no banner', async () => {
    const analysis = await analyze(UNET, { '/ws/unet_parts.py': 'import torch.nn as nn\n\n\ndef Down(i, o):\n    return nn.Conv2d(i, o, 3, stride=2, padding=1)\n' });
    assert.equal(hasUnknowns(analysis.models[0]), false);
    assert.equal(rootCause(analysis, analysis.models[0]), undefined);
  });

  it('an argparse value with no default: the command line is the reason, not a file-system call outside the model', async () => {
    const analysis = await analyze(ARGPARSE);
    assert.ok(
      analysis.diagnostics.some((finding) => finding.code === 'unsupported'),
      'os.makedirs is reported somewhere',
    );
    const reason = rootCause(analysis, analysis.models[0]) ?? '';
    assert.match(reason, /^`channels` comes from the command line .*\(line 7\)/);
  });

  it('an error in a layer: the banner points at it, as the framework stops there', async () => {
    // PyTorch: nn.Conv2d(3, 16, 3, groups=2) fails ("in_channels must be divisible by groups"); the layers after it are unknown.
    const analysis = await analyze(
      'import torch\nimport torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 16, 3, groups=2), nn.Conv2d(16, 8, 3))\ny = net(torch.randn(1, 3, 32, 32))\n',
    );
    const model = analysis.models[0];
    assert.ok(hasUnknowns(model));
    assert.equal(rootCause(analysis, model), 'The model stops at the error on line 4, as the framework does, so what comes after it is unknown; fix it to see the rest.');
  });

  it('a model the file builds but never calls: its input is the reason, with the directive that sets it', async () => {
    const analysis = await analyze(
      'import torch.nn as nn\n\n\nclass Net(nn.Module):\n    def __init__(self, channels):\n        super().__init__()\n        self.conv = nn.Conv2d(channels, 8, 3)\n\n    def forward(self, x):\n        return self.conv(x)\n',
    );
    const model = analysis.models[0];
    assert.equal(model.input, null);
    assert.match(rootCause(analysis, model) ?? '', /^The input of Net is not known \(.+\); a `# conv-inspector: input=\(\.\.\.\)` comment above the model sets it\.$/);
  });
});
