// Jupyter notebooks in VS Code's own notebook editor: every cell is a document of its own,
// but the analysis reads all code cells as one program. A cell that uses a class defined
// cells above is analysed with it; a diagnostic lands on the cell of the layer PyTorch
// fails in (the truth recorded by tools/golden/notebook_truth.py).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, ourDiagnostics, repoPath, waitFor } from './editorSupport';

interface NotebookTruth {
  notebooks: Record<string, { errors: { message: string; layer: { cell: number; line: number } }[] }>;
}
const truth = JSON.parse(readFileSync(repoPath('test/fixtures/notebooks/truth.json'), 'utf8')) as NotebookTruth;

async function openNotebook(name: string): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(repoPath('test/fixtures/notebooks', name)));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

describe('editor: Jupyter notebooks', () => {
  after(closeAllEditors);

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
