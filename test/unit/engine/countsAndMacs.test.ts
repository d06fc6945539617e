/** The reference parameter table and MAC examples, through the engine's public API. */
import { strict as assert } from 'node:assert';
import { addCounts, exactCount, multiplyCounts } from '../../../src/engine/exactCount';
import { countParams } from '../../../src/engine/torch/layers';
import { convVariantLabels } from '../../../src/engine/torch/convVariant';
import { bindArgs, build, run } from './bindArgs';

const params = (kind: string, kwargs: Record<string, number>): number => {
  const total = countParams(build(kind, kwargs)).total;
  assert.ok(total.exact);
  return total.value;
};

describe('reference parameter table (bias on, input 10x10x3, 30 maps)', () => {
  const rows: { label: string; kind: string; kwargs: Record<string, number>; labels: string[] }[] = [
    { label: 'fully connected 300 -> 3000', kind: 'Linear', kwargs: { in_features: 300, out_features: 3000 }, labels: ['fully connected'] },
    { label: 'Conv2d(3, 30, 10)', kind: 'Conv2d', kwargs: { in_channels: 3, out_channels: 30, kernel_size: 10 }, labels: ['standard'] },
    { label: 'same with dilation=2', kind: 'Conv2d', kwargs: { in_channels: 3, out_channels: 30, kernel_size: 10, dilation: 2 }, labels: ['dilated'] },
    { label: 'same with groups=3', kind: 'Conv2d', kwargs: { in_channels: 3, out_channels: 30, kernel_size: 10, groups: 3 }, labels: ['grouped', 'depthwise'] },
    { label: 'pointwise Conv2d(3, 30, 1)', kind: 'Conv2d', kwargs: { in_channels: 3, out_channels: 30, kernel_size: 1 }, labels: ['pointwise'] },
  ];
  const expected = [903000, 9030, 9030, 3030, 120];
  rows.forEach((row, index) => {
    it(`${row.label}: ${expected[index]} parameters, labelled ${row.labels.join(', ')}`, () => {
      assert.equal(params(row.kind, row.kwargs), expected[index]);
      assert.deepEqual(convVariantLabels(row.kind, bindArgs(row.kind, row.kwargs)), row.labels);
    });
  });

  it('depthwise (3,3,10,groups=3) + pointwise (3,30,1): 303 + 120 = 423', () => {
    const depthwise = { in_channels: 3, out_channels: 3, kernel_size: 10, groups: 3 };
    const pointwise = { in_channels: 3, out_channels: 30, kernel_size: 1 };
    assert.equal(params('Conv2d', depthwise), 303);
    assert.equal(params('Conv2d', pointwise), 120);
    assert.equal(addCounts(countParams(build('Conv2d', depthwise)).total, countParams(build('Conv2d', pointwise)).total).value, 423);
    assert.deepEqual(convVariantLabels('Conv2d', bindArgs('Conv2d', depthwise)), ['grouped', 'depthwise']);
    assert.deepEqual(convVariantLabels('Conv2d', bindArgs('Conv2d', pointwise)), ['pointwise']);
  });

  it('a grouped conv that is not depthwise is labelled grouped', () => {
    assert.deepEqual(convVariantLabels('Conv2d', bindArgs('Conv2d', { in_channels: 4, out_channels: 8, kernel_size: 3, groups: 2 })), ['grouped']);
  });
});

