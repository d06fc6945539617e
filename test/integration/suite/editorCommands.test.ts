// Every convInspector.* command in a real VS Code, the status bar and a settings change.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  discard,
  editorTruth,
  extensionApi,
  grouped,
  hoverText,
  inlayHints,
  openFixture,
  openUntitled,
  positionOf,
  shapeText,
  truthOf,
  waitFor,
  withSetting,
} from './editorSupport';

interface CommandTruth {
  settings: { spatial64: { input: number[]; output: number[] }; shape48: { input: number[]; output: number[] } };
  stem64: { input: number[]; output: number[]; params: number };
  variants: { rows: Record<string, { params: number }> };
}
interface Row {
  label: string;
  params: number | null;
}

async function placeCursor(document: vscode.TextDocument, position: vscode.Position): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(position, position);
}

describe('editor: commands', () => {
  const truth = truthOf('editorResNet.py');
  const stem = truth.models[0]?.layers.find((layer) => layer.path === 'conv1');
  after(closeAllEditors);

  it('contributes every command under the Conv Inspector category', async () => {
    await extensionApi();
    const all = await vscode.commands.getCommands(true);
    for (const id of ['openInspector', 'inspectLayer', 'setInputShape', 'compareVariants', 'exportSummary', 'toggleInlineHints']) {
      assert.ok(all.includes(`convInspector.${id}`), id);
    }
    const contributed = vscode.extensions.getExtension('conv-inspector.conv-inspector')?.packageJSON.contributes.commands as { category: string }[];
    // VS Code hands the extension its package.json with the package.nls.json strings filled in.
    assert.ok(
      contributed.every((command) => command.category === 'Conv Inspector'),
      JSON.stringify(contributed),
    );
  });

  it("Open Inspector summarises the models with PyTorch's numbers", async () => {
    const document = await openFixture('editorResNet.py');
    await placeCursor(document, positionOf(document, 'self.conv1 = nn.Conv2d(3, 64'));
    const markdown = await vscode.commands.executeCommand<string>('convInspector.openInspector');
    assert.ok(stem);
    assert.ok(markdown.includes(`| conv1 | Conv2d | ${shapeText(stem.input)} | ${shapeText(stem.output)} | ${grouped(stem.params)} |`), markdown);
    assert.ok(markdown.includes(`Total params: ${grouped(truth.models[0]?.totalParams ?? -1)}`), markdown);
  });

  it('Inspect Layer at Cursor shows the layer under the cursor', async () => {
    const document = await openFixture('editorResNet.py');
    await placeCursor(document, positionOf(document, 'self.conv1(x))))', 0, 6));
    const markdown = await vscode.commands.executeCommand<string>('convInspector.inspectLayer');
    assert.ok(markdown.includes(`${shapeText(stem?.input ?? null)} -> ${shapeText(stem?.output ?? null)}`), markdown);
  });

  it('the status bar shows the model under the cursor', async () => {
    const document = await openFixture('editorResNet.py');
    await placeCursor(document, positionOf(document, 'self.layer1 = BasicBlock'));
    const api = await extensionApi();
    const text = await waitFor('status bar text', () => api.statusBarText() || undefined);
    assert.match(text, /params · .*MACs/);
  });

  it('the status bar spins while a big file is analysed, then shows its model', async () => {
    // A loop whose every step builds a list and a string near the interpreter's size limits:
    // a few thousand steps that take seconds however fast the interpreter gets, well past the
    // spinner's delay and the second or so VS Code may take to show the file. The time budget
    // is raised so the loop runs to its end instead of stopping at the default 1.5 s.
    const loop = 'for i in range(1500):\n    x = [i] * 99999\n    s = "ab" * 499999\n';
    await withSetting('analysis.timeBudgetMs', 60_000, async () => {
      const document = await openUntitled(
        `import torch\nimport torch.nn as nn\n\nseq0 = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 8, 3, dilation=2))\n${loop}y = seq0(torch.randn(1, 3, 32, 32))\n`,
      );
      await placeCursor(document, new vscode.Position(3, 0));
      const api = await extensionApi();
      const spinning = await waitFor('the busy status bar item', () => (api.statusBarText().includes('$(sync~spin)') ? api.statusBarText() : undefined), 20_000);
      assert.match(spinning, /Conv Inspector/);
      // seq0: 224 + 16 + 584 parameters.
      const done = await waitFor('the model in the status bar', () => (/\$\(layers\) seq0: 824 params/.test(api.statusBarText()) ? api.statusBarText() : undefined), 60_000);
      assert.doesNotMatch(done, /sync~spin/);
      await discard(document);
    });
  });

  it('Set Input Shape writes the directive above the model and the shapes follow', async () => {
    const commandTruth = editorTruth<CommandTruth>().stem64;
    const source = (await vscode.workspace.openTextDocument((await openFixture('editorResNet.py')).uri)).getText().replace(/if __name__[\s\S]*$/, '');
    const document = await openUntitled(source);
    await placeCursor(document, positionOf(document, 'self.conv1 = nn.Conv2d(3, 64'));
    const written = await vscode.commands.executeCommand<string>('convInspector.setInputShape', commandTruth.input.join(', '));
    assert.equal(written, `# conv-inspector: input=(${commandTruth.input.join(', ')})`);
    const classLine = positionOf(document, 'class TinyResNet').line;
    assert.equal(document.lineAt(classLine - 1).text, written);
    const hover = await waitFor('the new stem shapes', async () => {
      const text = await hoverText(document, positionOf(document, 'nn.Conv2d(3, 64', 0, 4));
      return text.includes(`${shapeText(commandTruth.input)} -> ${shapeText(commandTruth.output)}`) ? text : undefined;
    });
    assert.ok(hover.includes(grouped(commandTruth.params)));
    // A second run updates the directive instead of adding another.
    await placeCursor(document, positionOf(document, 'self.conv1 = nn.Conv2d(3, 64'));
    await vscode.commands.executeCommand('convInspector.setInputShape', '1, 3, 96, 96');
    assert.equal(document.getText().match(/conv-inspector: input=/g)?.length, 1);
    await discard(document);
  });

  it('Compare Conv Variants gives the seed table (903000 / 9030 / 9030 / 3030 / 120 / 423)', async () => {
    const rows = editorTruth<CommandTruth>().variants.rows;
    const document = await openUntitled('from torch import nn\n# conv-inspector: input=(1, 3, 10, 10)\nnet = nn.Sequential(nn.Conv2d(3, 30, 10))\n');
    const position = positionOf(document, 'nn.Conv2d', 0, 4);
    await placeCursor(document, position);
    const hover = await hoverText(document, position);
    assert.ok(hover.includes('[1, 3, 10, 10] -> [1, 30, 1, 1]'), hover);
    const result = await vscode.commands.executeCommand<{ rows: Row[] }>('convInspector.compareVariants');
    assert.ok(
      result,
      `a comparison (active editor: ${vscode.window.activeTextEditor?.document.uri.toString()} at ${vscode.window.activeTextEditor?.selection.active.line}:${vscode.window.activeTextEditor?.selection.active.character})`,
    );
    // The hover link passes the position explicitly.
    const linked = await vscode.commands.executeCommand<{ rows: Row[] }>('convInspector.compareVariants', document.uri.toString(), position.line, position.character);
    assert.deepEqual(
      linked?.rows.map((row) => row.params),
      [903000, 9030, 9030, 3030, 120, 423],
    );
    assert.deepEqual(
      result.rows.map((row) => [row.label, row.params]),
      Object.entries(rows).map(([label, row]) => [label, row.params]),
    );
    assert.deepEqual(
      result.rows.map((row) => row.params),
      [903000, 9030, 9030, 3030, 120, 423],
    );
    await discard(document);
  });

  it('Export Model Summary writes Markdown, CSV and JSON', async () => {
    const document = await openFixture('editorResNet.py');
    await placeCursor(document, positionOf(document, 'class TinyResNet'));
    const folder = path.join(tmpdir(), `conv-inspector-export-${process.pid}`);
    try {
      const jsonUri = vscode.Uri.file(path.join(folder, 'summary.json'));
      assert.equal(await vscode.commands.executeCommand('convInspector.exportSummary', 'json', jsonUri.toString()), jsonUri.toString());
      const report = JSON.parse(readFileSync(jsonUri.fsPath, 'utf8')) as { models: { layers: { path: string; output: number[]; params: number }[] }[] };
      const exported = report.models.flatMap((model) => model.layers).find((layer) => layer.path === 'conv1');
      assert.deepEqual(exported?.output, stem?.output);
      assert.equal(exported?.params, stem?.params);
      const csvUri = vscode.Uri.file(path.join(folder, 'summary.csv'));
      await vscode.commands.executeCommand('convInspector.exportSummary', 'csv', csvUri.toString());
      assert.match(readFileSync(csvUri.fsPath, 'utf8'), /^model,path,kind,line,/);
      const markdownUri = vscode.Uri.file(path.join(folder, 'summary.md'));
      await vscode.commands.executeCommand('convInspector.exportSummary', 'markdown', markdownUri.toString());
      assert.match(readFileSync(markdownUri.fsPath, 'utf8'), /^# Conv Inspector summary: editorResNet\.py/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Toggle Inline Hints turns the hints off and on again', async () => {
    const document = await openFixture('editorResNet.py');
    await waitFor('hints', async () => (await inlayHints(document)).length > 0 || undefined);
    await withSetting('inlineHints.enabled', true, async () => {
      assert.equal(await vscode.commands.executeCommand('convInspector.toggleInlineHints'), false);
      assert.deepEqual(await inlayHints(document), []);
      assert.equal(await vscode.commands.executeCommand('convInspector.toggleInlineHints'), true);
      assert.ok((await inlayHints(document)).length > 0);
    });
  });

  it('defaultSpatialSize and defaultInputShape apply to a file that gives no input', async () => {
    const { spatial64, shape48 } = editorTruth<CommandTruth>().settings;
    // No input size makes this model valid (8 * H * W is never 7), so nothing can be inferred
    // and the settings decide; the first layer is the one the truth recorded at 64 and 48.
    const document = await openUntitled('from torch import nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Flatten(), nn.Linear(7, 2))\n');
    const api = await extensionApi();
    const firstLayer = async (): Promise<string> => {
      const layer = (await api.analysisFor(document))?.models[0]?.layers[0];
      return layer ? `${shapeText(layer.input)} -> ${shapeText(layer.output)}` : '';
    };
    await withSetting('defaultSpatialSize', 64, async () => {
      assert.equal(
        await waitFor('the 64 default', async () => ((await firstLayer()).startsWith(shapeText(spatial64.input)) ? firstLayer() : undefined)),
        `${shapeText(spatial64.input)} -> ${shapeText(spatial64.output)}`,
      );
      await withSetting('defaultInputShape', shape48.input.join(', '), async () => {
        assert.equal(
          await waitFor('the 48 shape', async () => ((await firstLayer()).startsWith(shapeText(shape48.input)) ? firstLayer() : undefined)),
          `${shapeText(shape48.input)} -> ${shapeText(shape48.output)}`,
        );
      });
    });
    await discard(document);
  });

  it('macsUnit changes what the hover reports', async () => {
    const document = await openFixture('editorResNet.py');
    const position = positionOf(document, 'nn.Conv2d(3, 64', 0, 4);
    await withSetting('macsUnit', 'MACs', async () => {
      const text = await hoverText(document, position);
      assert.match(text, /[\d,]+ MACs/);
      assert.ok(!text.includes('FLOPs'), text);
    });
    await withSetting('macsUnit', 'FLOPs', async () => {
      const text = await hoverText(document, position);
      assert.ok(text.includes('FLOPs') && !/\d MACs/.test(text), text);
    });
  });
});
