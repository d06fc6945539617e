/**
 * What the panel does in the editor on the user's behalf: reveal a layer's source, write the
 * input-shape directive (through the same writer as the setInputShape command), save exports
 * through the save dialog, and turn compareConvVariants into the panel's rows.
 */
import * as vscode from 'vscode';
import type { FileAnalysis, LayerRecord, ModelReport, SourceRange } from '../engine/report';
import type { ExportFormat } from '../analysis/exportFormats';
import type { PanelState, VariantsView } from '../protocol';
import { languageOf } from '../analysis/analyzeSource';
import { compareConvVariants } from '../analysis/compareVariants';
import { EXPORT_FORMATS } from '../analysis/exportFormats';
import { formatAxes, formatShape } from '../analysis/format';
import { parseShapeText, SHAPE_TEXT_HINT } from '../analysis/shapeText';
import { removeInputDirective, writeInputDirective } from '../editor/writeInputDirective';
import { offerToOpen } from '../editor/savedFileMessage';
import { documentRangeOf, notebookCellOf } from '../editor/notebookCells';
import { exportTable } from './exportTable';

/**
 * Shows the layer's constructor call (or a graph node's expression) in the editor the panel
 * follows, selected and centred; in a notebook, in the cell the call is in (a model's layers
 * can come from other cells).
 */
export async function revealLayer(document: vscode.TextDocument, record: { readonly range: SourceRange }, column: vscode.ViewColumn | undefined): Promise<vscode.TextEditor> {
  const { document: target, range } = documentRangeOf(document, record.range);
  // A cell's editor exists only once its notebook's editor shows the cell: show that first.
  const place = notebookCellOf(target);
  if (place) await vscode.window.showNotebookDocument(place.notebook, { viewColumn: column, selections: [new vscode.NotebookRange(place.index, place.index + 1)] });
  const editor = await vscode.window.showTextDocument(target, { viewColumn: column, preserveFocus: false, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/**
 * Writes or updates `# conv-inspector: input=(...)` above the model. Returns an error text
 * for the panel's field, or undefined when the edit was applied.
 */
export async function writeInputShape(document: vscode.TextDocument, model: ModelReport, text: string): Promise<string | undefined> {
  // An empty field means "detect the input": the directive, if any, goes.
  if (text.trim() === '') return (await removeInputDirective(document, model.range.start.line)) === undefined ? 'The editor refused the edit' : undefined;
  const shape = parseShapeText(text);
  if (!shape) return SHAPE_TEXT_HINT;
  const language = languageOf(document.languageId);
  if (!language) return `Cannot write a directive in a ${document.languageId} file`;
  return (await writeInputDirective(document, model.range.start.line, shape, language)) === undefined ? 'The editor refused the edit' : undefined;
}

function defaultExportUri(document: vscode.TextDocument | undefined, state: PanelState, extension: string): vscode.Uri | undefined {
  if (!document || document.isUntitled) return undefined;
  const model = state.models[state.modelIndex]?.name ?? 'model';
  const base = document.uri.path.replace(/\.[^./]*$/, '');
  return document.uri.with({ path: `${base}.${model.replace(/[^\w.-]+/g, '_')}.${extension}` });
}

async function saveBytes(bytes: Uint8Array, target: vscode.Uri | undefined, label: string, extension: string): Promise<vscode.Uri | undefined> {
  const uri = await vscode.window.showSaveDialog({ defaultUri: target, filters: { [label]: [extension] }, saveLabel: 'Export' });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, bytes);
  void offerToOpen(uri, label);
  return uri;
}

/** Saves the table in `format` where the user picks; the file URI, or undefined when cancelled. */
export function exportTableToFile(document: vscode.TextDocument | undefined, state: PanelState, format: ExportFormat): Promise<vscode.Uri | undefined> {
  const type = EXPORT_FORMATS[format];
  return saveBytes(new TextEncoder().encode(exportTable(state, format)), defaultExportUri(document, state, type.extension), type.label, type.extension);
}

/** Saves a PNG the webview drew (the data URL was checked by the protocol guard). */
export function exportPngToFile(document: vscode.TextDocument | undefined, state: PanelState, dataUrl: string): Promise<vscode.Uri | undefined> {
  // atob, not Buffer: the web extension host has no Buffer.
  const bytes = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (char) => char.charCodeAt(0));
  return saveBytes(bytes, defaultExportUri(document, state, 'png'), 'PNG image', 'png');
}

/** Saves the graph view's SVG (text the protocol guard checked). */
export function exportSvgToFile(document: vscode.TextDocument | undefined, state: PanelState, svg: string): Promise<vscode.Uri | undefined> {
  return saveBytes(new TextEncoder().encode(svg), defaultExportUri(document, state, 'svg'), 'SVG image', 'svg');
}

const ratio = (value: number | null, reference: number | null): number | null => (value !== null && reference ? value / reference : null);

/** The compare-variants table for one record, built by the shared compareConvVariants. */
export function buildVariants(record: LayerRecord): VariantsView {
  const title = `Compare variants: ${record.path} (${record.kind})`;
  if (!record.input) return { title, rows: [], message: 'The input shape of this layer is not known.' };
  const comparison = compareConvVariants(record.kind, record.args, record.input);
  if (typeof comparison === 'string') return { title, rows: [], message: comparison };
  const standard = comparison.rows.find((row) => row.label === 'standard');
  return {
    title: `${title} on input ${formatShape(comparison.input)}`,
    rows: comparison.rows.map((row) => ({
      label: row.label,
      description: row.problems.length > 0 ? `${row.layers}: ${row.problems.join('; ')}` : row.layers,
      params: row.params,
      macs: row.macs,
      receptiveField: formatAxes(row.receptiveField),
      output: formatShape(row.output),
      paramsRatio: ratio(row.params, standard?.params ?? null),
      macsRatio: ratio(row.macs, standard?.macs ?? null),
      yours: row.yours === true,
    })),
  };
}

/** A record of the analysis by model and index, if both still exist. */
export function recordAt(analysis: FileAnalysis | undefined, modelIndex: number, index: number): LayerRecord | undefined {
  return analysis?.models[modelIndex]?.layers[index];
}
