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

describe('compare conv variants like for like', () => {
  const likeTruth = (JSON.parse(readFileSync(join(__dirname, 'fixtures', 'editor_truth.json'), 'utf8')) as { likeForLike: { input: number[]; rows: Record<string, VariantTruth> } })
    .likeForLike;
  // Conv2d(16, 32, 3, padding=2, dilation=2, bias=False): 32x32 in and out.
  const dilatedNoBias = { in_channels: 16, out_channels: 32, kernel_size: 3, stride: 1, padding: 2, dilation: 2, groups: 1, bias: false, padding_mode: 'zeros' };
  const result = compareConvVariants('Conv2d', dilatedNoBias, likeTruth.input) as VariantComparison;

  it("keeps the user's output size and bias choice in every conv variant, as PyTorch counts them", () => {
    for (const [label, expected] of Object.entries(likeTruth.rows)) {
      const row = result.rows.find((candidate) => candidate.label === label);
      assert.equal(row?.params, expected.params, label);
      assert.deepEqual(row?.output, expected.output, label);
    }
    assert.equal(result.rows.find((row) => row.label === 'standard')?.layers, 'Conv2d(16, 32, 3, stride=1, padding=1, bias=False)');
    assert.ok(
      result.rows.every((row) => row.layers.includes('bias=False')),
      result.rows.map((row) => row.layers).join('\n'),
    );
  });

  it("marks the user's own configuration: the dilated row here, the standard one in the seed table", () => {
    assert.deepEqual(
      result.rows.filter((row) => row.yours).map((row) => row.label),
      ['dilated'],
    );
    const seed = compareConvVariants('Conv2d', { in_channels: 3, out_channels: 30, kernel_size: 10 }, [1, 3, 10, 10]) as VariantComparison;
    assert.deepEqual(
      seed.rows.filter((row) => row.yours).map((row) => row.label),
      ['standard'],
    );
  });

  it("adds the user's configuration first when no variant is it (dilated and grouped at once)", () => {
    const both = compareConvVariants('Conv2d', { in_channels: 16, out_channels: 32, kernel_size: 3, padding: 2, dilation: 2, groups: 4 }, [1, 16, 32, 32]) as VariantComparison;
    assert.equal(both.rows[0]?.label, 'yours');
    assert.equal(both.rows[0]?.yours, true);
    assert.equal(both.rows[0]?.layers, 'Conv2d(16, 32, 3, stride=1, padding=2, dilation=2, groups=4)');
    assert.equal(both.rows.filter((row) => row.yours).length, 1);
  });
});
