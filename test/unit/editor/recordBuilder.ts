// Builds LayerRecord / ModelReport values for the editor's pure-module tests. Shapes and
// parameter counts passed in come from real PyTorch (fixtures/formula_cases.json).
import type { FileAnalysis, LayerRecord, ModelReport, SourceRange } from '../../../src/engine/report';

export function range(line: number, column: number, endLine: number, endColumn: number): SourceRange {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

export function layerRecord(overrides: Partial<LayerRecord> & Pick<LayerRecord, 'kind' | 'args'>): LayerRecord {
  return {
    path: 'conv1',
    range: range(0, 0, 0, 10),
    layerId: 1,
    input: null,
    output: null,
    params: 0,
    trainableParams: overrides.params ?? 0,
    paramTensors: [],
    macs: 0,
    exactCounts: true,
    receptiveField: null,
    jump: null,
    start: null,
    issues: [],
    ...overrides,
  };
}

export function modelReport(name: string, layers: LayerRecord[], modelRange: SourceRange = range(0, 0, 100, 0)): ModelReport {
  const seen = new Set<number>();
  let totalParams = 0;
  for (const layer of layers) {
    if (!seen.has(layer.layerId)) totalParams += layer.params;
    seen.add(layer.layerId);
  }
  return {
    name, range: modelRange, input: layers[0]?.input ?? null, inputSource: 'directive', output: layers[layers.length - 1]?.output ?? null,
    totalParams, trainableParams: totalParams, totalMacs: layers.reduce((sum, layer) => sum + layer.macs, 0), exactCounts: true, layers,
  };
}

export function fileAnalysis(models: ModelReport[]): FileAnalysis {
  return { language: 'python', models, diagnostics: [] };
}
