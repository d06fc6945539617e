import * as assert from 'node:assert/strict';
import { buildPanelState, buildRow, buildTotals, initialModelIndex, layerIndexAt, modelIndexAt, modelIndexOwningLayerAt, placeCursor } from '../../../src/panel/tableModel';
import { sortRows } from '../../../webview/rowOrder';
import { sampleAnalysis, sampleModel } from './sampleRecords';

describe('panel table model', () => {
  it('builds one row per layer call with the key arguments and shapes', () => {
    const rows = sampleModel().layers.map(buildRow);
    assert.deepEqual(
      rows.map((row) => [row.path, row.kind, row.k, row.s, row.p, row.d, row.g, row.input, row.output, row.params, row.receptiveField, row.line]),
      [
        ['0', 'Conv2d', '3', '1', '1', '1', '1', '[1, 3, 32, 32]', '[1, 16, 32, 32]', 448, '3x3', 3],
        ['1', 'ReLU', '-', '-', '-', '-', '-', '[1, 16, 32, 32]', '[1, 16, 32, 32]', 0, '3x3', 4],
        ['2', 'Conv2d', '3', '2', '0', '1', '4', '[1, 16, 32, 32]', '[1, 32, 15, 15]', 1184, '5x5', 5],
        ['3', 'Linear', '-', '-', '-', '-', '-', '[1, 7200]', '[1, 10]', 72010, '?', 6],
      ],
    );
  });

  it('marks rows with issues by their worst severity and lists every message', () => {
    const row = buildRow(sampleModel().layers[2], 2);
    assert.equal(row.severity, 'error');
    assert.equal(row.issueText, 'a warning | with a pipe\nin_channels must be divisible by groups');
    assert.equal(buildRow(sampleModel().layers[0], 0).severity, undefined);
  });

  it('totals: model counts, FLOPs = 2 x MACs, float32 memory', () => {
    const totals = buildTotals(sampleModel());
    assert.equal(totals.params, 73642);
    assert.equal(totals.flops, 2 * 773568);
    assert.equal(totals.weightBytes, 73642 * 4);
    // Outputs: 16*32*32 + 16*32*32 + 32*15*15 + 10 elements.
    assert.equal(totals.activationBytes, (16 * 32 * 32 * 2 + 32 * 15 * 15 + 10) * 4);
    assert.equal(totals.exact, true);
    assert.equal(totals.unknownOutputLayers, 0);
  });

  it('totals: a layer whose output is unknown makes the activation memory a lower bound', () => {
    const model = sampleModel();
    const partial = { ...model, layers: model.layers.map((layer, index) => (index === 1 ? { ...layer, output: null } : layer)) };
    const totals = buildTotals(partial);
    assert.equal(totals.unknownOutputLayers, 1);
    assert.equal(totals.activationBytes, (16 * 32 * 32 + 32 * 15 * 15 + 10) * 4, 'the known outputs only');
  });

  it('maps the cursor to the model and the layer under it', () => {
    const analysis = sampleAnalysis();
    assert.equal(modelIndexAt(analysis, { line: 11, column: 3 }), 1);
    assert.equal(modelIndexAt(analysis, { line: 9, column: 0 }), undefined);
    assert.equal(modelIndexOwningLayerAt(analysis, { line: 11, column: 20 }), 1);
    assert.equal(layerIndexAt(analysis.models[0], { line: 5, column: 10 }), 2);
    assert.equal(layerIndexAt(analysis.models[0], { line: 5, column: 2 }), undefined, 'before the call');
    assert.equal(layerIndexAt(analysis.models[0], { line: 7, column: 10 }), undefined);
  });

  it('builds the state of the chosen model, with a message when the file has none', () => {
    const state = buildPanelState({ fileName: 'net.py', analysis: sampleAnalysis(), modelIndex: 1, highlighted: 0 });
    assert.deepEqual(state.models, [
      { name: 'Net', line: 1, label: 'Net (line 2)', unused: false },
      { name: 'Head', line: 10, label: 'Head (line 11) · not used in this file', unused: true },
    ]);
    assert.equal(state.modelIndex, 1);
    assert.equal(state.rows.length, 1);
    assert.equal(state.highlighted, 0);
    assert.equal(state.modelInput, '[1, 8]');
    const outOfRange = buildPanelState({ fileName: 'net.py', analysis: sampleAnalysis(), modelIndex: 0, highlighted: 99 });
    assert.equal(outOfRange.highlighted, null);
    const empty = buildPanelState({ fileName: 'a.py', analysis: { language: 'python', models: [], diagnostics: [] }, modelIndex: 0, highlighted: null });
    assert.equal(empty.message, 'No model found in this file.');
    assert.equal(empty.totals, null);
  });

  it('sorts by a column with execution order breaking ties', () => {
    const rows = sampleModel().layers.map(buildRow);
    assert.deepEqual(
      sortRows(rows, 'params', true).map((row) => row.index),
      [3, 2, 0, 1],
    );
    assert.deepEqual(
      sortRows(rows, 'kind', false).map((row) => row.index),
      [0, 2, 3, 1],
    );
    assert.deepEqual(
      sortRows(rows, 'receptiveField', true).map((row) => row.index),
      [2, 0, 1, 3],
    );
    assert.deepEqual(
      sortRows(rows, 'index', false).map((row) => row.index),
      [0, 1, 2, 3],
    );
  });
});

