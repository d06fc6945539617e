/**
 * Pooling with TensorFlow semantics: MaxPooling/AveragePooling 1D-3D (strides default to
 * the pool size, 'same' = ceil(in/s)) and the global poolings (`keepdims` keeps 1-sized axes).
 */
import type { EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import {
  boolArgOrDefault,
  channelAxis,
  channelsFirstArg,
  convOutputLength,
  issue,
  leadingPad,
  numpyArray,
  paddingArg,
  pyTuple,
  rankMismatch,
  tfSpatialAxes,
  requiredTupleArg,
} from './layerModel';
import type { FamilyResult } from './familyResult';

export function poolingRank(kind: string): { global: boolean; rank: number } | undefined {
  const m = /^(Global)?(Max|Average)Pooling([123])D$/.exec(kind);
  return m ? { global: m[1] !== undefined, rank: Number(m[3]) } : undefined;
}

export function applyPooling(layer: TfLayer, input: Shape): FamilyResult {
  const info = poolingRank(layer.kind);
  if (!info) throw new Error(`not a pooling kind: ${layer.kind}`);
  if (input.length !== info.rank + 2) {
    return { output: null, steps: null, issues: [rankMismatch(layer, info.rank + 2, input)] };
  }
  const channelsFirst = channelsFirstArg(layer.args);
  const axes = tfSpatialAxes(input.length, channelsFirst);
  if (info.global) {
    const channels = input[channelAxis(input.length, channelsFirst)];
    const keepdims = boolArgOrDefault(layer.args, 'keepdims', false);
    let output: number[];
    if (!keepdims) output = [input[0], channels];
    else output = channelsFirst ? [input[0], channels, ...axes.map(() => 1)] : [input[0], ...axes.map(() => 1), channels];
    return { output, steps: null, issues: [] };
  }
  const poolSize = requiredTupleArg(layer.args, 'pool_size', info.rank);
  const strides = layer.args.strides === null || layer.args.strides === undefined ? poolSize : requiredTupleArg(layer.args, 'strides', info.rank);
  const padding = paddingArg(layer.args, layer.dialect);
  const output = [...input];
  const steps = axes.map((axis, i) => {
    output[axis] = convOutputLength(input[axis], poolSize[i], padding, strides[i], 1);
    return { kernel: poolSize[i], dilation: 1, stride: strides[i], padding: leadingPad(input[axis], poolSize[i], padding, strides[i], 1) };
  });
  const explanation = `Computed output size would be negative: pool_size ${poolSize.join('x')} does not fit in the input with padding '${padding}' (output ${axes.map((a) => output[a]).join('x')}).`;
  let issues: EngineIssue[] = [];
  if (axes.some((a) => output[a] <= 0)) {
    if (layer.dialect === 'keras') {
      const received = `\`inputs.shape=${numpyArray(input.map((d, i) => (i === 0 ? null : d)))}\`, \`pool_size=${numpyArray(poolSize)}\`, \`strides=${pyTuple(strides)}\`, \`padding=${padding}\``;
      issues = [issue('error', 'tf.negative-output', `Computed output size would be zero or negative. Received: ${received}.`)];
    } else if (info.rank < 3 && axes.some((a) => output[a] < 0)) {
      // tfjs pools 1-D and 2-D inputs as NHWC (1-D with a width of 1) and rejects the negative size.
      const spatial = axes.map((a) => output[a]);
      const nhwc = [input[0], ...(info.rank === 1 ? [spatial[0], 1] : spatial), input[channelAxis(input.length, channelsFirst)]];
      issues = [issue('error', 'tf.empty-output', `Tensor must have a shape comprised of positive integers but got shape [${nhwc.join(',')}].`)];
    } else issues = [issue('warning', 'tf.empty-output', explanation)];
  }
  return { output, steps, issues };
}
