/**
 * How imports are found and what a missing one gives: one info per import statement naming
 * the folders looked in, and unknown values after it (never a pass-through shape, never an
 * error); `__all__` and public names for star imports; modules modelled by a plug-in or in
 * the standard library never read from disk; only the imported modules a file uses run.
 */
import * as assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import type { FileAnalysis } from '../../../src/engine/report';
import { clearModuleCache } from '../../../src/frontends/python/imports/moduleCache';
import { MemoryFiles } from '../../support/memoryFiles';
import { analyzePythonSource } from '../../support/analyze';
import { loadParser } from '../../../src/frontends/treeSitter';

const mainPath = '/ws/main.py';

function analyzeMain(
  files: MemoryFiles,
  source: string,
  pythonSearchPaths: string[] = ['/site'],
  budget: { stepBudget?: number; timeBudgetMs?: number } = {},
): Promise<FileAnalysis> {
  return analyzeSource(source, 'python', { imports: { filePath: mainPath, files, pythonSearchPaths }, ...budget });
}

const unresolvedOf = (analysis: FileAnalysis) => analysis.diagnostics.filter((finding) => finding.code === 'unresolved-import');

describe('imports: resolution and unresolved imports', () => {
  beforeEach(clearModuleCache);

  it('a module found nowhere gives one info naming where it was looked for, and unknown values, not pass-through shapes', async () => {
    const source = `import torch
import torch.nn as nn
from unet_parts import Block, Down

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(3, 16)
        self.conv = nn.Conv2d(16, 8, 3)

    def forward(self, x):
        return self.conv(self.block(x))

model = Net()
model(torch.randn(1, 3, 32, 32))
`;
    const analysis = await analyzeMain(new MemoryFiles(), source);
    const unresolved = unresolvedOf(analysis);
    assert.equal(unresolved.length, 1);
    assert.equal(unresolved[0].severity, 'info');
    assert.equal(unresolved[0].range.start.line, 2);
    assert.equal(
      unresolved[0].message,
      '`Block`, `Down` are imported from `unet_parts`, which was not found next to this file or in the selected Python environment (looked in: /ws, /site). What it provides is unknown.',
    );
    // Before: the unknown block passed the 3-channel input on, and the conv got a false channel error.
    assert.deepEqual(
      analysis.diagnostics.filter((finding) => finding.severity === 'error'),
      [],
    );
    const conv = analysis.models[0].layers.find((layer) => layer.kind === 'Conv2d')!;
    assert.equal(conv.input, null);
  });

  it('names the package folder for a relative import, and the missing part of a dotted one', async () => {
    const files = new MemoryFiles({ '/site/vision/__init__.py': '' });
    const analysis = await analyzeMain(files, 'from .parts import conv\nimport vision.models\nimport vision.models\n');
    const messages = unresolvedOf(analysis).map((finding) => `${finding.range.start.line}: ${finding.message}`);
    assert.deepEqual(messages, [
      "0: `conv` is imported from `.parts`, which was not found in this file's package folder (looked in: /ws). What it provides is unknown.",
      '1: `vision.models` was not found next to this file or in the selected Python environment (looked in: /ws, /site); vision is at /site/vision/__init__.py but has no module `models`. What it provides is unknown.',
      '2: `vision.models` was not found next to this file or in the selected Python environment (looked in: /ws, /site); vision is at /site/vision/__init__.py but has no module `models`. What it provides is unknown.',
    ]);
  });

  it('never reads modules a plug-in models or the standard library, even when a file of that name exists', async () => {
    const files = new MemoryFiles({ '/site/torch/__init__.py': 'raise ImportError()', '/ws/typing.py': 'x = 1', '/ws/os.py': '' });
    const analysis = await analyzeMain(files, 'import os\nimport torch\nfrom torch import nn\nfrom typing import List\nconv = nn.Conv2d(3, 8, 3)\nconv(torch.randn(1, 3, 9, 9))\n');
    assert.deepEqual(files.reads, []);
    assert.deepEqual(unresolvedOf(analysis), []);
    assert.deepEqual(analysis.models[0].output, [1, 8, 7, 7]);
  });

  it('a star import binds the names of __all__ only, or else the public names', async () => {
    const files = new MemoryFiles({
      '/ws/listed.py': '__all__ = ["K"]\nK = 3\nJ = 5\n',
      '/ws/unlisted.py': 'K = 3\n_J = 5\n',
    });
    const layerOutput = async (module: string, name: string) => {
      const analysis = await analyzeMain(files, `import torch\nimport torch.nn as nn\nfrom ${module} import *\nconv = nn.Conv2d(3, 8, ${name})\nconv(torch.randn(1, 3, 9, 9))\n`);
      return analysis.models[0]?.output ?? null;
    };
    assert.deepEqual(await layerOutput('listed', 'K'), [1, 8, 7, 7]);
    assert.equal(await layerOutput('listed', 'J'), null);
    assert.deepEqual(await layerOutput('unlisted', 'K'), [1, 8, 7, 7]);
    assert.equal(await layerOutput('unlisted', '_J'), null);
  });

  it('runs only the modules a used name needs: a package star-importing a broken module does not run it', async () => {
    const files = new MemoryFiles({
      '/site/zoo/__init__.py': 'from .slow import *\nfrom .small import *\n',
      '/site/zoo/slow.py': '__all__ = ["slow_net"]\nwhile True:\n    pass\n\ndef slow_net():\n    pass\n',
      '/site/zoo/small.py': 'import torch.nn as nn\n__all__ = ["small_net"]\n\ndef small_net():\n    return nn.Sequential(nn.Conv2d(3, 4, 3))\n',
    });
    const analysis = await analyzeMain(files, 'import torch\nfrom zoo import small_net\nmodel = small_net()\nmodel(torch.randn(1, 3, 8, 8))\n', ['/site'], {
      timeBudgetMs: 60_000,
    });
    assert.equal(analysis.partial, undefined);
    assert.deepEqual(analysis.models[0].output, [1, 4, 6, 6]);
  });

  it('parses only the modules a used name needs: a package that only re-exports, and its other modules, are read as text only', async () => {
    const files = new MemoryFiles({
      '/site/zoo/__init__.py': 'from .slow import *\nfrom .small import small_net\n',
      '/site/zoo/slow.py': '__all__ = ["slow_net"]\n\ndef slow_net():\n    pass\n',
      '/site/zoo/small.py': 'import torch.nn as nn\n__all__ = ["small_net"]\n\ndef small_net():\n    return nn.Sequential(nn.Conv2d(3, 4, 3))\n',
    });
    const parser = await loadParser('python');
    const parsed: string[] = [];
    const parsePython = (text: string) => {
      parsed.push(text);
      return parser.parse(text) ?? undefined;
    };
    const source = 'import torch\nfrom zoo import small_net\nmodel = small_net()\nmodel(torch.randn(1, 3, 8, 8))\n';
    const analysis = await analyzePythonSource(source, { imports: { filePath: mainPath, files, pythonSearchPaths: ['/site'] }, parsePython });
    assert.deepEqual(analysis.models[0].output, [1, 4, 6, 6]);
    assert.deepEqual(parsed, [files.readFile('/site/zoo/small.py')!.text]);
  });

  it('an imported name no code ran is not resolved by the constructor checks (outside any budget guard): the analysis returns', async () => {
    const files = new MemoryFiles({ '/site/pkg/__init__.py': 'from .first import *\n', '/site/pkg/first.py': '__all__ = ["Target"]\nwhile True:\n    pass\n' });
    const analysis = await analyzeMain(files, 'from pkg import Target\nif False:\n    Target()\n', ['/site'], { stepBudget: 30_000, timeBudgetMs: 60_000 });
    assert.deepEqual(analysis.models, []);
    assert.equal(analysis.partial, undefined);
  });

  it('a package that imports its own submodules (`from pkg import sub` in pkg, as torchvision does) gives them as attributes', async () => {
    const files = new MemoryFiles({ '/site/pkg/__init__.py': 'from pkg import sub, other\n', '/site/pkg/sub.py': 'K = 3\n', '/site/pkg/other.py': '' });
    const source = 'import torch\nimport pkg\nfrom pkg import sub\nconv = torch.nn.Conv2d(3, 8, pkg.sub.K + sub.K - 3)\nconv(torch.randn(1, 3, 9, 9))\n';
    const analysis = await analyzeMain(files, source, ['/site']);
    assert.deepEqual(analysis.models[0].output, [1, 8, 7, 7]);
  });

  it("a module whose code loops forever spends the analysed file's budget: the result is partial, the rest of the file still analysed", async () => {
    const files = new MemoryFiles({ '/ws/endless.py': 'n = 0\nwhile True:\n    n += 1\n' });
    const started = Date.now();
    const analysis = await analyzeMain(files, 'import torch\nfrom endless import n\nx = n + 1\nconv = torch.nn.Conv2d(3, 8, 3)\nconv(torch.randn(1, 3, 9, 9))\n', ['/site'], {
      stepBudget: 50_000,
      timeBudgetMs: 5_000,
    });
    assert.ok(Date.now() - started < 5_000);
    assert.equal(analysis.partial, true);
    assert.ok(analysis.diagnostics.some((finding) => finding.code === 'budget' && finding.range.start.line === 2));
    assert.deepEqual(analysis.models[0].output, [1, 8, 7, 7]);
  });
});
