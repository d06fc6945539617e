/* global describe, it, before, after, document -- mocha globals; document inside frame callbacks */
// Feature maps live in the inspector panel, in code-server + Chromium: select a conv row, click
// Compute, the channel grid, the whole-model strip and the input as the model sees it are drawn
// (screenshots light and dark) and no editor tab is opened; the scaling toggle and a
// full-resolution zoom; an edit of the layer's channel count redraws the grid with the new
// count; the section follows the active file without another click; a huge input is refused
// with a message naming the size. The hover of a computed layer shows a small grid of it.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, workspaceDir } from './harness/session.mjs';

/** The panel's frame: the webview frame (fake.html) that holds our #app. */
const panelFrame = (workbench) => workbench.webviewFrame('#app');

/** Replaces a whole 1-based line of the active editor (insertText: no auto-closing brackets). */
async function replaceLine(workbench, line, text) {
  // Focus the editor group from the keyboard: the wide panel's frame can cover the editor's centre.
  await workbench.focusWorkbench();
  await workbench.page.keyboard.press('Control+1');
  await workbench.page.keyboard.press('Control+G');
  const input = workbench.page.locator('.quick-input-widget .quick-input-box input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:1`);
  await workbench.page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await workbench.page.keyboard.press('Shift+End');
  await workbench.page.keyboard.insertText(text);
}

/** A second model for the follow test: 12 channels in its first conv. */
const otherNet = 'import torch\nimport torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 12, 3, padding=1), nn.ReLU(), nn.Conv2d(12, 5, 3))\nnet(torch.randn(1, 3, 40, 40))\n';

/** Labels of the editor tabs: feature maps must add none. */
const tabLabels = (workbench) => workbench.page.$$eval('.tabs-container .tab', (tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? ''));

/** Whether a canvas has its pixels in. */
const drawn = (frame, selector) => frame.$eval(selector, (canvas) => canvas.dataset.drawn === 'true' && canvas.width > 0 && canvas.height > 0);

/** Channels of the drawn grid and how many of its pixels are not the background. */
async function readGrid(frame) {
  return frame.$eval('#feature-map-grid', (canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] > 0) coloured++;
    return { channels: Number(canvas.dataset.channels), drawn: canvas.dataset.drawn === 'true', width: canvas.width, height: canvas.height, coloured };
  });
}

