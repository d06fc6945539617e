// Files that used to abort the whole Node process (test/fixtures/hostile): the extension
// host survives them, other files are still analysed, and the status bar says what happened.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { extensionApi, openUntitled, repoPath, waitFor } from './editorSupport';

const small = 'from torch import nn\n# conv-inspector: input=(1, 3, 32, 32)\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\n';

/**
 * What the editor shows once a hostile file's analysis ended: the analysis stopped (the
 * worker ran out of memory, or of time on a slow machine), or, where the interpreter bounds
 * the allocation itself, a model. Either is the truth; a dead extension host is not.
 */
async function outcomeOf(document: vscode.TextDocument): Promise<'stopped' | 'analysed'> {
  const api = await extensionApi();
  const analysis = await api.analysisFor(document);
  if (analysis) {
    assert.ok(analysis.models.length > 0, 'the model of the file');
    return 'analysed';
  }
  assert.match(api.skipReason(document.uri) ?? '', /Conv Inspector stopped analysing .*: too (large|slow)/);
  await waitFor('the status bar to say the analysis stopped', () => /Analysis stopped: too (large|slow)/.test(api.statusBarText()) || undefined);
  return 'stopped';
}

describe('hostile files', function () {
  this.timeout(200_000);

  for (const name of ['listDoubling.py', 'arrayFromBillion.js']) {
    it(`${name} (used to abort the process) ends only the analysis worker; other files are still analysed`, async () => {
      const api = await extensionApi();
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(repoPath('test/fixtures/hostile', name)));
      await vscode.window.showTextDocument(document);
      if ((await outcomeOf(document)) === 'stopped') {
        // The same version is not analysed again (new settings re-analyse every other file).
        assert.equal(await api.analysisFor(document), undefined);
        assert.match(api.skipReason(document.uri) ?? '', /stopped analysing/);
      }
      const other = await openUntitled(small);
      const analysis = await api.analysisFor(other);
      assert.deepEqual(analysis?.models[0]?.layers[0]?.output, [1, 8, 30, 30]);
      await waitFor('the status bar to show the other file', () => /net: 224 params/.test(api.statusBarText()) || undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  }

  it('an edit makes a new attempt after a stopped analysis', async () => {
    const api = await extensionApi();
    const source = readFileSync(repoPath('test/fixtures/hostile', 'listDoubling.py'), 'utf8');
    const document = await openUntitled(source);
    const before = await outcomeOf(document);
    const edit = new vscode.WorkspaceEdit();
    const at = source.indexOf('range(28)');
    edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 'range(28)'.length)), 'range(3)');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const analysis = await waitFor('the edited version analysed', () => api.analysisFor(document), 60_000);
    assert.equal(analysis.models[0]?.totalParams, 224, 'Conv2d(3, 8, 3): 8 x 3 x 3 x 3 weights + 8 biases');
    assert.equal(api.skipReason(document.uri), undefined, `no stop reason left after the edit (before: ${before})`);
    await waitFor('the status bar to show the model', () => /net: 224 params/.test(api.statusBarText()) || undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
