/* global describe, it, before, after, document */
// A Jupyter notebook in VS Code's own notebook editor, as a person sees it: hovering the conv
// of a class cell shows the shapes PyTorch gives it when a later cell builds and calls a model
// of it (test/fixtures/notebooks/truth.json, from running the cells with real PyTorch), and
// the inspector panel follows the active cell: a click into another cell that builds another
// model shows that model, each model placed in its cell. Screenshots in light and dark.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from '../../tools/vscode/codeServer.mjs';
import { openWorkbench } from './harness/session.mjs';

const NOTEBOOK = 'models.ipynb';
const notebooksDir = join(repoRoot, 'test/fixtures/notebooks');
const truth = JSON.parse(readFileSync(join(notebooksDir, 'truth.json'), 'utf8')).notebooks[NOTEBOOK];
const cells = JSON.parse(readFileSync(join(notebooksDir, NOTEBOOK), 'utf8')).cells;
const shapeText = (shape) => `[${shape.join(', ')}]`;

/** The editor of the notebook's cell `index` (a code cell; markdown cells have none while rendered). */
function cellEditor(workbench, index) {
  const codeOrdinal = cells.slice(0, index).filter((cell) => cell.cell_type === 'code').length;
  return workbench.page.locator('.notebook-editor .cell-list-container .code-cell-row .monaco-editor').nth(codeOrdinal);
}

/** Clicks at the start of a cell's first line, as a person does to start editing it there. */
async function clickIntoCell(workbench, index) {
  await cellEditor(workbench, index)
    .locator('.view-line')
    .first()
    .click({ position: { x: 2, y: 5 } });
}

/** Moves the mouse over the cell's first token holding `text` and returns the hover's text once it has `wanted`. */
async function hoverInCell(workbench, index, text, wanted, attempts = 6) {
  let hover = '';
  for (let attempt = 0; attempt < attempts && !wanted.every((part) => hover.includes(part)); attempt += 1) {
    // Away first, so a new hover starts (the first analysis can still be loading the parser).
    await workbench.page.mouse.move(5, 5);
    await workbench.dismiss();
    await delay(attempt === 0 ? 0 : 1_000);
    await cellEditor(workbench, index).locator('.view-line span span', { hasText: text }).first().hover();
    hover = await workbench.readHover();
  }
  return hover;
}

/** Waits until the panel's title names `model`, then returns the rows' shape texts. */
async function panelRows(frame, model, timeoutMs = 30_000) {
  await frame.waitForFunction(
    (name) => (document.querySelector('header h1')?.textContent ?? '').endsWith(`· ${name}`) && document.querySelectorAll('#layers tbody tr').length > 0,
    model,
    { timeout: timeoutMs },
  );
  // The output column shows at every side-bar width (input only when the panel is wide).
  return frame.$$eval('#layers tbody tr', (rows) => rows.map((row) => row.querySelector('td[data-col="output"]')?.textContent ?? ''));
}

describe('e2e Jupyter notebook', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conv-notebook-ws-'));
    copyFileSync(join(notebooksDir, NOTEBOOK), join(folder, NOTEBOOK));
    workbench = await openWorkbench({ folder });
    // Quick open, as for a file; the notebook editor (not a text editor) then shows the cells.
    await workbench.retryAfterEscape(async () => {
      await workbench.openQuickOpen();
      await workbench.page.locator('.quick-input-widget .quick-input-box input.input').fill(NOTEBOOK);
      await workbench.pickRow(NOTEBOOK);
      await workbench.page.locator('.notebook-editor .code-cell-row').first().waitFor({ state: 'visible', timeout: 15_000 });
    });
    await workbench.waitForExtensionActive();
  });

  after(async function () {
    await workbench?.page.context().close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("hovering the conv of the class cell shows PyTorch's shapes from the cell that uses the class", async function () {
    // Cell 1 defines Block; only cell 3 builds and calls models of it.
    const convs = truth.calls.filter((call) => call.cell === 1 && call.kind === 'Conv2d');
    assert.equal(convs.length, 2);
    const wanted = convs.map((call) => `${shapeText(call.input)} -> ${shapeText(call.output)}`);
    const hover = await hoverInCell(workbench, 1, 'Conv2d', wanted);
    for (const shapes of wanted) assert.ok(hover.includes(shapes), `hover lacks ${shapes}:\n${hover}`);
    assert.match(hover, /Conv2d/);
    await workbench.screenshot('notebook-hover');
    await workbench.page.mouse.move(5, 5);
    await workbench.dismiss();
  });

  it("the inspector panel follows the active cell's model", async function () {
    await workbench.runCommand('Conv Inspector: Focus on Inspector View');
    const frame = await workbench.webviewFrame('#app');
    await workbench.widenSideBar(820);
    const expected = (cell) => truth.calls.filter((call) => call.cell === cell).map((call) => shapeText(call.output));

    await clickIntoCell(workbench, 4);
    assert.deepEqual(await panelRows(frame, 'classifier'), expected(4));
    await clickIntoCell(workbench, 3);
    // The encoder's layers are Block's, built in cell 1.
    assert.deepEqual(await panelRows(frame, 'encoder'), expected(1));
    await clickIntoCell(workbench, 4);
    assert.deepEqual(await panelRows(frame, 'classifier'), expected(4));
    // The notebook names the panel, and the picker places each model in its cell (not past the active cell's end).
    assert.equal(await frame.$eval('header h1', (title) => title.textContent), `${NOTEBOOK} · classifier`);
    const options = await frame.$$eval('#model-picker option', (items) => items.map((item) => item.textContent ?? ''));
    for (const place of ['cell 3:1', 'cell 4:1'])
      assert.ok(
        options.some((option) => option.includes(`(${place})`)),
        options.join(' | '),
      );
    const [dark, light] = await workbench.screenshotBothThemes('notebook-panel');
    assert.ok(dark && light);
  });
});
