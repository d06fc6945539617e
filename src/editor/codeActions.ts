/** Quick fixes for our diagnostics: a `groups` that divides both channels, the `in_features` that arrives. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../constants';
import type { BoundArgs } from '../engine/types';
import type { DocumentAnalysisCache } from './documentAnalysisCache';
import { containsPosition } from './layerLocator';
import type { TextFix } from './quickFixes';
import { groupsFix, inFeaturesFix } from './quickFixes';
import { fromPosition } from './vscodeRanges';

export class LayerQuickFixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly cache: DocumentAnalysisCache) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const text = document.getText();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const offset = document.offsetAt(diagnostic.range.start);
      let fix: TextFix | undefined;
      if (/must be divisible by groups/.test(diagnostic.message)) {
        fix = groupsFix(text, offset, this.argsAt(document, diagnostic.range.start));
      } else if (/mat1 and mat2 shapes cannot be multiplied/.test(diagnostic.message)) {
        fix = inFeaturesFix(text, offset, diagnostic.message);
      }
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, new vscode.Range(document.positionAt(fix.start), document.positionAt(fix.end)), fix.newText);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }

  /** Bound args of the layer whose constructor call holds `position` (resolved constants included). */
  private argsAt(document: vscode.TextDocument, position: vscode.Position): BoundArgs | undefined {
    const analysis = this.cache.peek(document.uri);
    for (const model of analysis?.models ?? []) {
      for (const record of model.layers) {
        if (containsPosition(record.range, fromPosition(position))) return record.args;
      }
    }
    return undefined;
  }
}
