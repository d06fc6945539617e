// The code-server and Chromium that runE2e.mjs started, shared with the *.e2e.mjs files:
// starting them once per run keeps a full UI run to seconds (one Chromium is ~800 MiB).
import { join } from 'node:path';
import { repoRoot, workbenchUrl } from '../../../tools/vscode/codeServer.mjs';
import { Workbench } from './workbench.mjs';

/** The folder every workbench opens. */
export const workspaceDir = join(repoRoot, 'test/fixtures/workspace');

let current;

/** Called by runE2e.mjs once code-server and Chromium are up. */
export function setSession(server, browser) {
  current = { server, browser };
}

/** The running code-server (url, port, dirs, updateSettings). */
export function codeServer() {
  if (!current) throw new Error('no e2e session: run the e2e tests through test/e2e/runE2e.mjs');
  return current.server;
}

/**
 * Opens a fresh browser context on the workspace and waits for the workbench. Close it
 * with `workbench.page.context().close()` (an after() hook) when the test file is done.
 * @returns {Promise<Workbench>}
 */
export async function openWorkbench(options = {}) {
  const server = codeServer();
  const context = await current.browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleLines = [];
  // Installed extensions' console output is forwarded to the page console; collect it
  // from the very start so the activation line cannot be missed.
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  await page.goto(workbenchUrl(server, options.folder ?? workspaceDir, [['skipWelcome', 'true']]));
  const workbench = new Workbench(page, server, consoleLines);
  await workbench.waitForReady();
  return workbench;
}
