/**
 * The Python front end against real PyTorch: every snippet in ./snippets was run under
 * PyTorch by tools/golden/frontend_truth.py, which recorded each leaf-layer call (the
 * constructor's line, kind, input/output shapes, own parameters), each top-level model
 * call (input, output, total parameters) and the error PyTorch raised, if any.
 * Regenerate: `/usr/bin/python3 tools/golden/frontend_truth.py`.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelReport } from '../../../src/engine/report';
import { analyzePythonSource } from '../../support/analyze';

interface TruthLayer {
  path: string;
  line: number;
  kind: string;
  input: number[] | null;
  output: number[] | null;
  params: number;
}
interface TruthModel {
  name: string;
  className: string;
  line: number;
  input: number[] | null;
  output: number[] | null;
  totalParams: number;
  layers: TruthLayer[];
}
interface Truth {
  models: TruthModel[];
  error: { message: string; line: number | null } | null;
}

const snippetDir = join(__dirname, 'snippets');
const truthDir = join(__dirname, 'truth');

function layerView(layer: { path: string; line: number; kind: string; input: readonly number[] | null; output: readonly number[] | null; params: number }): string {
  return `L${layer.line} ${layer.path} ${layer.kind} ${JSON.stringify(layer.input)} -> ${JSON.stringify(layer.output)} params=${layer.params}`;
}

function reportedLayers(report: ModelReport): string[] {
  return report.layers.map((layer) => layerView({ ...layer, line: layer.range.start.line + 1 }));
}

/**
 * A model is named by its class, or by its variable for an nn.Sequential or a single torch.nn
 * layer called on its own (its one record has the empty path); the first call of each model is its truth.
 */
function expectedName(model: TruthModel): string {
  const singleLayer = model.layers.length === 1 && model.layers[0].path === '';
  return model.className === 'Sequential' || singleLayer ? model.name : model.className;
}

describe('Python front end vs PyTorch (snippets)', () => {
  const names = readdirSync(snippetDir)
    .filter((name) => name.endsWith('.py'))
    .sort();
  for (const name of names) {
    it(name, async () => {
      const source = readFileSync(join(snippetDir, name), 'utf8');
      const truth = JSON.parse(readFileSync(join(truthDir, name.replace(/\.py$/, '.json')), 'utf8')) as Truth;
      const analysis = await analyzePythonSource(source);
      const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      if (truth.error) {
        assert.ok(
          errors.some((error) => error.message === truth.error!.message && error.range.start.line + 1 === truth.error!.line),
          `expected "${truth.error.message}" on line ${truth.error.line}, got ${JSON.stringify(errors)}`,
        );
        // The calls PyTorch completed before raising must match the first records.
        const completed = truth.models.flatMap((model) => model.layers).map(layerView);
        const records = analysis.models.flatMap(reportedLayers);
        assert.deepEqual(records.slice(0, completed.length), completed);
        return;
      }
      assert.deepEqual(errors, [], 'no error diagnostics on a file PyTorch runs');
      const firstCalls = truth.models.filter((model, index) => truth.models.findIndex((other) => expectedName(other) === expectedName(model)) === index);
      assert.deepEqual(analysis.models.map((model) => model.name).sort(), firstCalls.map(expectedName).sort(), 'models');
      for (const expected of firstCalls) {
        const report = analysis.models.find((model) => model.name === expectedName(expected))!;
        assert.deepEqual(report.input, expected.input, `input of ${report.name} (${report.inputSource})`);
        assert.equal(report.range.start.line + 1, expected.line, `line of ${report.name}`);
        assert.deepEqual(reportedLayers(report), expected.layers.map(layerView), `layers of ${report.name}`);
        assert.deepEqual(report.output, expected.output, `output of ${report.name}`);
        assert.equal(report.totalParams, expected.totalParams, `total params of ${report.name}`);
      }
    });
  }
});
