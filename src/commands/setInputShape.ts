/** `Conv Inspector: Set Input Shape...`: writes or updates the input directive above the model at the cursor. */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { parseShapeText, validateShapeText } from '../analysis/shapeText';
import { writeInputDirective } from '../editor/writeInputDirective';
import { defaultModel } from '../analysis/modelChoice';
import { resolveTarget } from './commandContext';

/** `shapeText` skips the input box (tests, keybindings); returns the directive line written. */
export function registerSetInputShape(cache: DocumentAnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.SetInputShape, async (shapeText?: unknown) => {
    const target = await resolveTarget(cache);
    if (!target) return undefined;
    const model = defaultModel(target.analysis, target.position.line);
    if (!model) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Conv Inspector: no model in this file to set an input shape for.'));
      return undefined;
    }
    const text =
      typeof shapeText === 'string'
        ? shapeText
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Input shape of {0}', model.name),
            prompt: vscode.l10n.t('Batch first, e.g. 1, 3, 224, 224 (PyTorch) or 1, 224, 224, 3 (Keras, TF.js)'),
            value: model.input ? model.input.join(', ') : '',
            validateInput: (value) => (validateShapeText(value) ? vscode.l10n.t('Type 2 to 6 positive integers, batch first, e.g. 1, 3, 224, 224') : undefined),
          });
    const shape = text === undefined ? undefined : parseShapeText(text);
    if (!shape) {
      if (text !== undefined) void vscode.window.showErrorMessage(vscode.l10n.t('Conv Inspector: "{0}" is not a shape.', text));
      return undefined;
    }
    return writeInputDirective(target.document, model.range.start.line, shape, target.analysis.language);
  });
}
