/**
 * Pooling with TensorFlow semantics: MaxPooling/AveragePooling 1D-3D (strides default to
 * the pool size, 'same' = ceil(in/s)) and the global poolings (`keepdims` keeps 1-sized axes).
 */
import type { Shape } from '../types';
import type { TfLayer } from './layerModel';
import { boolArg, channelAxis, channelsFirstArg, convOutputLength, issue, leadingPad, paddingArg, rankMismatch, spatialAxes, tfjsEmptyOutput, tupleArg } from './layerModel';
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
  const axes = spatialAxes(input.length, channelsFirst);
  if (info.global) {
    const channels = input[channelAxis(input.length, channelsFirst)];
    const keepdims = boolArg(layer.args, 'keepdims', false);
    let output: number[];
    if (!keepdims) output = [input[0], channels];
    else output = channelsFirst ? [input[0], channels, ...axes.map(() => 1)] : [input[0], ...axes.map(() => 1), channels];
    return { output, steps: null, issues: [] };
  }
  const poolSize = tupleArg(layer.args, 'pool_size', info.rank);
  const strides = layer.args.strides === null || layer.args.strides === undefined ? poolSize : tupleArg(layer.args, 'strides', info.rank);
  const padding = paddingArg(layer.args, layer.dialect);
  const output = [...input];
  const steps = axes.map((axis, i) => {
    output[axis] = convOutputLength(input[axis], poolSize[i], padding, strides[i], 1);
    return { kernel: poolSize[i], dilation: 1, stride: strides[i], padding: leadingPad(input[axis], poolSize[i], padding, strides[i], 1) };
  });
  const explanation = `Computed output size would be negative: pool_size ${poolSize.join('x')} does not fit in the input with padding '${padding}' (output ${axes.map((a) => output[a]).join('x')}).`;
  const issues = !axes.some((a) => output[a] <= 0) ? []
    : [layer.dialect === 'keras' ? issue('error', 'tf.negative-output', explanation) : tfjsEmptyOutput(output, explanation)];
  return { output, steps, issues };
}
