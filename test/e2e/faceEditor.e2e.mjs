/* global describe, it, before, after, document -- mocha globals; document inside page callbacks */
// The face's points that live in the editor rather than the panel, in code-server + Chromium,
// each at 300 and 900 px side-bar widths in the dark, high-contrast and light themes: a
// command that cannot act says why in a toast with a button to what would help; the gridding
// warning is one sentence in the hover with its picture behind a link; Keras functional
// hints sit at the end of the call expression; Set Input Shape says it writes a directive,
// offers "Reset to detected", and takes an empty answer as "detect the input". Each point is
// measured whole (toast, hover and prompt boxes inside the window and inside the box that
// clips them, their text not cut: scrollWidth <= clientWidth; hint labels complete, and inside
// the editor's text area wherever the line fits it), with screenshots face-POINT-WIDTH-THEME.png.
// Each theme is set once and visits both widths.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from './harness/session.mjs';
import { assertWholeOnceSettled, eachWidthAndTheme, themeKinds } from './harness/visibility.mjs';

/** Two stacked 3x3 convs dilated by 2: one output pixel sees every other input pixel (gridding). */
const GRIDDING = `import torch
import torch.nn as nn


class Dilated(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 8, 3, padding=2, dilation=2)
        self.b = nn.Conv2d(8, 8, 3, padding=2, dilation=2)

    def forward(self, x):
        return self.b(self.a(x))


net = Dilated()
out = net(torch.randn(1, 3, 32, 32))
`;

/** A Keras functional model: each layer is called on a tensor right after it is built. */
const KERAS_FUNCTIONAL = `import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, padding="same")(inputs)
outputs = layers.Conv2D(8, 3)(x)
model = keras.Model(inputs, outputs)
`;

/** A model the file builds and calls, for Set Input Shape. */
const CALLED_NET = `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.stem(x))


net = Net()
out = net(torch.randn(1, 3, 32, 32))
`;

/** A toast with `hasText`: its box, its message and its buttons inside the window, the message not cut. */
const toastTargets = (hasText, message, button) => [
  { selector: '.notification-toast', hasText },
  { selector: '.notification-toast .notification-list-item-message', hasText: message, within: '.notification-toast' },
  ...(button ? [{ selector: '.notification-toast .monaco-button', hasText: button, within: '.notification-toast' }] : []),
];

/** Closes the toast holding `hasText` with its own close button. */
async function closeToast(workbench, hasText) {
  const toast = workbench.page.locator('.notification-toast', { hasText }).first();
  await toast.hover();
  await toast.locator('.codicon-notifications-clear, .codicon-close').first().click();
  await toast.waitFor({ state: 'detached', timeout: 10_000 });
}

async function commandExplains(workbench, at) {
  await workbench.openFile('notes.txt');
  // The layer commands are not offered for a text file; the export is, and must explain itself.
  await workbench.runCommand('Conv Inspector: Export Model Summary...');
  const toast = workbench.page.locator('.notification-toast', { hasText: 'Conv Inspector reads Python' });
  await toast.first().waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await toast.first().innerText(), /notes\.txt is a plaintext file\. Open a PyTorch, Keras or TF\.js model file\./);
  // The toast slides in from below: measured once it has arrived.
  await assertWholeOnceSettled(workbench.page, toastTargets('Conv Inspector reads Python', 'notes.txt is a plaintext file', 'Open a Model File...'), at.where);
  await workbench.screenshot(`face-command-explains-${at.suffix}`);
  await closeToast(workbench, 'Conv Inspector reads Python');
}

