/**
 * The convolution family with TensorFlow semantics: Conv1D/2D/3D, their transposes,
 * DepthwiseConv2D and SeparableConv1D/2D. Channels-last unless `data_format` says otherwise;
 * 'same' pads asymmetrically (extra after); weights are built from the first input's channels.
 */
import type { AxisStep, EngineIssue, ParamTensor, Shape } from '../types';
import { addCounts, multiplyCounts } from '../exactCount';
import { isUnknownValue } from '../types';
import type { TfLayer } from './layerModel';
import {
  boolArgOrDefault,
  channelAxis,
  channelsFirstArg,
  convOutputLength,
  tfShapeText,
  requiredIntArg,
  issue,
  leadingPad,
  paddingArg,
  numpyArray,
  pyTuple,
  rankMismatch,
  tfSpatialAxes,
  tfjsEmptyOutput,
  requiredTupleArg,
} from './layerModel';
import type { FamilyResult } from './familyResult';
import { kerasConvRankIssue, kerasGroupsIssue } from './kerasConvRank';

type ConvVariant = 'conv' | 'transpose' | 'depthwise' | 'separable';

/** A conv class's variant and number of spatial axes, or undefined for other classes. */
export function tfConvVariant(kind: string): { variant: ConvVariant; rank: number } | undefined {
  const m = /^(Conv|SeparableConv|DepthwiseConv)([123])D(Transpose)?$/.exec(kind);
  if (!m) return undefined;
  const rank = Number(m[2]);
  if (m[3]) return { variant: 'transpose', rank };
  if (m[1] === 'SeparableConv') return { variant: 'separable', rank };
  if (m[1] === 'DepthwiseConv') return { variant: 'depthwise', rank };
  return { variant: 'conv', rank };
}

/** True for a TensorFlow conv class name (`Conv2D`, `Conv2DTranspose`, `DepthwiseConv2D`, `SeparableConv1D`, ...). */
export function isTfConvKind(kind: string): boolean {
  return tfConvVariant(kind) !== undefined;
}

/** Errors Keras raises in the constructor (tfjs raises the stride/dilation one only at run time). */
export function convConstructorIssues(layer: TfLayer): EngineIssue[] {
  const info = tfConvVariant(layer.kind);
  if (!info) return [];
  const issues: EngineIssue[] = [];
  const { args } = layer;
  const strides = requiredTupleArg(args, 'strides', info.rank);
  const dilation = requiredTupleArg(args, 'dilation_rate', info.rank);
  const padding = paddingArg(args, layer.dialect);
  const filters = args.filters;
  if (info.variant !== 'depthwise' && !isUnknownValue(filters) && (typeof filters !== 'number' || !Number.isInteger(filters) || filters < 1)) {
    issues.push(
      issue(
        'error',
        'tf.bad-filters',
        layer.dialect === 'tfjs'
          ? `Convolution layer expected config.filters to be a 'number' > 0 but got ${JSON.stringify(filters)}`
          : `Invalid value for argument \`filters\`. Expected a strictly positive value. Received filters=${String(filters)}.`,
        'filters',
      ),
    );
  }
  if (padding === 'causal' && layer.dialect === 'tfjs' && info.variant === 'conv') {
    // tfjs accepts it and computes a shape, then fails when the layer runs (Conv2D goes through the 1-D op).
    const op = info.rank === 3 ? 'conv3dWithBias' : 'conv1dWithBias';
    issues.push(issue('error', 'tf.causal-not-implemented', `The support for CAUSAL padding mode in ${op} is not implemented yet.`, 'padding'));
  }
  if (padding === 'causal' && layer.dialect === 'tfjs' && info.variant === 'separable') {
    issues.push(issue('error', 'tf.bad-padding', `SeparableConv${info.rank}D supports only padding modes: 'same' and 'valid', but received "causal"`, 'padding'));
  }
  if (info.variant === 'transpose' && layer.dialect === 'tfjs' && padding !== 'same' && padding !== 'valid') {
    issues.push(
      issue('error', 'tf.bad-padding', `Conv${info.rank}DTranspose currently supports only padding modes 'same' and 'valid', but received padding mode ${padding}`, 'padding'),
    );
  }
  // Keras 3's depthwise convolutions accept both (their op dilates the strided window).
  const refusesStridesWithDilation = !(layer.dialect === 'keras' && info.variant === 'depthwise');
  if (refusesStridesWithDilation && Math.max(...strides) > 1 && Math.max(...dilation) > 1) {
    if (layer.dialect === 'keras') {
      issues.push(
        issue(
          'error',
          'tf.strides-with-dilation',
          `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${pyTuple(strides)} and dilation_rate=${pyTuple(dilation)}`,
          'dilation_rate',
        ),
      );
    } else if (info.variant === 'conv' || info.variant === 'separable') {
      const op = info.variant === 'separable' ? 'depthwiseConv2d' : `conv${info.rank}D`;
      const message =
        info.rank === 1
          ? `Error in conv1D: Either stride or dilation must be 1. Got stride ${strides[0]} and dilation '${dilation[0]}'`
          : `Error in ${op}: Either strides or dilations must be 1. Got strides ${strides.join(',')} and dilations '${dilation.join(',')}'`;
      issues.push(issue('error', 'tf.strides-with-dilation', message, 'dilation_rate'));
    }
  }
  if (info.variant === 'transpose' && layer.args.output_padding !== null && layer.args.output_padding !== undefined) {
    const outputPadding = requiredTupleArg(args, 'output_padding', info.rank);
    const at = outputPadding.findIndex((p, i) => p >= strides[i]);
    if (at >= 0 && layer.dialect === 'keras') {
      issues.push(
        issue(
          'error',
          'tf.output-padding',
          `\`output_padding\` must be strictly less than \`strides\` for all dimensions. At dimension ${at}, \`output_padding\` is ${outputPadding[at]} but \`strides\` is ${strides[at]}. Received: output_padding=${pyTuple(outputPadding)}, strides=${pyTuple(strides)}`,
          'output_padding',
        ),
      );
    } else if (at >= 0) {
      issues.push(
        issue(
          'error',
          'tf.output-padding',
          `Strides must be greater than output padding. Received strides=${pyTuple(strides)}, output_padding=${pyTuple(outputPadding)}.`,
          'output_padding',
        ),
      );
    }
  }
  const groups = args.groups;
  if (info.variant === 'conv' && typeof groups === 'number' && typeof args.filters === 'number' && args.filters % groups !== 0) {
    issues.push(
      issue(
        'error',
        'tf.groups-divide-filters',
        `The number of filters must be evenly divisible by the number of groups. Received: groups=${groups}, filters=${args.filters}.`,
        'groups',
      ),
    );
  }
  return issues;
}

