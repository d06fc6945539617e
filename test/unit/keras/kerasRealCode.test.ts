/**
 * Keras as people write it, beyond the fixture-by-fixture comparison with real Keras 3
 * (kerasFrontEnd.test.ts): how an open (`None`) size reads, that a custom layer without
 * weights is a layer of its model, and that a subclass of a built-in layer keeps its weights.
 * The expected numbers are the ones real Keras 3 recorded in test/fixtures/keras/models/truth.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatShape } from '../../../src/analysis/format';
import { analyzePythonSource } from '../../support/analyze';
import type { KerasTruth } from '../../support/kerasTruth';

const models = join(__dirname, '../../fixtures/keras/models');
const truthOf = (name: string): KerasTruth => JSON.parse(readFileSync(join(models, 'truth', `${name}.json`), 'utf8')) as KerasTruth;
const analysisOf = (name: string) => analyzePythonSource(readFileSync(join(models, `${name}.py`), 'utf8'));

describe('Keras as people write it', () => {
  it('keeps None sizes open: shown as None, null in JSON, params exact (never 224)', async () => {
    const analysis = await analysisOf('open_sizes');
    const fcn = analysis.models.find((m) => m.name === 'fcn')!;
    assert.equal(formatShape(fcn.input), '[1, None, None, 3]');
    assert.equal(formatShape(fcn.layers[0].output), '[1, None, None, 16]');
    assert.equal(JSON.stringify(fcn.layers[0].output), '[1,null,null,16]');
    assert.equal(fcn.totalParams, truthOf('open_sizes').models.find((m) => m.name === 'fcn')!.params);
    assert.doesNotMatch(fcn.inputSource, /224/);
    // MACs over an open size are unknown (?, JSON null), never 0; nothing is approximate.
    assert.ok(Number.isNaN(fcn.layers[0].macs) && Number.isNaN(fcn.totalMacs));
    assert.equal(fcn.exactCounts, true);
  });

  it('lists a custom layer without weights (and one using keras.ops) in its model', async () => {
    const analysis = await analysisOf('custom_layers');
    const custom = analysis.models.find((m) => m.name === 'custom')!;
    const truth = truthOf('custom_layers');
    for (const name of ['scale', 'pixel_shuffle']) {
      const ours = custom.layers.find((l) => l.path === name);
      const keras = truth.layers.find((l) => l.name === name)!;
      assert.ok(ours, `${name} is in the model`);
      assert.deepEqual([ours.kind, ours.output?.slice(1), ours.params], [keras.kind, (keras.output as number[]).slice(1), keras.params]);
    }
  });

  it("counts a custom layer's sublayers and build() weights as Keras does, once in the model total", async () => {
    const analysis = await analysisOf('custom_blocks');
    const truth = truthOf('custom_blocks');
    const blocks = analysis.models.find((m) => m.name === 'blocks')!;
    const residual = blocks.layers.find((l) => l.path === 'residual')!;
    assert.equal(residual.params, truth.layers.find((l) => l.name === 'residual')!.params);
    assert.equal(blocks.totalParams, truth.models.find((m) => m.name === 'blocks')!.params);
  });

  it("takes a subclass of a built-in layer as that layer, under the subclass's name", async () => {
    const analysis = await analysisOf('custom_layers');
    const custom = analysis.models.find((m) => m.name === 'custom')!;
    const truth = truthOf('custom_layers');
    for (const name of ['std_conv2d', 'same_conv']) {
      const ours = custom.layers.find((l) => l.path === name)!;
      const keras = truth.layers.find((l) => l.name === name)!;
      assert.deepEqual([ours.kind, ours.output?.slice(1), ours.params], [keras.kind, (keras.output as number[]).slice(1), keras.params]);
    }
  });

  it('shapes model inputs from numpy arrays (zeros, expand_dims, swapaxes, fancy indexing, .shape[1:])', async () => {
    const analysis = await analysisOf('numpy_inputs');
    const truth = truthOf('numpy_inputs');
    for (const name of ['image_model', 'clip_model', 'series_model']) {
      const ours = analysis.models.find((m) => m.name === name)!;
      const keras = truth.models.find((m) => m.name === name)!;
      assert.deepEqual([ours.totalParams, JSON.parse(JSON.stringify(ours.output)).slice(1)], [keras.params, (keras.output as unknown[]).slice(1)], name);
    }
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
  });
});
