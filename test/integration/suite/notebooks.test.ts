// Jupyter notebooks in VS Code's own notebook editor: every cell is a document of its own,
// but the analysis reads all code cells as one program. A cell that uses a class defined
// cells above is analysed with it; a diagnostic lands on the cell of the layer PyTorch
// fails in (the truth recorded by tools/golden/notebook_truth.py).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { revealLayer } from '../../../src/panel/panelActions';
import { closeAllEditors, extensionApi, hintLabel, hoverText, inlayHints, ourDiagnostics, positionOf, repoPath, shapeText, waitFor } from './editorSupport';

interface NotebookTruth {
  notebooks: Record<
    string,
    {
      calls: { cell: number; line: number; kind: string; output: number[] }[];
      errors: { message: string; layer: { cell: number; line: number } }[];
    }
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

  it("hovers and inlay hints answer in a cell that uses a class from an earlier cell, with PyTorch's shapes", async () => {
    const notebook = await openNotebook('spread.ipynb');
    const { calls } = truth.notebooks['spread.ipynb'];
    // Cell 5 builds Net from the Block of cell 3; cell 6 calls it. Cell 3's conv only has shapes through them.
    const blockCell = notebook.cellAt(3).document;
    const netCell = notebook.cellAt(5).document;
    const convOutputs = calls.filter((call) => call.cell === 3 && call.kind === 'Conv2d').map((call) => shapeText(call.output));
    assert.equal(convOutputs.length, 2);
    const convHover = await waitFor('the conv hover in cell 3', async () => {
      const text = await hoverText(blockCell, positionOf(blockCell, 'nn.Conv2d', 0, 4));
      return convOutputs.every((shape) => text.includes(shape)) ? text : undefined;
    });
    assert.match(convHover, /Conv2d/);
    const linear = calls.find((call) => call.cell === 5 && call.kind === 'Linear');
    assert.ok(linear);
    const linearHover = await hoverText(netCell, positionOf(netCell, 'nn.Linear', 0, 4));
    assert.ok(linearHover.includes(shapeText(linear.output)), linearHover);
    const blockHover = await hoverText(netCell, positionOf(netCell, 'self.b1', 0, 6));
    assert.ok(blockHover.includes(convOutputs[0]), blockHover);

    // Inlay hints: one per layer constructor of the cell, on the lines PyTorch's calls come from, none for other cells.
    for (const cell of [blockCell, netCell]) {
      const index = notebook.getCells().findIndex((candidate) => candidate.document === cell);
      const expected = [...new Set(calls.filter((call) => call.cell === index).map((call) => call.line - 1))].sort((a, b) => a - b);
      const hints = await inlayHints(cell);
      assert.deepEqual(
        hints.map((hint) => hint.position.line),
        expected,
        `cell ${index}: ${hints.map(hintLabel).join(' | ')}`,
      );
      for (const hint of hints) {
        const first = calls.find((call) => call.cell === index && call.line - 1 === hint.position.line);
        assert.ok(first && hintLabel(hint).includes(`→ ${shapeText(first.output)}`), hintLabel(hint));
      }
    }
  });

  it("jump-to-layer from a cell's model opens the layer in the cell it is built in", async () => {
    const notebook = await openNotebook('spread.ipynb');
    const netCell = notebook.cellAt(5).document;
    const conv = truth.notebooks['spread.ipynb'].calls.find((call) => call.kind === 'Conv2d');
    assert.ok(conv);
    const analysis = await (await extensionApi()).analysisFor(netCell);
    const record = analysis?.models.find((model) => model.name === 'Net')?.layers.find((layer) => layer.path === 'b1.conv');
    assert.ok(record, 'b1.conv in the view of cell 5');
    const editor = await revealLayer(netCell, record, undefined);
    assert.equal(editor.document, notebook.cellAt(conv.cell).document);
    assert.equal(editor.selection.start.line, conv.line - 1);
    assert.match(editor.document.getText(editor.selection), /^nn\.Conv2d\(/);
  });
});
