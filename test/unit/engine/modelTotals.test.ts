import { strict as assert } from 'node:assert';
import { modelTotals, recordMacs, recordParams } from '../../../src/engine/modelTotals';
import { layerRecord } from '../../support/records';

const conv = layerRecord({ kind: 'Conv2d', args: {}, layerId: 1, params: 9408, macs: 118013952 });

describe('model totals', () => {
  it('adds known counts, shared layers once', () => {
    const totals = modelTotals([conv, conv]);
    assert.deepEqual(
      [totals.totalParams, totals.totalMacs, totals.exactCounts, totals.unknownParamLayers, totals.unknownMacLayers, totals.approximateCounts],
      [9408, 236027904, true, 0, 0, false],
    );
  });

  it('counts unknown layers apart instead of adding 0, and does not call that approximate', () => {
    const unknown = layerRecord({ kind: 'Conv2d', args: {}, layerId: 2, exactCounts: false, paramsUnknown: true, macsUnknown: true });
    const noInput = layerRecord({ kind: 'Conv2d', args: {}, layerId: 3, params: 120, exactCounts: false, macsUnknown: true });
    const totals = modelTotals([conv, unknown, noInput]);
    assert.equal(totals.totalParams, 9408 + 120);
    assert.equal(totals.totalMacs, 118013952);
    assert.equal(totals.unknownParamLayers, 1);
    assert.equal(totals.unknownMacLayers, 2);
    assert.equal(totals.exactCounts, false);
    assert.equal(totals.approximateCounts, false);
    assert.equal(recordParams(unknown), null);
    assert.equal(recordMacs(noInput), null);
    assert.equal(recordParams(noInput), 120);
  });

  it('calls a count past 2^53 approximate', () => {
    const big = layerRecord({ kind: 'Conv3d', args: {}, layerId: 4, params: 10, macs: 2 ** 60, exactCounts: false });
    const totals = modelTotals([big]);
    assert.equal(totals.approximateCounts, true);
    assert.equal(totals.unknownMacLayers, 0);
  });
});
