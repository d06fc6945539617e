// What the status bar, hints and hovers say about the model a file builds, in a real VS Code:
// the called model by default (not an unused class under the cursor), an error state that
// names the line, unknown parts never shown as a number, hints that fit VS Code's length cap.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, discard, extensionApi, hintLabel, hoverText, inlayHints, openUntitled, positionOf, waitFor } from './editorSupport';

/** A building block nobody calls as a model, and the model the file builds and calls. */
const RESNET_LIKE = `import torch
import torch.nn as nn

class Bottleneck(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.conv = nn.Conv2d(planes, planes, 3, padding=1)

    def forward(self, x):
        return self.conv(x)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.block = Bottleneck(16)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.block(self.stem(x)))

net = Net()
out = net(torch.randn(1, 3, 32, 32))
`;

async function placeCursor(document: vscode.TextDocument, position: vscode.Position): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(position, position);
}

describe('editor: the face of the analysis', () => {
  after(closeAllEditors);

  it('the status bar shows the model the file calls, even with the cursor in an unused class', async () => {
    const document = await openUntitled(RESNET_LIKE);
    await placeCursor(document, positionOf(document, 'class Bottleneck', 0, 8));
    const api = await extensionApi();
    // Net: stem 3·16·9+16 = 448, block conv 16·16·9+16 = 2,320 (PyTorch's counts).
    const text = await waitFor('the called model in the status bar', () => (/Net: 2\.77 K params/.test(api.statusBarText()) ? api.statusBarText() : undefined));
    assert.doesNotMatch(text, /Bottleneck/);
    await discard(document);
  });

  it('the status bar names the line of an error, and hints give parameter-free layers their shape only', async () => {
    const broken = RESNET_LIKE.replace('nn.Conv2d(3, 16, 3, padding=1)', 'nn.Conv2d(3, 16, 3, padding=1, groups=2)');
    const document = await openUntitled(broken);
    await placeCursor(document, new vscode.Position(0, 0));
    const api = await extensionApi();
    const errorLine = positionOf(document, 'groups=2').line + 1;
    const text = await waitFor('the error state', () => (api.statusBarText().includes('error on line') ? api.statusBarText() : undefined));
    assert.equal(text, `$(warning) Net: error on line ${errorLine}`);
    await discard(document);
    const fine = await openUntitled(RESNET_LIKE);
    const labels = (await inlayHints(fine)).map(hintLabel);
    assert.ok(labels.includes(' → [1, 16, 32, 32] · 448'), labels.join(' | '));
    assert.ok(labels.includes(' → [1, 16, 32, 32]'), `the ReLU's hint: ${labels.join(' | ')}`);
    assert.ok(
      labels.every((label) => !/· 0\b/.test(label) && label.length < 43),
      labels.join(' | '),
    );
    await discard(fine);
  });

  it('unknown counts read ? and totals read as lower bounds in the status bar and hover', async () => {
    const unknown = RESNET_LIKE.replace('import torch\n', 'import sys\nimport torch\nwidth = int(sys.argv[1])\n').replace(
      'self.block = Bottleneck(16)',
      'self.block = nn.Conv2d(16, width, 1)',
    );
    const document = await openUntitled(unknown);
    await placeCursor(document, new vscode.Position(0, 0));
    const api = await extensionApi();
    const text = await waitFor('a lower bound in the status bar', () => (api.statusBarText().includes('≥') ? api.statusBarText() : undefined));
    assert.match(text, /Net: ≥ 448 params · ≥ [\d.]+ K MACs · ≥ [\d.]+ K FLOPs \(1 layer unknown\)/);
    const hover = await hoverText(document, positionOf(document, 'nn.Conv2d(16, width', 0, 4));
    assert.ok(hover.includes('**Params:** ? (the arguments are not known)') || hover.includes('Params: ? (the arguments are not known)'), hover);
    const callHover = await hoverText(document, positionOf(document, 'out = net(torch.randn', 0, 2));
    assert.ok(callHover.includes('≥ 448 (1 layer unknown)'), callHover);
    await discard(document);
  });
});
