// Hovers and inline hints on a ResNet-style module, checked against real PyTorch's
// per-layer shapes and parameter counts (test/unit/editor/fixtures/truth/editorResNet.json).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatShort } from '../../../src/analysis/format';
import { closeAllEditors, extensionApi, grouped, hintLabel, hoverText, inlayHints, openFixture, positionOf, shapeText, truthOf } from './editorSupport';
import type { TruthLayer } from './editorSupport';

describe('editor: hovers and inline hints (editorResNet.py vs PyTorch)', () => {
  const truth = truthOf('editorResNet.py');
  const model = truth.models[0];
  let document: vscode.TextDocument;

  before(async () => {
    assert.ok(model, 'the truth file has the model');
    document = await openFixture('editorResNet.py');
    const analysis = await (await extensionApi()).analysisFor(document);
    assert.ok(analysis && analysis.models.length > 0, 'the file was analysed');
  });
  after(closeAllEditors);

  /** Truth records grouped by their 1-based constructor line (a block's layers share lines). */
  function layersByLine(): Map<number, TruthLayer[]> {
    const byLine = new Map<number, TruthLayer[]>();
    for (const layer of model?.layers ?? []) byLine.set(layer.line, [...(byLine.get(layer.line) ?? []), layer]);
    return byLine;
  }

  it('shows the stem conv as the issue describes it', async () => {
    const stem = model?.layers.find((layer) => layer.path === 'conv1');
    assert.ok(stem);
    const text = await hoverText(document, positionOf(document, 'nn.Conv2d(3, 64', 0, 4));
    assert.ok(text.includes('Conv2d 3 -> 64, k 7x7, s 2, p 3, d 1, g 1'), text);
    assert.ok(text.includes(`${shapeText(stem.input)} -> ${shapeText(stem.output)}`), text);
    assert.ok(text.includes(`Params: ${grouped(stem.params)} (weight [64, 3, 7, 7])`), text);
    assert.match(text, /MACs · [\d,]+ FLOPs/);
    assert.ok(text.includes('kernel extent 7x7'), text);
    assert.ok(text.includes('floor((224 + 2·3 − 1·(7 − 1) − 1) / 2) + 1 = 112'), text);
    assert.ok(text.includes('[Open in Inspector](command:convInspector.openInspector'), text);
    assert.ok(text.includes('[Compare variants](command:convInspector.compareVariants'), text);
  });

  it("shows PyTorch's shapes and params on every conv, linear and pool constructor", async () => {
    let checked = 0;
    for (const [line, layers] of layersByLine()) {
      const kind = layers[0]?.kind ?? '';
      if (!/Conv|Linear|Pool/.test(kind)) continue;
      const lineText = document.lineAt(line - 1).text;
      const column = lineText.indexOf(`nn.${kind}(`);
      assert.ok(column >= 0, `nn.${kind}( on line ${line}`);
      const text = await hoverText(document, new vscode.Position(line - 1, column + 4));
      for (const layer of layers) {
        assert.ok(text.includes(`${shapeText(layer.input)} -> ${shapeText(layer.output)}`), `line ${line} ${layer.path}: ${text}`);
        assert.ok(text.includes(grouped(layer.params)), `line ${line} ${layer.path} params ${layer.params}: ${text}`);
      }
      checked += 1;
    }
    assert.ok(checked >= 6, `checked ${checked} constructor lines`);
  });

  it('maps self.conv1 in forward() to the layer and its shapes', async () => {
    const stem = model?.layers.find((layer) => layer.path === 'conv1');
    const text = await hoverText(document, positionOf(document, 'self.conv1(x))))', 0, 6));
    assert.ok(text.includes(`${shapeText(stem?.input ?? null)} -> ${shapeText(stem?.output ?? null)}`), text);
  });

  it("maps self.conv1 in a building block's forward() to every instance of the block", async () => {
    const instances = model?.layers.filter((layer) => /^layer[12]\.conv1$/.test(layer.path)) ?? [];
    assert.equal(instances.length, 2);
    const text = await hoverText(document, positionOf(document, 'self.conv1(x)', 0, 6));
    for (const layer of instances) {
      assert.ok(text.includes(`${layer.path}: \`${shapeText(layer.input)} -> ${shapeText(layer.output)}\` · ${grouped(layer.params)} params`), text);
    }
  });

  it('shows the flow through a block on self.layer2 in forward()', async () => {
    const block = model?.layers.filter((layer) => layer.path.startsWith('layer2.')) ?? [];
    const text = await hoverText(document, positionOf(document, 'self.layer2(x)', 0, 6));
    assert.ok(text.includes(`${shapeText(block[0]?.input ?? null)} -> ${shapeText(block[block.length - 1]?.output ?? null)}`), text);
    assert.ok(text.includes(grouped(block.reduce((sum, layer) => sum + layer.params, 0))), text);
  });

  it('explains the dilated grouped conv in one line', async () => {
    const text = await hoverText(document, positionOf(document, 'nn.Conv2d(128, 128', 0, 4));
    assert.match(text, /Grouped \(g = 4\)/);
    assert.match(text, /Dilated \(d = 2\)/);
    assert.ok(text.includes('kernel extent 5x5'), text);
  });

  it('puts "→ shape · params" at the end of each constructor call, as PyTorch counts (the exact count in its tooltip)', async () => {
    const hints = await inlayHints(document);
    let checked = 0;
    for (const [line, layers] of layersByLine()) {
      const first = layers[0];
      if (!first) continue;
      // Every constructor call of the fixture fits on its line, so its hint is on that line.
      const onLine = hints.filter((hint) => hint.position.line === line - 1);
      const hint = onLine.find((candidate) => hintLabel(candidate).includes(`→ ${shapeText(first.output)}`));
      assert.ok(hint, `hint for line ${line} (${first.path}): ${onLine.map(hintLabel).join(' | ')}`);
      const label = hintLabel(hint);
      // A layer without parameters shows its shape only; the others their count in short form.
      assert.ok(first.params === 0 ? !label.includes('·') : label.endsWith(`· ${formatShort(first.params)}`), label);
      assert.ok(String(hint.tooltip).includes(`${grouped(first.params)} params`), String(hint.tooltip));
      checked += 1;
    }
    assert.ok(checked >= 10, `checked ${checked} lines`);
  });
});
