/* global document, window -- measureWhole runs in the page or a webview frame */
// "Visible whole", measured rather than assumed: an element is whole when its box lies inside
// the view (the webview's or the workbench's) and it does not scroll sideways (scrollWidth <=
// clientWidth). Also the side-bar widths and themes every panel check runs at, and a loop that
// visits them in one workbench (theme switches are the slow part, so each theme is set once).
import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';

/** The side-bar widths: VS Code's default neighbourhood and a wide one. */
export const sideBarWidths = [300, 900];

/** The theme kinds (keys of `themes` in workbench.mjs); light last, so later tests find it. */
export const themeKinds = ['dark', 'highContrast', 'light'];

/**
 * Runs in the page or a webview frame (`frame.evaluate(measureWhole, targets)`), so it refers
 * to nothing outside itself. `targets` are CSS selectors, or `{ selector, hasText }` to keep
 * only elements whose text contains `hasText`. Returns each matching element's text and
 * whether it is whole, and how far the page itself scrolls sideways.
 * @param {(string | { selector: string, hasText?: string })[]} targets
 */
export function measureWhole(targets) {
  const view = { width: window.innerWidth, height: window.innerHeight };
  const overflow = (element) => element.scrollWidth - element.clientWidth;
  const inside = (box) => box.left >= -0.5 && box.right <= view.width + 0.5 && box.top >= -0.5 && box.bottom <= view.height + 0.5;
  const items = targets.flatMap((target) => {
    const { selector, hasText } = typeof target === 'string' ? { selector: target } : target;
    return [...document.querySelectorAll(selector)]
      .filter((element) => !hasText || (element.textContent ?? '').includes(hasText))
      .map((element) => {
        const box = element.getBoundingClientRect();
        return {
          selector,
          text: (element.textContent ?? '').trim(),
          whole: overflow(element) <= 0 && inside(box),
          box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
        };
      });
  });
  return { view, items, pageOverflow: overflow(document.documentElement), bodyOverflow: overflow(document.body) };
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
    assert.ok(item.whole, `"${item.text}" (${item.selector}) is whole inside the ${measured.view.width} px view: ${JSON.stringify(item.box)} (${where})`);
  assert.deepEqual({ page: measured.pageOverflow, body: measured.bodyOverflow }, { page: 0, body: 0 }, `nothing scrolls sideways (${where})`);
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
  for (const theme of themeKinds) {
    await workbench.setTheme(theme);
    for (const width of sideBarWidths) {
      await workbench.setSideBarWidth(width);
      // The panel's columns follow a ResizeObserver: let the layout settle for this width.
      await delay(300);
      const shot = await workbench.screenshot(`${name}-${width}-${theme}`);
      await check(`${width} px, ${theme}, ${shot}`);
    }
  }
}
