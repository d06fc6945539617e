/* global document, window -- measureWhole runs in the page or a webview frame */
// "Visible whole", measured rather than assumed: an element is whole when its box lies inside
// the view (the webview's or the workbench's) and it does not scroll sideways (scrollWidth <=
// clientWidth), and, for what sits in a box of its own (a hover's scroll area, a toast, the
// editor's text area), inside that box too. Also the side-bar widths and themes every panel
// check runs at, and a loop that visits them in one workbench (theme switches are the slow
// part, so each theme is set once).
import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';

/** The side-bar widths: VS Code's default neighbourhood and a wide one. */
export const sideBarWidths = [300, 900];

/** The theme kinds (keys of `themes` in workbench.mjs); light last, so later tests find it. */
export const themeKinds = ['dark', 'highContrast', 'light'];

/**
 * Runs in the page or a webview frame (`frame.evaluate(measureWhole, targets)`), so it refers
 * to nothing outside itself. `targets` are CSS selectors, or `{ selector, hasText, within }`
 * to keep only elements whose text contains `hasText` and, with `within`, to want each box
 * inside its closest ancestor matching `within` as well (what that ancestor clips is not
 * seen). Returns each matching element's text and whether it is whole, and how far the page
 * itself scrolls sideways.
 * @param {(string | { selector: string, hasText?: string, within?: string })[]} targets
 */
export function measureWhole(targets) {
  const view = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  const overflow = (element) => element.scrollWidth - element.clientWidth;
  const inside = (box, frame) => box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5 && box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5;
  const items = targets.flatMap((target) => {
    const { selector, hasText, within } = typeof target === 'string' ? { selector: target } : target;
    return (
      [...document.querySelectorAll(selector)]
        // Editors and hints render spaces as no-break spaces: compare the text a person reads.
        .filter((element) => !hasText || (element.textContent ?? '').replace(/\u00a0/g, ' ').includes(hasText))
        .map((element) => {
          const box = element.getBoundingClientRect();
          const clip = within ? element.parentElement?.closest(within)?.getBoundingClientRect() : undefined;
          return {
            selector,
            // What a person reads (innerText leaves out a toast's own <style>), short enough for a failure message.
            text: (element.innerText ?? element.textContent ?? '').trim().slice(0, 200),
            whole: overflow(element) <= 0 && inside(box, view) && (!within || (clip !== undefined && inside(box, clip))),
            box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
            ...(clip ? { within: { left: clip.left, right: clip.right, top: clip.top, bottom: clip.bottom } } : {}),
          };
        })
    );
  });
  return { view: { width: view.right, height: view.bottom }, items, pageOverflow: overflow(document.documentElement), bodyOverflow: overflow(document.body) };
}

/**
 * Asserts that every target matched at least once, that each match is whole, and that the
 * page does not scroll sideways. `where` names the width, theme and screenshot in messages.
 * @param {ReturnType<typeof measureWhole>} measured
 * @param {(string | { selector: string, hasText?: string })[]} targets
 */
export function assertWhole(measured, targets, where) {
  for (const target of targets) {
    const selector = typeof target === 'string' ? target : target.selector;
    assert.ok(
      measured.items.some((item) => item.selector === selector),
      `${selector}${target.hasText ? ` with "${target.hasText}"` : ''} is shown (${where})`,
    );
  }
  for (const item of measured.items)
    assert.ok(
      item.whole,
      `"${item.text}" (${item.selector}) is whole inside the ${measured.view.width} px view${item.within ? ` and its box ${JSON.stringify(item.within)}` : ''}: ${JSON.stringify(item.box)} (${where})`,
    );
  assert.deepEqual({ page: measured.pageOverflow, body: measured.bodyOverflow }, { page: 0, body: 0 }, `nothing scrolls sideways (${where})`);
}

/**
 * Measures `targets` in the page until each is whole (a toast slides in, a hover is placed
 * after it renders) or `timeoutMs` passes, then asserts as `assertWhole` does.
 * @param {import('playwright-core').Page | import('playwright-core').Frame} page
 * @param {(string | { selector: string, hasText?: string, within?: string })[]} targets
 */
export async function assertWholeOnceSettled(page, targets, where, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  let measured = await page.evaluate(measureWhole, targets);
  const settled = () => targets.length <= measured.items.length && measured.items.every((item) => item.whole);
  while (!settled() && Date.now() < deadline) {
    await delay(100);
    measured = await page.evaluate(measureWhole, targets);
  }
  assertWhole(measured, targets, where);
}

/**
 * Sets each theme once and, in it, each side-bar width; calls `visit({ theme, width })` at
 * each after the layout settled. Ends in the light theme.
 * @param {import('./workbench.mjs').Workbench} workbench
 * @param {(at: { theme: string, width: number }) => Promise<void>} visit
 */
export async function eachWidthAndTheme(workbench, visit, kinds = themeKinds) {
  for (const theme of kinds) {
    await workbench.setTheme(theme);
    for (const width of sideBarWidths) {
      await workbench.setSideBarWidth(width);
      // The panel's columns follow a ResizeObserver: let the layout settle for this width.
      await delay(300);
      await visit({ theme, width });
    }
  }
}

/**
 * Visits every theme × side-bar width in `workbench`, lets the layout settle, saves
 * `.test-artifacts/screenshots/NAME-WIDTH-THEME.png` and calls `check(where)` with a label
 * for assertion messages. Ends in the light theme.
 * @param {import('./workbench.mjs').Workbench} workbench
 * @param {string} name
 * @param {(where: string) => Promise<void>} check
 */
export async function atEveryWidthAndTheme(workbench, name, check) {
  await eachWidthAndTheme(workbench, async ({ theme, width }) => {
    const shot = await workbench.screenshot(`${name}-${width}-${theme}`);
    await check(`${width} px, ${theme}, ${shot}`);
  });
}