async function griddingHover(workbench, at) {
  await workbench.openFile('gridding.py');
  const line = GRIDDING.split('\n').findIndex((text) => text.includes('self.b = ')) + 1;
  let hover = '';
  for (let attempt = 0; attempt < 5 && !hover.includes('Gridding'); attempt += 1) {
    hover = await workbench.hoverAt(line, 14);
    if (!hover.includes('Gridding')) await workbench.dismiss();
  }
  const gridding = hover.split('\n').filter((text) => text.includes('Gridding'));
  assert.deepEqual(gridding, ['Gridding: one output pixel does not see every input pixel inside its receptive field. See the picture'], `the hover: ${hover}`);
  const shown = '.monaco-hover:not(.hidden)';
  assert.equal(await workbench.page.locator(`${shown} a`, { hasText: 'See the picture' }).count(), 1, 'the picture is behind a link');
  assert.doesNotMatch(hover, /HDC|engine field/);
  // The hover scrolls inside its own box: the sentence and the link must be inside that box, not below its fold.
  await assertWholeOnceSettled(
    workbench.page,
    [
      { selector: shown },
      { selector: `${shown} .monaco-scrollable-element`, within: '.monaco-hover' },
      { selector: `${shown} p`, hasText: 'Gridding: one output pixel', within: '.monaco-scrollable-element' },
      { selector: `${shown} a`, hasText: 'See the picture', within: '.monaco-scrollable-element' },
    ],
    at.where,
  );
  await workbench.screenshot(`face-gridding-hover-${at.suffix}`);
  await workbench.dismiss();
}

async function kerasHints(workbench, at) {
  await workbench.openFile('kerasFunctional.py');
  const lines = workbench.activeEditor().locator('.view-lines');
  await lines.locator('text=→').first().waitFor({ state: 'attached', timeout: 20_000 });
  const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
  const shown = (start) => (text.split('\n').find((line) => line.startsWith(start)) ?? '').replace(/[\s\u200b-\u200d\ufeff]+/g, ' ').trim();
  // Keras: "same" keeps 32x32 with 16 filters (3·3·3·16+16 = 448 weights); "valid" 3x3 gives 30x30 with 8 (3·3·16·8+8 = 1,160).
  assert.match(shown('x = layers.Conv2D'), /^x = layers\.Conv2D\(16, 3, padding="same"\)\(inputs\) → \[\w+, 32, 32, 16\] · 448$/);
  assert.match(shown('outputs = layers.Conv2D'), /^outputs = layers\.Conv2D\(8, 3\)\(x\) → \[\w+, 30, 30, 8\] · 1\.16K$/);
  // Each hint is whole: one token of its line, its label not cut, and, where the editor's text area (left of
  // the minimap) is wide enough for the line, inside that area. A 450 px editor (900 px side bar) shows
  // the start of these lines; VS Code scrolls a line only as far as its own text, so there the label is
  // checked whole but not on screen.
  const hints = await workbench.page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    const area = editor.querySelector('.editor-scrollable').getBoundingClientRect();
    const right = editor.querySelector('.minimap')?.getBoundingClientRect().left ?? area.right;
    return [...editor.querySelectorAll('.view-line > span > span')]
      .filter((token) => token.textContent.includes('→'))
      .map((token) => {
        const box = token.getBoundingClientRect();
        const line = token.parentElement.getBoundingClientRect();
        return {
          text: token.textContent.replace(/\u00a0/g, ' ').trim(),
          box: { left: box.left, right: box.right },
          area: { left: area.left, right },
          fits: line.width <= right - area.left,
        };
      });
  });
  assert.deepEqual(
    hints.map((hint) => hint.text.replace(/\[\w+,/, '[N,')),
    ['→ [N, 32, 32, 16] · 448', '→ [N, 30, 30, 8] · 1.16K'],
  );
  for (const hint of hints.filter((candidate) => at.width === 300 || candidate.fits))
    assert.ok(hint.fits && hint.box.left >= hint.area.left && hint.box.right <= hint.area.right, `"${hint.text}" inside the text area: ${JSON.stringify(hint)} (${at.where})`);
  await workbench.screenshot(`face-keras-hints-${at.suffix}`);
}

