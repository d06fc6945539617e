/* global describe, it, before, after, document -- mocha globals; document inside frame callbacks */
// The inspector panel as a person sees it, in code-server + Chromium: the table read from
// the webview frame equals the CLI's JSON for the same file; clicking a row moves the
// editor's selection; moving the cursor moves the highlight; the variants view of the seed
// configuration shows its six numbers; screenshots in light and dark.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from '../../tools/vscode/codeServer.mjs';
import { openWorkbench, workspaceDir } from './harness/session.mjs';

/** The reference comparison's configuration: input 10x10x3, 30 maps, k=10. */
const SEED_SOURCE = `import torch
from torch import nn

# conv-inspector: input=(1, 3, 10, 10)
seed = nn.Sequential(
    nn.Conv2d(3, 30, 10),
)
`;

/** The reference comparison table, every row with its correct label. */
/** Two models in one file, for the model picker. */
const TWO_MODELS_SOURCE = `import torch
from torch import nn

# conv-inspector: input=(1, 3, 16, 16)
encoder = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1),
    nn.ReLU(),
    nn.Conv2d(8, 16, 3, stride=2, padding=1),
)

# conv-inspector: input=(1, 64)
head = nn.Sequential(
    nn.Linear(64, 10),
)
`;

const SEED_TABLE = [
  ['fully connected', 903000],
  ['standard', 9030],
  ['dilated', 9030],
  ['grouped', 3030],
  ['pointwise', 120],
  ['depthwise separable', 423],
];

const formatShape = (shape) => (shape ? `[${shape.join(', ')}]` : '?');
const formatCount = (count) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function cliJson(file) {
  return JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'analyze', file, '--json'], { encoding: 'utf8' }));
}

/** The panel's frame: the webview frame (fake.html) that holds our #app. */
const panelFrame = (workbench) => workbench.webviewFrame('#app');

/** Waits until the panel shows `fileName` and has rows, then returns its rows as cell texts. */
async function readTable(frame, fileName, timeoutMs = 30_000) {
  await frame.waitForFunction(
    (name) => (document.querySelector('header h1')?.textContent ?? '').includes(name) && document.querySelectorAll('#layers tbody tr').length > 0,
    fileName,
    { timeout: timeoutMs },
  );
  return frame.$$eval('#layers tbody tr', (rows) =>
    rows.map((row) => {
      const cell = (name) => row.querySelector(`td[data-col="${name}"]`)?.textContent ?? '';
      return {
        index: Number(row.dataset.index),
        line: Number(row.dataset.line),
        path: cell('path'),
        kind: cell('kind'),
        // At a wide side bar every column shows; input and output are cells of their own.
        shapes: `${cell('input')} → ${cell('output')}`,
        params: cell('params'),
        rf: cell('rf'),
      };
    }),
  );
}

async function openPanel(workbench) {
  // The view's own focus command (VS Code generates it for every view), independent of our commands' wiring.
  await workbench.runCommand('Conv Inspector: Focus on Inspector View');
  return panelFrame(workbench);
}

