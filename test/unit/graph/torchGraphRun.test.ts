/**
 * Running a PyTorch model's dataflow graph gives PyTorch's own activations: every node the
 * preview computes (layers, functional twins such as `F.relu`, tensor ops) matches
 * torch.fx's Interpreter on real weights saved by torch.save (tools/golden/torch_graphs.py),
 * and every node it does not compute sits behind an op without a kernel, named with the reason.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { isOpKind } from '../../../src/engine/graph/opKinds';
import { computeFeatureMaps, type FeatureMapResult } from '../../../src/engine/kernels/computeFeatureMaps';
import type { GraphFeatureMaps } from '../../../src/engine/kernels/graphFeatureMaps';
import { canRunOp } from '../../../src/engine/kernels/ops/runOp';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import { readSafetensors } from '../../../src/engine/weights/safetensors';
import { runnableLayers } from '../../../src/featureMaps/modelLayers';
import { analyzeSource } from '../../../src/analysis/analyzeSource';

const folder = path.join(__dirname, '..', '..', 'fixtures', 'torch', 'graphs');
const models = readdirSync(folder)
  .filter((file) => file.endsWith('_activations.safetensors'))
  .map((file) => file.replace('_activations.safetensors', ''));

/** Largest difference relative to the output's scale (its largest magnitude, at least 1). */
function relativeError(ours: Tensor, theirs: Tensor): number {
  assert.deepEqual([...ours.shape], [...theirs.shape]);
  let scale = 1;
  for (const value of theirs.data) scale = Math.max(scale, Math.abs(value));
  let worst = 0;
  for (let i = 0; i < theirs.data.length; i++) worst = Math.max(worst, Math.abs(ours.data[i] - theirs.data[i]));
  return worst / scale;
}

describe('PyTorch dataflow graphs run as PyTorch computes them', function () {
  this.timeout(60000);
  it('has activations for the small models', () => assert.ok(models.length >= 6, models.join(', ')));

  for (const name of models) {
    it(`${name}: every computed node matches torch.fx within 1e-4; the rest stop behind an op without a kernel`, async () => {
      const source = readFileSync(path.join(folder, `${name}.py`), 'utf8');
      const model = (await analyzeSource(source, 'python')).models[0];
      assert.ok(model.graph);
      const input = readSafetensors(new Uint8Array(readFileSync(path.join(folder, `${name}_input.safetensors`)))).get('input')!;
      const weightsPath = path.join(folder, `${name}.pt`);
      assert.ok(existsSync(weightsPath));
      const result = (await computeFeatureMaps({
        layers: runnableLayers(model),
        graph: model.graph,
        input,
        weightFile: { bytes: new Uint8Array(readFileSync(weightsPath)), name: `${name}.pt` },
      })) as FeatureMapResult & GraphFeatureMaps;
      assert.equal(result.weights?.missing.length, 0, 'every weight comes from the file');
      const expected = readSafetensors(new Uint8Array(readFileSync(path.join(folder, `${name}_activations.safetensors`))));
      let compared = 0;
      for (const [key, tensor] of expected) {
        const ours = result.outputs.get(key);
        if (ours) {
          assert.ok(relativeError(ours, tensor) < 1e-4, `${key}: ${relativeError(ours, tensor)}`);
          compared++;
        } else {
          assert.ok(result.stopped.has(key.replace(/\/\d+$/, '')), `${key} was neither computed nor stopped`);
        }
      }
      // A branch stops only at a tensor op whose kernel is missing, never at a layer or a functional twin.
      for (const [id, reason] of result.stoppedAt) {
        const node = model.graph.nodes.find((candidate) => candidate.id === id)!;
        assert.ok(isOpKind(node.kind) && !canRunOp(node.kind), `${id} (${node.kind}) stopped: ${reason}`);
        assert.match(reason, new RegExp(node.kind));
      }
      assert.ok(compared > 0, 'at least the first layer runs');
    });
  }
});
