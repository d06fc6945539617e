/**
 * Keras' convolutional LSTMs (ConvLSTM1D/2D/3D): a sequence of frames, `(batch, time,
 * *spatial, channels)` channels-last, where every gate is a convolution. The spatial sizes
 * follow the conv formula of the input convolution (the recurrent one is always 'same');
 * `return_sequences` keeps the time axis. Weights: the input kernel `(*k, in, 4*filters)`,
 * the recurrent kernel `(*k, filters, 4*filters)` and the bias `(4*filters)`.
 */
import type { ParamTensor, Shape } from '../types';
import { multiplyCounts } from '../exactCount';
import type { TfLayer } from './layerModel';
import { ArgProblem, boolArgOrDefault, channelsFirstArg, convOutputLength, issue, paddingArg, rankMismatch, requiredIntArg, requiredTupleArg } from './layerModel';
import type { FamilyResult } from './familyResult';
import { kerasNegativeOutput } from './convLayers';

/** The spatial rank of a ConvLSTM class (`ConvLSTM2D` -> 2), or undefined for other classes. */
export function convLstmRank(kind: string): number | undefined {
  const match = /^ConvLSTM([123])D$/.exec(kind);
  return match ? Number(match[1]) : undefined;
}

/** Applies a ConvLSTM layer to a `(batch, time, ...)` input; builds its weights from the input's channels. */
export function applyConvLstm(layer: TfLayer, input: Shape): FamilyResult {
  const rank = convLstmRank(layer.kind);
  if (rank === undefined) throw new Error(`not a ConvLSTM kind: ${layer.kind}`);
  if (input.length !== rank + 3) return { output: null, steps: null, issues: [rankMismatch(layer, rank + 3, input)] };
  if (boolArgOrDefault(layer.args, 'return_state', false)) {
    throw new ArgProblem(issue('info', 'tf.unsupported', `Conv Inspector does not follow the states ${layer.kind} returns (return_state=True)`, 'return_state'));
  }
  const channelsFirst = channelsFirstArg(layer.args);
  const frame = input.slice(2);
  const inChannels = channelsFirst ? frame[0] : frame[rank];
  const inSpatial = channelsFirst ? frame.slice(1) : frame.slice(0, rank);
  const filters = requiredIntArg(layer.args, 'filters');
  const kernel = requiredTupleArg(layer.args, 'kernel_size', rank);
  const strides = requiredTupleArg(layer.args, 'strides', rank);
  const dilation = requiredTupleArg(layer.args, 'dilation_rate', rank);
  const padding = paddingArg(layer.args, layer.dialect);
  const outSpatial = inSpatial.map((n, i) => convOutputLength(n, kernel[i], padding, strides[i], dilation[i]));
  if (layer.dialect === 'keras' && outSpatial.some((n) => n <= 0)) {
    // Each gate's convolution runs on one frame, with its own share of the kernel.
    const issue = kerasNegativeOutput([input[0], ...frame], [...kernel, inChannels, filters], dilation, strides, padding);
    return { output: null, steps: null, issues: [issue] };
  }
  const outFrame = channelsFirst ? [filters, ...outSpatial] : [...outSpatial, filters];
  const sequences = boolArgOrDefault(layer.args, 'return_sequences', false);
  const output = sequences ? [input[0], input[1], ...outFrame] : [input[0], ...outFrame];
  const gates = 4 * filters;
  const paramTensors: ParamTensor[] = [
    { name: 'kernel', shape: [...kernel, inChannels, gates], trainable: true },
    { name: 'recurrent_kernel', shape: [...kernel, filters, gates], trainable: true },
  ];
  if (boolArgOrDefault(layer.args, 'use_bias', true)) paramTensors.push({ name: 'bias', shape: [gates], trainable: true });
  const taps = kernel.reduce((a, b) => a * b, 1);
  const positions = outSpatial.reduce((a, b) => a * b, 1);
  // Per time step, both convolutions on the output grid: the input's and the recurrent state's.
  const macs = multiplyCounts(input[0], input[1], positions, gates, taps, inChannels + filters);
  // The recurrence mixes every earlier frame: the spatial receptive field is not followed.
  return { output, macs, steps: null, issues: [], paramTensors, builtAxis: channelsFirst ? 2 : input.length - 1 };
}
