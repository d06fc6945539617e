// The first analysis of a 3,000-line file in a real VS Code (code-server 4.99.4, Debian
// Chromium): test/integration/bench/firstAnalysis.ts runs inside the extension host and
// measures the extension hearing of the opened file -> its analysis published, next to
// VS Code's own time to open and show the file. Every run starts a fresh code-server, so
// every measured analysis is a first one. Needs what the integration tests need (`bash
// .ci/run` installs it). Run: `npm run bench:editor` (RUNS=5 by default).
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupOnSignals, codeServerSession, remoteUri, repoRoot, workbenchUrl } from '../vscode/codeServer.mjs';
import { median } from './statistics.ts';

const runs = Number(process.env.RUNS ?? 5);
const idles = [2000, 15_000];
const benchEntry = join(repoRoot, 'out/test/bench/firstAnalysis.js');
const workspace = join(repoRoot, 'test/fixtures/workspace');

await esbuild.build({
  entryPoints: [join(repoRoot, 'test/integration/bench/firstAnalysis.ts')],
  outfile: benchEntry,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

const session = codeServerSession();
cleanupOnSignals(() => session.close());

/** One fresh VS Code: the figure its extension host wrote. */
async function measure(idleMs) {
  const resultDir = mkdtempSync(join(tmpdir(), 'conv-inspector-bench-'));
  const resultFile = join(resultDir, 'figure.json');
  try {
    const { server, browser } = await session.start({ env: { CONV_INSPECTOR_TEST_RESULT: resultFile, BENCH_IDLE_MS: String(idleMs) } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const exited = new Promise((resolve) => {
      void context.exposeFunction('codeAutomationExit', resolve);
    });
    const page = await context.newPage();
    await page.goto(
      workbenchUrl(server, workspace, [
        ['extensionDevelopmentPath', remoteUri(server, repoRoot)],
        ['extensionTestsPath', remoteUri(server, benchEntry)],
        ['skipWelcome', 'true'],
      ]),
    );
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 120_000).unref())]);
    if (!existsSync(resultFile)) throw new Error(`the bench wrote no figure (exit ${code})\n${server.logs()}`);
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  } finally {
    await session.close();
    rmSync(resultDir, { recursive: true, force: true });
  }
}

const figures = new Map(idles.map((idle) => [idle, []]));
for (let run = 0; run < runs; run += 1) {
  for (const idle of idles) {
    const figure = await measure(idle);
    if (figure.models === 0) throw new Error('the big file gave no models');
    figures.get(idle).push(figure);
  }
}
const show = (values) => `median ${median(values).toFixed(0)} ms (runs: ${values.map((value) => value.toFixed(0)).join(', ')})`;
console.log(`big3000.py (${figures.get(idles[0])[0].lines} lines) in VS Code 1.99.3 (code-server + Chromium), ${runs} runs:`);
for (const [idle, list] of figures) {
  console.log(`  opened ${idle / 1000} s after the first file:`);
  console.log(`    the extension hears of the file -> analysis published: ${show(list.map((figure) => figure.eventToPublishedMs))}`);
  console.log(`    VS Code: openTextDocument ${show(list.map((figure) => figure.openMs))}, showTextDocument ${show(list.map((figure) => figure.shownMs))}`);
  const first = list.filter((figure) => figure.publishedMs <= figure.shownMs).length;
  console.log(`    analysis published before the file was shown: ${first} of ${list.length} runs`);
}
