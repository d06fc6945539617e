// Diagnostics with PyTorch's own words, quick fixes, settings, live edits, syntax errors
// and a huge file, in a real VS Code. Truth: test/unit/editor/fixtures (real PyTorch).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  discard,
  editorTruth,
  fixtureUri,
  extensionApi,
  hintLabel,
  hoverText,
  inlayHints,
  openFixture,
  openUntitled,
  ourDiagnostics,
  positionOf,
  shapeText,
  truthOf,
  waitFor,
  withSetting,
} from './editorSupport';

interface EditTruth {
  edit: { before: { output: number[]; params: number }; after: { output: number[]; params: number } };
}

async function quickFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((action): action is vscode.CodeAction => 'edit' in action && action.edit !== undefined);
}

describe('editor: diagnostics and quick fixes', () => {
  after(closeAllEditors);

  it("reports PyTorch's groups error on the right line, and fixes it", async () => {
    const truth = truthOf('editorGroupsError.py');
    assert.ok(truth.error);
    const fixture = await openFixture('editorGroupsError.py');
    const diagnostic = await waitFor('the groups error', () => ourDiagnostics(fixture).find((entry) => entry.message === truth.error?.message));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, truth.error.line - 1);

    // The fix is applied to an untitled copy: the fixture stays as it is.
    const copy = await openUntitled(fixture.getText());
    const copyDiagnostic = await waitFor("the copy's groups error", () => ourDiagnostics(copy).find((entry) => entry.message === truth.error?.message));
    const fixes = await quickFixes(copy, copyDiagnostic);
    const fix = fixes.find((action) => action.title.startsWith('Use groups=3'));
    assert.ok(fix?.edit, `fixes offered: ${fixes.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(copy.getText().includes('nn.Conv2d(6, 9, kernel_size=3, groups=3)'));
    await waitFor('the error to go away', () => ourDiagnostics(copy).every((entry) => entry.severity !== vscode.DiagnosticSeverity.Error) || undefined);
    await discard(copy);
  });

  it("reports LeNet's in_features mismatch with PyTorch's message on the Linear, and fixes it", async () => {
    const truth = truthOf('editorLeNet.py');
    assert.ok(truth.error);
    const copy = await openUntitled((await vscode.workspace.openTextDocument(fixtureUri('editorLeNet.py'))).getText());
    const diagnostic = await waitFor('the mat1/mat2 error', () => ourDiagnostics(copy).find((entry) => entry.message === truth.error?.message));
    assert.equal(diagnostic.range.start.line, truth.error.line - 1);
    const fix = (await quickFixes(copy, diagnostic)).find((action) => action.title === 'Set in_features to 400');
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(copy.getText().includes('self.fc1 = nn.Linear(400, 120)'));
    await waitFor('the error to go away', () => !ourDiagnostics(copy).some((entry) => entry.message.includes('mat1')) || undefined);
    await discard(copy);
  });

  it('clears and restores diagnostics with convInspector.diagnostics.enabled', async () => {
    const document = await openFixture('editorGroupsError.py');
    await waitFor('diagnostics', () => ourDiagnostics(document).length > 0 || undefined);
    await withSetting('diagnostics.enabled', false, async () => {
      await waitFor('no diagnostics', () => ourDiagnostics(document).length === 0 || undefined);
    });
    await waitFor('diagnostics again', () => ourDiagnostics(document).length > 0 || undefined);
  });
});

describe('editor: live analysis', () => {
  after(closeAllEditors);

  it('follows an edit that changes shapes (debounced, newest version wins)', async () => {
    const truth = editorTruth<EditTruth>().edit;
    const document = await openUntitled('from torch import nn\n# conv-inspector: input=(1, 3, 32, 32)\nnet = nn.Sequential(\n    nn.Conv2d(3, 8, 3),\n)\n');
    const api = await extensionApi();
    const hintOnConv = async (): Promise<string | undefined> =>
      (await inlayHints(document)).filter((hint) => hint.position.line === 3).map((hint) => `${hintLabel(hint)} | ${String(hint.tooltip)}`)[0];
    await waitFor('the first hint', async () => (await hintOnConv())?.includes(shapeText(truth.before.output)) || undefined);
    // Several quick edits, as typing does; only the last one counts.
    const editor = await vscode.window.showTextDocument(document);
    for (const kernel of ['4', '6', '5']) {
      await editor.edit((builder) => builder.replace(new vscode.Range(3, 20, 3, 21), kernel));
    }
    assert.ok(document.lineAt(3).text.includes('nn.Conv2d(3, 8, 5)'));
    const analysis = await api.analysisFor(document);
    assert.deepEqual(analysis?.models[0]?.layers[0]?.output, truth.after.output);
    const label = await waitFor('the new hint', async () => {
      const text = await hintOnConv();
      return text?.includes(shapeText(truth.after.output)) ? text : undefined;
    });
    assert.ok(label.includes(`${truth.after.params} params`), label);
    await discard(document);
  });

  it('still reads the layers of a file with a syntax error elsewhere', async () => {
    const document = await openUntitled(
      'from torch import nn\n# conv-inspector: input=(1, 3, 32, 32)\nnet = nn.Sequential(\n    nn.Conv2d(3, 8, 3),\n)\n\ndef broken(:\n    return [\n',
    );
    const text = await waitFor('a hover despite the syntax error', async () => {
      const hover = await hoverText(document, positionOf(document, 'nn.Conv2d', 0, 4));
      return hover.includes('Conv2d 3 -> 8') ? hover : undefined;
    });
    assert.ok(text.includes(shapeText(editorTruth<EditTruth>().edit.before.output)), text);
    await discard(document);
  });

  it('skips a file over maxFileSizeKB quickly, without hints or diagnostics', async () => {
    await withSetting('maxFileSizeKB', 64, async () => {
      const line = 'layer = nn.Conv2d(3, 8, kernel_size=3, groups=4)  # padding the file to make it large\n';
      const document = await openUntitled(`from torch import nn\n${line.repeat(Math.ceil((100 * 1024) / line.length))}`);
      const api = await extensionApi();
      const started = Date.now();
      assert.equal(await api.analysisFor(document), undefined);
      assert.ok(Date.now() - started < 1000, 'skipping is immediate');
      assert.match(api.skipReason(document.uri) ?? '', /over the 64 KB limit/);
      assert.deepEqual(await inlayHints(document), []);
      assert.deepEqual(ourDiagnostics(document), []);
      await discard(document);
    });
  });
});
