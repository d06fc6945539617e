/* global describe, it, before, after, document, window, requestAnimationFrame -- mocha globals; browser globals inside frame callbacks */
// The inspector's graph view as a person sees it, in code-server + Chromium, on a real model
// (kuangliu/pytorch-cifar's ResNet18, written with F.relu and residual `out += shortcut`):
// switching to the graph shows one node per dataflow node (layers, the functional ReLUs, the
// residual adds) with its kind and output shape (the CLI's JSON graph is the reference), laid
// out in the webview's worker; the first add has its two inputs; clicking it or a layer moves
// the editor's selection there; the feature maps of a layer after that add are computed; the
// cursor's layer is highlighted; arrow keys follow the edges; zoom and pan frame times are
// printed (median); screenshots in the light and dark themes
// (.test-artifacts/screenshots/graph-view-*.png, graph-residual-*.png).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { repoRoot } from '../../tools/vscode/codeServer.mjs';
import { openWorkbench } from './harness/session.mjs';

const RESNET = join(repoRoot, 'test/fixtures/pytorch/real/kuangliu__pytorch-cifar/models/resnet.py');
const formatShape = (shape) => (shape ? `[${shape.join(', ')}]` : '?');

function cliModel(file) {
  const report = JSON.parse(execFileSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'analyze', file, '--json'], { encoding: 'utf8' }));
  return report.models.find((entry) => entry.name === 'ResNet');
}

/** Every drawn node: id, its text lines, whether its box is inside the canvas, and the canvas's transform. */
function readGraph() {
  const canvas = document.querySelector('.graph-canvas').getBoundingClientRect();
  return [...document.querySelectorAll('.gnode')].map((node) => {
    const box = node.getBoundingClientRect();
    return {
      id: node.dataset.id,
      lines: [...node.querySelectorAll('text')].map((text) => text.textContent),
      textShown: [...node.querySelectorAll('text')].every((text) => window.getComputedStyle(text).display !== 'none'),
      inView: box.top >= canvas.top && box.bottom <= canvas.bottom && box.left >= canvas.left && box.right <= canvas.right,
      highlighted: node.classList.contains('highlighted'),
    };
  });
}

