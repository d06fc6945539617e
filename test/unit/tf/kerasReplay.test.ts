/**
 * The TF engine in Keras mode against real TensorFlow.js: each Keras file in
 * test/fixtures/keras/models/ was run by real Python with a recording keras stand-in
 * (tools/golden/keras_record.py) and its layers rebuilt and called in TF.js
 * (tools/golden/keras_truth.mjs). Here the same constructor calls are bound with
 * `bindKerasArgs`, built with `constructTfLayer(..., { dialect: 'keras' })` and applied
 * call by call; every output shape and parameter count must match TF.js.
 * (Until the Keras front end exists, this checks the engine and binding, not the parsing.)
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgValue, Shape } from '../../../src/engine/types';
import type { TfLayer } from '../../../src/engine/tf/layers';
import { applyTfLayer, constructTfLayer, countTfParams } from '../../../src/engine/tf/layers';
import { bindKerasArgs } from '../../../src/engine/tf/kerasBinding';

interface Recording {
  layers: { id: number; className: string; name: string; args: ArgValue[]; kwargs: Record<string, ArgValue>; config: Record<string, ArgValue> }[];
  tensors: { id: number; shape?: (number | null)[] }[];
  calls: { id: number; layer: number; inputs: number[]; output: number }[];
}
interface KerasTruth {
  models: { name: string; layers: { call: number; name: string; className: string; outputShape: number[]; params: number }[] }[];
  recording: Recording;
}

const dir = join(__dirname, '../../fixtures/keras');
const files = readdirSync(join(dir, 'models'))
  .filter((f) => f.endsWith('.py'))
  .sort();

describe('TF engine in Keras mode vs the same layers in real TensorFlow.js', () => {
  it('has at least 8 Keras files with truth', () => {
    assert.ok(files.length >= 8);
  });

  for (const file of files) {
    it(file, () => {
      const truth = JSON.parse(readFileSync(join(dir, 'truth', file.replace(/\.py$/, '.json')), 'utf8')) as KerasTruth;
      const { recording } = truth;
      const layers: TfLayer[] = recording.layers.map((l) => {
        const bound = bindKerasArgs(l.className, l.args, l.kwargs);
        assert.deepEqual(bound.issues, [], `${l.name}: binding`);
        assert.deepEqual(bound.args, l.config, `${l.name}: bound like Keras`);
        const { layer, issues } = constructTfLayer(l.className, bound.args, { dialect: 'keras', autoName: l.name });
        assert.ok(layer, `${l.name}: ${JSON.stringify(issues)}`);
        assert.deepEqual(
          issues.filter((i) => i.severity === 'error'),
          [],
          `${l.name}: constructor`,
        );
        return layer;
      });
      const shapes = new Map<number, Shape>();
      for (const t of recording.tensors)
        if (t.shape)
          shapes.set(
            t.id,
            t.shape.map((d) => d ?? 1),
          );
      const outputs = new Map<number, Shape | null>();
      for (const call of recording.calls) {
        const inputs = call.inputs.map((id) => shapes.get(id)!);
        const result = applyTfLayer(layers[call.layer], inputs.length === 1 ? inputs[0] : inputs);
        assert.deepEqual(
          result.issues.filter((i) => i.severity === 'error'),
          [],
          `call ${call.id} of ${recording.layers[call.layer].name}`,
        );
        outputs.set(call.id, result.output);
        if (result.output) shapes.set(call.output, result.output);
      }
      let checked = 0;
      for (const model of truth.models) {
        for (const expected of model.layers) {
          const call = recording.calls[expected.call];
          assert.equal(layers[call.layer].name, expected.name);
          assert.equal(layers[call.layer].kind, expected.className);
          assert.deepEqual(outputs.get(expected.call)?.slice(1), expected.outputShape, `${model.name}/${expected.name} output`);
          assert.equal(countTfParams(layers[call.layer]).total.value, expected.params, `${model.name}/${expected.name} params`);
          checked++;
        }
      }
      assert.ok(checked > 0);
    });
  }
});
