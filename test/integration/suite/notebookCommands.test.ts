// The commands and the status bar in VS Code's notebook editor: Set Input Shape writes the
// directive into the cell of the model (not the active cell), the status bar follows the
// active cell's model, Export Model Summary and Compare Variants work from a cell, and an
// untitled notebook (`openNotebookDocument('jupyter-notebook', data)`) is analysed. Numbers
// come from real PyTorch (tools/golden/notebook_truth.py, editor_truth.py).
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, editorTruth, extensionApi, hoverText, positionOf, repoPath, shapeText, waitFor } from './editorSupport';

interface NotebookTruth {
  notebooks: Record<string, { calls: { cell: number; line: number; kind: string; output: number[]; params: number }[] }>;
}
const truth = JSON.parse(readFileSync(repoPath('test/fixtures/notebooks/truth.json'), 'utf8')) as NotebookTruth;

/** A notebook that was never saved, with the cells of a fixture notebook (or the given cells' code). */
async function openUntitledNotebook(cells: string | string[]): Promise<vscode.NotebookDocument> {
  const source =
    typeof cells === 'string'
      ? (JSON.parse(readFileSync(repoPath('test/fixtures/notebooks', cells), 'utf8')) as { cells: { cell_type: string; source: string[] }[] }).cells
      : cells.map((text) => ({ cell_type: 'code', source: [text] }));
  const data = new vscode.NotebookData(
    source.map((cell) =>
      cell.cell_type === 'code'
        ? new vscode.NotebookCellData(vscode.NotebookCellKind.Code, cell.source.join(''), 'python')
        : new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, cell.source.join(''), 'markdown'),
    ),
  );
  const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