describe('e2e inspector panel', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;

  before(async function () {
    // A workspace of our own: the shared fixture folder plus the seed file, so nothing is written into the repo.
    folder = mkdtempSync(join(tmpdir(), 'conv-panel-ws-'));
    copyFileSync(join(workspaceDir, 'tinyNet.py'), join(folder, 'tinyNet.py'));
    writeFileSync(join(folder, 'seedConv.py'), SEED_SOURCE);
    writeFileSync(join(folder, 'twoModels.py'), TWO_MODELS_SOURCE);
    workbench = await openWorkbench({ folder });
    await workbench.openFile('tinyNet.py');
    await workbench.waitForExtensionActive();
  });

  after(async function () {
    await workbench?.page.context().close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('shows the same table as the CLI JSON for the file', async function () {
    const frame = await openPanel(workbench);
    await workbench.widenSideBar();
    const rows = await readTable(frame, 'tinyNet.py');
    const model = cliJson(join(folder, 'tinyNet.py')).models[0];
    assert.ok(model.layers.length > 0, 'the CLI finds layers');
    assert.deepEqual(
      rows.map((row) => [row.path, row.kind, row.shapes, row.params, row.line + 1]),
      model.layers.map((layer) => [layer.path, layer.kind, `${formatShape(layer.input)} → ${formatShape(layer.output)}`, formatCount(layer.params), layer.line]),
    );
    const totals = await frame.$eval('#totals', (block) => Number(block.getAttribute('data-params')));
    assert.equal(totals, model.totalParams);
  });

  it('clicking a row moves the editor selection to that layer', async function () {
    const frame = await panelFrame(workbench);
    const model = cliJson(join(folder, 'tinyNet.py')).models[0];
    const target = model.layers.findIndex((layer) => layer.kind === 'Linear');
    assert.ok(target >= 0);
    await frame.click(`#layers tbody tr[data-index="${target}"] td[data-col="path"]`);
    const status = workbench.page.locator('.statusbar-item[id="status.editor.selection"]');
    await workbench.page.waitForFunction(
      (line) => new RegExp(`Ln ${line},`).test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent ?? ''),
      model.layers[target].line,
      { timeout: 10_000 },
    );
    assert.match(await status.innerText(), new RegExp(`Ln ${model.layers[target].line},`));
  });

  it('moving the cursor moves the highlight', async function () {
    const frame = await panelFrame(workbench);
    const model = cliJson(join(folder, 'tinyNet.py')).models[0];
    for (const target of [0, 1]) {
      await workbench.goTo(model.layers[target].line, 20);
      await frame.waitForSelector(`#layers tbody tr.highlighted[data-index="${target}"]`, { timeout: 10_000 });
      assert.equal(await frame.$$eval('#layers tbody tr.highlighted', (rows) => rows.length), 1);
    }
    // The detail of the highlighted layer follows: its title names the kind.
    await frame.waitForSelector('#detail h2', { timeout: 10_000 });
    assert.match(await frame.$eval('#detail h2', (title) => title.textContent ?? ''), /Conv2d/);
  });

  it('saves light and dark screenshots of the panel with a layer detail', async function () {
    const [dark, light] = await workbench.screenshotBothThemes('panel-tinyNet');
    assert.ok(dark.endsWith('panel-tinyNet-dark.png') && light.endsWith('panel-tinyNet-light.png'));
  });

  it('shows the six numbers of the seed configuration in the variants view, correctly labelled', async function () {
    await workbench.openFile('seedConv.py');
    const frame = await panelFrame(workbench);
    const rows = await readTable(frame, 'seedConv.py');
    assert.equal(rows[0].params, '9,030');
    await frame.click('#layers tbody tr[data-index="0"] td[data-col="path"]');
    await frame.click('#compare-variants', { timeout: 10_000 });
    await frame.waitForSelector('#variants tbody tr', { timeout: 10_000 });
    const variants = await frame.$$eval('#variants tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-variant'), Number(tr.getAttribute('data-params')), tr.querySelector('td.params')?.textContent ?? '']),
    );
    assert.deepEqual(
      variants.map(([label, params]) => [label, params]),
      SEED_TABLE,
    );
    assert.deepEqual(
      variants.map(([, , text]) => text),
      SEED_TABLE.map(([, params]) => formatCount(params)),
    );
    await workbench.screenshotBothThemes('panel-variants');
  });

  it("the Compare Conv Variants command fills the panel's variants view for the conv at the cursor", async function () {
    await workbench.openFile('seedConv.py');
    const frame = await panelFrame(workbench);
    await readTable(frame, 'seedConv.py');
    // Clear the table the button opened, so only the command can bring it back.
    await frame.evaluate(() => document.getElementById('variants-host')?.replaceChildren());
    await workbench.goTo(6, 10);
    await workbench.runCommand('Conv Inspector: Compare Conv Variants');
    await frame.waitForSelector('#variants tbody tr', { timeout: 15_000 });
    const labels = await frame.$$eval('#variants tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-variant'), Number(tr.getAttribute('data-params'))]));
    assert.deepEqual(labels, SEED_TABLE);
  });

  it('the model picker switches between the models of a file', async function () {
    await workbench.openFile('twoModels.py');
    const frame = await panelFrame(workbench);
    const first = await readTable(frame, 'twoModels.py');
    assert.deepEqual(
      first.map((row) => row.kind),
      ['Conv2d', 'ReLU', 'Conv2d'],
    );
    await frame.selectOption('#model-picker', '1');
    await frame.waitForFunction(() => document.querySelectorAll('#layers tbody tr').length === 1, undefined, { timeout: 10_000 });
    const second = await readTable(frame, 'twoModels.py');
    assert.deepEqual(
      second.map((row) => [row.kind, row.params]),
      [['Linear', '650']],
    );
  });

  it('the input-shape field writes the directive and the table follows', async function () {
    await workbench.openFile('tinyNet.py');
    const frame = await panelFrame(workbench);
    await readTable(frame, 'tinyNet.py');
    await frame.fill('#input-shape', 'not a shape');
    await frame.press('#input-shape', 'Enter');
    assert.match((await frame.textContent('#input-shape-error')) ?? '', /integers/);
    await frame.fill('#input-shape', '1, 3, 32, 32');
    await frame.press('#input-shape', 'Enter');
    await frame.waitForFunction(() => (document.querySelector('#layers tbody tr[data-index="0"] td[data-col="input"]')?.textContent ?? '') === '[1, 3, 32, 32]', undefined, {
      timeout: 20_000,
    });
    assert.match(await workbench.editorText(), /# conv-inspector: input=\(1, 3, 32, 32\)/);
    const model = cliJson(join(folder, 'tinyNet.py')).models[0];
    // The CLI reads the file on disk: it agrees once the editor saved the directive.
    await workbench.activeEditor().locator('.view-lines').click();
    await workbench.page.keyboard.press('Control+S');
    await workbench.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    // The tab can look clean a moment before code-server's write reaches the disk the CLI reads.
    const savedFile = join(folder, 'tinyNet.py');
    const writeDeadline = Date.now() + 10_000;
    while (!readFileSync(savedFile, 'utf8').includes('# conv-inspector: input=(1, 3, 32, 32)') && Date.now() < writeDeadline) await delay(200);
    const saved = cliJson(join(folder, 'tinyNet.py')).models[0];
    assert.deepEqual(saved.input, [1, 3, 32, 32], `CLI input after save (before: ${JSON.stringify(model.input)})`);
    const rows = await readTable(frame, 'tinyNet.py');
    assert.deepEqual(
      rows.map((row) => row.shapes),
      saved.layers.map((layer) => `${formatShape(layer.input)} → ${formatShape(layer.output)}`),
    );
  });

  it('replays the table when the view is hidden and shown again', async function () {
    await workbench.focusWorkbench();
    await workbench.page.keyboard.press('Control+B');
    await workbench.page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
    await workbench.page.keyboard.press('Control+B');
    const frame = await panelFrame(workbench);
    const rows = await readTable(frame, 'tinyNet.py');
    assert.equal(rows.length, cliJson(join(folder, 'tinyNet.py')).models[0].layers.length);
  });

  it('exports the table as Markdown and the view as PNG through the save dialog', async function () {
    await workbench.openFile('seedConv.py');
    const frame = await panelFrame(workbench);
    await readTable(frame, 'seedConv.py');
    const exports = [
      ['markdown', 'seedConv.seed.md'],
      ['png', 'seedConv.seed.png'],
    ];
    for (const [format, fileName] of exports) {
      await frame.click(`[data-export="${format}"]`);
      // code-server's save dialog is VS Code's simple dialog: a quick input holding the proposed path.
      const input = workbench.page.locator('.quick-input-widget .quick-input-box input.input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      // The dialog fills in the proposed path asynchronously (first its folder, then the name).
      await workbench.page.waitForFunction((name) => document.querySelector('.quick-input-widget .quick-input-box input.input')?.value.endsWith(`/${name}`), fileName, {
        timeout: 10_000,
      });
      await workbench.page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 10_000 });
      const target = join(folder, fileName);
      const deadline = Date.now() + 10_000;
      while (!existsSync(target) && Date.now() < deadline) await delay(200);
      assert.ok(existsSync(target), `${fileName} written`);
    }
    const markdown = readFileSync(join(folder, 'seedConv.seed.md'), 'utf8');
    assert.match(markdown, /^# seed \(seedConv\.py\)/);
    assert.match(markdown, /\| 0 \| Conv2d \| 10 \| 1 \| 0 \| 1 \| 1 \| \[1, 3, 10, 10\] \| \[1, 30, 1, 1\] \| 9030 \|/);
    const png = readFileSync(join(folder, 'seedConv.seed.png'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(png.length > 2_000, 'a real picture, not an empty canvas');
  });
});
