/**
 * Prints how long a Jupyter notebook's analysis takes (a script, not a timed test).
 * Run: `npm run bench:notebook`. The process is first warmed up as the analysis worker
 * warms itself when idle, then:
 * - first: a 30-cell notebook never seen before (read from its JSON, cells joined, analysed);
 * - edit in the last cell: the notebook's program analysed again under its key, as the
 *   editor does after a keystroke (incremental re-parse, statements reused), median of N runs.
 */
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../../src/analysis/analyzeSource';
import { joinNotebookCells } from '../../src/analysis/notebook';
import type { NotebookCellSource } from '../../src/analysis/notebookJson';
import { parseNotebookJson } from '../../src/analysis/notebookJson';
import { warmUpAnalysis } from '../../src/analysis/warmUp';
import { median, percentile } from './statistics';

const runs = 30;

/** 30 cells as a course notebook has them: imports, markdown, hyperparameters, blocks, a network, calls. */
function thirtyCellNotebook(): string {
  const cells: { cell_type: string; source: string }[] = [
    { cell_type: 'markdown', source: '# A CNN over thirty cells' },
    { cell_type: 'code', source: '!pip install torch\n%matplotlib inline\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F' },
    { cell_type: 'code', source: 'WIDTH = 32\nCLASSES = 10' },
  ];
  for (let block = 0; block < 8; block += 1) {
    cells.push({ cell_type: 'markdown', source: `## Block ${block}` });
    cells.push({
      cell_type: 'code',
      source: `class Block${block}(nn.Module):\n    def __init__(self, cin, cout):\n        super().__init__()\n        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)\n        self.bn1 = nn.BatchNorm2d(cout)\n        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)\n        self.bn2 = nn.BatchNorm2d(cout)\n\n    def forward(self, x):\n        x = F.relu(self.bn1(self.conv1(x)))\n        return F.relu(self.bn2(self.conv2(x)))`,
    });
    cells.push({ cell_type: 'code', source: `b${block} = Block${block}(WIDTH, WIDTH)\nb${block}(torch.randn(1, WIDTH, 16, 16)).shape` });
  }
  cells.push({
    cell_type: 'code',
    source: `class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.stem = nn.Conv2d(3, WIDTH, 3, padding=1)\n        self.blocks = nn.Sequential(${[...Array(8).keys()].map((b) => `Block${b}(WIDTH, WIDTH)`).join(', ')})\n        self.pool = nn.AdaptiveAvgPool2d(1)\n        self.fc = nn.Linear(WIDTH, CLASSES)\n\n    def forward(self, x):\n        x = self.pool(self.blocks(self.stem(x)))\n        return self.fc(torch.flatten(x, 1))`,
  });
  cells.push({ cell_type: 'code', source: 'model = Net()\nout = model(torch.randn(1, 3, 32, 32))\nout.shape' });
  cells.push({ cell_type: 'code', source: 'sum(p.numel() for p in model.parameters())' });
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((cell) => ({ ...cell, metadata: {}, outputs: [] })) });
}

async function main(): Promise<void> {
  await warmUpAnalysis(150);
  const text = thirtyCellNotebook();
  const started = performance.now();
  const parsed = parseNotebookJson(text);
  const program = joinNotebookCells(parsed.cells);
  const analysis = await analyzeSource(program.source, 'python', { documentKey: 'bench.ipynb' });
  const firstMs = performance.now() - started;
  const layers = analysis.models.reduce((sum, model) => sum + model.layers.length, 0);
  const cells: NotebookCellSource[] = [...parsed.cells];
  const last = cells.length - 1;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    cells[last] = { code: true, text: `sum(p.numel() for p in model.parameters())  # edit ${run}` };
    const editStarted = performance.now();
    await analyzeSource(joinNotebookCells(cells).source, 'python', { documentKey: 'bench.ipynb' });
    times.push(performance.now() - editStarted);
  }
  console.log(`30-cell notebook: ${parsed.cells.length} cells, ${program.lineCells.length} program lines, ${analysis.models.length} models, ${layers} layer records`);
  console.log(
    `  first analysis ${firstMs.toFixed(1)} ms (warm process); after an edit in the last cell: median ${median(times).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms over ${runs} runs`,
  );
}

void main();
