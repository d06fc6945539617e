/**
 * The graph view's layout, navigation, viewport and SVG on hand-written graphs: edges point
 * down, boxes hold their members, arrow keys follow the edges, zoom keeps the point under
 * the pointer, and the SVG escapes the user's strings and shows `?` for unknown counts.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../../support/paths';
import type { GraphLayout } from '../../../webview/graphLayout';
import { LINE_HEIGHT, layoutGraph, nodeLines } from '../../../webview/graphLayout';
import { visibleGraph } from '../../../webview/graphGroups';
import { GraphNavigator } from '../../../webview/graphNavigation';
import { graphToSvg } from '../../../webview/graphSvg';
import { fitTransform, zoomAt } from '../../../webview/graphViewport';
import { buildGraphView } from '../../../src/panel/graphModel';
import { resnetLikeReport, smallResidualReport } from '../../support/graphFixtures';

const smallLayout = (collapsed: string[] = []): GraphLayout => layoutGraph(visibleGraph(buildGraphView(smallResidualReport()).nodes, new Set(collapsed)));
const placed = (layout: GraphLayout, id: string) => {
  const node = layout.nodes.find((candidate) => candidate.node.id === id);
  assert.ok(node, id);
  return node;
};
const colours = { background: '#fff', foreground: '#000', nodeBackground: '#eee', border: '#888', edge: '#444', muted: '#666', fontFamily: 'monospace' };

describe('graph view layout', () => {
  it('every edge goes down the page and every node lies inside its group boxes', () => {
    const layout = smallLayout();
    for (const edge of layout.edges) assert.ok(placed(layout, edge.from).y < placed(layout, edge.to).y, `${edge.from} -> ${edge.to}`);
    for (const node of layout.nodes) {
      for (let path = node.node.parent; path; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : undefined) {
        const box = layout.boxes.find((candidate) => candidate.path === path);
        assert.ok(
          box && box.x <= node.x && box.y <= node.y && box.x + box.width >= node.x + node.width && box.y + box.height >= node.y + node.height,
          `${node.node.id} in ${path}`,
        );
      }
    }
    assert.ok(layout.width > 0 && layout.height > 0);
  });

  it('lays out the 1,000-node graph on a worker-sized stack (no recursion per node of depth)', function () {
    this.timeout(60_000);
    // A child node with a small stack, as a webview's worker has: dagre's own ranking and ordering recurse and overflowed it.
    const script = `const { thousandNodeReport } = require('./test/support/graphFixtures'); const { buildGraphView } = require('./src/panel/graphModel');
      const { visibleGraph } = require('./webview/graphGroups'); const { layoutGraph } = require('./webview/graphLayout');
      const layout = layoutGraph(visibleGraph(buildGraphView(thousandNodeReport()).nodes, new Set())); process.stdout.write(String(layout.nodes.length));`;
    const output = execFileSync(process.execPath, ['--stack-size=120', '--require', 'tsx/cjs', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(output, '1006');
  });

  it('no group title sits on a node: each box opens with room for the titles above its first node', () => {
    for (const layout of [smallLayout(), layoutGraph(visibleGraph(buildGraphView(resnetLikeReport([2, 2])).nodes, new Set()))]) {
      for (const box of layout.boxes) {
        const title = { top: box.y, bottom: box.y + LINE_HEIGHT, left: box.x, right: box.x + box.width };
        const covered = layout.nodes.filter((node) => node.y < title.bottom && node.y + node.height > title.top && node.x < title.right && node.x + node.width > title.left);
        assert.deepEqual(
          covered.map((node) => node.node.id),
          [],
          `title of ${box.path}`,
        );
      }
    }
  });

  it('a node shows its name, kind, shape and params; unknown params are ?, ops show no params', () => {
    const layout = smallLayout();
    assert.deepEqual(placed(layout, 'conv1').lines, ['conv1', 'Conv2d', '[1, 64, 8, 8] · 9.41 K params']);
    assert.deepEqual(placed(layout, 'layer1.1.conv1').lines, ['layer1.1.conv1', 'Conv2d', '[1, 64, 8, 8] · ? params']);
    assert.deepEqual(placed(layout, 'add:1').lines, ['add:1', 'add', '[1, 64, 8, 8]']);
    assert.deepEqual(nodeLines(placed(smallLayout(['layer1']), 'group:layer1').node), ['layer1 ▸', '7 nodes', '[1, 64, 8, 8] · ? params']);
  });

  it('arrow keys follow edges (Down to a reader, Up to an input), Left/Right stay in the layer', () => {
    const layout = smallLayout();
    const navigator = new GraphNavigator(layout);
    assert.equal(navigator.move('input', 'ArrowDown'), 'conv1');
    assert.equal(navigator.move('conv1', 'ArrowUp'), 'input');
    assert.equal(navigator.move('input', 'ArrowUp'), undefined);
    // The split has two readers side by side; Right goes from one to the other and back with Left.
    const down = navigator.move('split:4', 'ArrowDown');
    assert.ok(down === 'branch.conv_a' || down === 'branch.conv_b');
    const other = down === 'branch.conv_a' ? 'branch.conv_b' : 'branch.conv_a';
    const side = placed(layout, other).x > placed(layout, down).x ? 'ArrowRight' : 'ArrowLeft';
    assert.equal(navigator.move(down, side), other);
    assert.equal(navigator.move(other, side === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight'), down);
    // The add reads two nodes: Up goes to one of them.
    assert.ok(['layer1.0.conv2', 'relu'].includes(navigator.move('add:1', 'ArrowUp') ?? ''));
    assert.equal(navigator.move('cat:5', 'Home'), 'input');
    assert.equal(navigator.move('input', 'End'), 'fc');
    // Walking Down from the input reaches the output.
    const seen = ['input'];
    for (let id: string | undefined = 'input'; id !== undefined && seen.length < 50;) {
      id = navigator.move(id, 'ArrowDown');
      if (id) seen.push(id);
    }
    assert.equal(seen[seen.length - 1], 'fc');
  });

  it('zoom keeps the graph point under the pointer; fit centres the graph and never enlarges past 1:1', () => {
    const zoomed = zoomAt({ x: 10, y: 20, scale: 1 }, 2, 110, 120);
    assert.deepEqual(zoomed, { x: -90, y: -80, scale: 2 });
    assert.equal((110 - zoomed.x) / zoomed.scale, 100);
    assert.deepEqual(fitTransform(200, 100, 400, 400), { x: 100, y: 150, scale: 1 });
    assert.deepEqual(fitTransform(800, 400, 400, 400), { x: 0, y: 100, scale: 0.5 });
  });

  it('the SVG escapes strings from the file and has one focusable node per visible node', () => {
    const layout = smallLayout();
    const hostile = { ...layout, nodes: layout.nodes.map((node) => (node.node.id === 'fc' ? { ...node, lines: ['<script>&"x"</script>', 'Linear'] } : node)) };
    const svg = graphToSvg(hostile);
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&#60;script&#62;&#38;&#34;x&#34;&#60;/script&#62;'));
    assert.equal(svg.match(/class="gnode /g)?.length, layout.nodes.length);
    assert.equal(svg.match(/tabindex="-1" role="button"/g)?.length, layout.nodes.length + layout.boxes.length);
    assert.equal(svg.match(/marker-end="url\(#arrow\)"/g)?.length, layout.edges.length);
    assert.match(svg, /aria-label="layer1\.1\.conv1, Conv2d, \[1, 64, 8, 8\] · \? params"/);
    assert.match(svg, /<g class="viewport">/);
  });

  it('the exported SVG is standalone: its own size and colours, no focus attributes, no way out of its stylesheet', () => {
    const svg = graphToSvg(smallLayout(), { ...colours, background: 'red}</style><script>x</script>' });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="graph-svg" width="\d+(\.\d)?" height="\d+(\.\d)?" viewBox=/);
    assert.ok(!svg.includes('tabindex'));
    assert.ok(!svg.includes('<script>'));
    assert.equal(svg.match(/<\/style>/g)?.length, 1);
    assert.match(svg, /\.edges path\{fill:none;stroke:#444\}/);
  });
});
