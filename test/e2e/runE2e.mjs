// End-to-end runner: installs the packaged conv-inspector.vsix into code-server (the
// extension exactly as users get it), starts Chromium, and runs test/e2e/**/*.e2e.mjs with
// mocha. Build the .vsix first (`npm run package`; `npm run test:e2e` and `npm test` do).
// Exit code: 0 only if at least one test ran and none failed.
// Usage: node test/e2e/runE2e.mjs [FILE_SUBSTRING...]   (e.g. `smoke` runs smoke.e2e.mjs)
// Environment: E2E_GREP (mocha grep), E2E_TIMEOUT_MS (whole run), CONV_INSPECTOR_VSIX.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { armWatchdog, cleanupOnSignals, codeServerSession, repoRoot } from '../../tools/vscode/codeServer.mjs';
import { setSession } from './harness/session.mjs';
import { screenshotDir } from './harness/workbench.mjs';

const vsix = process.env.CONV_INSPECTOR_VSIX ?? join(repoRoot, 'conv-inspector.vsix');
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 1_200_000);
const fileFilters = process.argv.slice(2);
const e2eDir = join(repoRoot, 'test/e2e');

if (!existsSync(vsix)) {
  console.error(`missing ${vsix}: run \`npm run package\` first`);
  process.exit(1);
}

const session = codeServerSession();
const cleanup = () => session.close();
cleanupOnSignals(cleanup);
const disarm = armWatchdog(timeoutMs, cleanup);

// A failed UI test is hard to understand without seeing the screen: save every open page.
async function screenshotOnFailure() {
  if (this.currentTest?.state !== 'failed') return;
  mkdirSync(screenshotDir, { recursive: true });
  const slug = this.currentTest
    .fullTitle()
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 80);
  const pages = session.browser?.contexts().flatMap((context) => context.pages()) ?? [];
  for (const [index, page] of pages.entries()) {
    const file = join(screenshotDir, `FAILED-${slug}-${index}.png`);
    await page.screenshot({ path: file }).then(
      () => console.log(`    screenshot: ${file}`),
      () => undefined,
    );
  }
}

async function main() {
  const started = Date.now();
  const { server, browser } = await session.start({ vsix });
  setSession(server, browser);
  console.log(`code-server ${server.url} and Chromium up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 180_000,
    reporter: 'spec',
    color: process.stdout.isTTY,
    rootHooks: { afterEach: screenshotOnFailure },
  });
  const files = readdirSync(e2eDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.e2e.mjs'))
    .filter((file) => fileFilters.length === 0 || fileFilters.some((filter) => file.includes(filter.replace(/^test\/e2e\//, ''))))
    .sort();
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  for (const file of files) mocha.addFile(join(e2eDir, file));
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s in code-server + Chromium`);
  console.log(`${stats.passes} passed, ${stats.failures} failed`);
  if (stats.passes + stats.failures === 0) {
    console.error('no e2e tests ran');
    return 1;
  }
  return stats.failures === 0 ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
  if (session.server) console.error(`--- code-server output ---\n${session.server.logs()}`);
} finally {
  disarm();
  await cleanup();
}
process.exit(exitCode);
