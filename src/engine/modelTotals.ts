/**
 * A model's totals from its layer records: MACs add up over every call, parameters count
 * once per layer object (a shared layer's weights are one set), containers add nothing (nor do
 * the sublayers a Keras custom layer's count includes).
 */
import type { LayerRecord, ModelReport } from './report';
import { addCounts } from './exactCount';

export type ModelTotals = Pick<ModelReport, 'totalParams' | 'trainableParams' | 'totalMacs' | 'exactCounts'>;

export function modelTotals(records: readonly LayerRecord[]): ModelTotals {
  const seen = new Set<number>();
  let params = addCounts();
  let trainable = addCounts();
  let macs = addCounts();
  let exact = true;
  for (const record of records) {
    macs = addCounts(macs, record.macs);
    exact = exact && record.exactCounts;
    if (seen.has(record.layerId)) continue;
    seen.add(record.layerId);
    // A Keras custom layer's sublayers have records of their own: count them there.
    params = addCounts(params, record.params - (record.sublayerParams?.params ?? 0));
    trainable = addCounts(trainable, record.trainableParams - (record.sublayerParams?.trainableParams ?? 0));
  }
  return { totalParams: params.value, trainableParams: trainable.value, totalMacs: macs.value, exactCounts: exact && params.exact && macs.exact };
}