/** Runs Set Input Shape, checks its prompt is whole, and answers `answer`. */
async function setInputShape(workbench, at, answer, shot) {
  await workbench.runCommand('Conv Inspector: Set Input Shape...');
  const message = workbench.page.locator('.quick-input-widget .quick-input-message');
  await message.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await message.innerText(), /Writes a comment such as ".*" above Net\. Batch first; leave empty to reset to the detected input\./);
  await assertWholeOnceSettled(workbench.page, [{ selector: '.quick-input-widget .quick-input-message', within: '.quick-input-widget' }], at.where);
  if (shot) await workbench.screenshot(shot);
  await workbench.page.locator('.quick-input-widget .quick-input-box input.input').fill(answer);
  await workbench.page.keyboard.press('Enter');
}

async function setInputShapeSaysSo(workbench, at) {
  await workbench.openFile('setShape.py');
  await setInputShape(workbench, at, '1, 3, 64, 64', `face-set-input-shape-prompt-${at.suffix}`);
  const wrote = workbench.page.locator('.notification-toast', { hasText: 'Conv Inspector: wrote' });
  await wrote.first().waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await wrote.first().innerText(), /Conv Inspector: wrote ".*1, 3, 64, 64.*" above Net\./);
  await assertWholeOnceSettled(workbench.page, toastTargets('Conv Inspector: wrote', 'Conv Inspector: wrote', 'Reset to detected'), at.where);
  await workbench.screenshot(`face-set-input-shape-${at.suffix}`);
  assert.match(await workbench.editorText(), /1, 3, 64, 64/);
  // Both ways back to the detected input, one per width: the toast's button, and an empty answer.
  if (at.width === 300) await wrote.first().locator('.monaco-button', { hasText: 'Reset to detected' }).click();
  else {
    await closeToast(workbench, 'Conv Inspector: wrote');
    await setInputShape(workbench, at, '');
  }
  const reset = 'removed the input directive';
  await workbench.page.locator('.notification-toast', { hasText: reset }).first().waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await workbench.page.locator('.notification-toast', { hasText: reset }).first().innerText(), /the input of Net is detected again/);
  await assertWholeOnceSettled(workbench.page, toastTargets(reset, reset, 'Set Input Shape...'), at.where);
  assert.doesNotMatch(await workbench.editorText(), /1, 3, 64, 64/);
  await closeToast(workbench, reset);
}

const points = [
  ['a command that cannot act', commandExplains],
  ['the gridding hover', griddingHover],
  ['Keras functional hints', kerasHints],
  ['Set Input Shape', setInputShapeSaysSo],
];

describe('e2e the face in the editor: toasts, the gridding hover, Keras hints, Set Input Shape', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conv-face-editor-ws-'));
    writeFileSync(join(folder, 'notes.txt'), 'Ideas for the next model.\n');
    writeFileSync(join(folder, 'gridding.py'), GRIDDING);
    writeFileSync(join(folder, 'kerasFunctional.py'), KERAS_FUNCTIONAL);
    writeFileSync(join(folder, 'setShape.py'), CALLED_NET);
    workbench = await openWorkbench({ folder });
    await workbench.openFile('gridding.py');
    await workbench.waitForExtensionActive();
  });

  after(async function () {
    await workbench?.page.context().close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  for (const theme of themeKinds) {
    it(`${points.map(([name]) => name).join(', ')}: each whole at 300 and 900 px (${theme})`, async function () {
      // Every point is tried at every width; the failures are reported together, so one point cannot hide another.
      const failures = [];
      await eachWidthAndTheme(
        workbench,
        async ({ width }) => {
          const at = { width, suffix: `${width}-${theme}`, where: `${width} px, ${theme}` };
          for (const [name, check] of points) {
            try {
              await check(workbench, at);
            } catch (error) {
              failures.push(`${name} at ${at.where}: ${error.message}`);
              await workbench.screenshot(`FAILED-face-${name.replace(/\W+/g, '-')}-${at.suffix}`);
              await workbench.dismiss();
            }
          }
        },
        [theme],
      );
      assert.deepEqual(failures, []);
    });
  }
});
