/**
 * The JSON report of a file's analysis: the CLI's `analyze --json` output and the JSON of
 * Export Model Summary, so tools read either the same way. It is a public contract that
 * other tools and our own checks read: lines and columns are 1-based here; extra fields
 * are allowed, renames are not. For a notebook, every layer, model and diagnostic also
 * carries `cell` (0-based index in the notebook's cells) and its lines count within that cell. Pure.
 */
import type { FileAnalysis, Finding, LayerRecord, ModelReport, SourceRange } from '../engine/report';
import type { GraphNode, ModelGraph, NodeInput } from '../engine/graph/modelGraph';
import type { BoundArgs } from '../engine/types';
import type { NotebookProgram } from './notebook';
import { recordMacs, recordParams } from '../engine/modelTotals';
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
  /** Null when the count is unknown (never 0 for unknown). */
  params: number | null;
  macs: number | null;
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
  /** The known part; a lower bound when `unknownParamLayers` > 0; null when no part is known. */
  totalParams: number | null;
  trainableParams: number | null;
  /** The known part; a lower bound when `unknownMacLayers` > 0; null when no part is known. */
  totalMacs: number | null;
  /** False when a count is unknown or approximate. */
  exactCounts: boolean;
  /** Parameter holders (layers, own parameters) whose count is unknown. */
  unknownParamLayers: number;
  /** Layer calls whose MACs are unknown. */
  unknownMacLayers: number;
  /** True when a known count passed 2^53 and is only approximate. */
  approximateCounts: boolean;
  layers: JsonLayer[];
  /** The model call's dataflow graph, when the front end builds one (PyTorch). */
  graph?: JsonGraph;
}
/** One node of a model's dataflow graph (see `engine/graph/modelGraph.ts` for the conventions). */
export interface JsonGraphNode {
  /** `input`, a layer's path (`layer1.0.conv1`, `#2` for a repeated call), or `<kind>:<n>` for an op. */
  id: string;
  /** How the source wrote it: `input`, `layer`, `function`, `method` or `operator`. */
  origin: GraphNode['origin'];
  /** A layer class (also for a functional twin: `F.relu` is `ReLU`), an op kind (`add`, `cat`), or `input`. */
  kind: string;
  /** The producers of its tensor inputs, in argument order; `output` only for a node with several outputs. */
  inputs: NodeInput[];
  args: BoundArgs;
  /** Null when unknown, or when the preview cannot compute the node (then `note` says why). */
  output: number[] | null;
  /** Every output, for a node with several (`split`, `chunk`). */
  outputs?: (number[] | null)[];
  cell?: number;
  /** The expression's lines; null for the model input. */
  line: number | null;
  endLine: number | null;
  /** Layer nodes: the index of their entry in `layers`. */
  recordIndex?: number;
  note?: string;
}
export interface JsonGraph {
  layout: ModelGraph['layout'];
  nodes: JsonGraphNode[];
  /** What the model returns. */
  outputs: NodeInput[];
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

/** A total with unknown parts: its known part, or null when nothing of it is known (never a 0 that means "unknown"). */
const knownTotal = (value: number, unknownParts: number | undefined): number | null => (unknownParts && value === 0 ? null : value);

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
    params: recordParams(layer),
    macs: recordMacs(layer),
    receptiveField: copy(layer.receptiveField),
    jump: copy(layer.jump),
  };
}

function toJsonGraphNode(node: GraphNode, notebook: NotebookProgram | undefined): JsonGraphNode {
  const place = node.range ? placeOf(node.range, notebook) : undefined;
  return {
    id: node.id,
    origin: node.origin,
    kind: node.kind,
    inputs: node.inputs.map((input) => ({ ...input })),
    args: node.args,
    output: copy(node.output),
    ...(node.outputs ? { outputs: node.outputs.map(copy) } : {}),
    ...(place?.cell === undefined ? {} : { cell: place.cell }),
    line: place?.line ?? null,
    endLine: place?.endLine ?? null,
    ...(node.recordIndex === undefined ? {} : { recordIndex: node.recordIndex }),
    ...(node.note === undefined ? {} : { note: node.note }),
  };
}

function toJsonGraph(graph: ModelGraph, notebook: NotebookProgram | undefined): JsonGraph {
  return { layout: graph.layout, nodes: graph.nodes.map((node) => toJsonGraphNode(node, notebook)), outputs: graph.outputs.map((output) => ({ ...output })) };
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
    totalParams: knownTotal(model.totalParams, model.unknownParamLayers),
    trainableParams: knownTotal(model.trainableParams, model.unknownParamLayers),
    totalMacs: knownTotal(model.totalMacs, model.unknownMacLayers),
    exactCounts: model.exactCounts,
    unknownParamLayers: model.unknownParamLayers ?? 0,
    unknownMacLayers: model.unknownMacLayers ?? 0,
    approximateCounts: model.approximateCounts ?? false,
    layers: model.layers.map((layer) => toJsonLayer(layer, notebook)),
    ...(model.graph ? { graph: toJsonGraph(model.graph, notebook) } : {}),
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
