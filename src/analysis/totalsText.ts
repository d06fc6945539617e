/**
 * The words of a model's totals, for every surface that prints them (the CLI table, the
 * exports, the inspector's totals row): a total with unknown parts reads as a lower bound
 * (`≥ 1,200,000 (3 layers unknown)`), and "approximate" is said only of a count that passed
 * 2^53, never of one that is unknown. Pure.
 */
import type { ModelReport } from '../engine/report';
import { formatBound, formatCount, formatTotal } from './format';

/** A model's counts, whatever surface holds them. */
export interface CountTotals {
  readonly params: number;
  readonly trainableParams: number;
  readonly macs: number;
  /** Parameter holders whose count is unknown (absent = 0). */
  readonly unknownParamLayers?: number;
  /** Layer calls whose MACs are unknown (absent = 0). */
  readonly unknownMacLayers?: number;
  /** True when a known count passed 2^53. */
  readonly approximate?: boolean;
}

/** The counts of a model report. */
export function countTotalsOf(model: ModelReport): CountTotals {
  return {
    params: model.totalParams,
    trainableParams: model.trainableParams,
    macs: model.totalMacs,
    unknownParamLayers: model.unknownParamLayers ?? 0,
    unknownMacLayers: model.unknownMacLayers ?? 0,
    approximate: model.approximateCounts ?? false,
  };
}

/** The totals as text: each count in `format` (thousands separators by default). */
export interface TotalsText {
  readonly params: string;
  readonly trainable: string;
  readonly nonTrainable: string;
  readonly macs: string;
  readonly flops: string;
  /** ` (approximate: a count passed 2^53)` or ''. */
  readonly approximate: string;
}

/** Params and MACs say how many layers are unknown; trainable params and FLOPs, next to them, only mark the bound. */
export function totalsText(totals: CountTotals, format: (count: number) => string = formatCount): TotalsText {
  const unknownParams = totals.unknownParamLayers ?? 0;
  return {
    params: formatTotal(totals.params, unknownParams, format),
    trainable: formatBound(totals.trainableParams, unknownParams, format),
    nonTrainable: unknownParams > 0 ? '?' : format(totals.params - totals.trainableParams),
    macs: formatTotal(totals.macs, totals.unknownMacLayers, format),
    flops: formatBound(totals.macs * 2, totals.unknownMacLayers, format),
    approximate: totals.approximate ? ' (approximate: a count passed 2^53)' : '',
  };
}
