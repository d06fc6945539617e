/**
 * Weights of Keras / TF.js layers: the tensors each layer owns are the ones the TF engine
 * built for its record (`kernel`, `bias`, `gamma`, `beta`, `moving_mean`,
 * `moving_variance`, `depthwise_kernel`, ...), with Keras's default initializers drawn
 * from a seeded generator keyed by the layer path: glorot_uniform kernels, zero biases
 * and betas, unit gammas, running statistics 0 / 1. A weight file names them
 * `<layer path>.<weight name>` (`conv2d.kernel`, `batch_normalization.moving_mean`).
 */
import type { ModelGraph } from '../graph/modelGraph';
import type { LayerWeights, Tensor } from '../kernels/tensor';
import type { ModelReport } from '../report';
import type { ParamTensor } from '../types';
import { seededUniform } from './defaultInit';
import type { WeightMatchLayer } from './matchWeights';

/** Tensor shapes by weight name. */
export function kerasTensorShapes(paramTensors: readonly ParamTensor[]): Record<string, number[]> {
  return Object.fromEntries(paramTensors.map((t) => [t.name, [...t.shape]]));
}

/** Other names a file may give a weight: Keras 3 calls DepthwiseConv2D's `depthwise_kernel` (Keras 2, TF.js) `kernel`. */
export function kerasWeightAliases(kind: string, name: string): string[] {
  return kind === 'DepthwiseConv2D' && name === 'depthwise_kernel' ? ['kernel'] : [];
}

/** FNV-1a of the weight's key, so that each tensor has its own stream. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Keras's glorot_uniform limit: sqrt(6 / (fan_in + fan_out)), with the kernel's receptive field in both fans. */
function glorotLimit(shape: readonly number[]): number {
  if (shape.length < 2) return Math.sqrt(6 / (2 * (shape[0] ?? 1)));
  const field = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return Math.sqrt(6 / (shape[shape.length - 2] * field + shape[shape.length - 1] * field));
}

/** The default weights of one Keras / TF.js layer, deterministic for a given `path` and `seed`. */
export function defaultKerasLayerWeights(paramTensors: readonly ParamTensor[], path: string, seed = 0): LayerWeights {
  const out: Record<string, Tensor> = {};
  for (const { name, shape } of paramTensors) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (/kernel$/.test(name)) {
      const next = seededUniform(seedOf(`${seed}:${path}:${name}`));
      const limit = glorotLimit(shape);
      for (let i = 0; i < data.length; i++) data[i] = (next() * 2 - 1) * limit;
    } else if (name === 'gamma' || name === 'moving_variance') {
      data.fill(1);
    }
    out[name] = { shape: [...shape], data };
  }
  return out;
}

/**
 * The layers of a channels-last graph as the weight matcher takes them: one per layer node
 * (path = node id without `#n`), with the tensors of its record. A node inlined from a
 * model used as a layer (`encoder.conv2d`) takes the record of that layer in the file's
 * reports (Keras and TF.js layer names are unique in a file).
 */
export function graphWeightLayers(graph: ModelGraph, model: ModelReport, reports: readonly ModelReport[]): WeightMatchLayer[] {
  const layers: WeightMatchLayer[] = [];
  for (const node of graph.nodes) {
    if (node.origin !== 'layer') continue;
    const path = node.id.replace(/#\d+$/, '');
    const name = path.slice(path.lastIndexOf('.') + 1);
    const record =
      node.recordIndex === undefined ? reports.flatMap((report) => report.layers).find((layer) => layer.path === name && layer.kind === node.kind) : model.layers[node.recordIndex];
    layers.push({ path, kind: node.kind, args: node.args, paramTensors: record?.paramTensors ?? [] });
  }
  return layers;
}
