// Imports in the editor: a U-Net whose parts are star-imported from a sibling file is
// analysed with them (PyTorch's totals, tools/golden/imports_truth.py), and an unsaved edit
// of the parts file re-analyses the model file with the edited text. The files are copies
// in a scratch folder: whatever happens to the editor, the fixtures are never written.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, discard, extensionApi, positionOf, repoPath, waitFor } from './editorSupport';

interface ImportsTruth {
  readonly models: { readonly totalParams: number; readonly layers: readonly unknown[] }[];
}

describe('editor: Python imports', () => {
  after(closeAllEditors);

  it('analyses a model with the parts it imports from a sibling file, and again when the parts are edited', async () => {
    const api = await extensionApi();
    const truth = JSON.parse(readFileSync(repoPath('test/fixtures/imports/truth/unetFlat.json'), 'utf8')) as ImportsTruth;
    const expected = truth.models[0];
    const scratch = mkdtempSync(path.join(tmpdir(), 'conv-inspector-imports-'));
    for (const name of ['unet_model.py', 'unet_parts.py']) copyFileSync(repoPath('test/fixtures/imports/unetFlat', name), path.join(scratch, name));
    const main = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(scratch, 'unet_model.py')));
    await vscode.window.showTextDocument(main);
    const first = await waitFor('the U-Net analysed with its imported parts', async () => {
      const analysis = await api.analysisFor(main);
      return analysis?.models[0]?.totalParams === expected.totalParams ? analysis : undefined;
    });
    assert.equal(first.models[0].layers.length, expected.layers.length);

    const parts = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(scratch, 'unet_parts.py')));
    await vscode.window.showTextDocument(parts);
    // OutConv's 1x1 convolution (64 -> 2 channels, 130 parameters) becomes 3x3 (1,154): 1,024 more.
    const at = positionOf(parts, 'kernel_size=1)');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(parts.uri, new vscode.Range(at, at.translate(0, 'kernel_size=1'.length)), 'kernel_size=3, padding=1');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitFor('the U-Net analysed again with the unsaved parts', async () => {
        const analysis = await api.analysisFor(main);
        return analysis?.models[0]?.totalParams === expected.totalParams + 1024 ? analysis : undefined;
      });
    } finally {
      await discard(parts);
    }
    await waitFor('the U-Net analysed again once the edit of the parts is discarded', async () => {
      const analysis = await api.analysisFor(main);
      return analysis?.models[0]?.totalParams === expected.totalParams ? analysis : undefined;
    });
  });
});
