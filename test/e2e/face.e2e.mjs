/* global describe, it, before, after, document, window -- mocha globals; document and window inside frame callbacks */
// What a person sees of the model a file builds, in code-server + Chromium: the panel and the
// status bar open on the model the file calls (not an unused building block), the picker
// names every model differently and marks the unused one, Inspect Layer at Cursor selects
// the layer in the panel without opening a document, an empty input field means "detect",
// inline hints sit at the end of the call with no "0 params", what is unknown reads `?` and
// `≥ … (1 layer unknown)` in the status bar, the panel (whole at 300 px) and the call line's
// hover, a command that cannot act says why with a button, and the status bar names the line
// of an error.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { openWorkbench } from './harness/session.mjs';

/** A building block, the model the file builds and calls, and a class nothing uses. */
const BLOCK_AND_NET = `import torch
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


class Head(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.fc = nn.Conv2d(planes, 10, 1)

    def forward(self, x):
        return self.fc(x)
`;

/** A model whose middle conv takes its width from a module that is not there: its params and MACs are unknown. */
const UNKNOWN_WIDTH = `import torch
import torch.nn as nn
from widths import pick_width


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.mid = nn.Conv2d(16, pick_width(), 3, padding=1)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.mid(self.stem(x)))


net = Net()
out = net(torch.randn(1, 3, 32, 32))
`;

const panelFrame = (workbench) => workbench.webviewFrame('#app');

/** In the panel: the `mid` row's cells and the totals, each with whether it is whole inside the view. */
function measureUnknowns() {
  const whole = (element) => {
    const box = element.getBoundingClientRect();
    return element.scrollWidth <= element.clientWidth && box.left >= -0.5 && box.right <= window.innerWidth + 0.5;
  };
  const row = [...document.querySelectorAll('#layers tbody tr')].find((candidate) => candidate.querySelector('td[data-col="path"]')?.dataset.path === 'mid');
  const cells = [...(row?.querySelectorAll('td') ?? [])].map((cell) => ({ col: cell.dataset.col, text: cell.textContent, whole: whole(cell) }));
  const totals = [...document.querySelectorAll('#totals .fact')].map((fact) => ({ name: fact.dataset.total, text: fact.querySelector('dd').textContent, whole: whole(fact) }));
  return { cells, totals, sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth };
}

