// Feature-map previews in a real VS Code: Preview Feature Maps on the workspace's example
// shows the selected layer's grid in the inspector panel and opens no editor tab, a Keras
// U-Net gets its NHWC maps with Keras weights, an edit
// changes the result (reusing the unchanged layers), a huge input is refused with its size,
// weight files load or are refused. The worker thread (dist/featureMapWorker.js) does the computing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FeatureMapPreviewResult } from '../../../src/commands/featureMapRun';
import { extensionApi, openUntitled, positionOf, repoPath, waitFor, withSetting } from './editorSupport';

const previewCommand = 'convInspector.previewFeatureMaps';

/** Every tab of every editor group, by label: the feature maps must add none. */
const tabLabels = (): string[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));

describe('feature maps', () => {
  before(async () => {
    await extensionApi();
  });

  it('the extension itself registers the feature-map commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [previewCommand, 'convInspector.loadWeights', 'convInspector.choosePreviewImage']) assert.ok(commands.includes(id), id);
  });

  it("Preview Feature Maps on tinyNet.py shows the selected layer's grid in the panel, opens no editor tab, and runs past forward()'s torch.relu", async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'tinyNet.py'));
    await vscode.window.showTextDocument(document);
    const atConv1 = positionOf(document, 'nn.Conv2d(3, 16', 0, 3);
    const tabsBefore = tabLabels();
    const result = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), atConv1.line, atConv1.character);
    assert.ok(result, 'the command returns its result');
    assert.equal(result.model, 'TinyNet');
    assert.equal(result.layer, 'conv1');
    assert.ok(result.layersComputed >= 1, JSON.stringify(result));
    // The panel shows conv1's 16 channels; no tab (image preview, webview panel) was opened.
    assert.deepEqual(result.panel && { index: result.panel.index, status: result.panel.status, channels: result.panel.channels }, { index: 0, status: 'done', channels: 16 });
    assert.match(result.panel?.shape ?? '', /^\[1, 16, \d+, \d+\]$/);
    assert.deepEqual(tabLabels(), tabsBefore);
    assert.ok(
      result.notes.some((note) => /image: scaled to \[0, 1\]/.test(note)),
      result.notes.join('\n'),
    );
    // forward() applies torch.relu between conv1 and conv2: the dataflow graph runs it too.
    const atConv2 = positionOf(document, 'nn.Conv2d(16, 32', 0, 3);
    const after = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), atConv2.line, atConv2.character);
    assert.equal(after?.problem, undefined, after?.problem);
    assert.equal(after?.layer, 'conv2');
    assert.deepEqual(after?.panel && { status: after.panel.status, channels: after.panel.channels }, { status: 'done', channels: 32 });
  });

  it('an edit to a layer changes the feature maps and reuses the layers before it', async () => {
    const source =
      'import torch\nimport torch.nn as nn\n\nmodel = nn.Sequential(\n    nn.Conv2d(3, 8, 3, padding=1),\n    nn.ReLU(),\n    nn.Conv2d(8, 4, 3),\n)\nmodel(torch.randn(1, 3, 24, 24))\n';
    const document = await openUntitled(source);
    const first = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), 6, 8);
    assert.equal(first?.layer, '2');
    assert.equal(first?.layersComputed, 3);
    assert.equal(first?.panel?.channels, 4);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(6, 17, 6, 18), '6');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(document.getText(), /nn\.Conv2d\(8, 6, 3\)/);
    const second = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), 6, 8);
    assert.equal(second?.layer, '2');
    // 2 from the run before the edit, or 3 when the background recompute after the edit finished first.
    assert.ok(
      second?.notes.some((note) => /[23] leading layer\(s\) reused/.test(note)),
      second?.notes.join('\n'),
    );
    assert.equal(second?.panel?.channels, 6, 'four channels became six');
  });

  it('Choose Preview Image: a wider image is cropped to its centre, or letterboxed by the setting, never stretched', async () => {
    const document = await openUntitled('import torch\nimport torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 4, 3))\nnet(torch.randn(1, 3, 9, 9))\n');
    const image = vscode.Uri.file(repoPath('test', 'fixtures', 'kernels', 'images', 'rgb.png'));
    const config = vscode.workspace.getConfiguration('convInspector');
    try {
      await vscode.commands.executeCommand('convInspector.choosePreviewImage', image);
      const cropped = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), 3, 25);
      assert.ok(
        cropped?.notes.some((note) => note.includes('centre 9x9 of the 13x9 image kept')),
        cropped?.notes.join('\n'),
      );
      await config.update('featureMaps.imageFit', 'letterbox', vscode.ConfigurationTarget.Global);
      // The setting change also recomputes the maps on screen; a preview that run supersedes resolves empty, so ask again.
      const letterboxed = await waitFor('a letterboxed preview', async () => {
        const result = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), 3, 25);
        return result?.notes.some((note) => note.includes('letterboxed: the whole image in 9x6')) ? result : undefined;
      });
      assert.ok(letterboxed.layersComputed >= 1);
    } finally {
      await config.update('featureMaps.imageFit', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('convInspector.choosePreviewImage', null);
    }
  });

  it('convInspector.featureMaps.normalization: cifar, then a custom mean/std, normalize the preview image', async () => {
    const document = await openUntitled('import torch\nimport torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 4, 3))\nnet(torch.randn(1, 3, 9, 9))\n');
    // The setting change also recomputes the maps on screen; a preview that run supersedes resolves empty, so ask again.
    const previewWith = (label: string) =>
      waitFor(`a preview normalized with ${label}`, async () => {
        const result = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), 3, 25);
        return result?.notes.find((note) => note.includes(`(${label})`));
      });
    await withSetting('featureMaps.normalization', 'cifar', async () => {
      assert.equal(await previewWith('CIFAR-10'), 'image: scaled to [0, 1], normalized with mean [0.4914, 0.4822, 0.4465] and std [0.247, 0.2435, 0.2616] (CIFAR-10)');
      await withSetting('featureMaps.normalizationMean', [0.5, 0.5, 0.5], () =>
        withSetting('featureMaps.normalizationStd', [0.25, 0.25, 0.25], async () => {
          await vscode.workspace.getConfiguration('convInspector').update('featureMaps.normalization', 'custom', vscode.ConfigurationTarget.Global);
          assert.equal(await previewWith('custom'), 'image: scaled to [0, 1], normalized with mean [0.5, 0.5, 0.5] and std [0.25, 0.25, 0.25] (custom)');
        }),
      );
    });
  });

  it('refuses a huge input with a message naming the size', async () => {
    const document = await openUntitled('import torch\nimport torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1))\nnet(torch.randn(1, 3, 8192, 8192))\n');
    const result = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), 3, 10);
    assert.equal(result?.layersComputed, 0);
    assert.equal(result?.panel?.channels, undefined, 'no grid in the panel');
    assert.match(result?.problem ?? '', /input: activation \[1, 3, 8192, 8192\] needs 768 MB \(float32\), over the 256 MB feature-map budget/);
  });

  it('Load Weights... refuses a hostile checkpoint and matches a real one', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(repoPath('test/fixtures/featuremaps/small_cnn.py')));
    await vscode.window.showTextDocument(document);
    const hostile = vscode.Uri.file(repoPath('test/fixtures/weights/hostile_os_system.pt')).toString();
    const refused = await vscode.commands.executeCommand<FeatureMapPreviewResult>('convInspector.loadWeights', hostile, document.uri.toString());
    assert.match(refused?.problem ?? '', /system/);
    const real = vscode.Uri.file(repoPath('test/fixtures/featuremaps/small_cnn.pt')).toString();
    const loaded = await vscode.commands.executeCommand<FeatureMapPreviewResult>('convInspector.loadWeights', real, document.uri.toString());
    assert.ok(
      loaded?.notes.some((note) => /13 tensor\(s\) matched, 0 missing/.test(note)),
      loaded?.notes.join('\n'),
    );
    const preview = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString());
    assert.ok(
      preview?.notes.some((note) => /13 tensor\(s\) matched/.test(note)),
      'the weight file is remembered for the model',
    );
  });

  it("a Keras U-Net's panel shows its NHWC feature maps, with Keras weights from a .safetensors file", async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(repoPath('test/fixtures/graphs/keras/unet.py')));
    await vscode.window.showTextDocument(document);
    const weights = vscode.Uri.file(repoPath('test/fixtures/graphs/keras/unet.weights.safetensors')).toString();
    const loaded = await vscode.commands.executeCommand<FeatureMapPreviewResult>('convInspector.loadWeights', weights, document.uri.toString());
    assert.ok(
      loaded?.notes.some((note) => /59 tensor\(s\) matched, 0 missing/.test(note)),
      loaded?.notes.join('\n'),
    );
    const atConv = positionOf(document, 'layers.Conv2D(filters, 3', 0, 9);
    const result = await vscode.commands.executeCommand<FeatureMapPreviewResult>(previewCommand, document.uri.toString(), atConv.line, atConv.character);
    assert.equal(result?.model, 'unet');
    assert.equal(result?.layersComputed, 37, result?.notes.join('\n'));
    assert.equal(result?.problem, undefined);
    // The first Conv2D of the first block: 8 channels of 24x20, in Keras's [N, H, W, C] order.
    assert.deepEqual(result?.panel && { status: result.panel.status, shape: result.panel.shape, channels: result.panel.channels }, {
      status: 'done',
      shape: '[1, 24, 20, 8]',
      channels: 8,
    });
  });
});
