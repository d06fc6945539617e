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
  /** How the layer was called: positional tensors (`mha(q, v)`) and keywords (`key=`, `return_attention_scores=`). */
  readonly call?: { positional: boolean; kwargs: Record<string, BoundArgs[string]> };
}

interface ValidCase extends CatalogueCase {
  /** One shape, or one per output for layers returning several tensors. */
  readonly outputs: KerasShape | KerasShape[];
  /** The shapes a call on real arrays returned, where they differ from the symbolic `outputs`. */
  readonly computed?: KerasShape[];
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
/** The engine's call: MultiHeadAttention's `key` joins the inputs list; other keywords are call arguments. */
function engineCall(c: CatalogueCase): { input: Shape | Shape[]; call: BoundArgs } {
  const { key, ...call } = c.call?.kwargs ?? {};
  const input = engineInput(c.input);
  return Array.isArray(key) ? { input: [...(input as Shape[]), toEngine(key as KerasShape)], call } : { input, call };
}
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
        const built = constructTfLayer(c.kind, c.kwargs, { dialect: 'keras', autoName: c.name });
        if (!built.layer || built.issues.length > 0) {
          mismatches.push(`${describeCase(c)}: construct ${JSON.stringify(built.issues)}`);
          continue;
        }
        const { input, call } = engineCall(c);
        const result = applyTfLayer(built.layer, input, call);
        // Several outputs: the engine lists them all (and says so in one info); else one shape, no issue.
        const several = isList(c.outputs);
        const ours = several ? (result.outputs ?? []).map(fromEngine) : fromEngine(result.output);
        const expected = c.computed ?? c.outputs;
        if (JSON.stringify(ours) !== JSON.stringify(expected) || result.issues.length !== (several ? 1 : 0)) {
          mismatches.push(`${describeCase(c)}: got ${JSON.stringify(ours)} ${JSON.stringify(result.issues)}, keras ${JSON.stringify(expected)}`);
        }
        const weights = (built.layer.built?.paramTensors ?? []).map((t) => ({ name: t.name, shape: [...t.shape], trainable: t.trainable }));
        if (JSON.stringify(weights) !== JSON.stringify(c.weights)) mismatches.push(`${describeCase(c)}: weights ${JSON.stringify(weights)}, keras ${JSON.stringify(c.weights)}`);
        const counted = countTfParams(built.layer);
        if (counted.total.value !== c.params || !counted.total.exact) mismatches.push(`${describeCase(c)}: ${counted.total.value} params, keras ${c.params}`);
      }
      assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} cases differ`);
    });
  }

  it('follows the computed shapes where Keras reports other symbolic ones: only MultiHeadAttention scores', () => {
    // Keras's symbolic scores are (batch, heads, Tq, Tq) whatever the key's length and the attention axes.
    const differing = fixture.valid.filter((c) => c.computed !== undefined);
    assert.deepEqual([...new Set(differing.map((c) => c.kind))], ['MultiHeadAttention']);
    for (const c of differing) assert.deepEqual(c.computed![0], (c.outputs as KerasShape[])[0], 'only the scores differ');
  });

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
        const { input, call } = engineCall(c);
        const result = applyTfLayer(built.layer, input, call);
        messages = result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
      }
      if (!messages.includes(c.message)) mismatches.push(`${describeCase(c)} (${c.stage}):\n  ours  ${JSON.stringify(messages)}\n  keras ${JSON.stringify(c.message)}`);
    }
    assert.deepEqual(mismatches, [], `${mismatches.length} of ${fixture.errors.length} error cases differ`);
  });
});
