/**
 * The graph view's data as the host sends it: shapes formatted, parameters from the records
 * (unknown stays null, ops have none), inputs each once, the derived flag.
 */
import * as assert from 'node:assert/strict';
import { buildGraphView } from '../../../src/panel/graphModel';
import { smallResidualReport } from '../../support/graphFixtures';
import { sampleModel } from './sampleRecords';

describe('buildGraphView', () => {
  it('formats the front end graph: the add with its two inputs, the split with two outputs, unknown params as null', () => {
    const view = buildGraphView(smallResidualReport());
    const node = (id: string) => view.nodes.find((candidate) => candidate.id === id);
    assert.equal(view.fromRecords, false);
    assert.deepEqual(node('add:1'), { id: 'add:1', kind: 'add', shape: '[1, 64, 8, 8]', params: 0, inputs: ['layer1.0.conv2', 'relu'] });
    assert.equal(node('split:4')?.shape, '[1, 32, 8, 8] | [1, 32, 8, 8]');
    assert.deepEqual(node('cat:5')?.inputs, ['branch.conv_a', 'branch.conv_b']);
    assert.equal(node('layer1.1.conv1')?.params, null);
    assert.equal(node('conv1')?.params, 9408);
    assert.equal(node('conv1')?.index, 0);
  });

  it('an op reading one node twice lists it once', () => {
    const report = smallResidualReport();
    const graph = report.graph!;
    const doubled = { ...report, graph: { ...graph, nodes: graph.nodes.map((n) => (n.id === 'add:1' ? { ...n, inputs: [{ node: 'relu' }, { node: 'relu' }] } : n)) } };
    assert.deepEqual(buildGraphView(doubled).nodes.find((n) => n.id === 'add:1')?.inputs, ['relu']);
  });

  it('chains the records when the front end built no graph', () => {
    const model = sampleModel();
    const view = buildGraphView(model);
    assert.equal(view.fromRecords, true);
    assert.equal(view.nodes.length, model.layers.length + 1);
    assert.deepEqual(view.nodes[1].inputs, ['input']);
    assert.equal(view.nodes[1].params, 448);
  });
});
