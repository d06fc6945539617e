import { strict as assert } from 'node:assert';
import { formatBound, formatCompact, formatCount, formatKnown, formatShort, formatTotal } from '../../../src/analysis/format';

describe('count formatting', () => {
  it('reads ? for an unknown count, never 0', () => {
    assert.equal(formatKnown(null), '?');
    assert.equal(formatKnown(0), '0');
    assert.equal(formatKnown(9408), '9,408');
    assert.equal(formatKnown(9408, formatCompact), '9.41 K');
  });

  it('writes a total with unknown parts as a lower bound with the number of unknown layers', () => {
    assert.equal(formatTotal(1200000, 0), '1,200,000');
    assert.equal(formatTotal(1200000, undefined), '1,200,000');
    assert.equal(formatTotal(1200000, 3, formatCompact), '≥ 1.20 M (3 layers unknown)');
    assert.equal(formatTotal(1200000, 1), '≥ 1,200,000 (1 layer unknown)');
    assert.equal(formatTotal(0, 2), '? (2 layers unknown)');
    assert.equal(formatBound(1200, 2), '≥ 1,200');
    assert.equal(formatBound(0, 2), '?');
    assert.equal(formatBound(1200, 0), '1,200');
  });

  it('writes short counts with three significant digits for the hints', () => {
    assert.equal(formatShort(36928), '36.9K');
    assert.equal(formatShort(1200000), '1.2M');
    assert.equal(formatShort(999), '999');
    assert.equal(formatShort(999_600), '1M');
    assert.equal(formatShort(100_000), '100K');
    assert.equal(formatShort(11_173_962), '11.2M');
    assert.equal(formatCount(11_173_962), '11,173,962');
  });
});