/** Keras's `deconv_output_length` (tfjs: the same without output padding, and it ignores dilation). */
export function transposeOutputLength(input: number, kernel: number, padding: string, outputPadding: number | null, stride: number, dilation: number): number {
  const k = kernel + (kernel - 1) * (dilation - 1);
  if (outputPadding === null) {
    return padding === 'valid' ? input * stride + Math.max(k - stride, 0) : input * stride;
  }
  const pad = padding === 'same' ? Math.floor(k / 2) : 0;
  return (input - 1) * stride + k - 2 * pad + outputPadding;
}

/** Keras's refusal of a convolution whose output would have no positions (its conv ops' shared check). */
export function kerasNegativeOutput(input: Shape, kernelShape: readonly number[], dilation: readonly number[], strides: readonly number[], padding: string): EngineIssue {
  const received = `\`inputs shape=${tfShapeText(input, 'keras')}\`, \`kernel shape=${pyTuple(kernelShape)}\`, \`dilation_rate=${numpyArray(dilation)}\`, \`strides=${pyTuple(strides)}\`, \`padding=${padding}\``;
  return issue('error', 'tf.negative-output', `Computed output size would be zero or negative. Received ${received}.`);
}

/** Applies a conv-family layer to one input shape; builds its weights from the input's channels. */
export function applyTfConv(layer: TfLayer, input: Shape): FamilyResult {
  const info = tfConvVariant(layer.kind);
  if (!info) throw new Error(`not a conv kind: ${layer.kind}`);
  const { args } = layer;
  const rank = info.rank;
  const issues: EngineIssue[] = [];
  if (input.length !== rank + 2) {
    // Keras's spec asks for a minimum rank: a higher one fails later, in other words.
    const refusal =
      layer.dialect === 'keras' && input.length > rank + 2 ? kerasConvRankIssue(layer, info.variant, rank, input) : rankMismatch(layer, rank + 2, input, layer.dialect === 'keras');
    return { output: null, steps: null, issues: [refusal] };
  }
  const channelsFirst = channelsFirstArg(args);
  const axes = tfSpatialAxes(input.length, channelsFirst);
  const inChannels = input[channelAxis(input.length, channelsFirst)];
  const kernel = requiredTupleArg(args, 'kernel_size', rank);
  const strides = requiredTupleArg(args, 'strides', rank);
  // tfjs's transposed and depthwise convolutions accept dilationRate and ignore it, in shape and in call().
  const ignoresDilation = layer.dialect === 'tfjs' && (info.variant === 'transpose' || info.variant === 'depthwise');
  const givenDilation = requiredTupleArg(args, 'dilation_rate', rank);
  const dilation = ignoresDilation ? new Array<number>(rank).fill(1) : givenDilation;
  if (ignoresDilation && givenDilation.some((d) => d !== 1)) {
    issues.push(issue('warning', 'tf.dilation-ignored', `TensorFlow.js ignores dilationRate in ${layer.kind}: the layer runs undilated.`, 'dilation_rate'));
  }
  const givenPadding = paddingArg(args, layer.dialect);
  // tfjs's DepthwiseConv2D takes 'causal' and runs it as 'valid' (shape and call()).
  const padding = layer.dialect === 'tfjs' && info.variant === 'depthwise' && givenPadding === 'causal' ? 'valid' : givenPadding;
  const useBias = boolArgOrDefault(args, 'use_bias', true);
  const inSpatial = axes.map((a) => input[a]);
  const steps: AxisStep[] = [];
  let outSpatial: number[];
  let outChannels: number;
  if (info.variant === 'transpose') {
    const outputPadding = args.output_padding === null || args.output_padding === undefined || layer.dialect === 'tfjs' ? null : requiredTupleArg(args, 'output_padding', rank);
    outSpatial = inSpatial.map((n, i) => transposeOutputLength(n, kernel[i], padding, outputPadding ? outputPadding[i] : null, strides[i], dilation[i]));
    outChannels = requiredIntArg(args, 'filters');
    inSpatial.forEach((_n, i) => {
      const dk = dilation[i] * (kernel[i] - 1) + 1;
      steps.push({
        kernel: kernel[i],
        dilation: dilation[i],
        stride: strides[i],
        padding: padding === 'same' ? Math.floor(Math.max(dk - strides[i], 0) / 2) : 0,
        transposed: true,
      });
    });
  } else {
    outSpatial = inSpatial.map((n, i) => convOutputLength(n, kernel[i], padding, strides[i], dilation[i]));
    outChannels = info.variant === 'depthwise' ? inChannels * requiredIntArg(args, 'depth_multiplier') : requiredIntArg(args, 'filters');
    inSpatial.forEach((n, i) => steps.push({ kernel: kernel[i], dilation: dilation[i], stride: strides[i], padding: leadingPad(n, kernel[i], padding, strides[i], dilation[i]) }));
  }
  if (outSpatial.some((n) => n <= 0)) {
    const kernelShape = [...kernel, inChannels, outChannels];
    if (layer.dialect === 'keras') {
      issues.push(kerasNegativeOutput(input, kernelShape, dilation, strides, padding));
    } else {
      // The 1-D/2-D kernels allocate the (depthwise stage's) output and fail on a negative size;
      // the 3-D kernels clamp to an empty output.
      const allocated = info.variant === 'separable' ? inChannels * requiredIntArg(args, 'depth_multiplier') : outChannels;
      issues.push(
        tfjsEmptyOutput(
          rank === 3 ? [0] : [input[0], ...outSpatial, allocated],
          `The kernel (dilated size ${kernel.map((k, i) => dilation[i] * (k - 1) + 1).join('x')}) does not fit in the input ${tfShapeText(input, 'tfjs')} with padding '${padding}': the output size would be ${outSpatial.join('x')}.`,
        ),
      );
    }
  }
  const groups = info.variant === 'conv' && typeof args.groups === 'number' ? args.groups : 1;
  if (groups > 1 && inChannels % groups !== 0) {
    issues.push(kerasGroupsIssue(groups, inChannels, input));
  }
  const output = channelsFirst ? [input[0], outChannels, ...outSpatial] : [input[0], ...outSpatial, outChannels];
  const batch = input[0];
  const paramTensors: ParamTensor[] = [];
  let macs;
  const outPositions = outSpatial.reduce((a, b) => a * Math.max(b, 0), 1);
  const kernelTaps = kernel.reduce((a, b) => a * b, 1);
  if (info.variant === 'conv') {
    paramTensors.push({ name: 'kernel', shape: [...kernel, Math.floor(inChannels / groups), outChannels], trainable: true });
    macs = multiplyCounts(batch, outChannels, outPositions, Math.floor(inChannels / groups), kernelTaps);
  } else if (info.variant === 'transpose') {
    paramTensors.push({ name: 'kernel', shape: [...kernel, outChannels, inChannels], trainable: true });
    macs = multiplyCounts(
      batch,
      inChannels,
      inSpatial.reduce((a, b) => a * b, 1),
      outChannels,
      kernelTaps,
    );
  } else if (info.variant === 'depthwise') {
    const multiplier = requiredIntArg(args, 'depth_multiplier');
    // Keras 3 names DepthwiseConv's weight `kernel`; tfjs keeps Keras 2's `depthwise_kernel`.
    paramTensors.push({ name: layer.dialect === 'keras' ? 'kernel' : 'depthwise_kernel', shape: [...kernel, inChannels, multiplier], trainable: true });
    macs = multiplyCounts(batch, outChannels, outPositions, kernelTaps);
  } else {
    const multiplier = requiredIntArg(args, 'depth_multiplier');
    paramTensors.push(
      { name: 'depthwise_kernel', shape: [...kernel, inChannels, multiplier], trainable: true },
      { name: 'pointwise_kernel', shape: [...new Array<number>(rank).fill(1), inChannels * multiplier, outChannels], trainable: true },
    );
    macs = addCounts(multiplyCounts(batch, inChannels * multiplier, outPositions, kernelTaps), multiplyCounts(batch, outChannels, outPositions, inChannels * multiplier));
  }
  if (useBias) paramTensors.push({ name: 'bias', shape: [outChannels], trainable: true });
  return { output, macs, steps, issues, paramTensors, builtAxis: channelAxis(input.length, channelsFirst) };
}
