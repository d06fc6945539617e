/**
 * Residual add + activation fusion for graph runs: a same-shape `a + b` whose only reader
 * right after it is a ReLU / ReLU6 (the end of every ResNet block) is computed in one
 * pass that writes both maps, instead of a pass for the sum and another reading it back
 * for the activation. Both maps are kept, as every feature map is.
 */
import type { ModelGraph } from '../graph/modelGraph';
import type { EpilogueActivation } from './heavyKernels';
import { epilogueActivation } from './convFusion';
import type { Tensor } from './tensor';

/** The add nodes (by index) whose next node applies `activation` to their output alone. */
export function planAddActivations(graph: ModelGraph): Map<number, Exclude<EpilogueActivation, 'none'>> {
  const plan = new Map<number, Exclude<EpilogueActivation, 'none'>>();
  if (graph.layout !== 'channels-first') return plan;
  graph.nodes.forEach((node, index) => {
    const next = graph.nodes[index + 1];
    if (!next || node.kind !== 'add' || node.inputs.length !== 2 || (node.args.alpha ?? 1) !== 1) return;
    const activation = epilogueActivation(next.kind);
    const readsSum = next.inputs.length === 1 && next.inputs[0].node === node.id && (next.inputs[0].output ?? 0) === 0;
    if (activation && activation !== 'none' && readsSum) plan.set(index, activation);
  });
  return plan;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

/** True when the fused pass applies: both operands have the same shape (no broadcasting). */
export function canFuseAdd(a: Tensor, b: Tensor): boolean {
  return sameShape(a.shape, b.shape) && a.data.length === b.data.length;
}

/** `[a + b, activation(a + b)]` in one pass, with the rounding and NaN handling of the unfused kernels. */
export function addActivate(a: Tensor, b: Tensor, activation: Exclude<EpilogueActivation, 'none'>): [Tensor, Tensor] {
  const n = a.data.length;
  const sum = new Float32Array(n);
  const activated = new Float32Array(n);
  const x = a.data;
  const y = b.data;
  if (activation === 'relu') {
    for (let i = 0; i < n; i++) {
      // Rounded to float32 by the store, then read back, as the unfused ReLU reads the sum's map.
      sum[i] = x[i] + y[i];
      const s = sum[i];
      activated[i] = s > 0 ? s : 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      sum[i] = x[i] + y[i];
      activated[i] = Math.min(Math.max(sum[i], 0), 6);
    }
  }
  return [
    { shape: [...a.shape], data: sum },
    { shape: [...a.shape], data: activated },
  ];
}
