/**
 * Puts the input directive into a document: the one place the Set Input Shape command and
 * the panel's input field write `# conv-inspector: input=(...)`, planned by the pure
 * analysis/inputDirective.ts.
 */
import * as vscode from 'vscode';
import type { Shape } from '../engine/types';
import type { SourceLanguage } from '../engine/report';
import { findDirectiveLine, planDirectiveEdit } from '../analysis/inputDirective';
import { documentLineOf } from './notebookCells';

/**
 * Writes the directive for `shape` above the model starting at `modelLine`, or updates the
 * one already there. In a notebook cell, a model defined in another cell gets the directive
 * in that cell. Returns the directive line written, or undefined when the editor
 * refused the edit.
 */
export async function writeInputDirective(cellOrFile: vscode.TextDocument, line: number, shape: Shape, language: SourceLanguage): Promise<string | undefined> {
  const { document, line: modelLine } = documentLineOf(cellOrFile, line);
  const lines = linesOf(document);
  const plan = planDirectiveEdit(lines, modelLine, shape, language);
  const edit = new vscode.WorkspaceEdit();
  if (plan.replace) edit.replace(document.uri, document.lineAt(plan.line).range, plan.text);
  else edit.insert(document.uri, new vscode.Position(plan.line, 0), `${plan.text}\n`);
  return (await vscode.workspace.applyEdit(edit)) ? plan.text : undefined;
}

function linesOf(document: vscode.TextDocument): string[] {
  return Array.from({ length: document.lineCount }, (_, index) => document.lineAt(index).text);
}

/**
 * Removes the directive above the model starting at `line`, so the input is detected again.
 * True when one was removed, false when there was none, undefined when the editor refused.
 */
export async function removeInputDirective(cellOrFile: vscode.TextDocument, line: number): Promise<boolean | undefined> {
  const { document, line: modelLine } = documentLineOf(cellOrFile, line);
  const found = findDirectiveLine(linesOf(document), modelLine);
  if (found === undefined) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.delete(document.uri, document.lineAt(found).rangeIncludingLineBreak);
  return (await vscode.workspace.applyEdit(edit)) ? true : undefined;
}