describe('e2e graph view: real ResNet18', function () {
  /** @type {import('./harness/workbench.mjs').Workbench} */
  let workbench;
  let folder;
  let frame;
  let model;

  const selectionLine = () => workbench.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
  const waitForLine = (line) =>
    workbench.page.waitForFunction(
      (expected) => new RegExp(`Ln ${expected},`).test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent ?? ''),
      line,
      {
        timeout: 10_000,
      },
    );

  /** Brings a node into view the way a person would: Fit, then zoom in where it is. */
  const zoomOnto = async (id) => {
    await frame.click('button[title="Fit the graph in the view"]');
    await delay(100);
    const box = await frame.$eval(`.gnode[data-id="${id}"]`, (node) => {
      const rect = node.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    });
    const frameBox = await (await frame.frameElement()).boundingBox();
    await workbench.page.mouse.move(frameBox.x + box.x, frameBox.y + box.y);
    for (let i = 0; i < 12; i++) await workbench.page.mouse.wheel(0, -100);
    await delay(200);
  };

  before(async function () {
    folder = mkdtempSync(join(tmpdir(), 'conv-graph-ws-'));
    copyFileSync(RESNET, join(folder, 'resnet.py'));
    model = cliModel(join(folder, 'resnet.py'));
    assert.ok(model && model.layers.length > 30, 'the CLI finds the called ResNet');
    workbench = await openWorkbench({ folder });
    await workbench.openFile('resnet.py');
    await workbench.waitForExtensionActive();
    await workbench.runCommand('Conv Inspector: Focus on Inspector View');
    await workbench.setSideBarWidth(700);
    frame = await workbench.webviewFrame('#app');
    await frame.waitForFunction(() => (document.querySelector('header h1')?.textContent ?? '') === 'resnet.py · ResNet', undefined, { timeout: 30_000 });
  });

  after(async function () {
    if (workbench) {
      await workbench.setTheme('light').catch(() => undefined);
      await workbench.page.context().close();
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('the Graph tab draws every node of the dataflow graph with its kind and output shape, laid out in the worker', async function () {
    await frame.click('#view-tab-graph');
    await frame.waitForSelector('#graph-view[data-nodes]', { timeout: 30_000 });
    assert.equal(await frame.$eval('.table-wrap', (wrap) => wrap.getBoundingClientRect().height), 0, 'the table is hidden');
    // Over 60 nodes the graph opens with its top-level module groups collapsed.
    const collapsed = await frame.evaluate(readGraph);
    assert.ok(collapsed.length < model.graph.nodes.length, `${collapsed.length} nodes drawn collapsed`);
    await frame.click('button[title="Expand every module group"]');
    await frame.waitForFunction((count) => document.querySelectorAll('.gnode').length === count, model.graph.nodes.length, { timeout: 30_000 });
    // Laid out at all means the layout worker started under the CSP (dagre runs nowhere else).
    const nodes = await frame.evaluate(readGraph);
    const byId = new Map(nodes.map((node) => [node.id, node]));
    for (const graphNode of model.graph.nodes) {
      const node = byId.get(graphNode.id);
      assert.ok(node, graphNode.id);
      assert.equal(node.lines[1], graphNode.kind, graphNode.id);
      if (graphNode.origin !== 'input') assert.ok(node.lines[2].startsWith(formatShape(graphNode.output)), `${graphNode.id}: ${node.lines[2]}`);
    }
    assert.ok(
      model.graph.nodes.some((node) => node.kind === 'add'),
      'the residual adds are nodes',
    );
    assert.ok(
      model.graph.nodes.some((node) => node.origin === 'function' && node.kind === 'ReLU'),
      'F.relu is a node',
    );
    // The graph opens readable: the first nodes on screen with their text drawn.
    await frame.click('button[title="Fit the graph in the view"]');
    console.log(`      layout: ${await frame.$eval('#graph-view', (view) => view.dataset.layoutMs)} ms for ${nodes.length} nodes (worker)`);
  });

  it('the first residual add has its two inputs, and clicking it moves the editor selection to its line', async function () {
    const add = model.graph.nodes.find((node) => node.kind === 'add');
    const edgesIn = await frame.$$eval(`.edges path[data-to="${add.id}"]`, (paths) => paths.map((path) => path.dataset.from).sort());
    assert.deepEqual(edgesIn, add.inputs.map((input) => input.node).sort(), 'both inputs are drawn into the add');
    assert.equal(edgesIn.length, 2);
    await zoomOnto(add.id);
    await frame.click(`.gnode[data-id="${add.id}"]`);
    await waitForLine(add.line);
    assert.match(await selectionLine(), new RegExp(`Ln ${add.line},`));
    // At actual size on the clicked add, for the screenshots.
    await frame.evaluate((id) => document.querySelector(`.gnode[data-id="${id}"]`).focus(), add.id);
    await frame.click('button[title^="Actual size"]');
    await delay(200);
    await workbench.screenshotBothThemes('graph-residual');
  });

  it('the feature maps of a layer after the first add are computed, with no stop', async function () {
    const add = model.graph.nodes.find((node) => node.kind === 'add');
    const addIndex = model.graph.nodes.indexOf(add);
    const after = model.graph.nodes.slice(addIndex + 1).find((node) => node.origin === 'layer' && node.kind === 'Conv2d');
    await frame.click('#view-tab-table');
    await frame.click(`#layers tbody tr td[data-col="path"][data-path="${after.id}"]`);
    await frame.waitForSelector('#detail h2', { timeout: 10_000 });
    await frame.click('#compute-feature-maps', { timeout: 10_000 });
    await frame.waitForSelector('#feature-map-grid[data-drawn="true"]', { timeout: 120_000 });
    const channels = await frame.$eval('#feature-map-grid', (canvas) => Number(canvas.dataset.channels));
    assert.equal(channels, after.output[1], `${after.id} shows its ${after.output[1]} channels`);
    assert.equal(await frame.$('#feature-maps-problem'), null, 'no stop message');
    await frame.$eval('#feature-maps', (section) => section.scrollIntoView({ block: 'start' }));
    await workbench.screenshotBothThemes('graph-residual-maps');
    await frame.click('#view-tab-graph');
  });

  it("the cursor's layer is highlighted, and clicking a node moves the editor selection to its layer", async function () {
    const conv1 = model.layers.find((layer) => layer.path === 'conv1');
    await workbench.goTo(conv1.line);
    await frame.waitForFunction(() => document.querySelector('.gnode.highlighted')?.dataset.id === 'conv1', undefined, { timeout: 10_000 });
    const linear = model.layers.find((layer) => layer.kind === 'Linear');
    assert.notEqual(linear.line, conv1.line);
    await frame.click('button[title="Expand every module group"]');
    await zoomOnto(linear.path);
    await frame.click(`.gnode[data-id="${linear.path}"]`);
    await waitForLine(linear.line);
    assert.match(await selectionLine(), new RegExp(`Ln ${linear.line},`));
  });

  it('arrow keys follow the edges and Enter selects the focused node', async function () {
    await frame.focus('.gnode[data-id="conv1"]').catch(async () => frame.evaluate(() => document.querySelector('.gnode[data-id="conv1"]').focus()));
    await frame.press('.gnode[data-id="conv1"]', 'ArrowDown');
    assert.equal(await frame.evaluate(() => document.activeElement?.dataset?.id), 'bn1');
    await frame.press('.gnode[data-id="bn1"]', 'ArrowUp');
    assert.equal(await frame.evaluate(() => document.activeElement?.dataset?.id), 'conv1');
    await frame.press('.gnode[data-id="conv1"]', 'ArrowDown');
    await frame.press('.gnode[data-id="bn1"]', 'Enter');
    await waitForLine(model.layers.find((layer) => layer.path === 'bn1').line);
  });

  it('zoom and pan keep to the frame rate (median frame time printed), then screenshots in light and dark', async function () {
    await frame.click('button[title="Fit the graph in the view"]');
    const canvas = await frame.$eval('.graph-canvas', (element) => {
      const rect = element.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    });
    const frameBox = await (await frame.frameElement()).boundingBox();
    const cx = frameBox.x + canvas.x + canvas.width / 2;
    const cy = frameBox.y + canvas.y + canvas.height / 2;
    const record = () =>
      frame.evaluate(() => {
        window.frameTimes = [];
        window.recording = true;
        // A generation per recording: the previous recording's last callback must not join this one.
        const generation = (window.frameGeneration = (window.frameGeneration ?? 0) + 1);
        const tick = (now) => {
          if (generation !== window.frameGeneration) return;
          window.frameTimes.push(now);
          if (window.recording) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    const stop = () =>
      frame.evaluate(() => {
        window.recording = false;
        return window.frameTimes.slice(1).map((now, i) => now - window.frameTimes[i]);
      });
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    await workbench.page.mouse.move(cx, cy);
    await record();
    for (let i = 0; i < 40; i++) await workbench.page.mouse.wheel(0, i < 20 ? -60 : 60);
    const zoom = await stop();
    await workbench.page.mouse.down();
    await record();
    for (let i = 0; i < 40; i++) await workbench.page.mouse.move(cx + (i % 20) * 5, cy + i * 3);
    const pan = await stop();
    await workbench.page.mouse.up();
    console.log(`      zoom frames: median ${median(zoom).toFixed(1)} ms over ${zoom.length}; pan frames: median ${median(pan).toFixed(1)} ms over ${pan.length}`);
    assert.ok(zoom.length > 5 && pan.length > 5, 'frames were drawn while zooming and panning');
    // Frame time is measured, not asserted to a budget: the shared test machine's load decides it.
    // The highlighted layer at actual size: the nodes' text is what the screenshots show.
    await workbench.goTo(model.layers.find((layer) => layer.path === 'layer2.0.conv1').line);
    await frame.waitForSelector('.gnode.highlighted');
    await frame.click('button[title^="Actual size"]');
    await delay(200);
    const shown = (await frame.evaluate(readGraph)).filter((node) => node.inView && node.textShown);
    assert.ok(shown.length >= 3, `nodes readable at 1:1: ${shown.map((node) => node.id)}`);
    assert.ok(
      shown.some((node) => node.highlighted),
      'the highlighted node is on screen',
    );
    const shots = await workbench.screenshotBothThemes('graph-view');
    assert.equal(shots.length, 2);
    // The graph is drawn from theme variables: its node fill changed with the theme.
    const fill = await frame.$eval('.gnode rect', (rect) => window.getComputedStyle(rect).fill);
    await workbench.setTheme('dark');
    const darkFill = await frame.$eval('.gnode rect', (rect) => window.getComputedStyle(rect).fill);
    assert.notEqual(fill, darkFill, 'node fill follows the theme');
  });
});
