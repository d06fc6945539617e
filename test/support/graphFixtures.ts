/**
 * Hand-written dataflow graphs for the graph view's tests and benchmark: a small residual
 * network with a split and a cat, and a ResNet-shaped generator (ResNet-50's 176 nodes, or a
 * 1,000-node model from more blocks). They exercise layout, grouping and navigation, not the
 * analysis, so their shapes and counts only need to be consistent, not PyTorch's.
 */
import type { GraphNode, ModelGraph, NodeInput } from '../../src/engine/graph/modelGraph';
import type { LayerRecord, ModelReport } from '../../src/engine/report';
import type { Shape } from '../../src/engine/types';
import { layerOnLine, modelReport, range } from './records';

/** One node of a fixture: layer nodes (ids without a colon, except `input`) get a record. */
export interface NodeSpec {
  readonly id: string;
  readonly kind: string;
  readonly inputs: readonly (string | NodeInput)[];
  readonly output: Shape | null;
  readonly outputs?: readonly (Shape | null)[];
  /** A layer's parameters; null: unknown. */
  readonly params?: number | null;
}

/** A model report with a graph (nodes in the given order) and one record per layer node, each on its own line. */
export function reportWithGraph(name: string, specs: readonly NodeSpec[]): ModelReport {
  const layers: LayerRecord[] = [];
  const nodes = specs.map((spec, line): GraphNode => {
    const inputs = spec.inputs.map((input) => (typeof input === 'string' ? { node: input } : input));
    const base = { id: spec.id, kind: spec.kind, inputs, args: {}, output: spec.output, range: range(line, 4, line, 30), ...(spec.outputs ? { outputs: spec.outputs } : {}) };
    if (spec.id === 'input' || spec.id.startsWith('input:')) return { ...base, origin: 'input', range: null };
    if (spec.id.includes(':')) return { ...base, origin: spec.kind === spec.kind.toLowerCase() ? 'operator' : 'function' };
    const params = spec.params ?? 0;
    layers.push(
      layerOnLine(spec.id.replace(/#\d+$/, ''), spec.kind, {}, [1], spec.output ?? [1], {
        line,
        params: params ?? 0,
        trainableParams: params ?? 0,
        ...(spec.params === null ? { paramsUnknown: true } : {}),
      }),
    );
    return { ...base, origin: 'layer', recordIndex: layers.length - 1 };
  });
  const graph: ModelGraph = { layout: 'channels-first', nodes, outputs: [{ node: specs[specs.length - 1].id }] };
  return modelReport(name, layers, range(0, 0, specs.length, 0), { graph, input: specs[0].output });
}

/** Stem, two residual blocks (the second with `F.relu`), a split into two branches joined by `cat`, the head. */
export function smallResidualReport(): ModelReport {
  const map: Shape = [1, 64, 8, 8];
  const half: Shape = [1, 32, 8, 8];
  return reportWithGraph('SmallResNet', [
    { id: 'input', kind: 'input', inputs: [], output: [1, 3, 16, 16] },
    { id: 'conv1', kind: 'Conv2d', inputs: ['input'], output: map, params: 9408 },
    { id: 'bn1', kind: 'BatchNorm2d', inputs: ['conv1'], output: map, params: 128 },
    { id: 'relu', kind: 'ReLU', inputs: ['bn1'], output: map },
    { id: 'layer1.0.conv1', kind: 'Conv2d', inputs: ['relu'], output: map, params: 36864 },
    { id: 'layer1.0.bn1', kind: 'BatchNorm2d', inputs: ['layer1.0.conv1'], output: map, params: 128 },
    { id: 'layer1.0.relu', kind: 'ReLU', inputs: ['layer1.0.bn1'], output: map },
    { id: 'layer1.0.conv2', kind: 'Conv2d', inputs: ['layer1.0.relu'], output: map, params: 36864 },
    { id: 'add:1', kind: 'add', inputs: ['layer1.0.conv2', 'relu'], output: map },
    { id: 'layer1.0.relu#2', kind: 'ReLU', inputs: ['add:1'], output: map },
    { id: 'layer1.1.conv1', kind: 'Conv2d', inputs: ['layer1.0.relu#2'], output: map, params: null },
    { id: 'add:2', kind: 'add', inputs: ['layer1.1.conv1', 'layer1.0.relu#2'], output: map },
    { id: 'ReLU:3', kind: 'ReLU', inputs: ['add:2'], output: map },
    { id: 'split:4', kind: 'split', inputs: ['ReLU:3'], output: half, outputs: [half, half] },
    { id: 'branch.conv_a', kind: 'Conv2d', inputs: [{ node: 'split:4', output: 0 }], output: half, params: 9248 },
    { id: 'branch.conv_b', kind: 'Conv2d', inputs: [{ node: 'split:4', output: 1 }], output: half, params: 9248 },
    { id: 'cat:5', kind: 'cat', inputs: ['branch.conv_a', 'branch.conv_b'], output: map },
    { id: 'avgpool', kind: 'AdaptiveAvgPool2d', inputs: ['cat:5'], output: [1, 64, 1, 1] },
    { id: 'flatten:6', kind: 'reshape', inputs: ['avgpool'], output: [1, 64] },
    { id: 'fc', kind: 'Linear', inputs: ['flatten:6'], output: [1, 10], params: 650 },
  ]);
}

