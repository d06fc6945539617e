/**
 * `analyze --json` prints each PyTorch model's dataflow graph: node ids, kinds, edges and
 * shapes as the analysis has them, lines 1-based like the rest of the contract, and layer
 * nodes pointing at their entry in `layers`.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { toJsonReport } from '../../../src/analysis/jsonReport';

const file = path.join(__dirname, '..', '..', 'fixtures', 'torch', 'graphs', 'se_block.py');

describe('analyze --json: the graph of a model', () => {
  it('lists every node with its inputs, output shape, 1-based lines and record index', async () => {
    const source = readFileSync(file, 'utf8');
    const report = toJsonReport('se_block.py', await analyzeSource(source, 'python'));
    const model = report.models[0];
    const graph = model.graph!;
    assert.equal(graph.layout, 'channels-first');
    assert.deepEqual(
      graph.nodes.map((node) => `${node.id} ${node.kind} <- ${node.inputs.map((input) => input.node).join(',')}`),
      [
        'input input <- ',
        'conv Conv2d <- input',
        'mean:1 mean <- conv',
        'fc1 Conv2d <- mean:1',
        'relu:1 ReLU <- fc1',
        'fc2 Conv2d <- relu:1',
        'sigmoid:1 Sigmoid <- fc2',
        'mul:1 mul <- conv,sigmoid:1',
      ],
    );
    const lines = source.split('\n');
    const multiply = graph.nodes.find((node) => node.id === 'mul:1')!;
    assert.match(lines[multiply.line! - 1], /return x \* scale/);
    assert.deepEqual(multiply.output, [1, 16, 12, 12]);
    assert.deepEqual(graph.nodes.find((node) => node.id === 'mean:1')!.args, { dim: [2, 3], keepdim: true });
    for (const node of graph.nodes.filter((candidate) => candidate.origin === 'layer')) assert.equal(model.layers[node.recordIndex!].path, node.id);
    assert.deepEqual(graph.outputs, [{ node: 'mul:1' }]);
  });
});
