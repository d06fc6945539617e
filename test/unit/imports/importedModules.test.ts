/**
 * Models whose code is split over several files, against real PyTorch
 * (tools/golden/imports_truth.py): a U-Net whose parts are star-imported from a sibling
 * module, a package with relative imports and a namespace package, a cycle of imports, a
 * star import that honours `__all__`, and torchvision's own `resnet50` read from the
 * installed package's source. Every layer, its line in the analysed file, shapes and
 * parameters, and every model total must match.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import type { FileAnalysis } from '../../../src/engine/report';
import { NodeSourceFiles } from '../../../src/pythonEnvironment/nodeSourceFiles';
import { fixturesRoot } from '../../support/paths';
import type { TruthFile } from '../corpus/corpusTruth';
import { readJson, sameShape } from '../corpus/corpusTruth';

const importsDir = path.join(fixturesRoot, 'imports');
/** Debian's python3-torchvision (installed by .ci/run), where the truth was recorded. */
const distPackages = '/usr/lib/python3/dist-packages';

const cases: Record<string, string> = {
  unetFlat: 'unetFlat/unet_model.py',
  unetPackage: 'unetPackage/predict.py',
  packageRelative: 'packageRelative/main.py',
  cyclic: 'cyclic/main.py',
  allStar: 'allStar/main.py',
  moduleLevelLayer: 'moduleLevelLayer/main.py',
  torchvisionResnet: 'torchvisionResnet/main.py',
};

async function analyzeCase(script: string): Promise<FileAnalysis> {
  const filePath = path.join(importsDir, script);
  return analyzeSource(readFileSync(filePath, 'utf8'), 'python', { imports: { filePath, files: new NodeSourceFiles(), pythonSearchPaths: [distPackages] } });
}

describe('imports: models split over several files, against real PyTorch', () => {
  it('unetPackage/unet/unet_model.py (`from .unet_parts import *` inside its package) has the U-Net of PyTorch', async () => {
    // Not runnable as a script (a relative import), so its truth is the same class run from unetFlat.
    const expected = readJson<TruthFile>(path.join(importsDir, 'truth', 'unetFlat.json')).models[0];
    const analysis = await analyzeCase('unetPackage/unet/unet_model.py');
    assert.deepEqual(
      analysis.diagnostics.filter((finding) => finding.severity !== 'info'),
      [],
    );
    assert.deepEqual(
      analysis.models.map((model) => model.name),
      ['UNet'],
    );
    // Nothing builds it: `UNet()` without its channel counts leaves the first and last convolutions open.
    const open = new Set(['inc.double_conv.0', 'outc.conv']);
    const known = (layer: { path: string; kind: string; params: number }) => `${layer.path} ${layer.kind} ${open.has(layer.path) ? '?' : layer.params}`;
    assert.deepEqual(analysis.models[0].layers.map(known), expected.layers.map(known));
  });

  for (const [name, script] of Object.entries(cases)) {
    it(`${script} gives PyTorch's layers, lines and totals`, async () => {
      const truth = readJson<TruthFile>(path.join(importsDir, 'truth', `${name}.json`));
      const analysis = await analyzeCase(script);
      assert.deepEqual(
        analysis.diagnostics.filter((finding) => finding.severity !== 'info'),
        [],
      );
      assert.equal(analysis.partial, undefined, 'the analysis finished within its budget');
      assert.equal(analysis.models.length, truth.models.length, 'one model per model PyTorch ran');
      truth.models.forEach((expected, index) => {
        const model = analysis.models[index];
        // A model class of the file is named by its class, an imported one by its variable.
        assert.ok([expected.name, expected.className].includes(model.name), `${model.name} is ${expected.name} (${expected.className})`);
        assert.equal(model.range.start.line + 1, expected.line, `${expected.name}: line`);
        assert.deepEqual(model.input, expected.input, `${expected.name}: input`);
        assert.deepEqual(model.output, expected.output, `${expected.name}: output`);
        assert.equal(model.totalParams, expected.totalParams, `${expected.name}: parameters`);
        assert.equal(model.layers.length, expected.layers.length, `${expected.name}: layer count`);
        expected.layers.forEach((layer, at) => {
          const record = model.layers[at];
          const where = `${expected.name} layer ${at} (${layer.path})`;
          assert.equal(record.path, layer.path, where);
          assert.equal(record.kind, layer.kind, where);
          assert.equal(record.range.start.line + 1, layer.line, `${where}: line in the analysed file`);
          assert.ok(
            sameShape(record.input, layer.input) && sameShape(record.output, layer.output),
            `${where}: ${JSON.stringify(record.input)} -> ${JSON.stringify(record.output)}`,
          );
          assert.equal(record.params, layer.params, where);
        });
      });
    });
  }
});
