/**
 * Hand-built reports for the panel's view-model tests. The panel only formats and arranges
 * what the engine computed, so these tests check plumbing (rows, totals, cursor mapping,
 * exports), not the numbers' truth, which the engine's fixture tests take from PyTorch.
 */
import type { BoundArgs, EngineIssue, Shape } from '../../../src/engine/types';
import type { FileAnalysis, LayerRecord, ModelReport } from '../../../src/engine/report';

export function record(path: string, kind: string, args: BoundArgs, input: Shape, output: Shape, extra: Partial<LayerRecord> & { line: number }): LayerRecord {
  const { line, ...rest } = extra;
  return {
    path,
    kind,
    range: { start: { line, column: 8 }, end: { line, column: 60 } },
    layerId: line,
    args,
    input,
    output,
    params: 0,
    trainableParams: 0,
    paramTensors: [],
    macs: 0,
    exactCounts: true,
    receptiveField: null,
    jump: null,
    start: null,
    issues: [] as EngineIssue[],
    ...rest,
  };
}

const conv = (inC: number, outC: number, k: number, extra: Record<string, number | string> = {}): BoundArgs => ({
  in_channels: inC, out_channels: outC, kernel_size: k, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true, padding_mode: 'zeros', ...extra,
});

/** A small sequential net: conv 3->16 k3 p1, ReLU, grouped conv with an issue, Linear. */
export function sampleModel(): ModelReport {
  const layers: LayerRecord[] = [
    record('0', 'Conv2d', conv(3, 16, 3, { padding: 1 }), [1, 3, 32, 32], [1, 16, 32, 32], {
      line: 3, params: 448, trainableParams: 448, macs: 442368, receptiveField: [3, 3], jump: [1, 1],
      paramTensors: [{ name: 'weight', shape: [16, 3, 3, 3], trainable: true }, { name: 'bias', shape: [16], trainable: true }],
    }),
    record('1', 'ReLU', { inplace: false }, [1, 16, 32, 32], [1, 16, 32, 32], { line: 4, receptiveField: [3, 3], jump: [1, 1] }),
    record('2', 'Conv2d', conv(16, 32, 3, { stride: 2, groups: 4 }), [1, 16, 32, 32], [1, 32, 15, 15], {
      line: 5, params: 1184, trainableParams: 1184, macs: 259200, receptiveField: [5, 5], jump: [2, 2],
      issues: [{ severity: 'warning', code: 'x.warn', message: 'a warning | with a pipe' }, { severity: 'error', code: 'x.err', message: 'in_channels must be divisible by groups' }],
    }),
    record('3', 'Linear', { in_features: 7200, out_features: 10, bias: true }, [1, 7200], [1, 10], { line: 6, params: 72010, trainableParams: 72010, macs: 72000 }),
  ];
  return {
    name: 'Net',
    range: { start: { line: 1, column: 0 }, end: { line: 8, column: 0 } },
    input: [1, 3, 32, 32],
    inputSource: 'directive',
    output: [1, 10],
    totalParams: 73642,
    trainableParams: 73642,
    totalMacs: 773568,
    exactCounts: true,
    layers,
  };
}

/** Two models in one file: the sample net (lines 1-8) and a one-layer head (lines 10-12). */
export function sampleAnalysis(): FileAnalysis {
  const head: ModelReport = {
    name: 'Head',
    range: { start: { line: 10, column: 0 }, end: { line: 12, column: 1 } },
    input: [1, 8], inputSource: 'default', output: [1, 2],
    totalParams: 18, trainableParams: 18, totalMacs: 16, exactCounts: true,
    layers: [record('0', 'Linear', { in_features: 8, out_features: 2, bias: true }, [1, 8], [1, 2], { line: 11, params: 18, trainableParams: 18, macs: 16 })],
  };
  return { language: 'python', models: [sampleModel(), head], diagnostics: [] };
}
