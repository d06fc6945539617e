/**
 * What the inspector panel follows: the active file, the analysis of its version, the model
 * shown and the row under the editor's cursor, and the message shown when there is no model.
 * It decides which model a file opens on and keeps the row in step with the cursor; the panel
 * (inspectorPanel.ts) turns it into the state it posts to the webview.
 */
import * as vscode from 'vscode';
import type { FileAnalysis, ModelReport } from '../engine/report';
import type { PanelState } from '../protocol';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { fromPosition } from '../editor/vscodeRanges';
import { cellPlacesOf, documentLineText, notebookCellOf } from '../editor/notebookCells';
import { buildPanelState, initialModelIndex, placeCursor } from './tableModel';

/** The part of the document cache the panel needs (the editor layer's DocumentAnalysisCache fits). */
export type PanelAnalysisCache = Pick<DocumentAnalysisCache, 'get' | 'peek' | 'onDidAnalyze' | 'skipReason'>;

const lineReader =
  (document: vscode.TextDocument) =>
  (line: number): string =>
    line < document.lineCount ? document.lineAt(line).text : '';

export class PanelSelection {
  document: vscode.TextDocument | undefined;
  /** The editor column of the followed file, where a clicked row reveals its line. */
  column: vscode.ViewColumn | undefined;
  analysis: FileAnalysis | undefined;
  /** The document version `analysis` is of; undefined when it may be older (a peeked one). */
  analysedVersion: number | undefined;
  modelIndex = 0;
  /** False until the followed file's first analysis has chosen its default model. */
  private modelChosen = false;
  highlighted: number | null = null;
  private message: string | undefined = 'Open a PyTorch, Keras or TensorFlow.js file.';

  constructor(private readonly cache: PanelAnalysisCache) {}

  /** The model shown, if any. */
  get model(): ModelReport | undefined {
    return this.analysis?.models[this.modelIndex];
  }

  /** Shows model `modelIndex` with no row selected. */
  selectModel(modelIndex: number): boolean {
    if (modelIndex >= (this.analysis?.models.length ?? 0)) return false;
    this.modelIndex = modelIndex;
    this.highlighted = null;
    return true;
  }

  /**
   * Follows a newly active editor: its newest finished analysis (possibly of an older version)
   * is shown until the current one arrives. False when the editor shows the file already
   * followed (or an output channel), and nothing changed.
   */
  follow(editor: vscode.TextEditor): boolean {
    const document = editor.document;
    if (document.uri.scheme === 'output') return false;
    this.column = editor.viewColumn;
    if (document === this.document) return false;
    this.document = document;
    this.analysis = this.cache.peek(document.uri);
    this.analysedVersion = undefined;
    // A new file opens on the model it builds and calls.
    this.modelIndex = this.analysis ? initialModelIndex(this.analysis, editor.selection.active.line) : 0;
    this.modelChosen = this.analysis !== undefined;
    this.highlighted = null;
    this.message = this.analysis ? undefined : 'Analysing…';
    this.placeCursor(editor);
    return true;
  }

  /** The analysis of the followed document's current version arrived (undefined: skipped or failed). */
  setAnalysis(analysis: FileAnalysis | undefined): void {
    this.analysis = analysis;
    // The cache publishes (and `get` returns) the analysis of the current version only.
    this.analysedVersion = this.document?.version;
    const document = this.document;
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    if (analysis && !this.modelChosen) {
      this.modelIndex = initialModelIndex(analysis, editor?.selection.active.line ?? 0);
      this.modelChosen = true;
    }
    this.message = analysis ? undefined : document ? (this.cache.skipReason(document.uri) ?? 'Conv Inspector does not analyse this file.') : undefined;
    if (editor) this.placeCursor(editor);
  }

  /** Where a position of `document` (analysed as `analysis`) lands: its model and row (null: no layer there). */
  locate(document: vscode.TextDocument, analysis: FileAnalysis, position: vscode.Position): { modelIndex: number; highlighted: number | null } {
    const currentModel = this.document === document ? this.modelIndex : initialModelIndex(analysis, position.line);
    return placeCursor(analysis, lineReader(document), fromPosition(position), currentModel);
  }

  /** Follows `document` (of the current version `analysis`) with row `index` of model `modelIndex` selected. */
  focus(document: vscode.TextDocument, analysis: FileAnalysis, modelIndex: number, index: number): void {
    this.document = document;
    this.analysis = analysis;
    this.analysedVersion = document.version;
    this.modelChosen = true;
    this.message = undefined;
    this.modelIndex = modelIndex;
    this.highlighted = index;
  }

  /** Model and row under the editor's cursor; keeps the current model when the cursor is outside every model. True when either changed. */
  placeCursor(editor: vscode.TextEditor): boolean {
    if (!this.analysis) return false;
    const place = placeCursor(this.analysis, lineReader(editor.document), fromPosition(editor.selection.active), this.modelIndex, this.highlighted);
    const changed = place.modelIndex !== this.modelIndex || place.highlighted !== this.highlighted;
    this.modelIndex = place.modelIndex;
    this.highlighted = place.highlighted;
    return changed;
  }

  /** The table, totals and banner of what is followed, as the webview draws them. */
  buildState(): PanelState {
    const document = this.document;
    // A notebook cell is named by its notebook; its analysis' lines of other cells are read and placed there.
    const places = document && cellPlacesOf(document);
    const fileName = document ? vscode.workspace.asRelativePath(notebookCellOf(document)?.notebook.uri ?? document.uri) : '';
    return buildPanelState({
      fileName,
      ...(document ? { getLine: (line: number) => documentLineText(document, line) } : {}),
      ...(places ? { placeOf: places } : {}),
      analysis: this.analysis,
      modelIndex: this.modelIndex,
      highlighted: this.highlighted,
      ...(this.message !== undefined ? { message: this.message } : {}),
    });
  }
}
