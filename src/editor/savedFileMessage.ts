/**
 * The message after an export is saved: where it went, with an "Open" button that shows the
 * file (a PNG in VS Code's image viewer, a table in the text editor). One place, so every
 * export (Export Model Summary, the panel's buttons) answers the same way.
 */
import * as vscode from 'vscode';

/** Says that `uri` was saved (`what`: "summary", "table", "image") and opens it on request; resolves when the message closes. */
export async function offerToOpen(uri: vscode.Uri, what: string): Promise<void> {
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Conv Inspector: {0} saved to {1}', what, vscode.workspace.asRelativePath(uri)), open);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
}
