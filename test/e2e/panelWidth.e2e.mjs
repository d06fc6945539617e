/* global describe, it, before, after, document, window -- mocha globals; document and window inside frame callbacks */
// The inspector panel where VS Code puts it, on a real model (kuangliu/pytorch-cifar's
// ResNet18): at 300 px and 900 px side-bar widths, in the light, dark and high-contrast
// themes, the layer paths (whole in their tooltips), output shapes, params and the model's
// totals are on screen whole. "Whole" is measured, not assumed: every element's box lies
// inside the webview, and no element scrolls sideways (scrollWidth = clientWidth). A model
// whose local module is missing says why in one sentence. Screenshots land in
// .test-artifacts/screenshots/panel-width-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from '../../tools/vscode/codeServer.mjs';
import { openWorkbench } from './harness/session.mjs';
import { assertWhole, measureWhole, sideBarWidths, themeKinds } from './harness/visibility.mjs';

const realDir = join(repoRoot, 'test/fixtures/pytorch/real');
const RESNET = join(realDir, 'kuangliu__pytorch-cifar/models/resnet.py');
const UNET_MODEL = join(realDir, 'milesial__Pytorch-UNet/unet/unet_model.py');

const formatShape = (shape) => (shape ? `[${shape.join(', ')}]` : '?');
const formatCount = (count) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The CLI's JSON for a file: the same analysis the panel shows, read independently. */
function cliJson(file) {
  return JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'analyze', file, '--json'], { encoding: 'utf8' }));
}

/**
 * Everything the checks need, measured inside the webview: overflow of the page, the table
 * and every key cell, each cell's box against the webview's viewport, the shown columns.
 * Only rows scrolled into the table's view are measured (the rest are off screen by design).
 */
function measurePanel() {
  const view = { width: window.innerWidth, height: window.innerHeight };
  const wrap = document.querySelector('.table-wrap');
  const wrapBox = wrap.getBoundingClientRect();
  const overflow = (element) => element.scrollWidth - element.clientWidth;
  const inside = (box) => box.left >= -0.5 && box.right <= view.width + 0.5;
  const cellOf = (row, name) => row.querySelector(`td[data-col="${name}"]`);
  const rows = [...document.querySelectorAll('#layers tbody tr')]
    .filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= wrapBox.top && box.bottom <= wrapBox.bottom;
    })
    .map((row) => {
      const cells = ['path', 'output', 'params'].map((name) => cellOf(row, name));
      return {
        index: Number(row.dataset.index),
        path: cellOf(row, 'path').dataset.path,
        pathText: cellOf(row, 'path').textContent,
        pathTitle: cellOf(row, 'path').title,
        output: cellOf(row, 'output').textContent,
        params: cellOf(row, 'params').textContent,
        cutCells: cells.filter((cell) => overflow(cell) > 0 || !inside(cell.getBoundingClientRect())).map((cell) => cell.dataset.col),
      };
    });
  return {
    view,
    pageOverflow: overflow(document.documentElement),
    bodyOverflow: overflow(document.body),
    wrapOverflow: overflow(wrap),
    tableOverflow: overflow(document.querySelector('#layers')),
    columns: [...document.querySelectorAll('#layers thead th')].map((th) => th.dataset.col),
    rows,
  };
}

