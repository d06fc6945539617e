/**
 * Hand-built reports for the panel's view-model tests. The panel only formats and arranges
 * what the engine computed, so these tests check plumbing (rows, totals, cursor mapping,
 * exports), not the numbers' truth, which the engine's fixture tests take from PyTorch.
 */
import type { BoundArgs } from '../../../src/engine/types';
import type { FileAnalysis, LayerRecord, ModelReport } from '../../../src/engine/report';
import { fileAnalysis, layerOnLine, modelReport, range } from '../../support/records';

const conv = (inC: number, outC: number, k: number, extra: Record<string, number | string> = {}): BoundArgs => ({
  in_channels: inC,
  out_channels: outC,
  kernel_size: k,
  stride: 1,
  padding: 0,
  dilation: 1,
  groups: 1,
  bias: true,
  padding_mode: 'zeros',
  ...extra,
});

/** A small sequential net: conv 3->16 k3 p1, ReLU, grouped conv with an issue, Linear. */
export function sampleModel(): ModelReport {
  const layers: LayerRecord[] = [
    layerOnLine('0', 'Conv2d', conv(3, 16, 3, { padding: 1 }), [1, 3, 32, 32], [1, 16, 32, 32], {
      line: 3,
      params: 448,
      trainableParams: 448,
      macs: 442368,
      receptiveField: [3, 3],
      jump: [1, 1],
      paramTensors: [
        { name: 'weight', shape: [16, 3, 3, 3], trainable: true },
        { name: 'bias', shape: [16], trainable: true },
      ],
    }),
    layerOnLine('1', 'ReLU', { inplace: false }, [1, 16, 32, 32], [1, 16, 32, 32], { line: 4, receptiveField: [3, 3], jump: [1, 1] }),
    layerOnLine('2', 'Conv2d', conv(16, 32, 3, { stride: 2, groups: 4 }), [1, 16, 32, 32], [1, 32, 15, 15], {
      line: 5,
      params: 1184,
      trainableParams: 1184,
      macs: 259200,
      receptiveField: [5, 5],
      jump: [2, 2],
      issues: [
        { severity: 'warning', code: 'x.warn', message: 'a warning | with a pipe' },
        { severity: 'error', code: 'x.err', message: 'in_channels must be divisible by groups' },
      ],
    }),
    layerOnLine('3', 'Linear', { in_features: 7200, out_features: 10, bias: true }, [1, 7200], [1, 10], { line: 6, params: 72010, trainableParams: 72010, macs: 72000 }),
  ];
  // Totals summed from the layers: 73,642 params, 773,568 MACs.
  return modelReport('Net', layers, range(1, 0, 8, 0));
}

/** Two models in one file: the sample net (lines 1-8) and a one-layer head (lines 10-12). */
export function sampleAnalysis(): FileAnalysis {
  const headLayer = layerOnLine('0', 'Linear', { in_features: 8, out_features: 2, bias: true }, [1, 8], [1, 2], { line: 11, params: 18, trainableParams: 18, macs: 16 });
  const head = modelReport('Head', [headLayer], range(10, 0, 12, 1), { inputSource: 'default' });
  return fileAnalysis([sampleModel(), head]);
}
