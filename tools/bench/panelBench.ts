/**
 * Time from an edit of a big file to the inspector panel showing the new table. Run:
 * `npx tsx tools/bench/panelBench.ts [file.py]` (default test/fixtures/pytorch/big3000.py;
 * needs `npm run build` for dist/webview.js and /usr/bin/chromium for the webview half).
 *
 * Per run: the example input's size is edited (every row's shapes change), the text is analysed (warm parser, as in the editor), the panel state is
 * built and serialised as postMessage does, then the real webview bundle renders it in
 * Chromium; the time ends when the table is in the DOM and a frame was painted. The
 * document cache's typing debounce (150 ms after the last keystroke) comes on top and is
 * printed separately: it is a deliberate wait, not work.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../../src/analysis/analyzeSource';
import { buildPanelState } from '../../src/panel/tableModel';
import { buildLayerDetail } from '../../src/panel/layerDetail';

const file = process.argv[2] ?? 'test/fixtures/pytorch/big3000.py';
const runs = Number(process.env.RUNS ?? 30);
const DEBOUNCE_MS = 150;
/** The example input of the benchmark files (`model(torch.randn(1, 3, 64, 64))`). */
const INPUT_CALL = /torch\.randn\(1, 3, 64, 64\)/;

interface WebviewPage {
  /** Renders a serialised state; resolves with the in-page time (ms) to DOM + next frame. */
  render(serialisedState: string): Promise<number>;
  close(): Promise<void>;
}

async function openWebview(): Promise<WebviewPage | undefined> {
  if (!existsSync('/usr/bin/chromium') || !existsSync('dist/webview.js')) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const css = readFileSync('media/panel/panel.css', 'utf8');
  const script = readFileSync('dist/webview.js', 'utf8');
  await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body><main id="app"></main>
<script>function acquireVsCodeApi(){return{postMessage(){}}}</script><script>${script}</script></body></html>`);
  return {
    render: (serialised) =>
      page.evaluate(
        (text) =>
          new Promise<number>((resolve) => {
            // Runs in the page: the browser globals, typed here because the tools' tsconfig has no DOM lib.
            const browser = globalThis as unknown as {
              postMessage(message: unknown, origin: string): void;
              requestAnimationFrame(callback: () => void): void;
              performance: { now(): number };
            };
            const start = browser.performance.now();
            // Same path as a real message: the webview's message listener renders it.
            browser.postMessage(JSON.parse(text), '*');
            browser.requestAnimationFrame(() => setTimeout(() => resolve(browser.performance.now() - start), 0));
          }),
        serialised,
      ),
    close: () => browser.close(),
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)];
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const summary = (values: number[]): string => `median ${ms(median(values))}, p95 ${ms(p95(values))}, min ${ms(Math.min(...values))}`;

async function main(): Promise<void> {
  const source = readFileSync(file, 'utf8');
  await analyzeSource(source, 'python');
  const webview = await openWebview();
  const host: number[] = [];
  const panelHost: number[] = [];
  const view: number[] = [];
  const total: number[] = [];
  let rows = 0;
  for (let run = 0; run < runs; run += 1) {
    // The worst honest case: an edit of the example input's size changes the shapes and
    // MACs of every row, so the webview must redraw the whole table. Files without such a
    // call get a trailing comment (a full re-analysis, an unchanged table).
    const size = run % 2 === 0 ? 72 : 64;
    const edited = INPUT_CALL.test(source) ? source.replace(INPUT_CALL, `torch.randn(1, 3, ${size}, ${size})`) : `${source}\n# edit ${run}\n`;
    const start = performance.now();
    const analysis = await analyzeSource(edited, 'python', { documentKey: 'big3000' }); // as the analysis worker does: incremental re-parse
    const analysed = performance.now();
    const state = buildPanelState({ fileName: file, analysis, modelIndex: 0, highlighted: 0 });
    const model = analysis.models[0];
    if (model && model.layers.length > 0) buildLayerDetail(model, 0);
    const serialised = JSON.stringify({ type: 'state', state });
    const hostMs = performance.now() - start;
    panelHost.push(start + hostMs - analysed);
    const viewMs = webview ? await webview.render(serialised) : 0;
    rows = state.rows.length;
    host.push(hostMs);
    view.push(viewMs);
    total.push(hostMs + viewMs);
  }
  await webview?.close();
  const lines = source.split('\n').length;
  console.log(`${file}: ${lines} lines, ${rows} table rows (first model), ${runs} edits`);
  // Shared CI machines are noisy: the load says how much to trust the medians (min is the least disturbed run).
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  );
  console.log(`host (analysis + panel state + detail + serialisation): ${summary(host)}`);
  console.log(`  of which the panel's own work (state + detail + serialisation): ${summary(panelHost)}`);
  console.log(webview ? `webview render (Chromium, to DOM + frame): ${summary(view)}` : 'webview render: skipped (no Chromium or dist/webview.js)');
  console.log(`edit -> panel updated: ${summary(total)} (target < 150 ms), plus the ${DEBOUNCE_MS} ms typing debounce`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
