/**
 * Notebooks analysed as Jupyter runs them, against real PyTorch: the truth comes from
 * executing their code cells in order (tools/golden/notebook_truth.py), every layer call
 * placed at the (cell, line) of its constructor, every error at the layer that raised.
 * The analysis goes the way the CLI's does: notebook file, one program, the JSON report.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import type { JsonReport } from '../../../src/analysis/jsonReport';
import { toJsonReport } from '../../../src/analysis/jsonReport';
import { joinNotebookCells } from '../../../src/analysis/notebook';
import { parseNotebookJson } from '../../../src/analysis/notebookJson';
import { fixturesRoot } from '../../support/paths';

interface TruthCall {
  cell: number;
  line: number;
  kind: string;
  input: number[];
  output: number[];
  params: number;
}
interface TruthError {
  cell: number;
  line: number;
  message: string;
  layer: { cell: number; line: number } | null;
}
const notebooksDir = path.join(fixturesRoot, 'notebooks');
const truth = JSON.parse(readFileSync(path.join(notebooksDir, 'truth.json'), 'utf8')) as {
  notebooks: Record<string, { calls: TruthCall[]; errors: TruthError[] }>;
};

async function reportOf(name: string): Promise<JsonReport> {
  const program = joinNotebookCells(parseNotebookJson(readFileSync(path.join(notebooksDir, name), 'utf8')).cells);
  return toJsonReport(name, await analyzeSource(program.source, 'python'), program);
}

const layersOf = (report: JsonReport) => report.models.flatMap((model) => model.layers);

describe('notebooks against PyTorch', () => {
  it('covers a spread model, a redefinition, magics, an invalid cell, Colab metadata and an empty notebook', () => {
    assert.deepEqual(Object.keys(truth.notebooks).sort(), ['colab.ipynb', 'empty.ipynb', 'invalid.ipynb', 'magics.ipynb', 'models.ipynb', 'redefine.ipynb', 'spread.ipynb']);
  });

  for (const name of ['spread.ipynb', 'magics.ipynb', 'colab.ipynb', 'models.ipynb', 'invalid.ipynb']) {
    it(`${name}: every layer call PyTorch made, at its cell and line, with PyTorch's shapes and parameters`, async () => {
      // PyTorch records the layers of the models the cells call; a class only used inside a
      // Sequential (models.ipynb's Block) is also listed on its own, at a guessed input.
      const report = await reportOf(name);
      const layers = report.models.filter((model) => model.inputSource.startsWith('call at')).flatMap((model) => model.layers);
      const expected = truth.notebooks[name].calls;
      assert.ok(expected.length > 0);
      const found = layers.map((layer) => ({ cell: layer.cell, line: layer.line, kind: layer.kind, input: layer.input, output: layer.output, params: layer.params }));
      // Past PyTorch's error (invalid.ipynb) the failing layer is still listed, its output unknown.
      assert.deepEqual(name === 'invalid.ipynb' ? found.slice(0, expected.length) : found, expected);
    });
  }

  it('invalid.ipynb: PyTorch error lands on the layer that raised, in its cell', async () => {
    const report = await reportOf('invalid.ipynb');
    const [expected] = truth.notebooks['invalid.ipynb'].errors;
    assert.ok(expected.layer);
    const errors = report.diagnostics.filter((finding) => finding.severity === 'error');
    assert.deepEqual(
      errors.map((finding) => [finding.cell, finding.line, finding.message]),
      [[expected.layer.cell, expected.layer.line, expected.message]],
    );
  });

  it('the notebooks PyTorch runs clean get no error', async () => {
    for (const name of ['spread.ipynb', 'magics.ipynb', 'colab.ipynb', 'models.ipynb', 'redefine.ipynb', 'empty.ipynb']) {
      assert.deepEqual(truth.notebooks[name].errors, []);
      const report = await reportOf(name);
      assert.deepEqual(
        report.diagnostics.filter((finding) => finding.severity === 'error'),
        [],
        name,
      );
    }
  });

  it('redefine.ipynb: the class redefined in a later cell is the new one from there on', async () => {
    const layers = layersOf(await reportOf('redefine.ipynb'));
    const later = truth.notebooks['redefine.ipynb'].calls.at(-1) as TruthCall;
    assert.equal(later.cell, 3);
    const match = layers.filter((layer) => layer.cell === later.cell && layer.line === later.line);
    assert.deepEqual(
      match.map((layer) => [layer.kind, layer.input, layer.output, layer.params]),
      [[later.kind, later.input, later.output, later.params]],
    );
    // Nothing of the first definition is reported with the second one's shapes.
    for (const layer of layers.filter((candidate) => candidate.cell !== later.cell)) {
      const call = truth.notebooks['redefine.ipynb'].calls.find((candidate) => candidate.cell === layer.cell && candidate.line === layer.line);
      assert.deepEqual(layer.output, call?.output);
    }
  });

  it('empty.ipynb: no models, no diagnostics', async () => {
    const report = await reportOf('empty.ipynb');
    assert.deepEqual([report.models, report.diagnostics], [[], []]);
  });
});
