/**
 * What every command needs: the document and position it acts on (from a hover link's
 * arguments or the active editor), its analysis, and a read-only result document.
 */
import * as vscode from 'vscode';
import type { FeatureMapsView } from '../protocol';
import type { SectionRunResult } from '../panel/featureMapSection';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import type { FileAnalysis } from '../engine/report';

export interface CommandTarget {
  readonly document: vscode.TextDocument;
  /** The cursor, or the line and column a link passed (0 for what it left out). */
  readonly position: vscode.Position;
  /**
   * False when a link passed a document but no line: commands that pick a model then take
   * the file's first one rather than the one around line 0.
   */
  readonly hasPosition: boolean;
  readonly analysis: FileAnalysis;
}

/** The inspector panel as the commands use it (src/panel provides it; the commands do not depend on it). */
export interface InspectorSurface {
  reveal(): Promise<void>;
  /** Selects the layer at `position` in the panel and shows its detail; false when there is no layer there. */
  inspectAt(document: vscode.TextDocument, position: vscode.Position): Promise<boolean>;
  /** Shows the variants of the layer at `position` in the panel; false when there is none. */
  compareVariantsAt(document: vscode.TextDocument, position: vscode.Position): Promise<boolean>;
  /**
   * Selects the layer at `position` (else the model's last one), reveals the panel and computes
   * the feature maps there; undefined when the panel has no feature-map section or no layer.
   */
  showFeatureMapsAt(
    document: vscode.TextDocument,
    position: vscode.Position | undefined,
  ): Promise<{ readonly result: SectionRunResult; readonly index: number; readonly layer?: string; readonly view?: FeatureMapsView } | undefined>;
}

/**
 * Resolves `(uri?, line?, column?)` (hover links pass them) or the active editor's cursor.
 * Shows a message and returns undefined when there is nothing to act on.
 */
export async function resolveTarget(cache: DocumentAnalysisCache, uriText?: unknown, line?: unknown, column?: unknown): Promise<CommandTarget | undefined> {
  let document: vscode.TextDocument | undefined;
  let position: vscode.Position | undefined;
  let hasPosition = true;
  if (typeof uriText === 'string') {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriText));
    hasPosition = typeof line === 'number';
    position = new vscode.Position(typeof line === 'number' ? line : 0, typeof column === 'number' ? column : 0);
  } else {
    const editor = vscode.window.activeTextEditor;
    document = editor?.document;
    position = editor?.selection.active;
  }
  if (!document || !position) {
    explainNoTarget(vscode.l10n.t('Conv Inspector: open a PyTorch, Keras or TF.js model file first.'));
    return undefined;
  }
  const analysis = await cache.get(document);
  if (!analysis) {
    const reason =
      cache.skipReason(document.uri) ??
      vscode.l10n.t(
        'Conv Inspector reads Python, TypeScript and JavaScript files; {0} is a {1} file. Open a PyTorch, Keras or TF.js model file.',
        fileNameOf(document),
        document.languageId,
      );
    explainNoTarget(reason);
    return undefined;
  }
  return { document, position, hasPosition, analysis };
}

/**
 * Says why a command cannot act, with a button to what would help: opening a model file.
 * Never silent: a command that does nothing leaves the user guessing.
 */
export function explainNoTarget(message: string): void {
  const open = vscode.l10n.t('Open a Model File...');
  void vscode.window.showWarningMessage(message, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.files.openFile');
  });
}

/** Shows Markdown in an untitled, unsaved document beside the source (until the panel takes over). */
export async function showMarkdownResult(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  return document;
}

export function fileNameOf(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() ?? document.uri.path;
}
