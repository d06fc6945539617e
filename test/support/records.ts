/**
 * Hand-built LayerRecord / ModelReport / FileAnalysis values for the tests of modules that
 * only format or arrange what the engine computed (hovers, hints, exports, the panel). The
 * numbers passed in come from real PyTorch where a test checks them; the defaults are the
 * record of a layer the engine knows nothing about.
 */
import type { FileAnalysis, LayerRecord, ModelReport, SourceRange } from '../../src/engine/report';
import type { BoundArgs, Shape } from '../../src/engine/types';

/** A 0-based source range. */
export function range(line: number, column: number, endLine: number, endColumn: number): SourceRange {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

/** A layer record: `kind` and `args` given, everything else defaulted (trainable = all params). */
export function layerRecord(overrides: Partial<LayerRecord> & Pick<LayerRecord, 'kind' | 'args'>): LayerRecord {
  const { kind, args, ...rest } = overrides;
  return {
    path: 'conv1',
    kind,
    range: range(0, 0, 0, 10),
    layerId: 1,
    args,
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
    ...rest,
  };
}

/**
 * A layer record whose constructor sits on `line` (columns 8-60), with that line as its
 * layer id: the positional form for tables of layers, one per line.
 */
export function layerOnLine(path: string, kind: string, args: BoundArgs, input: Shape, output: Shape, extra: Partial<LayerRecord> & { line: number }): LayerRecord {
  const { line, ...rest } = extra;
  return layerRecord({ path, kind, range: range(line, 8, line, 60), layerId: line, args, input, output, ...rest });
}

/**
 * A model over `layers`: input from the first, output from the last, totals summed (a
 * layer called twice, same `layerId`, counts its parameters once). `overrides` replace any
 * of that.
 */
export function modelReport(name: string, layers: LayerRecord[], modelRange: SourceRange = range(0, 0, 100, 0), overrides: Partial<ModelReport> = {}): ModelReport {
  const seen = new Set<number>();
  let totalParams = 0;
  for (const layer of layers) {
    if (!seen.has(layer.layerId)) totalParams += layer.params;
    seen.add(layer.layerId);
  }
  return {
    name,
    range: modelRange,
    input: layers[0]?.input ?? null,
    inputSource: 'directive',
    output: layers[layers.length - 1]?.output ?? null,
    totalParams,
    trainableParams: totalParams,
    totalMacs: layers.reduce((sum, layer) => sum + layer.macs, 0),
    exactCounts: true,
    layers,
    ...overrides,
  };
}

/** A Python file's analysis holding `models` and no diagnostics. */
export function fileAnalysis(models: ModelReport[]): FileAnalysis {
  return { language: 'python', models, diagnostics: [] };
}
