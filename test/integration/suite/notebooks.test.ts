// Jupyter notebooks in VS Code's own notebook editor: every cell is a document of its own,
// but the analysis reads all code cells as one program. A cell that uses a class defined
// cells above gets hovers and inline hints with PyTorch's shapes (the truth recorded by
// tools/golden/notebook_truth.py), and a diagnostic lands on the cell of the failing layer.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, hintLabel, hoverText, inlayHints, ourDiagnostics, repoPath, shapeText, waitFor } from './editorSupport';

interface NotebookTruth {
  notebooks: Record<
    string,
    { calls: { cell: number; line: number; kind: string; input: number[]; output: number[] }[]; errors: { message: string; layer: { cell: number; line: number } }[] }
  >;
}
const truth = JSON.parse(readFileSync(repoPath('test/fixtures/notebooks/truth.json'), 'utf8')) as NotebookTruth;

async function openNotebook(name: string): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(repoPath('test/fixtures/notebooks', name)));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

describe('editor: Jupyter notebooks', () => {
  after(closeAllEditors);

  it('hovers and inline hints in a cell that uses a class from an earlier cell show PyTorch shapes', async () => {
    const notebook = await openNotebook('spread.ipynb');
    const linear = truth.notebooks['spread.ipynb'].calls.find((call) => call.kind === 'Linear');
    assert.ok(linear);
    const cell = notebook.cellAt(linear.cell).document;
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    const analysis = await (await extensionApi()).analysisFor(cell);
    assert.ok(analysis && analysis.models.length > 0, 'the cell was analysed with the notebook');
    const line = cell.lineAt(linear.line - 1).text;
    const hover = await hoverText(cell, new vscode.Position(linear.line - 1, line.indexOf('nn.Linear(') + 4));
    assert.ok(hover.includes(`${shapeText(linear.input)} -> ${shapeText(linear.output)}`), hover);
    const hints = await waitFor('inline hints in the cell', async () => {
      const found = await inlayHints(cell);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(
      hints.some((hint) => hint.position.line === linear.line - 1 && hintLabel(hint).includes(shapeText(linear.output))),
      hints.map(hintLabel).join(' | '),
    );
    const conv = truth.notebooks['spread.ipynb'].calls[0];
    const blockCell = notebook.cellAt(conv.cell).document;
    const convHover = await hoverText(blockCell, new vscode.Position(conv.line - 1, blockCell.lineAt(conv.line - 1).text.indexOf('nn.Conv2d(') + 4));
    assert.ok(convHover.includes(`${shapeText(conv.input)} -> ${shapeText(conv.output)}`), convHover);
  });

  it('diagnostics land on the cell of the layer PyTorch fails in, and only there', async () => {
    const notebook = await openNotebook('invalid.ipynb');
    const [error] = truth.notebooks['invalid.ipynb'].errors;
    const failing = notebook.cellAt(error.layer.cell).document;
    const diagnostic = await waitFor('the mat1/mat2 error', () => ourDiagnostics(failing).find((entry) => entry.message === error.message));
    assert.equal(diagnostic.range.start.line, error.layer.line - 1);
    for (const cell of notebook.getCells()) {
      if (cell.index !== error.layer.cell) assert.deepEqual(ourDiagnostics(cell.document), [], `cell ${cell.index}`);
    }
  });
});
