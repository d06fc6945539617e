// The extension loads in a real VS Code and activates when a Python file opens.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'conv-inspector.conv-inspector';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (test/fixtures/workspace) is open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

describe('extension smoke', () => {
  it('is installed under its publisher.name id', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is known to VS Code`);
    assert.equal(extension.packageJSON.name, 'conv-inspector');
  });

  it('activates when a PyTorch file is opened', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    const document = await vscode.workspace.openTextDocument(workspaceFile('tinyNet.py'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'python');
    // onLanguage:python activation: wait for it instead of forcing it with activate().
    const deadline = Date.now() + 20_000;
    while (!extension.isActive && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    assert.equal(extension.isActive, true, 'activated by onLanguage:python');
  });
});
