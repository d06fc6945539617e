/**
 * Puts the input directive into a document: the one place the Set Input Shape command and
 * the panel's input field write `# conv-inspector: input=(...)`, planned by the pure
 * analysis/inputDirective.ts.
 */
import * as vscode from 'vscode';
import type { Shape } from '../engine/types';
import type { SourceLanguage } from '../engine/report';
import { planDirectiveEdit } from '../analysis/inputDirective';
import { documentLineOf } from './notebookCells';

/**
 * Writes the directive for `shape` above the model starting at `modelLine`, or updates the
 * one already there. In a notebook cell, a model defined in another cell gets the directive
 * in that cell. Returns the directive line written, or undefined when the editor
 * refused the edit.
 */
export async function writeInputDirective(cellOrFile: vscode.TextDocument, line: number, shape: Shape, language: SourceLanguage): Promise<string | undefined> {
  const { document, line: modelLine } = documentLineOf(cellOrFile, line);
  const lines = Array.from({ length: document.lineCount }, (_, index) => document.lineAt(index).text);
  const plan = planDirectiveEdit(lines, modelLine, shape, language);
  const edit = new vscode.WorkspaceEdit();
  if (plan.replace) edit.replace(document.uri, document.lineAt(plan.line).range, plan.text);
  else edit.insert(document.uri, new vscode.Position(plan.line, 0), `${plan.text}\n`);
  return (await vscode.workspace.applyEdit(edit)) ? plan.text : undefined;
}
