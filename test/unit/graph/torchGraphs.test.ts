/**
 * The dataflow graph the Python front end builds for a PyTorch model matches torch.fx's
 * trace of the same model (tools/golden/torch_graphs.py): the same nodes in the same order
 * (layer calls by path, functional twins by class, ops by kind), the same edges and the
 * same output shapes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import type { ModelGraph } from '../../../src/engine/graph/modelGraph';
import { nodeSourceFiles, systemDistPackages } from '../../support/realCorpus';

interface TruthNode {
  readonly id: string;
  readonly kind: string;
  readonly inputs: readonly [number, number][];
  readonly shapes: readonly (readonly number[])[];
}
interface TruthGraph {
  readonly source: string;
  readonly nodes: readonly TruthNode[];
  readonly outputs: readonly [number, number][];
}

const folder = path.join(__dirname, '..', '..', 'fixtures', 'torch', 'graphs');
const truths = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as TruthGraph);

export async function graphOf(source: string): Promise<ModelGraph> {
  const filePath = path.join(folder, source);
  const analysis = await analyzeSource(readFileSync(filePath, 'utf8'), 'python', {
    timeBudgetMs: 20000,
    imports: { filePath, files: nodeSourceFiles, pythonSearchPaths: [systemDistPackages] },
  });
  assert.equal(analysis.models.length, 1, `${source}: one model`);
  const graph = analysis.models[0].graph;
  assert.ok(graph, `${source}: the model has a graph`);
  return graph;
}

/** Our graph in the truth's terms: edges by position. */
function asTruth(graph: ModelGraph): { nodes: TruthNode[]; outputs: [number, number][] } {
  const position = new Map(graph.nodes.map((node, index) => [node.id, index]));
  const edge = (input: { node: string; output?: number }): [number, number] => [position.get(input.node)!, input.output ?? 0];
  return {
    nodes: graph.nodes.map((node) => ({
      kind: node.kind,
      id: node.id,
      inputs: node.inputs.map(edge),
      shapes: (node.outputs ?? [node.output]).map((shape) => shape ?? []),
    })),
    outputs: graph.outputs.map(edge),
  };
}

describe('PyTorch dataflow graphs match torch.fx', function () {
  this.timeout(60000);
  it('has a traced fixture for every model source', () => {
    const sources = readdirSync(folder).filter((file) => file.endsWith('.py'));
    assert.deepEqual(truths.map((truth) => truth.source).sort(), sources.sort());
  });

  for (const truth of truths) {
    it(`${truth.source}: same nodes, edges and shapes as torch.fx`, async () => {
      const ours = asTruth(await graphOf(truth.source));
      const describe = (nodes: readonly TruthNode[]): string[] => nodes.map((node, index) => `${index} ${node.id} <- ${JSON.stringify(node.inputs)}`);
      assert.deepEqual(describe(ours.nodes), describe(truth.nodes), 'node sequence and edges');
      assert.deepEqual(
        ours.nodes,
        truth.nodes.map((node) => ({ ...node })),
        'kinds and shapes',
      );
      assert.deepEqual(ours.outputs, truth.outputs, 'what forward returns');
    });
  }
});
