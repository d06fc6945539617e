/**
 * The graph derived from a model's records when the front end built none: the input, then
 * the records chained, shared layers numbered as the graph contract names them.
 */
import * as assert from 'node:assert/strict';
import { UNRECORDED_INPUT_NOTE, graphFromRecords, modelGraphOf } from '../../../src/analysis/graphFromRecords';
import { layerOnLine, modelReport } from '../../support/records';
import { smallResidualReport } from '../../support/graphFixtures';

const chainReport = () =>
  modelReport(
    'Net',
    [
      layerOnLine('conv', 'Conv2d', {}, [1, 3, 8, 8], [1, 4, 8, 8], { line: 2, layerId: 1 }),
      layerOnLine('act', 'ReLU', {}, [1, 4, 8, 8], [1, 4, 8, 8], { line: 3, layerId: 2 }),
      layerOnLine('conv', 'Conv2d', {}, [1, 4, 8, 8], null as unknown as number[], { line: 2, layerId: 1, inputFromPrevious: false }),
    ],
    undefined,
    { input: [1, 3, 8, 8] },
  );

describe('graphFromRecords', () => {
  it('chains the input and every record in order, each node reading the one before', () => {
    const graph = graphFromRecords(chainReport());
    assert.deepEqual(
      graph.nodes.map((node) => [node.id, node.kind, node.inputs.map((input) => input.node), node.recordIndex]),
      [
        ['input', 'input', [], undefined],
        ['conv', 'Conv2d', ['input'], 0],
        ['act', 'ReLU', ['conv'], 1],
        ['conv#2', 'Conv2d', ['act'], 2],
      ],
    );
    assert.deepEqual(graph.outputs, [{ node: 'conv#2' }]);
    assert.deepEqual(graph.nodes[0].output, [1, 3, 8, 8]);
  });

  it('keeps unknown outputs unknown and notes an input that went through unrecorded code', () => {
    const graph = graphFromRecords(chainReport());
    assert.equal(graph.nodes[3].output, null);
    assert.equal(graph.nodes[3].note, UNRECORDED_INPUT_NOTE);
    assert.equal(graph.nodes[1].note, undefined);
    assert.deepEqual(graph.nodes[2].range, chainReport().layers[1].range);
  });

  it('a model without records has only its input and no outputs', () => {
    const graph = graphFromRecords(modelReport('Empty', []));
    assert.deepEqual(
      graph.nodes.map((node) => node.id),
      ['input'],
    );
    assert.deepEqual(graph.outputs, []);
  });

  it('modelGraphOf prefers the front end graph and falls back to the chain', () => {
    const withGraph = smallResidualReport();
    assert.equal(modelGraphOf(withGraph), withGraph.graph);
    assert.equal(modelGraphOf(chainReport()).nodes.length, 4);
  });
});
