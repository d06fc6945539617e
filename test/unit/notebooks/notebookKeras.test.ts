/**
 * A Keras notebook analysed as Jupyter runs it, against real Keras 3: the truth comes from
 * running its code cells in order with Keras (tools/golden/notebook_keras_truth.py), every
 * layer call and model placed at the (cell, line) where it was built. The analysis goes the
 * way the CLI's does: notebook file, one program, the JSON report with cells and lines.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { toJsonReport } from '../../../src/analysis/jsonReport';
import { joinNotebookCells } from '../../../src/analysis/notebook';
import { parseNotebookJson } from '../../../src/analysis/notebookJson';
import type { KerasTruth, KerasTruthLayer, KerasTruthModel } from '../../support/kerasTruth';
import { comparableLayers, comparableModels, compareWithKeras } from '../../support/kerasTruth';
import { fixturesRoot } from '../../support/paths';

type Placed<T> = T & { readonly cell: number };
type NotebookKerasTruth = KerasTruth & { readonly layers: readonly Placed<KerasTruthLayer>[]; readonly models: readonly Placed<KerasTruthModel>[] };

const notebooksDir = path.join(fixturesRoot, 'notebooks');
const truth = JSON.parse(readFileSync(path.join(notebooksDir, 'keras.truth.json'), 'utf8')) as NotebookKerasTruth;

async function analysed() {
  const program = joinNotebookCells(parseNotebookJson(readFileSync(path.join(notebooksDir, 'keras.ipynb'), 'utf8')).cells);
  const analysis = await analyzeSource(program.source, 'python');
  return { analysis, report: toJsonReport('keras.ipynb', analysis, program) };
}

describe('a Keras notebook against real Keras 3', () => {
  it("every layer call and the model: Keras' output shapes, parameters and totals, and no error", async () => {
    const { analysis } = await analysed();
    const comparison = compareWithKeras(analysis, truth);
    assert.ok(comparison.layers >= 10 && comparison.models === 1, `${comparison.layers} layers, ${comparison.models} models`);
    assert.deepEqual(comparison.mismatches, []);
    assert.deepEqual(
      analysis.diagnostics.filter((finding) => finding.severity === 'error'),
      [],
    );
  });

  it('each layer at the cell and line that built it: the block function and the custom layer of earlier cells', async () => {
    const { report } = await analysed();
    const layers = report.models.flatMap((model) => model.layers);
    const places = (name: string) => layers.filter((layer) => layer.path === name).map((layer) => [layer.cell, layer.line]);
    const expected = comparableLayers(truth) as Placed<KerasTruthLayer>[];
    assert.ok(new Set(expected.map((layer) => layer.cell)).size >= 2, 'layers built in several cells');
    assert.deepEqual(
      expected.map((layer) => [layer.name, places(layer.name)]),
      expected.map((layer) => [layer.name, [[layer.cell, layer.line]]]),
    );
    const models = comparableModels(truth) as Placed<KerasTruthModel>[];
    assert.deepEqual(
      models.map((model) => [model.name, report.models.filter((ours) => ours.name === model.name).map((ours) => [ours.cell, ours.line])]),
      models.map((model) => [model.name, [[model.cell, model.line]]]),
    );
  });
});
