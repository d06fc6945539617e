import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareConvVariants, variantGroups } from '../../../src/analysis/compareVariants';
import type { VariantComparison } from '../../../src/analysis/compareVariants';
import { variantsMarkdown } from '../../../src/editor/variantsMarkdown';

interface VariantTruth {
  readonly params: number;
  readonly output?: number[];
  readonly error?: string | null;
}
// Recorded from real PyTorch by tools/golden/editor_truth.py.
const truth = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'editor_truth.json'), 'utf8')) as { variants: { input: number[]; rows: Record<string, VariantTruth> } };

describe('compare conv variants (the seed table)', () => {
  const seedArgs = {
    in_channels: 3,
    out_channels: 30,
    kernel_size: 10,
    stride: 1,
    padding: 0,
    dilation: 1,
    groups: 1,
    bias: true,
    padding_mode: 'zeros',
    device: null,
    dtype: null,
  };
  const result = compareConvVariants('Conv2d', seedArgs, truth.variants.input);

  it('builds every row, labelled correctly, in the seed order', () => {
    assert.notEqual(typeof result, 'string');
    const rows = (result as VariantComparison).rows;
    assert.deepEqual(
      rows.map((row) => row.label),
      ['fully connected', 'standard', 'dilated', 'grouped', 'pointwise', 'depthwise separable'],
    );
  });

  it('gives 903000 / 9030 / 9030 / 3030 / 120 / 423 params, as PyTorch counts them', () => {
    const rows = (result as VariantComparison).rows;
    assert.deepEqual(
      rows.map((row) => row.params),
      [903000, 9030, 9030, 3030, 120, 423],
    );
    for (const row of rows) assert.equal(row.params, truth.variants.rows[row.label]?.params, row.label);
  });

  it("gives PyTorch's output shapes, and its error for the dilated kernel that no longer fits", () => {
    for (const row of (result as VariantComparison).rows) {
      const expected = truth.variants.rows[row.label];
      assert.ok(expected);
      if (expected.error) {
        assert.equal(row.output, null, row.label);
        assert.deepEqual(row.problems, [expected.error], row.label);
      } else {
        assert.deepEqual(row.output, expected.output, row.label);
        assert.deepEqual(row.problems, [], row.label);
      }
    }
  });

  it('reports receptive fields: the kernel for convs, the whole input for the dense layer', () => {
    const fields = Object.fromEntries((result as VariantComparison).rows.map((row) => [row.label, row.receptiveField]));
    assert.deepEqual(fields['standard'], [10, 10]);
    assert.deepEqual(fields['pointwise'], [1, 1]);
    assert.deepEqual(fields['depthwise separable'], [10, 10]);
    assert.deepEqual(fields['fully connected'], [10, 10]);
  });

  it('renders a Markdown table', () => {
    const markdown = variantsMarkdown({ kind: 'Conv2d', args: seedArgs, path: 'conv' }, result as VariantComparison, false);
    assert.ok(markdown.includes('| grouped | `Conv2d(3, 30, 10, stride=1, padding=0, groups=3)` | 3,030 |'), markdown);
    assert.ok(markdown.includes('| fully connected | `Linear(300, 3000)` | 903,000 |'), markdown);
  });

  it('picks a group count that divides both channel counts', () => {
    assert.equal(variantGroups(3, 30, 1), 3);
    assert.equal(variantGroups(64, 128, 1), 8);
    assert.equal(variantGroups(3, 5, 1), undefined);
    assert.equal(variantGroups(8, 8, 2), 2);
  });

  it('declines what is not a PyTorch conv', () => {
    assert.equal(typeof compareConvVariants('Linear', { in_features: 3, out_features: 4 }, [1, 3]), 'string');
  });
});
