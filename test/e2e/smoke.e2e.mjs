/* global describe, it, before, after */
// The packaged extension in a real VS Code, as a person sees it: the workbench loads, a
// PyTorch file opens through quick open, the extension activates, the palette works, and
// screenshots in both themes land in .test-artifacts/screenshots/.
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, workspaceDir } from './harness/session.mjs';

describe('e2e smoke', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;

  before(async function () {
    workbench = await openWorkbench();
  });

  after(async function () {
    await workbench?.page.context().close();
  });

  it('opens a PyTorch file through quick open', async function () {
    await workbench.openFile('tinyNet.py');
    const text = await workbench.editorText();
    assert.match(text, /class TinyNet\(nn\.Module\):/);
    assert.match(text, /nn\.Conv2d\(3, 16, kernel_size=3, padding=1\)/);
  });

  it('activates the installed extension (activate() logs its line)', async function () {
    await workbench.waitForExtensionActive();
  });

  it('runs a command from the palette and lists the extension as running', async function () {
    await workbench.runCommand('Developer: Show Running Extensions');
    const editor = workbench.page.locator('.runtime-extensions-editor');
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await editor.locator('.monaco-list-row', { hasText: 'Conv Inspector' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('moves the cursor with Go to Line', async function () {
    await workbench.openFile('tinyNet.py');
    const source = readFileSync(join(workspaceDir, 'tinyNet.py'), 'utf8');
    await workbench.goTo(10, 14);
    // VS Code redraws its status bar item a moment after the cursor moves (later on a loaded machine).
    const position = workbench.page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: 'Ln 10, Col 14' });
    await position.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    const status = await workbench.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
    assert.match(status, /Ln 10, Col 14/);
    assert.ok(source.split('\n')[9].includes('nn.Conv2d'), 'line 10 of the fixture is the first conv');
  });

  it('saves light and dark screenshots of the editor', async function () {
    await workbench.dismiss();
    const [dark, light] = await workbench.screenshotBothThemes('smoke-tinyNet');
    const darkBytes = readFileSync(dark);
    const lightBytes = readFileSync(light);
    assert.ok(statSync(dark).size > 10_000 && statSync(light).size > 10_000, 'non-trivial PNGs');
    assert.notDeepEqual(darkBytes, lightBytes, 'the two themes render differently');
  });
});