describe('panel cursor placement (placeCursor)', () => {
  const lines = [
    'class Net(nn.Module):',
    '  def __init__(self):',
    '',
    '        self.conv = nn.Conv2d(3, 16, 3, padding=1)',
    '',
    '        self.grouped = nn.Conv2d(16, 32, 3, stride=2, groups=4)',
    '',
    '',
    '',
    '',
    'head = nn.Linear(8, 2)',
    '        x = self.grouped(x)',
  ];
  const getLine = (line: number): string => lines[line] ?? '';

  it('inside a constructor call: that layer of its model', () => {
    assert.deepEqual(placeCursor(sampleAnalysis(), getLine, { line: 5, column: 30 }, 1), { modelIndex: 0, highlighted: 2 });
    assert.deepEqual(placeCursor(sampleAnalysis(), getLine, { line: 11, column: 20 }, 0), { modelIndex: 1, highlighted: 0 });
  });

  it('anywhere on a constructor line counts, even before the call', () => {
    assert.deepEqual(placeCursor(sampleAnalysis(), getLine, { line: 3, column: 2 }, 1), { modelIndex: 0, highlighted: 0 });
  });

  it('outside every layer: the model around the cursor, else the current one, no highlight', () => {
    assert.deepEqual(placeCursor(sampleAnalysis(), getLine, { line: 7, column: 0 }, 1), { modelIndex: 0, highlighted: null });
    assert.deepEqual(placeCursor(sampleAnalysis(), getLine, { line: 40, column: 0 }, 1), { modelIndex: 1, highlighted: null });
  });

  it('on a line that several calls of one layer share, the highlighted call stays (the row the user clicked)', () => {
    const analysis = sampleAnalysis();
    const net = analysis.models[0];
    const twice = { ...analysis, models: [{ ...net, layers: [...net.layers, { ...net.layers[0], path: 'again.conv' }] }, ...analysis.models.slice(1)] };
    const again = net.layers.length;
    assert.deepEqual(placeCursor(twice, getLine, { line: 3, column: 2 }, 0), { modelIndex: 0, highlighted: 0 });
    assert.deepEqual(placeCursor(twice, getLine, { line: 3, column: 2 }, 0, again), { modelIndex: 0, highlighted: again });
    assert.deepEqual(placeCursor(twice, getLine, { line: 3, column: 30 }, 0, again), { modelIndex: 0, highlighted: again });
    assert.deepEqual(placeCursor(twice, getLine, { line: 3, column: 30 }, 0), { modelIndex: 0, highlighted: 0 });
    // Another layer highlighted: the cursor's line decides.
    assert.deepEqual(placeCursor(twice, getLine, { line: 3, column: 2 }, 0, 2), { modelIndex: 0, highlighted: 0 });
  });

  it('prefers the model the file uses: a block layer shown in the model that builds it, an unused class not followed', () => {
    const analysis = sampleAnalysis();
    const [net, head] = analysis.models;
    // The same Linear is in Head's own report (an unused class) and in Net, which builds it.
    const shared = { ...head.layers[0] };
    const withBlock = { ...analysis, models: [{ ...head }, { ...net, layers: [...net.layers, shared] }] };
    assert.deepEqual(placeCursor(withBlock, getLine, { line: 11, column: 20 }, 0), { modelIndex: 1, highlighted: net.layers.length });
    // In the unused class but on no layer: the used model stays.
    assert.deepEqual(
      placeCursor(withBlock, () => '', { line: 12, column: 0 }, 1),
      { modelIndex: 1, highlighted: null },
    );
    assert.equal(initialModelIndex(withBlock, 11), 1);
  });
});
