/**
 * Truth recorded from the real @tensorflow/tfjs (tools/golden/tfjs_truth.mjs,
 * tools/golden/tfjs_real_truth.mjs) and the one comparison the TF.js tests make with it:
 * every layer's name, class, output shape(s), params and trainable params, and the total.
 */
import { strict as assert } from 'node:assert';
import type { FileAnalysis, LayerRecord } from '../../src/engine/report';

type TruthShape = (number | null)[];

export interface TfjsTruthLayer {
  name: string;
  className: string;
  /** One shape, or one per output for a layer with several (a model used as a layer). */
  outputShape: TruthShape | TruthShape[];
  params: number;
  trainableParams: number;
}

export interface TfjsTruthModel {
  name: string;
  params: number;
  layers: TfjsTruthLayer[];
}

/** Asserts that the analysis has the model, with tfjs's layers and totals. */
export function assertModelMatches(analysis: FileAnalysis, model: TfjsTruthModel): void {
  const report = analysis.models.find((m) => m.name === model.name);
  assert.ok(report, `no model named ${model.name}; found ${analysis.models.map((m) => m.name).join(', ')}`);
  assert.deepEqual(report.layers.map((l) => l.path).sort(), model.layers.map((l) => l.name).sort(), 'layer names');
  for (const layer of model.layers) {
    const record: LayerRecord | undefined = report.layers.find((l) => l.path === layer.name);
    assert.ok(record, `no record for ${layer.name}`);
    assert.equal(record.kind, layer.className, `${layer.name} class`);
    const several = Array.isArray(layer.outputShape[0]);
    const output: unknown = several ? record.outputs?.map((shape) => shape?.slice(1)) : record.output?.slice(1);
    assert.deepEqual(output, layer.outputShape, `${layer.name} output shape`);
    assert.equal(record.params, layer.params, `${layer.name} params`);
    assert.equal(record.trainableParams, layer.trainableParams, `${layer.name} trainable params`);
  }
  assert.equal(report.totalParams, model.params, 'model.countParams()');
}
