/**
 * Hostile Python files that used to abort the process, exhaust memory, overflow the stack
 * or run for tens of seconds: each now ends quickly with what the file shows and one plain
 * info where the interpreter stopped following.
 */
import * as assert from 'node:assert/strict';
import type { FileAnalysis } from '../../../src/engine/report';
import { analyzePythonSource, preloadPythonParser } from '../../support/analyze';

/** Generous, for a shared 2-core machine: the failures took 5 to 41 s or killed the process. */
const quickMs = 3000;

/**
 * The analysis and the CPU time this process spent on it. CPU time, not wall time: on a
 * shared machine wall time mostly measures the neighbours, while the interpreter's own
 * budget (wall time) still bounds the CPU time the analysis can take.
 */
async function timed(source: string): Promise<{ analysis: FileAnalysis; ms: number }> {
  const started = process.cpuUsage();
  const analysis = await analyzePythonSource(source);
  const used = process.cpuUsage(started);
  return { analysis, ms: (used.user + used.system) / 1000 };
}

function codes(analysis: FileAnalysis): string[] {
  return analysis.diagnostics.map((finding) => finding.code);
}

const conv = 'import torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3))\n';

describe('hardening: Python interpreter limits', function () {
  this.timeout(60_000);
  before(preloadPythonParser);

  it('`[0] * 10**9` is unknown with one info, nothing allocated', async () => {
    const before = process.memoryUsage().heapUsed;
    const { analysis, ms } = await timed(`x = [0] * 10**9\n${conv}`);
    assert.ok(process.memoryUsage().heapUsed - before < 200e6);
    assert.ok(ms < quickMs, `${ms} ms`);
    assert.equal(codes(analysis).filter((code) => code === 'too-large').length, 1);
    assert.match(analysis.diagnostics.find((d) => d.code === 'too-large')!.message, /1,000,000,000, over 100,000 items/);
    assert.deepEqual(
      analysis.models.map((model) => model.name),
      ['net'],
    );
  });

  it('a list doubled 28 times stops at the limit (it aborted the process)', async () => {
    const { analysis } = await timed(`x = [0]\nfor i in range(28):\n    x = x + x\ny = [1]\nfor i in range(28):\n    y += y\n${conv}`);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'too-large' && d.range.start.line === 2));
    assert.ok(analysis.diagnostics.some((d) => d.code === 'too-large' && d.range.start.line === 5));
    assert.equal(analysis.models.length, 1);
  });

  it('strings, ranges and extends are sized before they are built', async () => {
    const source = `s = 'a' * 10**10\nt = 'ab' * 300000\nu = t + t\nr = range(10**12)[5]\nl = [1]\nfor i in range(20):\n    l.extend(l)\nz = [*l, *l]\n${conv}`;
    const { analysis, ms } = await timed(source);
    assert.ok(ms < quickMs, `${ms} ms`);
    const lines = analysis.diagnostics.filter((d) => d.code === 'too-large').map((d) => d.range.start.line);
    assert.ok(lines.includes(0) && lines.includes(2) && lines.includes(6), `too-large on ${lines.join(', ')}`);
    assert.ok(!codes(analysis).includes('internal'), JSON.stringify(analysis.diagnostics));
  });

  for (const [name, source] of [
    ['2,000 nested dicts', `x = ${"{'a': ".repeat(2000)}1${'}'.repeat(2000)}\n`],
    ['5,000 parentheses', `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`],
    ['10,000 nested nn.Sequential', `import torch.nn as nn\nm = ${'nn.Sequential('.repeat(10000)}nn.ReLU()${')'.repeat(10000)}\n`],
    ['100,000 chained attributes', `x = a${'.b'.repeat(100000)}\n`],
    ['100,000 nested lambdas', `f = ${'lambda: '.repeat(100000)}1\n`],
  ] as const) {
    it(`${name}: one 'nesting too deep' info, the rest of the file analysed`, async () => {
      const { analysis, ms } = await timed(`${source}${conv}`);
      assert.ok(ms < quickMs * 2, `${ms} ms`);
      assert.equal(codes(analysis).filter((code) => code === 'nesting').length, 1, JSON.stringify(analysis.diagnostics.map((d) => d.message)));
      assert.match(analysis.diagnostics.find((d) => d.code === 'nesting')!.message, /nesting too deep/);
      assert.ok(analysis.models.some((model) => model.name === 'net'));
    });
  }

  it('399 nested lists are still followed', async () => {
    const { analysis } = await timed(`x = ${'['.repeat(390)}1${']'.repeat(390)}\ny = len(x)\n`);
    assert.ok(!codes(analysis).includes('nesting'));
    assert.ok(!codes(analysis).includes('internal'));
  });

  it('a list that shares itself (`a = [a, a]` 25 times) as a layer argument is unknown, not unfolded', async () => {
    const { analysis, ms } = await timed(`import torch.nn as nn\na = [1]\nfor i in range(25):\n    a = [a, a]\nm = nn.Conv2d(3, 8, a)\n${conv}`);
    assert.ok(ms < quickMs, `${ms} ms`);
    assert.ok(analysis.models.some((model) => model.name === 'net'));
  });

  it('`s[1j]` as a layer argument is unknown, not an internal error', async () => {
    const { analysis } = await timed('import torch.nn as nn\ns = [1, 2]\nm = nn.Conv2d(3, 8, s[1j])\n');
    assert.ok(!codes(analysis).includes('internal'), JSON.stringify(analysis.diagnostics));
  });

  it('8 runaway classes share one budget: the file ends in seconds, partial, with budget infos where it stopped', async () => {
    const runaway = (index: number): string =>
      `class M${index}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.l = nn.ModuleList()\n        while True:\n            self.l.append(nn.ReLU())\n    def forward(self, x):\n        return x\nm${index} = M${index}()\n`;
    const source = `import torch.nn as nn\n${[0, 1, 2, 3, 4, 5, 6, 7].map(runaway).join('')}`;
    const { analysis, ms } = await timed(source);
    assert.ok(ms < quickMs, `${ms} ms`);
    assert.equal(analysis.partial, true);
    // Each runaway statement stops at its share of the one budget, at the loop that ran away.
    assert.ok(analysis.diagnostics.some((d) => d.code === 'budget' && d.range.start.line >= 1));
    assert.ok(!analysis.diagnostics.some((d) => d.code === 'internal'));
  });

  it('a 20,000-line Keras chain ends within the budget, partial', async () => {
    const source = `from tensorflow import keras\nfrom tensorflow.keras import layers\nx = keras.Input((32, 32, 3))\n${"x = layers.Conv2D(3, 3, padding='same')(x)\n".repeat(20000)}m = keras.Model(None, x)\n`;
    const { analysis, ms } = await timed(source);
    // Parsing 20,000 lines comes on top of the interpretation's 1.5 s.
    assert.ok(ms < quickMs * 2, `${ms} ms`);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'budget'));
  });

  it('the time budget is an option', async () => {
    const started = Date.now();
    const loop = 'n = 0\nwhile True:\n    n += 1\n';
    const analysis = await analyzePythonSource(loop.repeat(5), { timeBudgetMs: 200, stepBudget: 1e9 });
    assert.ok(Date.now() - started < 1500);
    assert.equal(analysis.partial, true);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'budget' && d.range.start.line === 1));
  });
});
