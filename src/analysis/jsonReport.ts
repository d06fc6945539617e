/**
 * The JSON report of a file's analysis: the CLI's `analyze --json` output and the JSON of
 * Export Model Summary, so tools read either the same way. It is a public contract that
 * other tools and our own checks read: lines and columns are 1-based here; extra fields
 * are allowed, renames are not. For a notebook, every layer, model and diagnostic also
 * carries `cell` (0-based index in the notebook's cells) and its lines count within that cell. Pure.
 */
import type { FileAnalysis, Finding, LayerRecord, ModelReport, SourceRange } from '../engine/report';
import type { NotebookProgram } from './notebook';
import { cellPositionOf } from './notebook';

export interface JsonLayer {
  /** Notebooks only: the 0-based index of the cell (every cell counts, markdown too). */
  cell?: number;
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
  /** Notebooks only: the 0-based index of the cell (every cell counts, markdown too). */
  cell?: number;
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
  /** Notebooks only: the 0-based index of the cell (every cell counts, markdown too). */
  cell?: number;
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

/** 1-based lines and column of a range; in a notebook, counted within the cell of its start. */
interface Place {
  cell?: number;
  line: number;
  endLine: number;
  column: number;
}

function placeOf(range: SourceRange, notebook: NotebookProgram | undefined): Place {
  const line = range.start.line + 1;
  const endLine = range.end.line + 1;
  const column = range.start.column + 1;
  if (!notebook) return { line, endLine, column };
  const start = cellPositionOf(notebook, range.start);
  const shift = range.start.line - start.line;
  return { cell: start.cell, line: line - shift, endLine: endLine - shift, column };
}

function toJsonLayer(layer: LayerRecord, notebook: NotebookProgram | undefined): JsonLayer {
  const { cell, line, endLine } = placeOf(layer.range, notebook);
  return {
    path: layer.path,
    kind: layer.kind,
    ...(cell === undefined ? {} : { cell }),
    line,
    endLine,
    input: copy(layer.input),
    output: copy(layer.output),
    params: layer.params,
    macs: layer.macs,
    receptiveField: copy(layer.receptiveField),
    jump: copy(layer.jump),
  };
}

function toJsonModel(model: ModelReport, notebook: NotebookProgram | undefined): JsonModel {
  const { cell, line } = placeOf(model.range, notebook);
  return {
    name: model.name,
    ...(cell === undefined ? {} : { cell }),
    line,
    input: copy(model.input),
    inputSource: model.inputSource,
    output: copy(model.output),
    totalParams: model.totalParams,
    trainableParams: model.trainableParams,
    totalMacs: model.totalMacs,
    exactCounts: model.exactCounts,
    layers: model.layers.map((layer) => toJsonLayer(layer, notebook)),
  };
}

/** One finding with 1-based line, end line and column (also `check --json`'s entries); in a notebook, its cell. */
export function toJsonDiagnostic(finding: Finding, notebook?: NotebookProgram): JsonDiagnostic {
  const { cell, line, endLine, column } = placeOf(finding.range, notebook);
  return {
    ...(cell === undefined ? {} : { cell }),
    line,
    endLine,
    column,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
  };
}

/** The report of one file (for a notebook: of its program, placed in its cells): its models with their layers, then its diagnostics. */
export function toJsonReport(file: string, analysis: FileAnalysis, notebook?: NotebookProgram): JsonReport {
  return {
    file,
    language: analysis.language,
    models: analysis.models.map((model) => toJsonModel(model, notebook)),
    diagnostics: analysis.diagnostics.map((finding) => toJsonDiagnostic(finding, notebook)),
  };
}

/** The report as the text the CLI prints and the export saves: two-space indent, final newline. */
export function jsonReportText(file: string, analysis: FileAnalysis, notebook?: NotebookProgram): string {
  return `${JSON.stringify(toJsonReport(file, analysis, notebook), null, 2)}\n`;
}