/** Makes a cell the active editor with the cursor at `position` (its start by default). */
async function focusCell(notebook: vscode.NotebookDocument, index: number, position = new vscode.Position(0, 0)): Promise<vscode.TextEditor> {
  // Right after a notebook file opens, its cells' editors may not exist yet: VS Code then refuses to show one.
  const editor = await waitFor(`an editor for cell ${index}`, async () => {
    try {
      return await vscode.window.showTextDocument(notebook.cellAt(index).document);
    } catch {
      return undefined;
    }
  });
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

async function discardNotebook(notebook: vscode.NotebookDocument): Promise<void> {
  await vscode.window.showNotebookDocument(notebook);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('notebook editor: commands and status bar', () => {
  after(closeAllEditors);

  it("an untitled notebook is analysed: the class cell's conv hover has PyTorch's shapes", async () => {
    const notebook = await openUntitledNotebook('models.ipynb');
    assert.equal(notebook.uri.scheme, 'untitled');
    const blockCell = notebook.cellAt(1).document;
    const outputs = truth.notebooks['models.ipynb'].calls.filter((call) => call.cell === 1 && call.kind === 'Conv2d').map((call) => shapeText(call.output));
    assert.equal(outputs.length, 2);
    const hover = await waitFor('the conv hover in the untitled notebook', async () => {
      const text = await hoverText(blockCell, positionOf(blockCell, 'nn.Conv2d', 0, 4));
      return outputs.every((shape) => text.includes(shape)) ? text : undefined;
    });
    assert.match(hover, /Conv2d/);
    await discardNotebook(notebook);
  });

  it("the status bar follows the active cell's model", async () => {
    const notebook = await openUntitledNotebook('models.ipynb');
    const api = await extensionApi();
    for (const [cell, model] of [
      [4, 'classifier'],
      [3, 'encoder'],
      [4, 'classifier'],
    ] as const) {
      await focusCell(notebook, cell);
      const pattern = new RegExp(`^\\$\\(layers\\) ${model}: `);
      await waitFor(`${model} in the status bar (now: ${api.statusBarText()})`, () => pattern.test(api.statusBarText()) || undefined);
    }
    await discardNotebook(notebook);
  });

  it('Set Input Shape from the cell that calls the model writes the directive above the class, in its own cell', async () => {
    const notebook = await openUntitledNotebook('spread.ipynb');
    const before = notebook.getCells().map((cell) => cell.document.getText());
    // Cell 6 builds and calls Net, whose class is cell 5.
    await focusCell(notebook, 6);
    const api = await extensionApi();
    await waitFor('the analysis of cell 6', async () => (await api.analysisFor(notebook.cellAt(6).document))?.models.find((model) => model.name === 'Net'));
    const written = await vscode.commands.executeCommand<string>('convInspector.setInputShape', '1, 3, 64, 64');
    assert.equal(written, '# conv-inspector: input=(1, 3, 64, 64)');
    const after = notebook.getCells().map((cell) => cell.document.getText());
    // Cell 5 gains the directive on its first line; every other cell is unchanged.
    assert.deepEqual(
      after,
      before.map((text, index) => (index === 5 ? `${written}\n${text}` : text)),
    );
    const net = await waitFor('the directive read back', async () =>
      (await api.analysisFor(notebook.cellAt(6).document))?.models.find((model) => model.name === 'Net' && model.inputSource === 'directive'),
    );
    assert.deepEqual(net.input, [1, 3, 64, 64]);
    await discardNotebook(notebook);
  });

  it("Export Model Summary from a cell writes the whole notebook, each layer at PyTorch's cell and line", async () => {
    const notebook = await openUntitledNotebook('spread.ipynb');
    await focusCell(notebook, 6);
    const folder = path.join(tmpdir(), `conv-inspector-notebook-export-${process.pid}`);
    try {
      const jsonUri = vscode.Uri.file(path.join(folder, 'spread.summary.json'));
      assert.equal(await vscode.commands.executeCommand('convInspector.exportSummary', 'json', jsonUri.toString()), jsonUri.toString());
      const report = JSON.parse(readFileSync(jsonUri.fsPath, 'utf8')) as {
        file: string;
        models: { layers: { cell: number; line: number; kind: string; output: number[]; params: number }[] }[];
      };
      assert.equal(report.file, notebook.uri.path.split('/').pop());
      assert.deepEqual(
        report.models.flatMap((model) => model.layers).map((layer) => ({ cell: layer.cell, line: layer.line, kind: layer.kind, output: layer.output, params: layer.params })),
        truth.notebooks['spread.ipynb'].calls.map((call) => ({ cell: call.cell, line: call.line, kind: call.kind, output: call.output, params: call.params })),
      );
      const csvUri = vscode.Uri.file(path.join(folder, 'spread.summary.csv'));
      await vscode.commands.executeCommand('convInspector.exportSummary', 'csv', csvUri.toString());
      const conv = truth.notebooks['spread.ipynb'].calls[0];
      assert.match(readFileSync(csvUri.fsPath, 'utf8'), new RegExp(`^Net,b1\\.conv,Conv2d,cell ${conv.cell}:${conv.line},`, 'm'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    await discardNotebook(notebook);
  });

  it("Compare Conv Variants from a cell: the conv of a class cell, PyTorch's seed table", async () => {
    const rows = editorTruth<{ variants: { rows: Record<string, { params: number }> } }>().variants.rows;
    const notebook = await openUntitledNotebook([
      'import torch\nfrom torch import nn',
      'class Seed(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 30, 10)\n\n    def forward(self, x):\n        return self.conv(x)',
      'out = Seed()(torch.randn(1, 3, 10, 10))',
    ]);
    const seedCell = notebook.cellAt(1).document;
    const position = positionOf(seedCell, 'nn.Conv2d', 0, 4);
    await waitFor('the seed conv hover', async () => ((await hoverText(seedCell, position)).includes('[1, 3, 10, 10] -> [1, 30, 1, 1]') ? true : undefined));
    await focusCell(notebook, 1, position);
    const result = await vscode.commands.executeCommand<{ rows: { label: string; params: number | null }[] }>('convInspector.compareVariants');
    assert.ok(result, 'a comparison');
    assert.deepEqual(
      result.rows.map((row) => [row.label, row.params]),
      Object.entries(rows).map(([label, row]) => [label, row.params]),
    );
    await discardNotebook(notebook);
  });
});
