/* global describe, it, before, after, document, window -- mocha globals; document and window inside frame callbacks */
// Compare Variants and the table's Columns chooser where VS Code puts the panel, on a real
// model (kuangliu/pytorch-cifar's ResNet18). Compare Variants of a stride-2 conv without bias,
// at 300 px and 900 px side-bar widths in the light, dark and high-contrast themes: the
// user's configuration is marked, every conv variant keeps its output size and its bias
// choice, and the key cells are on screen whole (boxes inside the view, scrollWidth within
// clientWidth). The Columns chooser at 300 px: choosing MACs shows it or says it has no room,
// choosing everything never scrolls sideways, the keyboard works it, and the choice
// survives the panel being hidden. Screenshots: .test-artifacts/screenshots/panel-variants-*.png
// and panel-columns-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from '../../tools/vscode/codeServer.mjs';
import { openWorkbench } from './harness/session.mjs';

const RESNET = join(repoRoot, 'test/fixtures/pytorch/real/kuangliu__pytorch-cifar/models/resnet.py');
/** `Conv2d(64, 128, kernel_size=3, stride=2, padding=1, bias=False)` in kuangliu's BasicBlock. */
const TARGET = 'layer2.0.conv1';

const formatShape = (shape) => (shape ? `[${shape.join(', ')}]` : '?');
const formatCount = (count) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The CLI's JSON for a file: the same analysis the panel shows, read independently. */
function cliJson(file) {
  return JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'analyze', file, '--json'], { encoding: 'utf8' }));
}

/** The target conv's params and output for its input, from real PyTorch. */
function torchTruth(input) {
  const script = [
    'import json, sys, torch',
    'conv = torch.nn.Conv2d(64, 128, 3, stride=2, padding=1, bias=False)',
    `out = conv(torch.zeros(${JSON.stringify(input)}))`,
    'print(json.dumps({"params": sum(p.numel() for p in conv.parameters()), "output": list(out.shape)}))',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }));
}

/** Page-level sideways overflow, and each element's box against the webview's viewport. */
function measureVariants() {
  const overflow = (element) => element.scrollWidth - element.clientWidth;
  const whole = (element) => {
    const box = element.getBoundingClientRect();
    return overflow(element) <= 0 && box.left >= -0.5 && box.right <= window.innerWidth + 0.5 && box.width > 0;
  };
  const table = document.querySelector('#variants table.variants');
  return {
    page: overflow(document.documentElement),
    body: overflow(document.body),
    table: overflow(table),
    tableWhole: whole(table),
    rows: [...table.querySelectorAll('tbody tr')].map((row) => ({
      label: row.dataset.variant,
      yours: row.classList.contains('yours'),
      badge: row.querySelector('.badge') ? whole(row.querySelector('.badge')) : null,
      params: row.querySelector('td.params').textContent,
      output: row.querySelector('td.output').textContent,
      description: row.querySelector('td.description').textContent,
      cut: ['th.label', 'td.params', 'td.macs', 'td.output'].filter((selector) => !whole(row.querySelector(selector))),
    })),
  };
}

/** What the Columns control and the table show, and whether anything scrolls sideways. */
function measureColumns() {
  const overflow = (element) => element.scrollWidth - element.clientWidth;
  const chooser = document.querySelector('#column-chooser');
  const box = chooser.getBoundingClientRect();
  return {
    overflow: [document.documentElement, document.body, document.querySelector('.table-wrap'), document.querySelector('#layers'), chooser].map(overflow),
    chooserInside: box.left >= -0.5 && box.right <= window.innerWidth + 0.5,
    columns: [...document.querySelectorAll('#layers thead th')].map((th) => th.dataset.col),
    checked: [...chooser.querySelectorAll('input[type="checkbox"]:checked')].map((input) => input.dataset.col),
    noRoom: [...chooser.querySelectorAll('.no-room:not([hidden])')].map((note) => note.id.replace(/^column-|-no-room$/g, '')),
    summary: chooser.querySelector('summary').textContent,
  };
}

