/**
 * The graph view's costs. Run: `npm run bench:graphLayout` (needs `npm run build` for
 * dist/webview.js and /usr/bin/chromium for the browser half).
 *
 * In node: dagre's layout of a ResNet-50-shaped graph (176 nodes) and of a 1,006-node one,
 * fully expanded and as the view opens them (top-level groups collapsed), plus the two
 * choices `docs/graphView.md` explains (compound vs flat layout, network simplex vs longest
 * path) and the SVG serialisation. In Chromium, with the real webview bundle: the layout as
 * the view runs it, and the frame intervals while zooming (wheel) and panning (drag) the
 * fully expanded graphs: a steady 16.7 ms means every frame made it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { graphlib, layout } from '@dagrejs/dagre';
import type { ModelReport } from '../../src/engine/report';
import { buildGraphView } from '../../src/panel/graphModel';
import { buildPanelState } from '../../src/panel/tableModel';
import { initialCollapsed, visibleGraph } from '../../webview/graphGroups';
import type { VisibleGraph } from '../../webview/graphGroups';
import { layoutGraph } from '../../webview/graphLayout';
import { graphToSvg } from '../../webview/graphSvg';
import { fileAnalysis } from '../../test/support/records';
import { resnetLikeReport, thousandNodeReport } from '../../test/support/graphFixtures';
import { median, percentile } from './statistics';

const runs = Number(process.env.RUNS ?? 7);
const ms = (value: number): string => `${value.toFixed(1)} ms`;

function time(run: () => void): number {
  const times: number[] = [];
  run(); // warm-up: the first run pays for compilation
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** dagre on the visible graph with its groups as compound nodes: the alternative the view does not take. */
function compoundLayout(graph: VisibleGraph): void {
  const g = new graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 28 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const box of graph.boxes) g.setNode(`box:${box.path}`, { width: 0, height: 0 });
  for (const box of graph.boxes) if (box.parent !== undefined) g.setParent(`box:${box.path}`, `box:${box.parent}`);
  for (const node of graph.nodes) {
    g.setNode(node.id, { width: 160, height: 53 });
    if (node.parent !== undefined) g.setParent(node.id, `box:${node.parent}`);
  }
  for (const [from, to] of graph.edges) g.setEdge(from, to);
  layout(g);
}

function flatLayout(graph: VisibleGraph, ranker: string): void {
  const g = new graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 28, ranker });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: 160, height: 53 });
  for (const [from, to] of graph.edges) g.setEdge(from, to);
  layout(g);
}

function nodeFigures(name: string, report: ModelReport): void {
  const nodes = buildGraphView(report).nodes;
  const open = visibleGraph(nodes, new Set());
  const folded = visibleGraph(nodes, initialCollapsed(nodes));
  console.log(`${name}: ${nodes.length} nodes, ${open.boxes.length} module groups`);
  console.log(`  layout, all expanded (as the view runs it): ${ms(time(() => layoutGraph(open)))}`);
  console.log(`  layout, as the view opens it (${folded.nodes.length} visible nodes): ${ms(time(() => layoutGraph(folded)))}`);
  console.log(`  dagre flat, network simplex: ${ms(time(() => flatLayout(open, 'network-simplex')))}; longest path: ${ms(time(() => flatLayout(open, 'longest-path')))}`);
  console.log(`  dagre compound (groups as clusters), network simplex: ${ms(time(() => compoundLayout(open)))}`);
  const placed = layoutGraph(open);
  console.log(`  SVG serialisation: ${ms(time(() => graphToSvg(placed)))} (${(graphToSvg(placed).length / 1024).toFixed(0)} KB)`);
}

interface FrameFigures {
  layoutMs: number;
  nodes: number;
  zoom: number[];
  pan: number[];
}

async function browserFigures(reports: readonly [string, ModelReport][]): Promise<void> {
  if (!existsSync('/usr/bin/chromium') || !existsSync('dist/webview.js')) {
    console.log('browser: skipped (no Chromium or dist/webview.js)');
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    for (const [name, report] of reports) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      const css = readFileSync('media/panel/panel.css', 'utf8');
      const script = readFileSync('dist/webview.js', 'utf8');
      await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body><main id="app"></main>
<script>function acquireVsCodeApi(){return{postMessage(){}}}</script><script>${script}</script></body></html>`);
      const state = { ...buildPanelState({ fileName: 'model.py', analysis: fileAnalysis([report]), modelIndex: 0, highlighted: null }), graph: buildGraphView(report) };
      await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'state', state })}, '*')`);
      await page.click('#view-tab-graph');
      await page.waitForSelector('#graph-view[data-nodes]');
      await page.click('button[title="Expand every module group"]');
      await page
        .waitForFunction(`document.querySelector('#graph-view').dataset.nodes === '${report.graph?.nodes.length}'`, undefined, { timeout: 120_000 })
        .catch(async (error: Error) => {
          throw new Error(`${error.message}; the view says: ${await page.textContent('.graph-status')}`);
        });
      const box = await page.locator('.graph-canvas').boundingBox();
      if (!box) throw new Error('no graph canvas');
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      // Frame intervals recorded in the page by requestAnimationFrame while Playwright sends
      // real input. Plain strings: tsx would wrap named functions in a helper the page lacks.
      const record = (): Promise<void> =>
        page.evaluate(`window.frameTimes = []; window.recording = true; const generation = (window.frameGeneration = (window.frameGeneration ?? 0) + 1);
          const tick = (now) => { if (generation !== window.frameGeneration) return; window.frameTimes.push(now); if (window.recording) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);`);
      const stop = (): Promise<number[]> => page.evaluate(`window.recording = false; window.frameTimes.slice(1).map((now, i) => now - window.frameTimes[i])`);
      await page.mouse.move(cx, cy);
      await record();
      for (let i = 0; i < 60; i++) await page.mouse.wheel(0, i < 30 ? -60 : 60);
      const zoom = await stop();
      await page.mouse.move(box.x + 5, box.y + 5);
      await page.mouse.down();
      await record();
      for (let i = 0; i < 60; i++) await page.mouse.move(box.x + 5 + (i % 30) * 8, box.y + 5 + i * 6);
      const pan = await stop();
      await page.mouse.up();
      const layoutMs = Number(await page.getAttribute('#graph-view', 'data-layout-ms'));
      const figures: FrameFigures = { layoutMs, nodes: report.graph?.nodes.length ?? 0, zoom, pan };
      const frameText = (values: number[]): string =>
        `median ${ms(median(values))}, p95 ${ms(percentile(values, 0.95))}, ${values.filter((value) => value > 20).length}/${values.length} frames over 20 ms`;
      console.log(`${name} in Chromium: layout + groups ${ms(figures.layoutMs)} for ${figures.nodes} nodes`);
      console.log(`  zoom (wheel) frames: ${frameText(figures.zoom)}`);
      console.log(`  pan (drag) frames: ${frameText(figures.pan)}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}; medians of ${runs} runs after a warm-up`,
  );
  const reports: [string, ModelReport][] = [
    ['ResNet-50-shaped', resnetLikeReport()],
    ['1,000-node', thousandNodeReport()],
  ];
  if (!process.env.BROWSER_ONLY) for (const [name, report] of reports) nodeFigures(name, report);
  await browserFigures(reports);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
