/**
 * How a size Keras leaves open (`None`, NaN in the engine) reads everywhere the shared
 * formatters are used (CLI table, hovers, panel): `None` in a shape, `?` in a count or a
 * per-axis figure; never `NaN`.
 */
import { strict as assert } from 'node:assert';
import { formatAxes, formatCompact, formatCount, formatShape } from '../../../src/analysis/format';

describe('formatting open (None) sizes', () => {
  it('shows an open dimension as None and keeps the others', () => {
    assert.equal(formatShape([1, Number.NaN, Number.NaN, 3]), '[1, None, None, 3]');
    assert.equal(formatShape([1, 32, 32, 3]), '[1, 32, 32, 3]');
  });

  it('shows a count or an axis figure that depends on an open size as ?', () => {
    assert.equal(formatCount(Number.NaN), '?');
    assert.equal(formatCompact(Number.NaN), '?');
    assert.equal(formatAxes([Number.NaN, 3]), '?x3');
    assert.equal(formatCount(1234567), '1,234,567');
  });
});
