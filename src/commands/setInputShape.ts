/**
 * `Conv Inspector: Set Input Shape...`: writes or updates the input directive above the model
 * the file builds and calls (else the one at the cursor), says so, and offers to reset it;
 * an empty answer resets the input to what the analysis detects.
 */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { parseShapeText, validateShapeText } from '../analysis/shapeText';
import { directiveText } from '../analysis/inputDirective';
import { removeInputDirective, writeInputDirective } from '../editor/writeInputDirective';
import { defaultModel } from '../analysis/modelChoice';
import { resolveTarget } from './commandContext';

/** Removes the directive and says what happened. */
async function resetToDetected(document: vscode.TextDocument, line: number, name: string): Promise<void> {
  const removed = await removeInputDirective(document, line);
  const text =
    removed === undefined
      ? vscode.l10n.t('Conv Inspector: the editor refused to remove the directive above {0}.', name)
      : removed
        ? vscode.l10n.t('Conv Inspector: removed the input directive; the input of {0} is detected again.', name)
        : vscode.l10n.t('Conv Inspector: {0} has no input directive; its input is already detected.', name);
  // A button keeps VS Code from cutting the message to one line, and it is the way to set a shape again.
  const SET = vscode.l10n.t('Set Input Shape...');
  void vscode.window.showInformationMessage(text, SET).then((choice) => (choice === SET ? vscode.commands.executeCommand(CommandId.SetInputShape) : undefined));
}

/** `shapeText` skips the input box (tests, keybindings; '' resets); returns the directive line written. */
export function registerSetInputShape(cache: DocumentAnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.SetInputShape, async (shapeText?: unknown) => {
    const target = await resolveTarget(cache);
    if (!target) return undefined;
    const model = defaultModel(target.analysis, target.position.line);
    if (!model) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Conv Inspector: no model in this file to set an input shape for.'));
      return undefined;
    }
    const example = directiveText([1, 3, 224, 224], target.analysis.language);
    const text =
      typeof shapeText === 'string'
        ? shapeText
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Input shape of {0}', model.name),
            prompt: vscode.l10n.t('Writes a comment such as "{0}" above {1}. Batch first; leave empty to reset to the detected input.', example, model.name),
            value: model.input ? model.input.join(', ') : '',
            validateInput: (value) =>
              value.trim() === '' || !validateShapeText(value) ? undefined : vscode.l10n.t('Type 2 to 6 positive integers, batch first, e.g. 1, 3, 224, 224'),
          });
    if (text === undefined) return undefined;
    if (text.trim() === '') {
      await resetToDetected(target.document, model.range.start.line, model.name);
      return undefined;
    }
    const shape = parseShapeText(text);
    if (!shape) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Conv Inspector: "{0}" is not a shape.', text));
      return undefined;
    }
    const written = await writeInputDirective(target.document, model.range.start.line, shape, target.analysis.language);
    if (written !== undefined) {
      const RESET = vscode.l10n.t('Reset to detected');
      // Say that the source changed, and offer the way back.
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Conv Inspector: wrote "{0}" above {1}.', written.trim(), model.name), RESET)
        .then((choice) => (choice === RESET ? resetToDetected(target.document, model.range.start.line, model.name) : undefined));
    }
    return written;
  });
}