describe('e2e panel at side-bar width: real ResNet18, 300 and 900 px, three themes', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;
  let frame;
  let model;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conv-panel-width-ws-'));
    copyFileSync(RESNET, join(folder, 'resnet.py'));
    // The U-Net's model file without the module it imports everything from.
    mkdirSync(join(folder, 'unet'));
    copyFileSync(UNET_MODEL, join(folder, 'unet/unet_model.py'));
    model = cliJson(join(folder, 'resnet.py')).models.find((entry) => entry.name === 'ResNet');
    assert.ok(model && model.layers.length > 30, 'the CLI finds the called ResNet');
    workbench = await openWorkbench({ folder });
    await workbench.openFile('resnet.py');
    await workbench.waitForExtensionActive();
    await workbench.runCommand('Conv Inspector: Focus on Inspector View');
    frame = await workbench.webviewFrame('#app');
    await frame.waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '') === 'resnet.py · ResNet', undefined, { timeout: 30_000 });
  });

  after(async function () {
    if (workbench) {
      // Later test files expect the light theme.
      await workbench.setTheme('light').catch(() => undefined);
      await workbench.page.context().close();
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  for (const width of sideBarWidths) {
    for (const theme of themeKinds) {
      it(`${width} px, ${theme}: paths, outputs, params and totals are on screen whole, nothing scrolls sideways`, async function () {
        await workbench.setSideBarWidth(width);
        await workbench.setTheme(theme);
        const frameBox = await (await frame.frameElement()).boundingBox();
        const sideBarBox = await workbench.page.locator('.part.sidebar').first().boundingBox();
        assert.ok(frameBox.x >= sideBarBox.x - 1 && frameBox.x + frameBox.width <= sideBarBox.x + sideBarBox.width + 1, 'the panel sits in the side bar');
        // Select a deep layer: the detail card shows in the screenshot.
        const target = model.layers.findIndex((layer) => layer.path === 'layer2.0.shortcut.0');
        assert.ok(target >= 0);
        await frame.click(`#layers tbody tr[data-index="${target}"]`);
        await frame.waitForFunction((index) => document.querySelector('#detail')?.getAttribute('data-index') === String(index), target, { timeout: 10_000 });
        await frame.evaluate(() => document.querySelector('#layers tbody tr[data-index="0"]').scrollIntoView({ block: 'start' }));
        // Columns follow a ResizeObserver: let the layout settle for this width.
        await delay(300);
        const shot = await workbench.screenshot(`panel-width-${width}-${theme}`);
        const measured = await frame.evaluate(measurePanel);

        assert.deepEqual(
          { page: measured.pageOverflow, body: measured.bodyOverflow, wrap: measured.wrapOverflow, table: measured.tableOverflow },
          { page: 0, body: 0, wrap: 0, table: 0 },
          `nothing scrolls sideways at ${width} px (${shot})`,
        );
        // 300 px: the layer, its output, its params; 900 px: MACs, receptive field and arguments join.
        if (width === 300) assert.deepEqual(measured.columns, ['path', 'output', 'params']);
        else for (const name of ['path', 'args', 'output', 'params', 'macs', 'rf']) assert.ok(measured.columns.includes(name), `${name} in ${measured.columns}`);
        assert.ok(measured.rows.length >= 5, `rows in view: ${measured.rows.length}`);
        for (const row of measured.rows) {
          const layer = model.layers[row.index];
          assert.deepEqual(row.cutCells, [], `row ${layer.path}: every key cell whole and inside the view (${shot})`);
          assert.equal(row.path, layer.path);
          assert.ok(row.pathTitle.startsWith(`${layer.path} (`), `tooltip gives the whole path: ${row.pathTitle}`);
          if (row.pathText !== layer.path) {
            // Shortened in the middle: the pieces shown are the path's, in order, and its end is kept.
            const pieces = row.pathText.split('…');
            const pattern = new RegExp(`^${pieces.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
            assert.ok(pieces.length > 1 && pattern.test(layer.path), `${row.pathText} shortens ${layer.path}`);
          }
          assert.equal(row.output, formatShape(layer.output));
          assert.equal(row.params, formatCount(layer.params));
        }
        // Two rows never read the same (the tooltip is not needed to tell them apart).
        const texts = measured.rows.map((row) => row.pathText);
        assert.equal(new Set(texts).size, texts.length, `distinct path texts: ${texts.join(' ')}`);
        assert.equal(await frame.$eval('#totals .fact[data-total="params"] dd', (fact) => fact.textContent), formatCount(model.totalParams));
        assertWhole(await frame.evaluate(measureWhole, ['#totals .fact']), ['#totals .fact'], `totals at ${width} px, ${theme} (${shot})`);
      });
    }
  }

  it('a model whose local module is missing gives one reason with the fix, whole at 300 px', async function () {
    await workbench.setSideBarWidth(300);
    await workbench.setTheme('light');
    await workbench.openFile('unet_model.py');
    await frame
      .waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '').endsWith('unet_model.py') && document.querySelector('#reason:not([hidden])'), undefined, {
        timeout: 30_000,
      })
      .catch(async (error) => {
        const shown = await frame.evaluate(() => `${document.querySelector('header h1')?.textContent} | ${document.querySelector('#message')?.textContent}`);
        throw new Error(`${error.message}; the panel shows: ${shown}; problems: ${(await workbench.readProblems()).join(' || ')}`);
      });
    const banner = await frame.$eval('#reason', (element) => element.textContent);
    // `nn` itself comes through the star import, so no class is a model: the import is the reason.
    assert.match(banner, /^`\.unet_parts` was not found in this file's package folder \(line 3\); open the folder that holds it/);
    assert.doesNotMatch(banner.slice(0, -1), /\.\s/, 'one sentence');
    assertWhole(await frame.evaluate(measureWhole, ['#reason']), ['#reason'], 'the banner at 300 px, light');
    // No model: no input field and no totals, only the message and the reason.
    assert.deepEqual(await frame.$$eval('#input-shape-form, #totals', (elements) => elements.map((element) => element.getBoundingClientRect().height)), [0, 0]);
    await workbench.screenshot('panel-width-300-reason-light');
  });
});
