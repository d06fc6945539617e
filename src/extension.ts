/**
 * Entry point: builds the editor features and hands their disposal to VS Code. No logic
 * here; the tree-sitter parsers load lazily on the first analysis so activation stays fast.
 */
import type * as vscode from 'vscode';
import { ACTIVATION_LOG_LINE } from './constants';
import type { ConvInspectorApi } from './editor/editorFeatures';
import { EditorFeatures } from './editor/editorFeatures';

export function activate(context: vscode.ExtensionContext): ConvInspectorApi {
  const features = new EditorFeatures();
  context.subscriptions.push(features);
  // The end-to-end harness waits for this exact line before it hovers.
  console.log(ACTIVATION_LOG_LINE);
  return features.api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