describe('e2e inspector panel feature maps', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;
  let frame;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conv-panel-maps-ws-'));
    copyFileSync(join(workspaceDir, 'tinyNet.py'), join(folder, 'tinyNet.py'));
    writeFileSync(join(folder, 'otherNet.py'), otherNet);
    workbench = await openWorkbench({ folder });
    await workbench.openFile('tinyNet.py');
    await workbench.waitForExtensionActive();
    await workbench.runCommand('Conv Inspector: Focus on Inspector View');
    frame = await panelFrame(workbench);
    await workbench.widenSideBar(800);
    await frame.waitForFunction(
      () => (document.querySelector('header h1')?.textContent ?? '').includes('tinyNet.py') && document.querySelectorAll('#layers tbody tr').length > 0,
      undefined,
      { timeout: 30_000 },
    );
  });

  after(async function () {
    await workbench?.page.context().close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("computes and draws the selected conv layer's feature maps in the panel, with no editor tab", async function () {
    const tabsBefore = await tabLabels(workbench);
    await frame.click('#layers tbody tr td[data-col="path"][data-path="conv1"]');
    await frame.waitForSelector('#detail h2', { timeout: 10_000 });
    await frame.click('#compute-feature-maps', { timeout: 10_000 });
    await frame.waitForSelector('#feature-map-grid[data-drawn="true"]', { timeout: 90_000 });
    const grid = await readGrid(frame);
    assert.equal(grid.channels, 16, 'conv1 has 16 output channels');
    assert.ok(grid.width > 0 && grid.height > 0);
    assert.ok(grid.coloured > grid.width * grid.height * 0.5, `most pixels coloured (${grid.coloured} of ${grid.width * grid.height})`);
    assert.match((await frame.textContent('#feature-maps-caption')) ?? '', /^16 channels · output \[1, 16, (\d+), \1\]/);
    assert.ok((await frame.$$eval('#feature-maps-notes li', (items) => items.length)) > 0, 'the notes are shown');
    // The input as the model sees it and the whole-model strip, drawn too.
    assert.ok(await drawn(frame, '#feature-map-input'), 'the input picture');
    assert.match((await frame.textContent('#feature-map-input-caption')) ?? '', /^Input as the model sees it: \[1, 3, \d+, \d+\] · values -?[\d.]+ … -?[\d.]+/);
    assert.ok(await drawn(frame, '#feature-map-strip'), 'the strip');
    assert.ok(Number(await frame.getAttribute('#feature-map-strip', 'data-tiles')) >= 1);
    assert.deepEqual(await tabLabels(workbench), tabsBefore, 'no editor tab was opened for the maps');
    // The tooltip gives the channel's range under the pointer.
    const box = await frame.locator('#feature-map-grid').boundingBox();
    await frame.locator('#feature-map-grid').hover({ position: { x: 2, y: 2 } });
    assert.ok(box);
    assert.match((await frame.getAttribute('#feature-map-grid', 'title')) ?? '', /^channel 0: min -?[\d.e+-]+, max -?[\d.e+-]+$/);
    await frame.$eval('#feature-maps', (section) => section.scrollIntoView({ block: 'start' }));
    for (const kind of ['light', 'dark']) {
      await workbench.setTheme(kind);
      const file = await workbench.screenshot(`panel-feature-maps-${kind}`);
      assert.ok(file.endsWith(`panel-feature-maps-${kind}.png`));
    }
    await workbench.setTheme('light');
  });

  it('the hover of a computed layer shows a small grid of its first channels', async function () {
    const text = await workbench.hoverAt(10, 30);
    assert.match(text, /Feature maps of conv1 · 16 channels/);
    const image = workbench.page.locator('.monaco-hover:not(.hidden) img[src^="data:image/png;base64,"]').first();
    await image.waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth > 0), 'the grid image decoded');
    await workbench.screenshot('hover-feature-maps');
    await workbench.dismiss();
  });

  it('per-layer scaling redraws the grid; a click on a thumbnail shows full-resolution channels', async function () {
    await frame.selectOption('#feature-map-scaling', 'layer');
    await frame.waitForFunction(() => /per-layer scaling/.test(document.querySelector('#feature-maps-caption')?.textContent ?? ''), undefined, { timeout: 20_000 });
    assert.equal((await readGrid(frame)).drawn, true);
    await frame.selectOption('#feature-map-scaling', 'channel');
    await frame.waitForFunction(() => /per-channel scaling/.test(document.querySelector('#feature-maps-caption')?.textContent ?? ''), undefined, { timeout: 20_000 });
    await frame.locator('#feature-map-grid').click({ position: { x: 2, y: 2 } });
    await frame.waitForSelector('#feature-map-zoom-grid[data-drawn="true"]', { timeout: 20_000 });
    assert.equal(await frame.getAttribute('#feature-map-zoom-grid', 'data-downsampled'), '1', 'full resolution');
    assert.match((await frame.textContent('#feature-map-zoom-caption')) ?? '', /channels 0–\d+ of 16 at full resolution/);
  });

  it('an edit of the layer redraws the grid with the new channel count', async function () {
    // conv2's input first, then conv1's output: the cursor ends on conv1, whose grid the panel shows.
    await replaceLine(workbench, 11, '        self.conv2 = nn.Conv2d(8, 32, kernel_size=3, stride=2, dilation=2)');
    await replaceLine(workbench, 10, '        self.conv1 = nn.Conv2d(3, 8, kernel_size=3, padding=1)');
    await frame.waitForFunction(
      () =>
        document.querySelector('#feature-map-grid')?.getAttribute('data-channels') === '8' && document.querySelector('#feature-map-grid')?.getAttribute('data-drawn') === 'true',
      undefined,
      { timeout: 90_000 },
    );
    assert.match((await frame.textContent('#feature-maps-caption')) ?? '', /^8 channels · output \[1, 8, (\d+), \1\]/);
  });

  it('follows the active file: another model file shows its own maps without a click, and no tab is added', async function () {
    const tabsBefore = (await tabLabels(workbench)).length;
    await workbench.openFile('otherNet.py');
    await frame.waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '').includes('otherNet.py'), undefined, { timeout: 30_000 });
    await frame.waitForFunction(
      () =>
        document.querySelector('#feature-map-grid')?.getAttribute('data-channels') === '12' && document.querySelector('#feature-map-grid')?.getAttribute('data-drawn') === 'true',
      undefined,
      { timeout: 90_000 },
    );
    assert.equal((await tabLabels(workbench)).length, tabsBefore + 1, 'only the opened file got a tab');
    for (const kind of ['light', 'dark']) {
      await workbench.setTheme(kind);
      await workbench.screenshot(`panel-feature-maps-follow-${kind}`);
    }
    await workbench.setTheme('light');
    // Back to tinyNet.py: its maps (8 channels since the edit), never otherNet.py's.
    await workbench.openFile('tinyNet.py');
    await frame.waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '').includes('tinyNet.py'), undefined, { timeout: 30_000 });
    await frame.waitForFunction(
      () =>
        document.querySelector('#feature-map-grid')?.getAttribute('data-channels') === '8' && document.querySelector('#feature-map-grid')?.getAttribute('data-drawn') === 'true',
      undefined,
      { timeout: 90_000 },
    );
  });

  it('refuses a huge input with a message naming the size', async function () {
    await frame.fill('#input-shape', '1, 3, 8192, 8192');
    await frame.press('#input-shape', 'Enter');
    // The field writes the `# conv-inspector: input=(...)` directive; the table follows it.
    await frame.waitForFunction(
      // conv1 (8 channels since the edit above) keeps the size: padding 1.
      () => (document.querySelector('#layers tbody tr[data-index="0"] td[data-col="output"]')?.textContent ?? '') === '[1, 8, 8192, 8192]',
      undefined,
      { timeout: 20_000 },
    );
    await frame.waitForSelector('#feature-maps-problem', { timeout: 90_000 });
    await frame
      .waitForFunction(() => /8192/.test(document.querySelector('#feature-maps-problem')?.textContent ?? ''), undefined, { timeout: 90_000 })
      .catch(async (error) => {
        throw new Error(`${error.message}\n${await frame.textContent('#feature-maps')}`);
      });
    assert.match((await frame.textContent('#feature-maps-problem')) ?? '', /\[1, 3, 8192, 8192\] needs 768 MB \(float32\), over the 256 MB feature-map budget/);
    assert.equal(await frame.$('#feature-map-grid'), null, 'no grid for a refused run');
  });
});
