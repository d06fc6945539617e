/**
 * The catalogue's layers beyond convolutions (recurrent layers and cells, Embedding, ...)
 * against real PyTorch, as tools/golden/torch_catalogue_cases.py recorded it: every output
 * of the returned tuple, parameter tensors and counts with their trainable flag, and the
 * exact message of each invalid configuration at the stage that raises (the comparison
 * lives in test/support/torchCatalogueJudge.ts, shared with the unseen-catalogue benchmark).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TorchCatalogueFixture } from '../../support/torchCatalogueJudge';
import { judgeTorchError, judgeTorchValid } from '../../support/torchCatalogueJudge';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch', 'catalogue_cases.json'), 'utf8')) as TorchCatalogueFixture;
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
      const mismatches = fixture.valid.filter((entry) => entry.kind === kind).flatMap((c) => judgeTorchValid(c).problems);
      assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} cases differ`);
    });
  }

  it("raises every invalid configuration at the same stage with PyTorch's exact message", () => {
    const mismatches = fixture.errors.flatMap((c) => judgeTorchError(c).problems);
    assert.deepEqual(mismatches, [], `${mismatches.length} of ${fixture.errors.length} error cases differ`);
  });
});
