/* global describe, it, before, after, document */
// What a person sees in a real VS Code with the packaged extension: hover text with
// PyTorch's shapes and params, inline hints, a palette command, the error squiggle with
// PyTorch's words, and screenshots in light and dark themes. The workspace is the editor
// fixtures folder; its truth comes from real PyTorch (test/unit/editor/fixtures/truth).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../tools/vscode/codeServer.mjs';
import { openWorkbench } from './harness/session.mjs';

const fixtures = join(repoRoot, 'test/unit/editor/fixtures');
const modelsDir = join(fixtures, 'models');
const truthOf = (name) => JSON.parse(readFileSync(join(fixtures, 'truth', `${name}.json`), 'utf8'));
const shapeText = (shape) => `[${shape.join(', ')}]`;
const grouped = (count) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The text of the variants table, from the inspector webview or an editor, once it shows. */
async function variantsText(workbench, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of workbench.page.frames().filter((candidate) => candidate.url().includes('fake.html'))) {
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (text.includes('depthwise separable')) return text;
    }
    const editors = workbench.page.locator('.editor-group-container .view-lines', { hasText: 'depthwise separable' });
    if ((await editors.count()) > 0) return (await editors.first().innerText()).replace(/\u00a0/g, ' ');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no variants table within ' + timeoutMs + ' ms');
}

describe('e2e editor: hovers, hints, palette, squiggles', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  const resnetSource = readFileSync(join(modelsDir, 'editorResNet.py'), 'utf8');
  const resnet = truthOf('editorResNet').models[0];
  const stem = resnet.layers.find((layer) => layer.path === 'conv1');

  before(async function () {
    workbench = await openWorkbench({ folder: modelsDir });
    await workbench.openFile('editorResNet.py');
    await workbench.waitForExtensionActive();
    // activate() says how long it took: the activation figure of the benchmarks.
    const line = workbench.consoleLines.find((text) => text.includes('[conv-inspector] activated'));
    console.log(`    ${line}`);
  });

  after(async function () {
    await workbench?.page.context().close();
  });

  it("hovering the stem conv shows PyTorch's shapes and params", async function () {
    // Line of `self.conv1 = nn.Conv2d(3, 64, ...)`: hover the word Conv2d there.
    const lines = resnetSource.split('\n');
    const line = lines.findIndex((text) => text.includes('nn.Conv2d(3, 64')) + 1;
    const column = lines[line - 1].indexOf('Conv2d') + 2;
    let text = '';
    // The first analysis loads the parser: retry the hover until the numbers are there.
    for (let attempt = 0; attempt < 5 && !text.includes('->'); attempt += 1) {
      text = await workbench.hoverAt(line, column);
      if (!text.includes('->')) await workbench.dismiss();
    }
    assert.ok(text.includes('Conv2d 3 -> 64, k 7x7, s 2, p 3, d 1, g 1'), text);
    assert.ok(text.includes(`${shapeText(stem.input)} -> ${shapeText(stem.output)}`), text);
    assert.ok(text.includes(`Params: ${grouped(stem.params)}`), text);
    assert.match(text, /MACs/);
    assert.match(text, /FLOPs/);
    assert.ok(text.includes('Open in Inspector'), text);
  });

  it('shows the inline hint at the end of the constructor call', async function () {
    await workbench.dismiss();
    const hint = workbench.activeEditor().locator('.view-lines', { hasText: `→ ${shapeText(stem.output)} · ${(stem.params / 1000).toPrecision(3)}K` });
    await hint.first().waitFor({ state: 'attached', timeout: 20_000 });
  });

  it('saves screenshots of a hover in light and dark themes', async function () {
    const lines = resnetSource.split('\n');
    const line = lines.findIndex((text) => text.includes('self.dilated = nn.Conv2d')) + 1;
    const shots = [];
    for (const kind of ['dark', 'light']) {
      await workbench.setTheme(kind);
      const text = await workbench.hoverAt(line, lines[line - 1].indexOf('Conv2d') + 2);
      assert.match(text, /Dilated/);
      shots.push(await workbench.screenshot(`editor-hover-${kind}`));
      await workbench.dismiss();
    }
    assert.notDeepEqual(readFileSync(shots[0]), readFileSync(shots[1]));
  });

  it('runs Compare Conv Variants from the palette and shows the table', async function () {
    const lines = resnetSource.split('\n');
    const line = lines.findIndex((text) => text.includes('nn.Conv2d(3, 64')) + 1;
    await workbench.goTo(line, lines[line - 1].indexOf('Conv2d') + 2);
    await workbench.runCommand('Conv Inspector: Compare Conv Variants');
    // The inspector panel shows the table; without a panel it is a Markdown document.
    const text = await variantsText(workbench);
    for (const label of ['fully connected', 'standard', 'dilated', 'grouped', 'pointwise', 'depthwise separable']) {
      assert.ok(text.includes(label), `${label} in: ${text}`);
    }
    await workbench.screenshot('editor-compare-variants');
  });

  it("draws the error squiggle with PyTorch's words on the invalid Linear", async function () {
    const lenet = truthOf('editorLeNet');
    await workbench.openFile('editorLeNet.py');
    await workbench.waitForSquiggles('error', 1, 30_000);
    const problems = await workbench.readProblems();
    assert.ok(
      problems.some((row) => row.includes(lenet.error.message)),
      problems.join('\n'),
    );
    const source = readFileSync(join(modelsDir, 'editorLeNet.py'), 'utf8').split('\n');
    const line = lenet.error.line;
    const text = await workbench.hoverAt(line, source[line - 1].indexOf('Linear') + 2);
    assert.ok(text.includes(lenet.error.message), text);
    await workbench.screenshot('editor-error-squiggle');
  });
});
