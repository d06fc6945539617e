/* global describe, it, before, after, document -- mocha globals; document inside frame callbacks */
// Feature maps in the inspector panel, in code-server + Chromium: select a conv row, click
// Compute, the channel grid is drawn on the canvas (screenshots light and dark); an edit of the
// layer's channel count redraws the grid with the new count; a huge input is refused with a
// message naming the size.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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

  it("computes and draws the selected conv layer's feature maps", async function () {
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
    await frame.waitForFunction(() => /8192/.test(document.querySelector('#feature-maps-problem')?.textContent ?? ''), undefined, { timeout: 90_000 });
    assert.match((await frame.textContent('#feature-maps-problem')) ?? '', /\[1, 3, 8192, 8192\] needs 768 MB \(float32\), over the 256 MB feature-map budget/);
    assert.equal(await frame.$('#feature-map-grid'), null, 'no grid for a refused run');
  });
});
