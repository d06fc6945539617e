// What a person does in VS Code, as Playwright calls on code-server's workbench page:
// quick open, go to a position, hover, command palette, squiggles, Problems, the
// inspector webview, themes and screenshots. Selectors are the ones shown to work with
// VS Code 1.99.3.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from '../../../tools/vscode/codeServer.mjs';

/** Where screenshots go (gitignored). */
export const screenshotDir = join(repoRoot, '.test-artifacts/screenshots');

/**
 * The themes used for light and dark screenshots, by their label in the Color Theme
 * picker (the picker shows "Default Dark Modern" only as the description).
 */
export const themes = { light: 'Light Modern', dark: 'Dark Modern', highContrast: 'Dark High Contrast' };

/** The workbench's class for each theme kind once it is applied. */
const themeClasses = { light: 'vs', dark: 'vs-dark', highContrast: 'hc-black' };

/** The line the extension logs from activate(); the tests wait for it before hovering. */
export const activationLine = '[conv-inspector] activated';

// `.quick-input-widget input` matches many hidden inputs; this one is the visible box.
const quickInputBox = '.quick-input-widget .quick-input-box input.input';

/** One workbench page plus the console lines it has printed since it was opened. */
export class Workbench {
  /**
   * @param {import('playwright-core').Page} page a page already at the workbench URL
   * @param {object} server the code-server from startCodeServer
   * @param {string[]} consoleLines filled by the page's console listener
   */
  constructor(page, server, consoleLines) {
    this.page = page;
    this.server = server;
    this.consoleLines = consoleLines;
  }

