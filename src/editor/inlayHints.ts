/** `→ [1, 64, 112, 112] · 9.41K` at the end of each layer's call expression. */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { ConfigKey } from '../constants';
import type { DocumentAnalysisCache } from './documentAnalysisCache';
import { inlineHints } from './inlineHintText';
import { affectsUs, readSettings } from './settings';
import { toPosition } from './vscodeRanges';

export class LayerInlayHintsProvider extends Disposable implements vscode.InlayHintsProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeInlayHints = this.changeEmitter.event;

  constructor(private readonly cache: DocumentAnalysisCache) {
    super();
    this._register(cache.onDidAnalyze(() => this.changeEmitter.fire()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsUs(event, ConfigKey.InlineHintsEnabled) || affectsUs(event, ConfigKey.InlineHintsParameterFree)) this.changeEmitter.fire();
      }),
    );
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    const settings = readSettings(document.uri);
    if (!settings.inlineHintsEnabled) return [];
    const analysis = await this.cache.get(document);
    if (!analysis || token.isCancellationRequested) return [];
    const hints: vscode.InlayHint[] = [];
    const getLine = (line: number): string => (line < document.lineCount ? document.lineAt(line).text : '');
    for (const hint of inlineHints(analysis, { parameterFree: settings.parameterFreeHints, getLine })) {
      const position = toPosition(hint.position);
      if (!range.contains(position)) continue;
      const inlay = new vscode.InlayHint(position, hint.label, vscode.InlayHintKind.Type);
      inlay.tooltip = hint.tooltip;
      inlay.paddingLeft = true;
      hints.push(inlay);
    }
    return hints;
  }
}
