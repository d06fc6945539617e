/**
 * Module groups of the graph view: which module every node runs in, what collapsing a group
 * leaves (one node, summed parameters, edges redirected, none to itself) and which groups a
 * big model opens with collapsed.
 */
import * as assert from 'node:assert/strict';
import { COLLAPSE_ABOVE_NODES, initialCollapsed, moduleGroups, moduleOf, visibleGraph } from '../../../webview/graphGroups';
import { buildGraphView } from '../../../src/panel/graphModel';
import { resnetLikeReport, smallResidualReport } from '../../support/graphFixtures';

const small = () => buildGraphView(smallResidualReport()).nodes;

describe('graph view groups', () => {
  it('a layer is in its path parent; an op in the module of its newest input and the next layer call', () => {
    const modules = moduleOf(small());
    assert.equal(modules.get('layer1.0.conv1'), 'layer1.0');
    assert.equal(modules.get('layer1.0.relu#2'), 'layer1.0');
    // The block's add: its newest input is layer1.0.conv2, the next layer call layer1.0.relu#2.
    assert.equal(modules.get('add:1'), 'layer1.0');
    // The flatten between avgpool and fc is at the top level.
    assert.equal(modules.get('flatten:6'), '');
    assert.equal(modules.get('input'), '');
  });

  it('groups are module paths with at least two nodes', () => {
    assert.deepEqual(Object.fromEntries(moduleGroups(small())), { layer1: 7, 'layer1.0': 6, branch: 2 });
  });

  it('nothing collapsed: every node visible, boxes around the groups, edges as in the graph', () => {
    const graph = visibleGraph(small(), new Set());
    assert.equal(graph.nodes.length, small().length);
    assert.deepEqual(graph.boxes, [{ path: 'branch' }, { path: 'layer1' }, { path: 'layer1.0', parent: 'layer1' }]);
    assert.ok(graph.edges.some(([from, to]) => from === 'relu' && to === 'add:1'));
    assert.equal(graph.nodes.find((node) => node.id === 'add:1')?.parent, 'layer1.0');
  });

  it('a collapsed group is one node with its size, last shape and summed params; edges go to it, never to itself', () => {
    const graph = visibleGraph(small(), new Set(['branch']));
    const group = graph.nodes.find((node) => node.id === 'group:branch');
    assert.deepEqual(group && { label: group.label, kind: group.kind, params: group.params, shape: group.shape, size: group.group?.size }, {
      label: 'branch ▸',
      kind: '2 nodes',
      params: 9248 * 2,
      shape: '[1, 32, 8, 8]',
      size: 2,
    });
    assert.ok(!graph.nodes.some((node) => node.id === 'branch.conv_a'));
    assert.deepEqual(
      graph.edges.filter(([from, to]) => from === 'group:branch' || to === 'group:branch'),
      [
        ['split:4', 'group:branch'],
        ['group:branch', 'cat:5'],
      ],
    );
    assert.equal(graph.idOf.get('branch.conv_b'), 'group:branch');
  });

  it("a shared layer's later call adds no parameters to its group's sum", () => {
    const nodes = small().map((node) => (node.id.startsWith('layer1.0.relu') ? { ...node, params: 5 } : node));
    const group = visibleGraph(nodes, new Set(['layer1.0'])).nodes.find((node) => node.id === 'group:layer1.0');
    assert.equal(group?.params, 36864 + 128 + 5 + 36864);
  });

  it('a group with a layer of unknown params sums to unknown, never to a number', () => {
    const graph = visibleGraph(small(), new Set(['layer1']));
    assert.equal(graph.nodes.find((node) => node.id === 'group:layer1')?.params, null);
    assert.equal(graph.nodes.find((node) => node.id === 'group:layer1')?.group?.size, 7);
  });

  it('an outer collapsed group hides inner ones; an expanded outer box holds a collapsed inner group', () => {
    const outer = visibleGraph(small(), new Set(['layer1', 'layer1.0']));
    assert.ok(outer.nodes.some((node) => node.id === 'group:layer1'));
    assert.ok(!outer.nodes.some((node) => node.id === 'group:layer1.0'));
    const inner = visibleGraph(small(), new Set(['layer1.0']));
    assert.equal(inner.nodes.find((node) => node.id === 'group:layer1.0')?.parent, 'layer1');
    assert.deepEqual(
      inner.boxes.map((box) => box.path),
      ['branch', 'layer1'],
    );
  });

  it(`a graph over ${COLLAPSE_ABOVE_NODES} nodes (ResNet-50) opens with its top-level groups collapsed`, () => {
    const nodes = buildGraphView(resnetLikeReport()).nodes;
    assert.ok(nodes.length > 170);
    const collapsed = initialCollapsed(nodes);
    assert.deepEqual([...collapsed].sort(), ['layer1', 'layer2', 'layer3', 'layer4']);
    const graph = visibleGraph(nodes, collapsed);
    assert.deepEqual(
      graph.nodes.map((node) => node.id),
      ['input', 'conv1', 'bn1', 'relu', 'maxpool', 'group:layer1', 'group:layer2', 'group:layer3', 'group:layer4', 'avgpool', 'flatten:17', 'fc'],
    );
    // Shared ReLU calls count their parameters once: the ResNet's stage sums equal the records' sums.
    const records = resnetLikeReport().layers.filter((record) => record.path.startsWith('layer1.'));
    const own = records.filter((record, i) => records.findIndex((other) => other.path === record.path) === i).reduce((sum, record) => sum + record.params, 0);
    assert.equal(graph.nodes.find((node) => node.id === 'group:layer1')?.params, own);
    assert.deepEqual(initialCollapsed(small()), new Set());
  });
});