describe('MACs (the counting conventions)', () => {
  it('conv: N * C_out * prod(out) * C_in/g * prod(k)', () => {
    const result = run('Conv2d', { in_channels: 3, out_channels: 30, kernel_size: 10 }, [1, 3, 10, 10]);
    assert.deepEqual(result.output, [1, 30, 1, 1]);
    assert.equal(result.macs.value, 30 * 3 * 100);
    const batched = run('Conv2d', { in_channels: 3, out_channels: 30, kernel_size: 3, padding: 1 }, [4, 3, 10, 10]);
    assert.equal(batched.macs.value, 4 * 30 * 100 * 3 * 9);
  });

  it('grouped conv divides by g', () => {
    const result = run('Conv2d', { in_channels: 3, out_channels: 30, kernel_size: 10, groups: 3 }, [1, 3, 10, 10]);
    assert.equal(result.macs.value, 30 * 1 * 100);
  });

  it('dilation does not change MACs (same output size, same taps)', () => {
    const dilated = run('Conv2d', { in_channels: 8, out_channels: 16, kernel_size: 3, dilation: 2, padding: 2 }, [1, 8, 7, 7]);
    const plain = run('Conv2d', { in_channels: 8, out_channels: 16, kernel_size: 3, padding: 1 }, [1, 8, 7, 7]);
    assert.deepEqual(dilated.output, plain.output);
    assert.equal(dilated.macs.value, plain.macs.value);
    assert.equal(plain.macs.value, 16 * 49 * 8 * 9);
  });

  it('transposed conv counts on the INPUT size: 2x2 input, 3x3 kernel -> 4x4 output, 36 MACs', () => {
    const result = run('ConvTranspose2d', { in_channels: 1, out_channels: 1, kernel_size: 3 }, [1, 1, 2, 2]);
    assert.deepEqual(result.output, [1, 1, 4, 4]);
    assert.equal(result.macs.value, 1 * 1 * 4 * 1 * 9);
    const grouped = run('ConvTranspose2d', { in_channels: 4, out_channels: 8, kernel_size: 4, stride: 2, padding: 1, groups: 2 }, [2, 4, 5, 5]);
    assert.deepEqual(grouped.output, [2, 8, 10, 10]);
    assert.equal(grouped.macs.value, 2 * 4 * 25 * (8 / 2) * 16);
  });

  it('pointwise 224x224x100 -> 224x224x50', () => {
    const result = run('Conv2d', { in_channels: 100, out_channels: 50, kernel_size: 1 }, [1, 100, 224, 224]);
    assert.equal(result.macs.value, 50 * 224 * 224 * 100);
  });

  it('Linear: prod(batch dims) * in * out', () => {
    const result = run('Linear', { in_features: 300, out_features: 3000 }, [2, 3, 300]);
    assert.deepEqual(result.output, [2, 3, 3000]);
    assert.equal(result.macs.value, 6 * 300 * 3000);
  });

  it('pooling, BatchNorm and activations count 0 MACs', () => {
    assert.equal(run('MaxPool2d', { kernel_size: 2 }, [1, 3, 8, 8]).macs.value, 0);
    assert.equal(run('BatchNorm2d', { num_features: 3 }, [2, 3, 8, 8]).macs.value, 0);
    assert.equal(run('ReLU', {}, [2, 3, 8, 8]).macs.value, 0);
  });
});

describe('exact counts past 2^53', () => {
  it('stays exact up to 2^53 and flags beyond', () => {
    assert.deepEqual(multiplyCounts(2 ** 26, 2 ** 26), { value: 2 ** 52, exact: true });
    assert.equal(exactCount(Number.MAX_SAFE_INTEGER).exact, true);
    assert.equal(addCounts(Number.MAX_SAFE_INTEGER, 1).exact, false);
    assert.equal(multiplyCounts(2 ** 30, 2 ** 30).exact, false);
    assert.equal(multiplyCounts(2 ** 30, 2 ** 30).value, 2 ** 60);
    assert.equal(exactCount(2n ** 64n).exact, false);
  });

  it('gives the same answers in plain numbers as in BigInt at the 2^53 boundary', () => {
    // 94906265^2 = 9007199136250225 < 2^53; 94906267^2 passes it, 3 * 3002399751580331 = 2^53 + 1.
    assert.deepEqual(multiplyCounts(94906265, 94906265), { value: 9007199136250225, exact: true });
    assert.equal(multiplyCounts(94906267, 94906267).exact, false);
    assert.equal(multiplyCounts(3, 3002399751580331).exact, false);
    assert.equal(multiplyCounts(3, 3002399751580331).value, Number(3n * 3002399751580331n));
    assert.deepEqual(addCounts(Number.MAX_SAFE_INTEGER - 1, 1), { value: Number.MAX_SAFE_INTEGER, exact: true });
    assert.equal(addCounts(multiplyCounts(2 ** 30, 2 ** 30), 1).exact, false);
    assert.equal(multiplyCounts({ value: 0, exact: false, unknown: true }, 5).exact, false);
  });

  it('an inexact factor makes the product inexact', () => {
    assert.equal(multiplyCounts(multiplyCounts(2 ** 30, 2 ** 30), 0).exact, false);
  });

  it('a huge Conv3d flags its MACs instead of printing a wrong number', () => {
    const result = run('Conv3d', { in_channels: 1024, out_channels: 1024, kernel_size: 7, padding: 3 }, [64, 1024, 512, 512, 512]);
    assert.deepEqual(result.output, [64, 1024, 512, 512, 512]);
    assert.equal(result.macs.exact, false);
    // 64 * 1024 * 512^3 * 1024 * 343 = 2^6 * 2^10 * 2^27 * 2^10 * 343 = 343 * 2^53
    assert.equal(result.macs.value, 343 * 2 ** 53);
    const small = run('Conv3d', { in_channels: 2, out_channels: 2, kernel_size: 3 }, [1, 2, 5, 5, 5]);
    assert.equal(small.macs.exact, true);
  });

  it('unknown arguments give an unknown count, not a wrong one', () => {
    const layer = build('Conv2d', { in_channels: { unknown: true, reason: 'test' }, out_channels: 4, kernel_size: 3 });
    const counted = countParams(layer);
    assert.equal(counted.total.unknown, true);
    assert.equal(counted.total.exact, false);
  });
});