describe('e2e Compare Variants and the Columns chooser at side-bar width: real ResNet18', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;
  let frame;
  let model;
  let layer;

  const panelFrame = async () => {
    frame = await workbench.webviewFrame('#app');
    await frame.waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '') === 'resnet.py · ResNet', undefined, { timeout: 30_000 });
    return frame;
  };

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conv-panel-columns-ws-'));
    copyFileSync(RESNET, join(folder, 'resnet.py'));
    model = cliJson(join(folder, 'resnet.py')).models.find((entry) => entry.name === 'ResNet');
    layer = model.layers.find((entry) => entry.path === TARGET);
    assert.ok(layer, `the CLI lists ${TARGET}`);
    workbench = await openWorkbench({ folder });
    await workbench.openFile('resnet.py');
    await workbench.waitForExtensionActive();
    await workbench.runCommand('Conv Inspector: Focus on Inspector View');
    await panelFrame();
  });

  after(async function () {
    if (workbench) {
      await workbench.setTheme('light').catch(() => undefined);
      await workbench.page.context().close();
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  for (const width of [300, 900]) {
    for (const theme of ['light', 'dark', 'highContrast']) {
      it(`${width} px, ${theme}: Compare Variants marks the user's conv, keeps its output and bias choice, every key cell whole`, async function () {
        await workbench.setSideBarWidth(width);
        await workbench.setTheme(theme);
        const truth = torchTruth(layer.input);
        await frame.evaluate(() => document.getElementById('variants-host')?.replaceChildren());
        const target = model.layers.indexOf(layer);
        await frame.click(`#layers tbody tr[data-index="${target}"]`);
        await frame.waitForFunction((index) => document.querySelector('#detail')?.getAttribute('data-index') === String(index), target, { timeout: 10_000 });
        await frame.click('#compare-variants', { timeout: 10_000 });
        await frame.waitForFunction((path) => (document.querySelector('#variants h2')?.textContent ?? '').includes(path), TARGET, { timeout: 10_000 });
        await frame.evaluate(() => document.querySelector('#variants').scrollIntoView({ block: 'start' }));
        await delay(300);
        const shot = await workbench.screenshot(`panel-variants-${width}-${theme}`);
        const measured = await frame.evaluate(measureVariants);

        assert.deepEqual([measured.page, measured.body, measured.table], [0, 0, 0], `nothing scrolls sideways (${shot})`);
        assert.ok(measured.tableWhole, `the variants table is inside the view (${shot})`);
        const yours = measured.rows.filter((row) => row.yours);
        assert.equal(yours.length, 1, 'one row is the user configuration');
        assert.equal(yours[0].badge, true, 'its badge is on screen whole');
        assert.equal(yours[0].params, formatCount(truth.params));
        assert.equal(yours[0].params, formatCount(layer.params));
        assert.equal(yours[0].output, formatShape(truth.output));
        const convs = measured.rows.filter((row) => row.description.startsWith('Conv2d('));
        assert.ok(convs.length >= 3, `conv variants: ${measured.rows.map((row) => row.label)}`);
        for (const row of convs) {
          assert.equal(row.output, formatShape(truth.output), `${row.label} keeps the output size`);
          assert.match(row.description, /bias=False/, `${row.label} keeps the bias choice`);
        }
        for (const row of measured.rows) assert.deepEqual(row.cut, [], `${row.label}: label, params, MACs and output whole (${shot})`);
      });
    }
  }

  it('300 px: the Columns chooser adds MACs or says it has no room, never scrolls sideways, works by keyboard and survives hiding the panel', async function () {
    await workbench.setSideBarWidth(300);
    await workbench.setTheme('light');
    await frame.evaluate(() => document.querySelector('#layers').scrollIntoView({ block: 'start' }));
    const before = await frame.evaluate(measureColumns);
    assert.deepEqual(before.columns, ['path', 'output', 'params'], 'the width chooses at first');

    // By keyboard: focus the button, Enter opens the list, Space ticks the focused box.
    await frame.focus('#column-chooser summary');
    await frame.press('#column-chooser summary', 'Enter');
    await frame.waitForSelector('#column-chooser[open] #column-macs', { state: 'visible', timeout: 5_000 });
    await frame.focus('#column-macs');
    await frame.press('#column-macs', 'Space');
    await frame.waitForFunction(() => document.querySelector('#column-macs').checked, undefined, { timeout: 5_000 });
    await delay(200);
    const macs = await frame.evaluate(measureColumns);
    await workbench.screenshot('panel-columns-300-macs-light');
    assert.deepEqual(macs.overflow, [0, 0, 0, 0, 0], 'nothing scrolls sideways');
    assert.ok(macs.chooserInside);
    assert.ok(macs.checked.includes('macs'));
    assert.ok(macs.columns.includes('macs') !== macs.noRoom.includes('macs'), `MACs shows (${macs.columns}) or is marked without room (${macs.noRoom})`);
    if (macs.columns.includes('macs')) {
      // Its cells are whole, and read the CLI's figures.
      const cells = await frame.$$eval('#layers tbody tr', (rows) =>
        rows.slice(0, 8).map((row) => {
          const cell = row.querySelector('td[data-col="macs"]');
          return {
            index: Number(row.dataset.index),
            text: cell.textContent,
            whole: cell.scrollWidth <= cell.clientWidth && cell.getBoundingClientRect().right <= window.innerWidth,
          };
        }),
      );
      for (const cell of cells) assert.ok(cell.whole && cell.text.length > 0, `MACs of row ${cell.index}: ${cell.text}`);
    }

    // Everything chosen: what does not fit is marked and counted, the table stays inside.
    for (const name of ['kind', 'args', 'input', 'rf']) if (!(await frame.$eval(`#column-${name}`, (input) => input.checked))) await frame.click(`#column-${name}`);
    await delay(200);
    const all = await frame.evaluate(measureColumns);
    await workbench.screenshot('panel-columns-300-all-light');
    assert.deepEqual(all.overflow, [0, 0, 0, 0, 0], 'nothing scrolls sideways with every column chosen');
    assert.deepEqual([...all.checked].sort(), ['args', 'input', 'kind', 'macs', 'output', 'params', 'rf']);
    assert.ok(all.noRoom.length > 0, 'some chosen columns have no room at 300 px');
    for (const name of all.noRoom) assert.ok(!all.columns.includes(name), `${name} is not drawn`);
    assert.equal(all.columns.length - 1 + all.noRoom.length, 7, `every chosen column is shown or marked: ${all.columns} / ${all.noRoom}`);
    assert.match(all.summary, new RegExp(`Columns \\(${all.noRoom.length} without room\\)`));

    // Hidden and shown again (the webview is rebuilt): the choice is kept.
    await workbench.runCommand('View: Show Explorer');
    await delay(500);
    await workbench.runCommand('Conv Inspector: Focus on Inspector View');
    await panelFrame();
    await frame.waitForSelector('#layers tbody tr', { timeout: 15_000 });
    await delay(300);
    const again = await frame.evaluate(measureColumns);
    assert.deepEqual([...again.checked].sort(), [...all.checked].sort(), 'the choice survives hiding the panel');
    assert.deepEqual(again.columns, all.columns);

    // Fit to width gives the choice back to the width.
    await frame.click('#column-chooser summary');
    await frame.click('#column-chooser button[data-columns="fit"]');
    await frame.waitForFunction(() => [...document.querySelectorAll('#layers thead th')].map((th) => th.dataset.col).join() === 'path,output,params', undefined, {
      timeout: 5_000,
    });
    assert.deepEqual((await frame.evaluate(measureColumns)).noRoom, []);
  });
});
