/**
 * The TF-semantics engine against real TensorFlow.js: random layer configs whose output
 * shapes, parameter counts, weight shapes and errors were recorded by
 * tools/golden/tfjs_cases.mjs (symbolic apply, concrete apply on zeros, countParams()).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgValue } from '../../../src/engine/types';
import { applyTfLayer, constructTfLayer, countTfParams } from '../../../src/engine/tf/layers';
import { snakeCaseKey } from '../../../src/engine/tf/signatures';
import { tfjsClassOfFactory } from '../../../src/frontends/typescript/tfjsFactories';

interface LayerCase {
  id: number;
  factory: string;
  className?: string;
  config: Record<string, ArgValue>;
  inputs: number[][];
  sharedFirst?: number[];
  symbolicOutput?: (number | null)[];
  concreteOutput?: number[];
  params?: number;
  trainableParams?: number;
  weights?: { name: string; shape: number[]; trainable: boolean }[];
  constructError?: string;
  symbolicError?: string;
  concreteError?: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/tfjs/layerCases.json'), 'utf8')) as { cases: LayerCase[] };

/** tfjs errors that are crashes inside a kernel, not messages we can word the same way. */
const internalCrash = /Requested out of range|must be positive|Size must be/;

describe('TF engine vs real TensorFlow.js layers (random cases)', () => {
  it('has at least 300 cases', () => {
    assert.ok(fixture.cases.length >= 300, `only ${fixture.cases.length} cases`);
  });

  for (const c of fixture.cases) {
    it(`#${c.id} ${c.factory} ${JSON.stringify(c.config)} on ${JSON.stringify(c.inputs)}`, () => {
      const kind = tfjsClassOfFactory(c.factory);
      if (c.className !== undefined) assert.equal(kind, c.className, 'factory -> class map');
      const args: Record<string, ArgValue> = {};
      for (const [key, value] of Object.entries(c.config)) args[snakeCaseKey(key)] = value;
      const { layer, issues: constructIssues } = constructTfLayer(kind ?? c.factory, args, { dialect: 'tfjs', autoName: 'layer' });
      if (!layer) {
        const truth = c.constructError ?? c.symbolicError ?? c.concreteError;
        assert.ok(truth !== undefined, `construct failed: ${JSON.stringify(constructIssues)}`);
        assert.ok(
          constructIssues.some((i) => i.severity === 'error' && i.message === truth),
          `${JSON.stringify(constructIssues)} vs tfjs ${truth}`,
        );
        return;
      }
      if (c.sharedFirst) {
        const first = applyTfLayer(layer, [1, ...c.sharedFirst]);
        assert.deepEqual(first.issues, [], 'first call of the shared layer');
      }
      const inputs = c.inputs.map((s) => [1, ...s]);
      const result = applyTfLayer(layer, inputs.length === 1 ? inputs[0] : inputs);
      const errors = [...constructIssues, ...result.issues].filter((i) => i.severity === 'error');
      const truthError = c.constructError ?? c.symbolicError ?? c.concreteError;
      if (truthError !== undefined) {
        assert.ok(errors.length > 0, `tfjs failed with "${truthError}" but the engine found no error`);
        if (!internalCrash.test(truthError)) {
          const messages = errors.map((e) => e.message);
          // tfjs names layers with a process-wide counter; the engine was given the name 'layer'.
          const truthMessages = [c.constructError, c.symbolicError, c.concreteError]
            .filter((m): m is string => m !== undefined)
            .map((m) => m.replace(/with layer \S+?:/, 'with layer layer:'));
          assert.ok(
            messages.some((m) => truthMessages.includes(m)),
            `messages ${JSON.stringify(messages)} vs tfjs ${JSON.stringify(truthMessages)}`,
          );
        }
        return;
      }
      assert.deepEqual(errors, [], 'tfjs ran this layer without error');
      if (c.concreteOutput?.every((d) => d > 0)) {
        assert.deepEqual(result.output?.slice(1), c.concreteOutput, 'output shape');
      } else {
        // tfjs returns an empty or negative-size tensor (its symbolic and concrete shapes even disagree): warn.
        assert.ok(
          result.issues.some((i) => i.code === 'tf.empty-output'),
          'an empty-output warning',
        );
        const output = JSON.stringify(result.output?.slice(1));
        assert.ok(output === JSON.stringify(c.concreteOutput) || output === JSON.stringify(c.symbolicOutput), `output ${output}`);
      }
      const counts = countTfParams(layer);
      assert.equal(counts.total.value, c.params, 'countParams()');
      assert.equal(counts.trainable.value, c.trainableParams, 'trainable params');
      assert.deepEqual(
        layer.built?.paramTensors.map((t) => t.shape),
        c.weights?.map((w) => w.shape),
        'weight shapes',
      );
    });
  }
});
