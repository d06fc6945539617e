/**
 * The keras.layers catalogue against real Keras 3, as tools/golden/keras_catalogue_cases.py
 * recorded it from symbolic calls on `keras.Input` (open batch): every output shape, the
 * weights with their shapes and trainable flags, the parameter count, and the exact message
 * of each invalid configuration at the stage where Keras raises (construct or apply). The
 * comparison lives in test/support/tfCatalogueJudge.ts, shared with the unseen-catalogue benchmark.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KerasErrorCase, KerasValidCase } from '../../support/tfCatalogueJudge';
import { judgeKerasError, judgeKerasValid } from '../../support/tfCatalogueJudge';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'keras', 'catalogue_cases.json'), 'utf8')) as {
  valid: KerasValidCase[];
  errors: KerasErrorCase[];
};

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
      const mismatches = fixture.valid.filter((entry) => entry.kind === kind).flatMap((c) => judgeKerasValid(c).problems);
      assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} cases differ`);
    });
  }

  it('follows the computed shapes where Keras reports other symbolic ones: only MultiHeadAttention scores', () => {
    // Keras's symbolic scores are (batch, heads, Tq, Tq) whatever the key's length and the attention axes.
    const differing = fixture.valid.filter((c) => c.computed !== undefined);
    assert.deepEqual([...new Set(differing.map((c) => c.kind))], ['MultiHeadAttention']);
    for (const c of differing) assert.deepEqual(c.computed![0], (c.outputs as unknown[])[0], 'only the scores differ');
  });

  it("raises every invalid configuration at the same stage with Keras's exact message", () => {
    const mismatches = fixture.errors.flatMap((c) => judgeKerasError(c).problems);
    assert.deepEqual(mismatches, [], `${mismatches.length} of ${fixture.errors.length} error cases differ`);
  });
});
