/**
 * Total params and MACs of the model the file builds and calls (else the one under the
 * cursor); a click opens the inspector. When that model's layers raise an error, the item
 * says so (`⚠ ResNet: error on line 86`) and a click goes to the error. While an
 * analysis of the active file has run for longer than a moment (the first analysis of a big
 * file), a spinning icon says so. When the active file's analysis was stopped (it ran out of
 * memory or time), a warning says so until an edit makes a new attempt.
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { CommandId } from '../constants';
import type { StopCause } from './analysisWorkerClient';
import type { DocumentAnalysisCache } from './documentAnalysisCache';
import { errorStatusText, statusText } from './inlineHintText';
import { defaultModel, firstModelError } from '../analysis/modelChoice';
import { affectsUs, readSettings } from './settings';
import { cellPlacesOf, documentLineOf } from './notebookCells';
import { cellLineLabel } from '../analysis/notebook';

/** Analyses quicker than this never show the spinner (no flicker while typing). */
const BUSY_AFTER_MS = 500;

export class ModelStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('convInspector.model', vscode.StatusBarAlignment.Right, 100));
  private busyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly cache: DocumentAnalysisCache) {
    super();
    this.item.name = vscode.l10n.t('Conv Inspector model');
    this.item.command = CommandId.OpenInspector;
    this._register(
      cache.onDidAnalyze(({ document }) => {
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    this._register(
      cache.onDidStartAnalysis((document) => {
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    this._register({ dispose: () => clearTimeout(this.busyTimer) });
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.update();
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsUs(event)) this.update();
      }),
    );
    this.update();
  }

  /** The text shown now ('' when hidden), for tests. */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    this.item.command = CommandId.OpenInspector;
    const editor = vscode.window.activeTextEditor;
    const analysis = editor ? this.cache.peek(editor.document.uri) : undefined;
    const model = editor && analysis ? defaultModel(analysis, editor.selection.active.line) : undefined;
    const since = editor ? this.cache.runningSince(editor.document.uri) : undefined;
    const busy = since !== undefined && Date.now() - since >= BUSY_AFTER_MS;
    // The active file's analysis runs, but not yet long enough for the spinner: look again
    // when it will be (also when the file became active after its analysis had started).
    clearTimeout(this.busyTimer);
    if (since !== undefined && !busy) this.busyTimer = setTimeout(() => this.update(), BUSY_AFTER_MS - (Date.now() - since));
    const stopped = editor && !busy ? this.cache.stopped(editor.document) : undefined;
    if (editor && stopped) {
      this.item.text = `$(warning) ${stopLabel(stopped.reason)}`;
      this.item.tooltip = this.cache.skipReason(editor.document.uri);
      this.item.show();
      return;
    }
    if (!editor || (!model && !busy)) {
      this.item.text = '';
      this.item.hide();
      return;
    }
    const file = vscode.workspace.asRelativePath(editor.document.uri);
    const error = model && analysis && !busy ? firstModelError(analysis, model) : undefined;
    if (model && error) {
      // In a notebook cell the error may be in another cell: said as `cell 3:4`, and the click goes there.
      const places = cellPlacesOf(editor.document);
      const target = documentLineOf(editor.document, error.line);
      const at = new vscode.Range(target.line, error.column, target.line, error.column);
      this.item.text = `$(warning) ${errorStatusText(model, error.line, places && cellLineLabel(places(error.line)))}`;
      this.item.tooltip = vscode.l10n.t('{0}. Click to go to the error.', error.message);
      this.item.command = { title: vscode.l10n.t('Go to the error'), command: 'vscode.open', arguments: [target.document.uri, { selection: at }] };
    } else if (model) {
      this.item.text = `${busy ? '$(sync~spin) ' : '$(layers) '}${statusText(model, readSettings(editor.document.uri).macsUnit)}`;
      this.item.tooltip = busy
        ? vscode.l10n.t('Conv Inspector is analysing {0}; the figures are from before the last edit.', file)
        : vscode.l10n.t('Conv Inspector: {0}, input {1}. Click to open the inspector.', model.name, model.inputSource);
    } else {
      this.item.text = `$(sync~spin) ${vscode.l10n.t('Conv Inspector')}`;
      this.item.tooltip = vscode.l10n.t('Conv Inspector is analysing {0}...', file);
    }
    this.item.show();
  }
}

/** The status bar's words for a stopped analysis (the tooltip gives the whole reason). */
function stopLabel(reason: StopCause): string {
  if (reason === 'memory') return vscode.l10n.t('Analysis stopped: too large');
  if (reason === 'time') return vscode.l10n.t('Analysis stopped: too slow');
  return vscode.l10n.t('Analysis stopped');
}
