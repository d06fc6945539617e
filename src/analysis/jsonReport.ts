/**
 * The JSON report of a file's analysis: the CLI's `analyze --json` output and the JSON of
 * Export Model Summary, so tools read either the same way. It is a public contract that
 * other tools and our own checks read: lines and columns are 1-based here; extra fields
 * are allowed, renames are not. Pure.
 */
import type { FileAnalysis, Finding, LayerRecord, ModelReport } from '../engine/report';

export interface JsonLayer {
  path: string;
  kind: string;
  line: number;
  endLine: number;
  input: number[] | null;
  output: number[] | null;
  params: number;
  macs: number;
  receptiveField: number[] | null;
  jump: number[] | null;
}
export interface JsonModel {
  name: string;
  line: number;
  input: number[] | null;
  inputSource: string;
  output: number[] | null;
  totalParams: number;
  trainableParams: number;
  totalMacs: number;
  exactCounts: boolean;
  layers: JsonLayer[];
}
export interface JsonDiagnostic {
  line: number;
  endLine: number;
  column: number;
  severity: Finding['severity'];
  code: string;
  message: string;
}
export interface JsonReport {
  file: string;
  language: FileAnalysis['language'];
  models: JsonModel[];
  diagnostics: JsonDiagnostic[];
}

const copy = (values: readonly number[] | null): number[] | null => (values ? [...values] : null);

function toJsonLayer(layer: LayerRecord): JsonLayer {
  return {
    path: layer.path,
    kind: layer.kind,
    line: layer.range.start.line + 1,
    endLine: layer.range.end.line + 1,
    input: copy(layer.input),
    output: copy(layer.output),
    params: layer.params,
    macs: layer.macs,
    receptiveField: copy(layer.receptiveField),
    jump: copy(layer.jump),
  };
}

function toJsonModel(model: ModelReport): JsonModel {
  return {
    name: model.name,
    line: model.range.start.line + 1,
    input: copy(model.input),
    inputSource: model.inputSource,
    output: copy(model.output),
    totalParams: model.totalParams,
    trainableParams: model.trainableParams,
    totalMacs: model.totalMacs,
    exactCounts: model.exactCounts,
    layers: model.layers.map(toJsonLayer),
  };
}

/** One finding with 1-based line, end line and column (also `check --json`'s entries). */
export function toJsonDiagnostic(finding: Finding): JsonDiagnostic {
  return {
    line: finding.range.start.line + 1,
    endLine: finding.range.end.line + 1,
    column: finding.range.start.column + 1,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
  };
}

/** The report of one file: its models with their layers, then its diagnostics. */
export function toJsonReport(file: string, analysis: FileAnalysis): JsonReport {
  return {
    file,
    language: analysis.language,
    models: analysis.models.map(toJsonModel),
    diagnostics: analysis.diagnostics.map(toJsonDiagnostic),
  };
}

/** The report as the text the CLI prints and the export saves: two-space indent, final newline. */
export function jsonReportText(file: string, analysis: FileAnalysis): string {
  return `${JSON.stringify(toJsonReport(file, analysis), null, 2)}\n`;
}
