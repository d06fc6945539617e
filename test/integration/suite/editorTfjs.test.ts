// TensorFlow.js in TypeScript: hovers (channels last) and inline hints against real
// TF.js (test/unit/editor/fixtures/truth/editorTfjs.json, from tools/golden/editor_tfjs_truth.mjs).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { formatShort } from '../../../src/analysis/format';
import { closeAllEditors, extensionApi, grouped, hintLabel, hoverText, inlayHints, positionOf, repoPath, shapeText } from './editorSupport';

interface TfjsTruth {
  layers: { kind: string; input: number[]; output: number[]; params: number }[];
}

describe('editor: TensorFlow.js (editorTfjs.ts vs TF.js)', () => {
  const truth = JSON.parse(readFileSync(repoPath('test/unit/editor/fixtures/truth/editorTfjs.json'), 'utf8')) as TfjsTruth;
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(vscode.Uri.file(repoPath('test/unit/editor/fixtures/models/editorTfjs.ts')));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'typescript');
    const analysis = await (await extensionApi()).analysisFor(document);
    assert.ok(analysis && analysis.models.length > 0, 'the TF.js model was found');
  });
  after(closeAllEditors);

  it("hovers each tf.layers call with TF.js's channels-last shapes and params", async () => {
    const factories: Record<string, string> = { Conv2D: 'tf.layers.conv2d(', MaxPooling2D: 'tf.layers.maxPooling2d(', Flatten: 'tf.layers.flatten(', Dense: 'tf.layers.dense(' };
    const seen: Record<string, number> = {};
    for (const layer of truth.layers) {
      const factory = factories[layer.kind];
      assert.ok(factory, layer.kind);
      const occurrence = seen[factory] ?? 0;
      seen[factory] = occurrence + 1;
      const text = await hoverText(document, positionOf(document, factory, occurrence, 12));
      assert.ok(text.includes(`${shapeText(layer.input)} -> ${shapeText(layer.output)}`), `${layer.kind}: ${text}`);
      assert.ok(text.includes(`Params: ${grouped(layer.params)}`), `${layer.kind}: ${text}`);
    }
  });

  it('names the layout and the TensorFlow formula on a conv', async () => {
    const text = await hoverText(document, positionOf(document, 'tf.layers.conv2d(', 0, 12));
    assert.ok(text.includes('(channels last)'), text);
    assert.ok(text.includes("padding 'same': ceil(28 / 2) = 14"), text);
  });

  it("puts TF.js's shapes in the inline hints", async () => {
    const labels = (await inlayHints(document)).map(hintLabel);
    for (const layer of truth.layers) {
      assert.ok(
        // A layer without parameters shows its shape only; the others their count in short form.
        labels.some((label) => label.includes(`→ ${shapeText(layer.output)}${layer.params > 0 ? ` · ${formatShort(layer.params)}` : ''}`)),
        `${layer.kind}: ${labels.join(' | ')}`,
      );
    }
  });
});
