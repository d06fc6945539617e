/**
 * A model's totals from its layer records: MACs add up over every call, parameters count
 * once per layer object (a shared layer's weights are one set), containers add nothing (nor do
 * the sublayers a Keras custom layer's count includes). A count the analysis could not
 * determine is never added as 0: it is counted apart, so the totals read as a lower bound with
 * the number of unknown layers.
 */
import type { LayerRecord, ModelReport } from './report';
import { addCounts } from './exactCount';

export type ModelTotals = Pick<ModelReport, 'totalParams' | 'trainableParams' | 'totalMacs' | 'exactCounts' | 'unknownParamLayers' | 'unknownMacLayers' | 'approximateCounts'>;

/** A record's parameter count, or null when it is unknown. */
export function recordParams(record: Pick<LayerRecord, 'params' | 'paramsUnknown'>): number | null {
  return record.paramsUnknown ? null : record.params;
}

/** A record's MACs, or null when they are unknown. */
export function recordMacs(record: Pick<LayerRecord, 'macs' | 'macsUnknown'>): number | null {
  return record.macsUnknown ? null : record.macs;
}

export function modelTotals(records: readonly LayerRecord[]): ModelTotals {
  const seen = new Set<number>();
  let params = addCounts();
  let trainable = addCounts();
  let macs = addCounts();
  let approximate = false;
  let unknownParamLayers = 0;
  let unknownMacLayers = 0;
  for (const record of records) {
    // A known count is inexact only when it passed 2^53.
    const knownInexact = !record.exactCounts && !record.paramsUnknown && !record.macsUnknown;
    approximate ||= knownInexact;
    if (record.macsUnknown) unknownMacLayers += 1;
    else macs = addCounts(macs, { value: record.macs, exact: record.exactCounts || record.paramsUnknown === true });
    if (seen.has(record.layerId)) continue;
    seen.add(record.layerId);
    if (record.paramsUnknown) {
      unknownParamLayers += 1;
      continue;
    }
    const paramsExact = record.exactCounts || record.macsUnknown === true;
    // A Keras custom layer's sublayers have records of their own: count them there.
    params = addCounts(params, { value: record.params - (record.sublayerParams?.params ?? 0), exact: paramsExact });
    trainable = addCounts(trainable, { value: record.trainableParams - (record.sublayerParams?.trainableParams ?? 0), exact: paramsExact });
  }
  approximate ||= !params.exact || !macs.exact;
  return {
    totalParams: params.value,
    trainableParams: trainable.value,
    totalMacs: macs.value,
    exactCounts: !approximate && unknownParamLayers === 0 && unknownMacLayers === 0,
    unknownParamLayers,
    unknownMacLayers,
    approximateCounts: approximate,
  };
}
