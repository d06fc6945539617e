/** `Conv Inspector: Toggle Inline Hints`: flips `convInspector.inlineHints.enabled` (user settings). */
import * as vscode from 'vscode';
import { CommandId, ConfigKey } from '../constants';

/** Returns the new value. */
export function registerToggleInlineHints(): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ToggleInlineHints, async () => {
    const config = vscode.workspace.getConfiguration(ConfigKey.Section);
    const enabled = !config.get<boolean>(ConfigKey.InlineHintsEnabled, true);
    // Write where the current value comes from, or a user-level write would be shadowed.
    const inspected = config.inspect<boolean>(ConfigKey.InlineHintsEnabled);
    const target =
      inspected?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : inspected?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update(ConfigKey.InlineHintsEnabled, enabled, target);
    return enabled;
  });
}
