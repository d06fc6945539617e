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
import { applyTfLayer, constructTfLayer, countTfParams } from '../../../src/engine/tf/layers';

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
  readonly outputs: KerasShape;
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
const engineInput = (input: KerasShape | KerasShape[]): Shape | Shape[] => (isList(input) ? input.map(toEngine) : toEngine(input));
const describeCase = (c: CatalogueCase): string => `${c.kind}(${JSON.stringify(c.kwargs)}) on ${JSON.stringify(c.input)}`;
const kinds = [...new Set(fixture.valid.map((c) => c.kind))];

/**
 * Classes Keras refuses in fewer than three ways, with the exact number of recorded invalid
 * cases and why. None today: even the classes whose constructor and call take any value
 * (ELU, Identity, Masking, Rescaling, Softmax) are refused by the base layer three ways (a
 * `name` with a `/`, an unknown `dtype`, an unknown keyword).
 */
const fewErrors: Readonly<Record<string, number>> = {};

describe('Keras catalogue layers vs real Keras 3', () => {
  it('has at least 20 valid and 3 invalid recorded configurations per class', () => {
    const short: string[] = [];
    for (const kind of kinds) {
      const valid = fixture.valid.filter((c) => c.kind === kind).length;
      const invalid = fixture.errors.filter((c) => c.kind === kind).length;
      if (valid < 20) short.push(`${kind}: ${valid} valid cases`);
      const expected = fewErrors[kind];
      if (expected === undefined ? invalid < 3 : invalid !== expected) short.push(`${kind}: ${invalid} invalid cases`);
    }
    for (const kind of Object.keys(fewErrors)) if (!kinds.includes(kind)) short.push(`${kind}: listed as refused in fewer ways, but has no valid cases`);
    assert.deepEqual(short, []);
  });

  for (const kind of kinds) {
    it(`${kind}: every output shape, weight and parameter count matches`, () => {
      const mismatches: string[] = [];
      for (const c of fixture.valid.filter((entry) => entry.kind === kind)) {
        const built = constructTfLayer(c.kind, c.kwargs, { dialect: 'keras', autoName: c.name });
        if (!built.layer || built.issues.length > 0) {
          mismatches.push(`${describeCase(c)}: construct ${JSON.stringify(built.issues)}`);
          continue;
        }
        const result = applyTfLayer(built.layer, engineInput(c.input));
        const ours = fromEngine(result.output);
        if (JSON.stringify(ours) !== JSON.stringify(c.outputs) || result.issues.length > 0) {
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
      const built = constructTfLayer(c.kind, c.kwargs, { dialect: 'keras', autoName: c.name });
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
