/** Total params and MACs of the model under the cursor; a click opens the inspector. */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from './documentAnalysisCache';
import { modelAtLine, statusText } from './inlineHintText';
import { affectsUs, readSettings } from './settings';

export class ModelStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('convInspector.model', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly cache: DocumentAnalysisCache) {
    super();
    this.item.name = vscode.l10n.t('Conv Inspector model');
    this.item.command = CommandId.OpenInspector;
    this._register(cache.onDidAnalyze(({ document }) => {
      if (document === vscode.window.activeTextEditor?.document) this.update();
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor === vscode.window.activeTextEditor) this.update();
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsUs(event)) this.update();
    }));
    this.update();
  }

  /** The text shown now ('' when hidden), for tests. */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const analysis = editor ? this.cache.peek(editor.document.uri) : undefined;
    const model = editor && analysis ? modelAtLine(analysis, editor.selection.active.line) : undefined;
    if (!editor || !model) {
      this.item.text = '';
      this.item.hide();
      return;
    }
    this.item.text = `$(layers) ${statusText(model, readSettings(editor.document.uri).macsUnit)}`;
    this.item.tooltip = vscode.l10n.t('Conv Inspector: {0}, input {1}. Click to open the inspector.', model.name, model.inputSource);
    this.item.show();
  }
}
