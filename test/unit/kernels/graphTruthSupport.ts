/**
 * Runs the analysed dataflow graph of a channels-last fixture model (Keras, TF.js) with the
 * weights the framework gave it, and compares each layer node's output with the
 * framework's own, recorded by tools/golden/keras_graph_truth.py or tfjs_graph_truth.mjs.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { runGraph } from '../../../src/engine/kernels/runGraph';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import type { FileAnalysis, ModelReport } from '../../../src/engine/report';
import { matchWeights } from '../../../src/engine/weights/matchWeights';
import { graphWeightLayers } from '../../../src/engine/weights/kerasWeights';
import { readSafetensors, sizeSafetensors } from '../../../src/engine/weights/safetensors';
import { compareTensors, tolerance } from './goldenFixtures';

export interface LayerComparison {
  readonly id: string;
  readonly maxError: number;
  readonly bound: number;
}

/** Every layer node's error against the framework's output of the layer of the same name. */
export async function compareGraphWithTruth(analysis: FileAnalysis, model: ModelReport, weightsFile: string, activationsFile: string): Promise<LayerComparison[]> {
  const graph = model.graph;
  assert.ok(graph, `${model.name} has no graph`);
  const weights = matchWeights(graphWeightLayers(graph, model, analysis.models), sizeSafetensors(new Uint8Array(readFileSync(weightsFile))));
  assert.deepEqual(weights.missing, [], 'every weight the model needs is in the file');
  assert.deepEqual(weights.unused, [], 'every weight of the file is used');
  assert.deepEqual(weights.mismatched, []);
  const truth = readSafetensors(new Uint8Array(readFileSync(activationsFile)));
  const input = truth.get('input')!;
  const result = await runGraph(graph, [input], weights.weightsByPath);
  return graph.nodes
    .filter((node) => node.origin === 'layer')
    .map((node) => {
      const expected: Tensor | undefined = truth.get(node.id);
      assert.ok(expected, `the framework recorded no output for ${node.id}`);
      const actual = result.outputs.get(node.id)?.[0];
      assert.ok(actual, `${node.id} did not run: ${result.stopped.get(node.id)}`);
      assert.deepEqual(actual.shape, expected.shape, `${node.id} shape`);
      const { maxError, scale } = compareTensors(actual, expected);
      return { id: node.id, maxError, bound: tolerance(scale) };
    });
}
