/**
 * Where the panel, the status bar and the exports say a notebook's layers are: in the cell
 * that builds them and on its line there (`cell 3:4`), never on the active cell's own line
 * numbers past its end. A real notebook analysed as one program, each layer's place checked
 * against PyTorch's calls (tools/golden/notebook_truth.py) placed at (cell, line).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { modelUse } from '../../../src/analysis/modelChoice';
import type { NotebookProgram } from '../../../src/analysis/notebook';
import { analysisOfCell, cellPositionOfCellLine, joinNotebookCells, lineLabelOf, withNotebookInputSources } from '../../../src/analysis/notebook';
import { parseNotebookJson } from '../../../src/analysis/notebookJson';
import { toJsonReport } from '../../../src/analysis/jsonReport';
import type { FileAnalysis } from '../../../src/engine/report';
import { errorStatusText } from '../../../src/editor/inlineHintText';
import { formatSummary } from '../../../src/editor/summaryExport';
import { exportTable } from '../../../src/panel/exportTable';
import { buildPanelState } from '../../../src/panel/tableModel';
import { fixturesRoot } from '../../support/paths';

interface TruthCall {
  cell: number;
  line: number;
  kind: string;
}
const notebooksDir = path.join(fixturesRoot, 'notebooks');
const truth = JSON.parse(readFileSync(path.join(notebooksDir, 'truth.json'), 'utf8')) as { notebooks: Record<string, { calls: TruthCall[] }> };
const calls = truth.notebooks['models.ipynb'].calls;
const program: NotebookProgram = joinNotebookCells(parseNotebookJson(readFileSync(path.join(notebooksDir, 'models.ipynb'), 'utf8')).cells);

describe('places of a notebook’s layers in the panel and the exports, against PyTorch', () => {
  let analysis: FileAnalysis;
  before(async () => {
    analysis = withNotebookInputSources(await analyzeSource(program.source, 'python'), program);
  });

  /** The panel's state as the active cell (the encoder's, cell 3) sees it. */
  function panelOfCell3() {
    const view = analysisOfCell(analysis, program, 3);
    const modelIndex = view.models.findIndex((model) => model.name === 'encoder');
    assert.ok(modelIndex >= 0);
    return buildPanelState({ fileName: 'models.ipynb', analysis: view, modelIndex, highlighted: null, placeOf: (line) => cellPositionOfCellLine(program, 3, line) });
  }

  it("the panel's rows of layers built in an earlier cell are placed in that cell, at PyTorch's lines", () => {
    const state = panelOfCell3();
    const expected = calls.filter((call) => call.cell === 1).map((call) => ({ cell: call.cell, line: call.line - 1 }));
    assert.ok(expected.length > 0);
    assert.deepEqual(
      state.rows.map((row) => row.place),
      expected,
    );
    // The active cell's own coordinates place them past its end: what the line column showed before.
    assert.ok(state.rows.every((row) => row.line > 2));
  });

  it('the exported tables say `cell C:L`; the JSON gives cell and line in it, as the CLI does', () => {
    const state = panelOfCell3();
    const places = calls.filter((call) => call.cell === 1).map((call) => `cell ${call.cell}:${call.line}`);
    const csvPlaces = exportTable(state, 'csv')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((row) => row.split(',').at(-2));
    assert.deepEqual(csvPlaces, places);
    const json = JSON.parse(exportTable(state, 'json')) as { layers: { cell: number; line: number }[] };
    assert.deepEqual(
      json.layers.map((layer) => [layer.cell, layer.line]),
      calls.filter((call) => call.cell === 1).map((call) => [call.cell, call.line]),
    );
  });

  it('model picker labels place every model in its cell', () => {
    const labels = panelOfCell3().models.map((model) => model.label);
    const report = toJsonReport('models.ipynb', analysis, program);
    assert.deepEqual(
      labels.map((label) => /\((cell \d+:\d+)\)/.exec(label)?.[1]),
      report.models.map((model) => `cell ${model.cell}:${model.line}`),
    );
  });

  it('a model called in a cell counts as called', () => {
    const encoder = analysis.models.find((model) => model.name === 'encoder');
    assert.ok(encoder);
    assert.match(encoder.inputSource, /^call at cell 3, line 2/);
    assert.equal(modelUse(encoder), 'called');
  });

  it('Export Model Summary of a notebook: every layer at its cell and line (Markdown, CSV, JSON)', () => {
    const layers = analysis.models.flatMap((model) => model.layers.map((layer) => lineLabelOf(layer.range.start.line, program)));
    const csv = formatSummary(analysis, 'models.ipynb', 'csv', program).trim().split('\n').slice(1);
    assert.deepEqual(
      csv.map((row) => row.split(',')[3]),
      layers,
    );
    for (const call of calls) assert.ok(layers.includes(`cell ${call.cell}:${call.line}`), `${call.kind} at cell ${call.cell}:${call.line}`);
    assert.match(formatSummary(analysis, 'models.ipynb', 'markdown', program), /^## encoder \(cell 3:1\)$/m);
    assert.deepEqual(JSON.parse(formatSummary(analysis, 'models.ipynb', 'json', program)), JSON.parse(JSON.stringify(toJsonReport('models.ipynb', analysis, program))));
  });

  it('the status bar says in which cell a model fails', () => {
    assert.equal(errorStatusText({ name: 'net' }, 40, lineLabelOf(program.firstLines[4] + 4, program)), 'net: error in cell 4:5');
    assert.equal(errorStatusText({ name: 'ResNet' }, 85), 'ResNet: error on line 86');
  });
});
