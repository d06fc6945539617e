/**
 * Imported modules are interpreted once per file version and shared by later analyses: a new
 * stamp (the file, or a module it imports) gives a fresh interpretation, an equal stamp reuses
 * the kept one, a module stopped half-way by the budget is not kept, and cyclic imports end.
 */
import * as assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { clearModuleCache } from '../../../src/frontends/python/imports/moduleCache';
import { MemoryFiles } from '../../support/memoryFiles';

/** The output shape of `nn.Conv2d(3, 8, <kernel>)` on a 9x9 input, the kernel taken from imported code. */
async function convOutput(files: MemoryFiles, imports: string, kernel: string, budget: { stepBudget?: number } = {}): Promise<readonly number[] | null> {
  const source = `import torch\nimport torch.nn as nn\n${imports}\nconv = nn.Conv2d(3, 8, ${kernel})\nconv(torch.randn(1, 3, 9, 9))\n`;
  const analysis = await analyzeSource(source, 'python', { imports: { filePath: '/ws/main.py', files, pythonSearchPaths: [] }, ...budget });
  return analysis.models[0]?.output ?? null;
}

describe('imports: the module cache', () => {
  beforeEach(clearModuleCache);

  it('a new version of an imported file is interpreted again; an equal stamp reuses the kept interpretation', async () => {
    const files = new MemoryFiles({ '/ws/sizes.py': 'K = 3\n' });
    assert.deepEqual(await convOutput(files, 'from sizes import K', 'K'), [1, 8, 7, 7]);
    files.writeKeepingVersion('/ws/sizes.py', 'K = 5\n');
    assert.deepEqual(await convOutput(files, 'from sizes import K', 'K'), [1, 8, 7, 7]);
    files.write('/ws/sizes.py', 'K = 5\n');
    assert.deepEqual(await convOutput(files, 'from sizes import K', 'K'), [1, 8, 5, 5]);
  });

  it('a change in a module that an imported module imports refreshes both', async () => {
    const files = new MemoryFiles({ '/ws/layers.py': 'from sizes import K\n\ndef kernel():\n    return K\n', '/ws/sizes.py': 'K = 3\n' });
    assert.deepEqual(await convOutput(files, 'from layers import kernel', 'kernel()'), [1, 8, 7, 7]);
    files.write('/ws/sizes.py', 'K = 1\n');
    assert.deepEqual(await convOutput(files, 'from layers import kernel', 'kernel()'), [1, 8, 9, 9]);
  });

  it('a module stopped by the budget half-way is not kept: the next analysis runs it whole', async () => {
    const files = new MemoryFiles({ '/ws/slow.py': 'total = 0\nfor i in range(20000):\n    total += i\nK = 3\n' });
    assert.equal(await convOutput(files, 'from slow import K', 'K', { stepBudget: 3_000 }), null);
    assert.deepEqual(await convOutput(files, 'from slow import K', 'K'), [1, 8, 7, 7]);
  });

  it('cyclic imports end, each module seeing the other partially initialised as Python does', async () => {
    const files = new MemoryFiles({
      '/ws/first.py': 'A = 1\nfrom second import *\nC = A + B\n',
      '/ws/second.py': 'from first import *\nB = 2\n',
    });
    assert.deepEqual(await convOutput(files, 'from first import C', 'C'), [1, 8, 7, 7]);
    assert.deepEqual(await convOutput(files, 'from second import A, B', 'A + B'), [1, 8, 7, 7]);
  });
});
