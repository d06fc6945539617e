/**
 * A PyTorch model's report from its run: the layer records, and the totals of parameters
 * (leaf layers, pass-through layers with known weights, and the user's own `nn.Parameter`
 * attributes) and MACs, with whether every count is exact.
 */
import type { LayerRecord, ModelReport } from '../../../engine/report';
import type { Shape } from '../../../engine/types';
import type { PyLayer, PyTensor, Value } from '../core/values';
import { isObject, isTensor, moduleChildren } from '../core/values';
import type { ModelCandidate } from './modelDiscovery';
import { layerCounts } from './modules';
import { modelTotals } from '../../../engine/modelTotals';

/** `nn.Parameter` attributes of the user's modules in the tree (ConvNeXt's layer scale, ...). */
export function ownParametersOf(root: Value): PyTensor[] {
  const found: PyTensor[] = [];
  const seen = new Set<object>();
  const visit = (module: Value): void => {
    if (!isObject(module) || seen.has(module)) return;
    seen.add(module);
    if (module.kind === 'instance') {
      for (const value of module.attrs.values())
        if (isTensor(value) && value.parameter && !seen.has(value)) {
          seen.add(value);
          found.push(value);
        }
    }
    for (const [, child] of moduleChildren(module)) visit(child);
  };
  visit(root);
  return found;
}

/** The model's report: its records and totals (parameters once per layer object, MACs over every call). */
export function buildModelReport(
  candidate: ModelCandidate,
  input: Shape | null,
  inputSource: string,
  output: Shape | null,
  records: readonly LayerRecord[],
  leaves: readonly PyLayer[],
  ownParameters: readonly PyTensor[],
): ModelReport {
  let totalParams = 0;
  let trainableParams = 0;
  let approximate = false;
  // What could not be counted is counted apart, never added as 0.
  let unknownParamLayers = 0;
  for (const leaf of leaves) {
    if (leaf.layer) {
      const counts = layerCounts(leaf.layer);
      if (counts.total.unknown) {
        unknownParamLayers += 1;
        continue;
      }
      totalParams += counts.total.value;
      trainableParams += counts.trainable.value;
      approximate ||= !counts.total.exact;
    } else if (leaf.passThrough) {
      const params = leaf.passThrough.params.reduce((sum, tensor) => sum + tensor.shape.reduce((x, y) => x * y, 1), 0);
      totalParams += params;
      trainableParams += params;
    } else {
      unknownParamLayers += 1;
    }
  }
  for (const tensor of ownParameters) {
    if (!tensor.shape) {
      unknownParamLayers += 1;
      continue;
    }
    const size = tensor.shape.reduce((x, y) => x * y, 1);
    totalParams += size;
    if (tensor.parameter?.trainable) trainableParams += size;
  }
  const macs = modelTotals(records);
  approximate ||= macs.approximateCounts === true || !Number.isSafeInteger(totalParams);
  // With no input, what has weights and no call reached has MACs nobody can count: a layer never called, or a
  // module computing with its own parameters (a batch norm on a private base class) with no layer call recorded.
  const called = input === null ? new Set(records.map((record) => record.layerId)) : null;
  const uncalled = called ? leaves.filter((leaf) => leaf.layer && leaf.layer.params.length > 0 && !called.has(leaf.moduleId)).length : 0;
  const ownUncalled = called && records.length === 0 && ownParameters.length > 0 ? 1 : 0;
  const unknownMacLayers = (macs.unknownMacLayers ?? 0) + uncalled + ownUncalled;
  const exactCounts = !approximate && unknownParamLayers === 0 && unknownMacLayers === 0;
  const counts = { totalParams, trainableParams, totalMacs: macs.totalMacs, exactCounts, unknownParamLayers, unknownMacLayers, approximateCounts: approximate };
  return { name: candidate.name, range: candidate.node.range, input, inputSource, output, ...counts, layers: records };
}
