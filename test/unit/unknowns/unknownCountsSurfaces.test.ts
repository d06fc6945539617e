/**
 * A count the analysis cannot know reads `?` (JSON null) on every surface, and a total with
 * such parts reads as a lower bound with the number of unknown layers: the CLI table, the
 * JSON report, both exports and the panel's totals. The known figures are PyTorch's own:
 * Conv2d(3, 16, 3, padding=1) on 1x3x32x32 has 448 parameters and 442,368 MACs
 * (torchinfo, and 16·32·32·27 multiply-adds).
 */
import { strict as assert } from 'node:assert';
import { analyzePythonSource } from '../../support/analyze';
import { renderTable } from '../../../src/cli/tableReport';
import { toJsonReport } from '../../../src/analysis/jsonReport';
import { summaryCsv, summaryMarkdown } from '../../../src/editor/summaryExport';
import { buildPanelState } from '../../../src/panel/tableModel';
import { exportTable } from '../../../src/panel/exportTable';
import type { FileAnalysis } from '../../../src/engine/report';

const source = `import sys
import torch
import torch.nn as nn

width = int(sys.argv[1])

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, width, 3, padding=1)

    def forward(self, x):
        return self.conv2(self.conv1(x))

net = Net()
out = net(torch.randn(1, 3, 32, 32))
`;

describe('unknown counts on every surface', () => {
  let analysis: FileAnalysis;
  before(async () => {
    analysis = await analyzePythonSource(source);
  });

  it('keeps the unknown layer out of the totals and counts it apart', () => {
    const model = analysis.models[0];
    assert.equal(model?.totalParams, 448);
    assert.equal(model?.unknownParamLayers, 1);
    assert.equal(model?.unknownMacLayers, 1);
    assert.equal(model?.approximateCounts, false);
  });

  it('CLI table: ? cells and lower bounds, never "approximate"', () => {
    const text = renderTable('net.py', analysis);
    assert.match(text, /conv2 +Conv2d +11 +\[1, 16, 32, 32\] -> \? +\? +\?/);
    assert.ok(text.includes('Total params: ≥ 448 (1 layer unknown)'), text);
    assert.ok(text.includes('Total MACs: ≥ 442,368 (1 layer unknown) (FLOPs: ≥ 884,736)'), text);
    assert.ok(text.includes('Trainable params: ≥ 448\n'), text);
    assert.ok(!text.includes('approximate'), text);
  });

  it('JSON: null for the unknown layer, never 0, and the unknown parts counted', () => {
    const json = toJsonReport('net.py', analysis);
    const conv2 = json.models[0]?.layers.find((layer) => layer.path === 'conv2');
    assert.equal(conv2?.params, null);
    assert.equal(conv2?.macs, null);
    assert.equal(json.models[0]?.unknownParamLayers, 1);
    assert.equal(json.models[0]?.approximateCounts, false);
  });

  it('exports: ? in Markdown and CSV cells, lower bounds in the totals', () => {
    const markdown = summaryMarkdown(analysis, 'net.py');
    assert.ok(markdown.includes('| conv2 | Conv2d | [1, 16, 32, 32] | ? | ? | ? |'), markdown);
    assert.ok(markdown.includes('Total params: ≥ 448 (1 layer unknown)'), markdown);
    const csv = summaryCsv(analysis);
    assert.ok(
      csv.split('\n').some((line) => line.startsWith('Net,conv2,Conv2d,11,"[1, 16, 32, 32]",?,?,?,?,?')),
      csv,
    );
  });

  it('panel: ? cells, lower-bound totals, and JSON export with null', () => {
    const state = buildPanelState({ fileName: 'net.py', analysis, modelIndex: 0, highlighted: null });
    const conv2 = state.rows.find((row) => row.path === 'conv2');
    assert.equal(conv2?.params, null);
    assert.equal(state.totals?.unknownParamLayers, 1);
    const markdown = exportTable(state, 'markdown');
    assert.ok(markdown.includes('Total params: ≥ 448 (1 layer unknown)'), markdown);
    const json = JSON.parse(exportTable(state, 'json')) as { layers: { path: string; params: number | null }[] };
    assert.equal(json.layers.find((layer) => layer.path === 'conv2')?.params, null);
  });
});

describe('MACs of a layer whose input is unknown', () => {
  it('are unknown for a layer with weights and zero for a parameter-free one', async () => {
    // `mystery` cannot be found, so the reshaped tensor fed to `act` and `fc` has no known shape.
    const unknownInput = await analyzePythonSource(`import torch
import torch.nn as nn
from mystery import WIDTH

class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.act = nn.ReLU()
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        return self.fc(self.act(self.conv(x).reshape(1, WIDTH)))

net = Head()
out = net(torch.randn(1, 3, 10, 10))
`);
    const json = toJsonReport('head.py', unknownInput);
    const macsOf = (path: string): number | null | undefined => json.models[0]?.layers.find((layer) => layer.path === path)?.macs;
    assert.equal(macsOf('conv'), 8 * 8 * 8 * 27);
    assert.equal(json.models[0]?.layers.find((layer) => layer.path === 'act')?.output, null);
    assert.equal(macsOf('act'), 0);
    assert.equal(macsOf('fc'), null);
    assert.equal(json.models[0]?.unknownMacLayers, 1);
  });
});
