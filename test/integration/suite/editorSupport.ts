// Shared helpers of the editor integration tests (editor*.test.ts): the extension's API,
// the fixture models with their PyTorch truth (test/unit/editor/fixtures), providers run
// through VS Code's own commands, and waiting for live analysis.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConvInspectorApi } from '../../../src/editor/editorFeatures';

export const extensionId = 'conv-inspector.conv-inspector';

export interface TruthLayer {
  readonly path: string;
  readonly kind: string;
  readonly line: number;
  readonly input: number[] | null;
  readonly output: number[] | null;
  readonly params: number;
}

export interface Truth {
  readonly models: {
    readonly name: string;
    readonly className: string;
    readonly line: number;
    readonly input: number[];
    readonly output: number[] | null;
    readonly totalParams: number;
    readonly layers: TruthLayer[];
  }[];
  readonly error?: { readonly line: number; readonly message: string };
}

export async function extensionApi(): Promise<ConvInspectorApi> {
  const extension = vscode.extensions.getExtension<ConvInspectorApi>(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  return extension.activate();
}

export function repoPath(...parts: string[]): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension);
  return path.join(extension.extensionPath, ...parts);
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(repoPath('test/unit/editor/fixtures/models', name));
}

/** Per-layer truth recorded by tools/golden/pytorch_truth.py from real PyTorch. */
export function truthOf(name: string): Truth {
  return JSON.parse(readFileSync(repoPath('test/unit/editor/fixtures/truth', name.replace(/\.py$/, '.json')), 'utf8')) as Truth;
}

export function editorTruth<T>(): T {
  return JSON.parse(readFileSync(repoPath('test/unit/editor/fixtures/editor_truth.json'), 'utf8')) as T;
}

export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

let untitledCount = 0;

/**
 * An untitled document with its own name (tests that edit never touch the fixture files).
 * Unique names: VS Code reuses `Untitled-N` once a document is closed, and a closed
 * document can linger for a moment under that uri.
 */
export async function openUntitled(content: string, language = 'python'): Promise<vscode.TextDocument> {
  untitledCount += 1;
  const extension = language === 'python' ? 'py' : language === 'typescript' ? 'ts' : 'js';
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/conv-inspector-test-${Date.now()}-${untitledCount}.${extension}` });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit));
  if (document.languageId !== language) await vscode.languages.setTextDocumentLanguage(document, language);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position of the `occurrence`-th `needle` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, occurrence = 0, offset = 0): vscode.Position {
  const text = document.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i += 1) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `${needle} #${occurrence} in ${document.uri.toString()}`);
  }
  return document.positionAt(index + offset);
}

/** Markdown of every hover at a position, bold marks and escapes removed so it reads as a person sees it. */
export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/\\([\\`*_{}[\]<>#|])/g, '$1');
}

export async function inlayHints(document: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
}

export function hintLabel(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

export function ourDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'conv-inspector');
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `9,408` as the hovers print counts (en-US grouping, independent of the machine's locale). */
export function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function shapeText(shape: readonly number[] | null): string {
  return shape ? `[${shape.join(', ')}]` : '?';
}

/** Sets one `convInspector.*` setting for the duration of `body`, then restores it. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('convInspector');
  const before = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('convInspector').update(key, before, vscode.ConfigurationTarget.Global);
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Closes a (possibly dirty) document's editor without a save prompt. */
export async function discard(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
