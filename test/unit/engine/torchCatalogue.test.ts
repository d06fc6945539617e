/**
 * The catalogue's layers beyond convolutions (recurrent layers and cells, Embedding, ...)
 * against real PyTorch, as tools/golden/torch_catalogue_cases.py recorded it: every output
 * of the returned tuple, parameter tensors and counts with their trainable flag, and the
 * exact message of each invalid configuration at the stage that raises.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoundArgs, ParamTensor } from '../../../src/engine/types';
import type { OutputShapes } from '../../../src/engine/torch/layerResults';
import { applyTorchLayer, constructTorchLayer, countParams } from '../../../src/engine/torch/layers';

interface CatalogueCase {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  readonly input: number[];
  /** The call's further tensor arguments (attention's key and value). */
  readonly others: number[][];
  /** One shape, or PyTorch's returned tuple of shapes (nested as it nests them). */
  readonly outputs: OutputShapes[] | number[];
  readonly params: ParamTensor[];
}

interface CatalogueError {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  readonly input: number[];
  readonly others: number[][];
  readonly stage: 'construct' | 'apply';
  readonly message: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch', 'catalogue_cases.json'), 'utf8')) as {
  valid: CatalogueCase[];
  errors: CatalogueError[];
  /** Classes PyTorch refuses in fewer than three ways, with how many (the generator probes each claim). */
  fewErrors: Record<string, number>;
};

const describeCase = (c: { kind: string; kwargs: BoundArgs; input: number[] }): string => `${c.kind}(${JSON.stringify(c.kwargs)}) on ${JSON.stringify(c.input)}`;
const kinds = [...new Set(fixture.valid.map((c) => c.kind))];

describe('PyTorch catalogue layers vs real PyTorch', () => {
  it('has at least 20 valid and 3 invalid recorded configurations per class (every error of a class with fewer)', () => {
    for (const kind of kinds) {
      assert.ok(fixture.valid.filter((c) => c.kind === kind).length >= 20, `${kind}: too few valid cases`);
      assert.ok(fixture.errors.filter((c) => c.kind === kind).length >= Math.min(3, fixture.fewErrors[kind] ?? 3), `${kind}: too few invalid cases`);
    }
  });

  for (const kind of kinds) {
    it(`${kind}: every output shape, parameter tensor and count matches`, () => {
      const mismatches: string[] = [];
      for (const c of fixture.valid.filter((entry) => entry.kind === kind)) {
        const built = constructTorchLayer(c.kind, c.kwargs);
        if (!built.layer || built.issues.length > 0) {
          mismatches.push(`${describeCase(c)}: construct ${JSON.stringify(built.issues)}`);
          continue;
        }
        const result = applyTorchLayer(built.layer, c.input, c.others);
        const ours = result.outputs ?? result.output;
        if (JSON.stringify(ours) !== JSON.stringify(c.outputs) || result.issues.length > 0) {
          mismatches.push(`${describeCase(c)}: got ${JSON.stringify(ours)} ${JSON.stringify(result.issues)}, torch ${JSON.stringify(c.outputs)}`);
        }
        if (result.outputs && JSON.stringify(result.output) !== JSON.stringify(result.outputs[0])) mismatches.push(`${describeCase(c)}: output is not the first output`);
        if (!result.macs.exact || result.macs.unknown === true) mismatches.push(`${describeCase(c)}: MACs not exact`);
        // A Lazy* layer's parameters exist from its first call on: the call's result carries them.
        if (c.kind.startsWith('Lazy') && built.layer.paramsUnknown !== true) mismatches.push(`${describeCase(c)}: parameters known before the first call`);
        const layer = result.materialized ?? built.layer;
        const tensors = layer.params.map((t) => ({ name: t.name, shape: [...t.shape], trainable: t.trainable }));
        if (JSON.stringify(tensors) !== JSON.stringify(c.params)) mismatches.push(`${describeCase(c)}: params ${JSON.stringify(tensors)}, torch ${JSON.stringify(c.params)}`);
        const counted = countParams(layer);
        const size = (t: ParamTensor): number => t.shape.reduce((p, s) => p * s, 1);
        const total = c.params.reduce((sum, t) => sum + size(t), 0);
        const trainable = c.params.filter((t) => t.trainable).reduce((sum, t) => sum + size(t), 0);
        if (counted.total.value !== total || counted.trainable.value !== trainable || !counted.total.exact) {
          mismatches.push(`${describeCase(c)}: ${counted.total.value}/${counted.trainable.value} params, torch ${total}/${trainable}`);
        }
      }
      assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} cases differ`);
    });
  }

  it("raises every invalid configuration at the same stage with PyTorch's exact message", () => {
    const mismatches: string[] = [];
    for (const c of fixture.errors) {
      const built = constructTorchLayer(c.kind, c.kwargs);
      let messages = built.issues.map((issue) => issue.message);
      if (c.stage === 'construct' && built.layer !== null) mismatches.push(`${describeCase(c)}: constructed, torch raised at construct`);
      if (c.stage === 'apply') {
        if (!built.layer) {
          mismatches.push(`${describeCase(c)}: construct failed ${JSON.stringify(built.issues)}`);
          continue;
        }
        const result = applyTorchLayer(built.layer, c.input, c.others);
        messages = result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
        if (result.output !== null) mismatches.push(`${describeCase(c)}: gave an output, torch raised`);
      }
      if (!messages.includes(c.message)) mismatches.push(`${describeCase(c)}:\n  ours  ${JSON.stringify(messages)}\n  torch ${JSON.stringify(c.message)}`);
    }
    assert.deepEqual(mismatches, [], `${mismatches.length} of ${fixture.errors.length} error cases differ`);
  });
});