/**
 * A ResNet with bottleneck blocks: `[3, 4, 6, 3]` is ResNet-50's layout (176 nodes: stem,
 * 16 blocks of three convs, three batch norms, three calls of the block's ReLU and an `add`,
 * a downsample pair in each stage's first block, pool, flatten, fc).
 */
export function resnetLikeReport(blocks: readonly number[] = [3, 4, 6, 3]): ModelReport {
  const specs: NodeSpec[] = [
    { id: 'input', kind: 'input', inputs: [], output: [1, 3, 224, 224] },
    { id: 'conv1', kind: 'Conv2d', inputs: ['input'], output: [1, 64, 112, 112], params: 9408 },
    { id: 'bn1', kind: 'BatchNorm2d', inputs: ['conv1'], output: [1, 64, 112, 112], params: 128 },
    { id: 'relu', kind: 'ReLU', inputs: ['bn1'], output: [1, 64, 112, 112] },
    { id: 'maxpool', kind: 'MaxPool2d', inputs: ['relu'], output: [1, 64, 56, 56] },
  ];
  let previous = 'maxpool';
  let adds = 0;
  let channels = 64;
  let size = 56;
  blocks.forEach((count, stage) => {
    const width = 64 * 2 ** stage;
    for (let block = 0; block < count; block++) {
      if (block === 0 && stage > 0) size = Math.max(1, size / 2);
      const at = `layer${stage + 1}.${block}`;
      const out: Shape = [1, width * 4, size, size];
      const mid: Shape = [1, width, size, size];
      const chain = (id: string, kind: string, input: string, output: Shape, params = 0): string => {
        specs.push({ id: `${at}.${id}`, kind, inputs: [input], output, params });
        return `${at}.${id}`;
      };
      let x = chain('conv1', 'Conv2d', previous, mid, channels * width);
      x = chain('bn1', 'BatchNorm2d', x, mid, 2 * width);
      x = chain('relu', 'ReLU', x, mid);
      x = chain('conv2', 'Conv2d', x, mid, 9 * width * width);
      x = chain('bn2', 'BatchNorm2d', x, mid, 2 * width);
      x = chain('relu#2', 'ReLU', x, mid);
      x = chain('conv3', 'Conv2d', x, out, width * width * 4);
      x = chain('bn3', 'BatchNorm2d', x, out, 8 * width);
      let identity = previous;
      if (block === 0) {
        identity = chain('downsample.0', 'Conv2d', previous, out, channels * width * 4);
        identity = chain('downsample.1', 'BatchNorm2d', identity, out, 8 * width);
      }
      specs.push({ id: `add:${++adds}`, kind: 'add', inputs: [x, identity], output: out });
      previous = chain('relu#3', 'ReLU', `add:${adds}`, out);
      channels = width * 4;
    }
  });
  specs.push({ id: 'avgpool', kind: 'AdaptiveAvgPool2d', inputs: [previous], output: [1, channels, 1, 1] });
  specs.push({ id: `flatten:${++adds}`, kind: 'reshape', inputs: ['avgpool'], output: [1, channels] });
  specs.push({ id: 'fc', kind: 'Linear', inputs: [`flatten:${adds}`], output: [1, 1000], params: channels * 1000 + 1000 });
  return reportWithGraph('ResNetLike', specs);
}

/** About 1,000 nodes: a ResNet-like model with 99 bottleneck blocks. */
export const thousandNodeReport = (): ModelReport => resnetLikeReport([20, 30, 30, 19]);
