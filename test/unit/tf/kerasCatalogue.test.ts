/**
 * The keras.layers catalogue against real Keras 3, as tools/golden/keras_catalogue_cases.py
 * recorded it from symbolic calls on `keras.Input` (open batch): every output shape, the
 * weights with their shapes and trainable flags, the parameter count, and the exact message
 * of each invalid configuration at the stage where Keras raises (construct or apply).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoundArgs, Shape } from '../../../src/engine/types';
import type { TfApplyResult } from '../../../src/engine/tf/layers';
import { applyTfLayer, constructTfLayer, countTfParams } from '../../../src/engine/tf/layers';
import { engineArgs } from './nestedLayerArgs';

type KerasShape = (number | null)[];

interface CatalogueCase {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  /** One input shape, or a list of them for merge layers; the batch is `null` (open). */
  readonly input: KerasShape | KerasShape[];
  /** Keras's auto name of the layer, which its messages quote. */
  readonly name?: string;
}

interface ValidCase extends CatalogueCase {
  /** The output shape, or every tensor of a layer that returns several (states, a cell's call). */
  readonly outputs: KerasShape | KerasShape[];
  readonly weights: { name: string; shape: number[]; trainable: boolean }[];
  readonly params: number;
}

interface ErrorCase extends CatalogueCase {
  readonly stage: 'construct' | 'apply';
  readonly message: string;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'keras', 'catalogue_cases.json'), 'utf8')) as {
  valid: ValidCase[];
  errors: ErrorCase[];
};

const isList = (input: KerasShape | KerasShape[]): input is KerasShape[] => Array.isArray(input[0]);
/** Keras's open `None` is NaN in the engine. */
const toEngine = (shape: KerasShape): Shape => shape.map((d) => (d === null ? Number.NaN : d));
const fromEngine = (shape: Shape | null): KerasShape | null => shape && shape.map((d) => (Number.isNaN(d) ? null : d));
/** What the engine returned in the fixture's form: the list of tensors when Keras returned several. */
const engineOutputs = (result: TfApplyResult, listed: boolean): KerasShape | KerasShape[] | null =>
  listed ? (result.outputs?.map((s) => fromEngine(s)!) ?? null) : fromEngine(result.output);
/** Build a case's layer the way Keras did, nested layer objects included. */
const build = (c: CatalogueCase) => constructTfLayer(c.kind, engineArgs(c.kwargs), { dialect: 'keras', autoName: c.name });
const engineInput = (input: KerasShape | KerasShape[]): Shape | Shape[] => (isList(input) ? input.map(toEngine) : toEngine(input));
const describeCase = (c: CatalogueCase): string => `${c.kind}(${JSON.stringify(c.kwargs)}) on ${JSON.stringify(c.input)}`;
const kinds = [...new Set(fixture.valid.map((c) => c.kind))];

describe('Keras catalogue layers vs real Keras 3', () => {
  it('has at least 20 valid recorded configurations per class and invalid ones', () => {
    for (const kind of kinds) assert.ok(fixture.valid.filter((c) => c.kind === kind).length >= 20, `${kind}: too few valid cases`);
    assert.ok(fixture.errors.length >= 3 * 5, `only ${fixture.errors.length} error cases`);
  });

  for (const kind of kinds) {
    it(`${kind}: every output shape, weight and parameter count matches`, () => {
      const mismatches: string[] = [];
      for (const c of fixture.valid.filter((entry) => entry.kind === kind)) {
        const built = build(c);
        if (!built.layer || built.issues.length > 0) {
          mismatches.push(`${describeCase(c)}: construct ${JSON.stringify(built.issues)}`);
          continue;
        }
        const result = applyTfLayer(built.layer, engineInput(c.input));
        const listed = isList(c.outputs);
        const ours = engineOutputs(result, listed);
        // A layer returning several tensors notes that the single-tensor flow stops there.
        const notes = result.issues.filter((i) => !(listed && i.code === 'tf.multi-output'));
        if (JSON.stringify(ours) !== JSON.stringify(c.outputs) || notes.length > 0) {
          mismatches.push(`${describeCase(c)}: got ${JSON.stringify(ours)} ${JSON.stringify(result.issues)}, keras ${JSON.stringify(c.outputs)}`);
        }
        const weights = (built.layer.built?.paramTensors ?? []).map((t) => ({ name: t.name, shape: [...t.shape], trainable: t.trainable }));
        if (JSON.stringify(weights) !== JSON.stringify(c.weights)) mismatches.push(`${describeCase(c)}: weights ${JSON.stringify(weights)}, keras ${JSON.stringify(c.weights)}`);
        const counted = countTfParams(built.layer);
        if (counted.total.value !== c.params || !counted.total.exact) mismatches.push(`${describeCase(c)}: ${counted.total.value} params, keras ${c.params}`);
      }
      assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} cases differ`);
    });
  }

  it("raises every invalid configuration at the same stage with Keras's exact message", () => {
    const mismatches: string[] = [];
    for (const c of fixture.errors) {
      const built = build(c);
      let messages = built.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
      if (c.stage === 'apply') {
        if (!built.layer || messages.length > 0) {
          mismatches.push(`${describeCase(c)}: construct failed ${JSON.stringify(built.issues)}`);
          continue;
        }
        const result = applyTfLayer(built.layer, engineInput(c.input));
        messages = result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
      }
      if (!messages.includes(c.message)) mismatches.push(`${describeCase(c)} (${c.stage}):\n  ours  ${JSON.stringify(messages)}\n  keras ${JSON.stringify(c.message)}`);
    }
    assert.deepEqual(mismatches, [], `${mismatches.length} of ${fixture.errors.length} error cases differ`);
  });
});