  /** Waits until the workbench is drawn and the explorer shows the workspace. */
  async waitForReady(timeoutMs = 60_000) {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'attached', timeout: timeoutMs });
  }

  /** Waits for a console line containing `text` (already printed or still to come). */
  async waitForConsole(text, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.consoleLines.some((line) => line.includes(text))) return;
      await delay(100);
    }
    throw new Error(`no console line containing ${JSON.stringify(text)} within ${timeoutMs} ms; last lines:\n${this.consoleLines.slice(-20).join('\n')}`);
  }

  /** Waits until the extension's activate() ran (it logs `activationLine`). */
  async waitForExtensionActive(timeoutMs = 30_000) {
    await this.waitForConsole(activationLine, timeoutMs);
  }

  /** Opens a workspace file by name through quick open (Ctrl+P) and waits for its tab. */
  async openFile(fileName) {
    const tab = this.page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`);
    // A click on a result row can be lost while quick open still re-renders its list (the
    // file search answers late): then the tab never comes, and the whole pick is repeated.
    await this.retryAfterEscape(async () => {
      await this.openQuickOpen();
      await this.page.locator(quickInputBox).fill(fileName);
      await this.pickRow(fileName);
      await tab.waitFor({ state: 'visible', timeout: 10_000 });
    });
    await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible' });
  }

  /** Ctrl+P, pressed again if it was lost (a quick pick still closing, focus in a webview). */
  async openQuickOpen() {
    await this.retryAfterEscape(async () => {
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+P');
      await this.page.locator(quickInputBox).waitFor({ state: 'visible', timeout: 5_000 });
    });
  }

  /** Runs `attempt` up to three times; after a failed one, Escape closes whatever it opened. */
  async retryAfterEscape(attempt) {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (tries === 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Drags the side bar's edge to `right` px, so the panel reads well in screenshots. */
  async widenSideBar(right = 960) {
    const box = await this.page.locator('.part.sidebar').first().boundingBox();
    if (!box || box.x + box.width >= right) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width, y);
    await this.page.mouse.down();
    await this.page.mouse.move(right, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /**
   * Drags the side bar's edge until the side bar is `width` px wide (narrower or wider), as
   * a person resizes it; fails if VS Code does not follow (its minimum is 170 px).
   */
  async setSideBarWidth(width) {
    const sideBar = this.page.locator('.part.sidebar').first();
    for (let attempt = 0; attempt < 4; attempt++) {
      const box = await sideBar.boundingBox();
      if (!box) throw new Error('no side bar');
      if (Math.abs(box.width - width) <= 1) return;
      const y = box.y + box.height / 2;
      await this.page.mouse.move(box.x + box.width, y);
      await this.page.mouse.down();
      await this.page.mouse.move(box.x + width, y, { steps: 8 });
      await this.page.mouse.up();
      await delay(300);
    }
    const box = await sideBar.boundingBox();
    throw new Error(`the side bar is ${box?.width} px wide, not ${width}`);
  }

  /** The editor that has the focus (or the only visible one). */
  activeEditor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** The visible text of the active editor (only the rendered lines). */
  async editorText() {
    return (await this.activeEditor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Moves the cursor to a 1-based line and column with Go to Line (Ctrl+G). */
  async goTo(line, column = 1) {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator(quickInputBox);
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /**
   * Shows the hover at a 1-based position (keyboard: Ctrl+K Ctrl+I, like a person using
   * "Show Hover") and returns its text, or '' if none appears within `timeoutMs`.
   */
  async hoverAt(line, column, timeoutMs = 10_000) {
    await this.goTo(line, column);
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    return this.readHover(timeoutMs);
  }

  /**
   * Hovers the `occurrence`-th (0-based) appearance of `word` in `sourceText` (the file's
   * content, so that positions do not depend on what is scrolled into view).
   */
  async hoverWord(sourceText, word, occurrence = 0, timeoutMs = 10_000) {
    const { line, column } = positionOf(sourceText, word, occurrence);
    return this.hoverAt(line, column + 1, timeoutMs);
  }

  /** Moves the mouse over the first rendered token containing `text` and returns the hover. */
  async mouseHoverText(text, timeoutMs = 10_000) {
    const token = this.activeEditor().locator('.view-line span span', { hasText: text }).first();
    await token.hover();
    return this.readHover(timeoutMs);
  }

  /** The text of the visible hover widget, or '' if none shows up in time. */
  async readHover(timeoutMs = 10_000) {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
    try {
      await hover.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      return '';
    }
    // The widget first renders "Loading..." while providers answer.
    const deadline = Date.now() + timeoutMs;
    let text = await hover.innerText();
    while (/^\s*Loading\.\.\.\s*$/.test(text) && Date.now() < deadline) {
      await delay(100);
      text = await hover.innerText();
    }
    return text.replace(/\u00a0/g, ' ');
  }

  /** Closes hover, quick input, notifications' focus: back to a plain editor. */
  async dismiss() {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }

  /**
   * Runs a command from the palette (F1) by its title as shown there, e.g.
   * "Conv Inspector: Open Inspector". Fails if no palette entry matches.
   */
  async runCommand(title) {
    const input = this.page.locator(quickInputBox);
    const typed = `>${title}`;
    // The palette can close between opening and typing (focus moving out of a webview that
    // was repainting); a person opens it again, and so does this, up to three times.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.focusWorkbench();
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(typed, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.dismiss();
        await delay(300);
      }
    }
    await this.pickRow(title);
    // Done when the palette closes, or when the command opened its own quick pick in the
    // same widget (Preferences: Color Theme does): then the input no longer holds `typed`.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (!(await input.isVisible()) || (await input.inputValue().catch(() => '')) !== typed) return;
      await delay(100);
    }
  }

  /**
   * Clicks the quick input row whose label is exactly `label`, as a person does. Neither
   * "the first matching row" nor "the highlighted row" is safe: the list filters
   * asynchronously after typing, and fuzzy scoring can rank a longer label first
   * ("Preferences: Browse Color Themes in Marketplace" before "Preferences: Color Theme").
   */
  async pickRow(label, timeoutMs = 60_000) {
    const exactLabel = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactLabel }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await row.click();
  }

  /** Counts the squiggles drawn in the active editor, by severity. */
  async squiggles() {
    const editor = this.activeEditor();
    const count = (name) => editor.locator(`.view-overlays .squiggly-${name}, .view-overlays .cdr.squiggly-${name}`).count();
    return { error: await count('error'), warning: await count('warning'), info: await count('info'), hint: await count('hint') };
  }

  /** Waits until at least `min` squiggles of `severity` are drawn in the active editor. */
  async waitForSquiggles(severity = 'error', min = 1, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.squiggles())[severity] >= min) return;
      await delay(200);
    }
    throw new Error(`fewer than ${min} ${severity} squiggles after ${timeoutMs} ms`);
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M) and returns its rows as shown (aria labels:
   * severity, message, source, position). File rows are included as they appear.
   */
  async readProblems() {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    await delay(300);
    return panel.locator('.monaco-list-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
  }

  /**
   * A webview's document: the inner frame whose URL contains `fake.html` (VS Code nests it
   * inside `pre/index.html`) and that holds `selector`, so another webview is never taken
   * for ours. Waits up to `timeoutMs`.
   * @returns {Promise<import('playwright-core').Frame>}
   */
  async webviewFrame(selector, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames().filter((candidate) => candidate.url().includes('fake.html'))) {
        if (await frame.$(selector).catch(() => null)) return frame;
      }
      await delay(200);
    }
    throw new Error(
      `no webview frame (fake.html) holding ${selector} within ${timeoutMs} ms; frames: ${this.page
        .frames()
        .map((frame) => frame.url())
        .join(', ')}`,
    );
  }

  /** Switches the color theme as a person does: Preferences: Color Theme, then the name. */
  async setTheme(kind) {
    await this.runCommand('Preferences: Color Theme');
    const input = this.page.locator(quickInputBox);
    await input.waitFor({ state: 'visible' });
    await input.fill(themes[kind]);
    await this.pickRow(themes[kind]);
    await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await this.page.locator(`.monaco-workbench.${themeClasses[kind]}`).waitFor({ state: 'attached', timeout: 30_000 });
    // Let the editor and webviews repaint with the new colors.
    await delay(500);
  }

  /** Saves `.test-artifacts/screenshots/NAME.png` and returns its path. */
  async screenshot(name) {
    mkdirSync(screenshotDir, { recursive: true });
    const file = join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Saves NAME-light.png and NAME-dark.png, ending in the light theme. */
  async screenshotBothThemes(name) {
    const files = [];
    for (const kind of ['dark', 'light']) {
      await this.setTheme(kind);
      files.push(await this.screenshot(`${name}-${kind}`));
    }
    return files;
  }

  /** Gives the keyboard to the workbench (not a webview or the hover). */
  async focusWorkbench() {
    await this.page.keyboard.press('Escape');
  }
}

/**
 * Where the `occurrence`-th (0-based) whole-word `word` is in `text`.
 * @returns {{ line: number, column: number }} line is 1-based (for Go to Line), column 0-based
 */
export function positionOf(text, word, occurrence = 0) {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![A-Za-z0-9_])${escaped}(?![A-Za-z0-9_])`, 'g');
  let match;
  let seen = 0;
  while ((match = pattern.exec(text)) !== null) {
    if (seen++ === occurrence) {
      const before = text.slice(0, match.index);
      const line = before.split('\n').length;
      const column = match.index - (before.lastIndexOf('\n') + 1);
      return { line, column };
    }
  }
  throw new Error(`${JSON.stringify(word)} occurs fewer than ${occurrence + 1} times`);
}
