// Runs the integration suite (mocha inside a real VS Code extension host) in code-server,
// driven by Chromium. Builds nothing: run `npm run build` and
// `node tools/vscode/buildIntegrationSuite.mjs` first (`npm run test:integration` does).
//
// VS Code web reads the `payload` query parameter (extensionDevelopmentPath,
// extensionTestsPath) as its own browser integration tests do, and calls
// window.codeAutomationExit(code) when the suite's run() settles. The suite also writes a
// JSON result file, which is where the per-test lines printed here come from.
// Exit code: 0 only if at least one test ran and none failed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { armWatchdog, cleanupOnSignals, codeServerSession, remoteUri, repoRoot, workbenchUrl } from '../../tools/vscode/codeServer.mjs';

const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 300_000);
const workspace = join(repoRoot, 'test/fixtures/workspace');
const extensionMain = join(repoRoot, 'dist/extension.js');
const suiteEntry = join(repoRoot, 'out/test/suite/index.js');
const verbose = process.env.INTEGRATION_VERBOSE === '1';

for (const [file, hint] of [
  [extensionMain, 'npm run build'],
  [suiteEntry, 'node tools/vscode/buildIntegrationSuite.mjs'],
]) {
  if (!existsSync(file)) {
    console.error(`missing ${file}: run \`${hint}\` first`);
    process.exit(1);
  }
}

const resultDir = mkdtempSync(join(tmpdir(), 'conv-inspector-integration-'));
const resultFile = join(resultDir, 'result.json');
const session = codeServerSession();
const cleanup = async () => {
  await session.close();
  rmSync(resultDir, { recursive: true, force: true });
};
cleanupOnSignals(cleanup);
const disarm = armWatchdog(timeoutMs + 30_000, cleanup);

function printResult(result) {
  for (const test of result.tests) {
    if (test.state === 'passed') console.log(`  ✓ ${test.title} (${test.durationMs} ms)`);
    else console.log(`  ✗ ${test.title}\n${test.error.replace(/^/gm, '      ')}`);
  }
  console.log(`\n  ${result.passed} passing (${result.durationMs} ms)`);
  if (result.pending > 0) console.log(`  ${result.pending} pending`);
  if (result.failed > 0) console.log(`  ${result.failed} failing`);
}

async function main() {
  const started = Date.now();
  const { server, browser } = await session.start({ env: { CONV_INSPECTOR_TEST_RESULT: resultFile } });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

  let finish;
  const exited = new Promise((resolve) => {
    finish = resolve;
  });
  await context.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  await context.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    // The closed gallery port (EXTENSIONS_GALLERY) fails on purpose; everything else that
    // is an error is worth seeing even without INTEGRATION_VERBOSE=1.
    if (verbose || (type === 'error' && !text.includes('127.0.0.1:9'))) console.log(`[vscode ${type}] ${text}`);
  });
  const page = await context.newPage();
  if (process.env.INTEGRATION_PAGE_CONSOLE === '1') page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`));
  const url = workbenchUrl(server, workspace, [
    ['extensionDevelopmentPath', remoteUri(server, repoRoot)],
    ['extensionTestsPath', remoteUri(server, suiteEntry)],
    ['skipWelcome', 'true'],
  ]);
  await page.goto(url);

  const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref())]);
  if (code === 'timeout') {
    console.error(`the suite did not finish within ${timeoutMs} ms`);
    if (!verbose) console.error(server.logs());
    return 1;
  }
  if (!existsSync(resultFile)) {
    console.error(`VS Code exited with ${code} but the suite wrote no result file (did run() start?)`);
    console.error(server.logs());
    return 1;
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8'));
  printResult(result);
  console.log(`integration suite: ${((Date.now() - started) / 1000).toFixed(1)} s in code-server`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  if (result.passed + result.failed === 0) {
    console.error('no integration tests ran');
    return 1;
  }
  return code === 0 && result.failed === 0 ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  disarm();
  await cleanup();
}
process.exit(exitCode);