describe('e2e the face: default model, picker, inspect, hints, status bar', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conv-face-ws-'));
    writeFileSync(join(folder, 'blockAndNet.py'), BLOCK_AND_NET);
    writeFileSync(join(folder, 'unknownWidth.py'), UNKNOWN_WIDTH);
    writeFileSync(join(folder, 'notes.txt'), 'Ideas for the next model.\n');
    writeFileSync(join(folder, 'brokenGroups.py'), BLOCK_AND_NET.replace('nn.Conv2d(3, 16, 3, padding=1)', 'nn.Conv2d(3, 16, 3, padding=1, groups=2)'));
    workbench = await openWorkbench({ folder });
    await workbench.openFile('blockAndNet.py');
    await workbench.waitForExtensionActive();
  });

  after(async function () {
    await workbench?.page.context().close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('opens the panel and the status bar on the called model, the unused class listed last and marked', async function () {
    await workbench.goTo(6, 9);
    await workbench.runCommand('Conv Inspector: Focus on Inspector View');
    const frame = await panelFrame(workbench);
    await frame.waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '').includes('blockAndNet.py · '), undefined, { timeout: 30_000 });
    assert.equal(await frame.$eval('header h1', (title) => title.textContent), 'blockAndNet.py · Net');
    const options = await frame.$$eval('select option', (entries) => entries.map((entry) => entry.textContent));
    assert.deepEqual(options, ['Net (called at line 26)', 'Head (line 29) · not used in this file']);
    const status = workbench.page.locator('.statusbar-item', { hasText: 'Net: ' });
    // Net: stem 3·16·9+16 = 448 and the block's conv 16·16·9+16 = 2,320 parameters (PyTorch's counts).
    await status.first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await status.first().innerText(), /Net: 2\.77 K params/);
  });

  it('puts each hint at the end of its call, the ReLU without a count', async function () {
    const lines = workbench.activeEditor().locator('.view-lines');
    await lines.locator('text=→ [1, 16, 32, 32] · 448').first().waitFor({ state: 'attached', timeout: 20_000 });
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
    const reluLine = text.split('\n').find((line) => line.includes('self.relu = nn.ReLU()')) ?? '';
    assert.match(reluLine.replace(/[\s\u200b-\u200d\ufeff]+/g, ' ').trim(), /^self\.relu = nn\.ReLU\(\) → \[1, 16, 32, 32\]$/);
    assert.doesNotMatch(text, /· 0 params|· 0\s/);
  });

  it('Inspect Layer at Cursor selects the layer in the panel and opens no document', async function () {
    const tabsBefore = await workbench.page.locator('.tabs-container .tab').count();
    await workbench.goTo(17, 30);
    await workbench.runCommand('Conv Inspector: Inspect Layer at Cursor');
    const frame = await panelFrame(workbench);
    await frame.waitForFunction(() => (document.querySelector('#detail h2')?.textContent ?? '').includes('3 -> 16'), undefined, { timeout: 20_000 });
    const highlighted = await frame.$eval('#layers tbody tr.highlighted td[data-col="path"]', (cell) => cell.textContent);
    assert.equal(highlighted, 'stem');
    assert.equal(await workbench.page.locator('.tabs-container .tab').count(), tabsBefore);
    assert.equal(await workbench.page.locator('.tabs-container .tab[aria-label*="Untitled"]').count(), 0);
  });

  it('an empty input field means "detect the input", with no error left behind', async function () {
    const frame = await panelFrame(workbench);
    await frame.fill('#input-shape', '');
    await frame.press('#input-shape', 'Enter');
    await frame.waitForTimeout(500);
    assert.equal(await frame.$eval('#input-shape-error', (error) => error.textContent), '');
    assert.equal(await frame.$eval('#input-shape', (input) => input.getAttribute('aria-invalid')), null);
  });

  it('unknown is never a number: status bar, panel row and totals at 300 px, and the hover of the call line', async function () {
    await workbench.setSideBarWidth(300);
    await workbench.openFile('unknownWidth.py');
    // Stem 3·16·9+16 = 448 parameters (PyTorch's count); the middle conv's width is not known.
    const status = workbench.page.locator('.statusbar-item', { hasText: 'Net: ' });
    await workbench.page.waitForFunction(() => /Net: ≥ 448 params/.test(document.querySelector('.statusbar')?.textContent ?? ''), undefined, { timeout: 20_000 });
    assert.match(await status.first().innerText(), /Net: ≥ 448 params · ≥ .*\(1 layer unknown\)/);
    const frame = await panelFrame(workbench);
    await frame.waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '') === 'unknownWidth.py · Net', undefined, { timeout: 20_000 });
    const measured = await frame.evaluate(measureUnknowns);
    const cells = Object.fromEntries(measured.cells.map((cell) => [cell.col, cell]));
    assert.equal(cells.output?.text, '?');
    assert.equal(cells.params?.text, '?');
    const totals = Object.fromEntries(measured.totals.map((fact) => [fact.name, fact]));
    assert.equal(totals.params?.text, '≥ 448 (1 layer unknown)');
    assert.match(totals.macs?.text ?? '', /^≥ [\d,]+ \(1 layer unknown\)$/);
    for (const item of [...measured.cells, ...measured.totals]) assert.ok(item.whole, `${item.col ?? item.name} (${item.text}) is whole inside the 300 px view`);
    assert.equal(measured.sideways, 0, 'nothing scrolls sideways');
    await workbench.screenshot('face-unknown-300-light');
    // The line the input comes from: the model's totals and output, unknown parts marked.
    const lines = UNKNOWN_WIDTH.split('\n');
    const callLine = lines.findIndex((text) => text.startsWith('out = net(')) + 1;
    let hover = '';
    for (let attempt = 0; attempt < 5 && !hover.includes('Params'); attempt += 1) {
      hover = await workbench.hoverAt(callLine, 8);
      if (!hover.includes('Params')) await workbench.dismiss();
    }
    assert.match(hover, /Params: ≥ 448 \(1 layer unknown\)/);
    assert.match(hover, /\[1, 3, 32, 32\] -> \?/);
    await workbench.dismiss();
  });

  it('a command that cannot act says why, with a button to what would help', async function () {
    await workbench.openFile('notes.txt');
    // The layer commands are not offered for a text file; the export is, and must explain itself.
    await workbench.runCommand('Conv Inspector: Export Model Summary...');
    const toast = workbench.page.locator('.notification-toast', { hasText: 'Conv Inspector reads Python' });
    await toast.first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await toast.first().innerText(), /notes\.txt is a plaintext file\. Open a PyTorch, Keras or TF\.js model file\./);
    const button = toast.first().locator('.monaco-button', { hasText: 'Open a Model File...' });
    const view = workbench.page.viewportSize();
    const onScreen = (area) => area && area.x >= 0 && area.x + area.width <= view.width && area.y + area.height <= view.height;
    // The toast slides in from below: measure once it has arrived.
    let box = await button.boundingBox();
    for (let attempt = 0; attempt < 30 && !onScreen(box); attempt += 1) {
      await delay(100);
      box = await button.boundingBox();
    }
    assert.ok(onScreen(box), `the button is on screen: ${JSON.stringify(box)}`);
    await workbench.screenshot('face-command-explains-light');
    await toast.first().locator('.codicon-notifications-clear, .codicon-close').first().click();
  });

  it('the status bar names the line of an error', async function () {
    await workbench.openFile('brokenGroups.py');
    const status = workbench.page.locator('.statusbar-item', { hasText: 'error on line' });
    await status.first().waitFor({ state: 'visible', timeout: 20_000 });
    // PyTorch: "in_channels must be divisible by groups" for the stem on line 17.
    assert.match(await status.first().innerText(), /Net: error on line 17/);
    await status.first().click();
    await workbench.page.waitForFunction(() => /Ln 17,/.test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent ?? ''), undefined, {
      timeout: 10_000,
    });
  });
});
