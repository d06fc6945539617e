/**
 * Keras's convolutions on an input of a higher rank than theirs. Their input spec asks for a
 * minimum rank only, so Keras builds the layer and fails later, in its output-shape
 * arithmetic, in words of its own (a kernel rank that differs from the input's); the
 * grouped-channels check of the build comes first. SpectralNormalization, which skips its
 * wrapped layer's input spec, fails the same way for lower ranks too.
 */
import type { EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { channelsFirstArg, issue, pyTuple, requiredIntArg, requiredTupleArg, tfShapeText } from './layerModel';

/** Keras's build-time refusal of input channels that the groups do not divide. */
export function kerasGroupsIssue(groups: number, inChannels: number, input: Shape): EngineIssue {
  const message = `The number of input channels must be evenly divisible by the number of groups. Received groups=${groups}, but the input has ${inChannels} channels (full input shape is ${tfShapeText(input, 'keras')}).`;
  return issue('error', 'tf.groups-divide-in', message, 'groups');
}

/**
 * What Keras raises for a convolution (`variant` of `rank` spatial axes) whose output shape
 * it computes for an input of another rank; an info when the analysis cannot know (open
 * channels of a non-depthwise convolution).
 */
export function kerasConvRankIssue(layer: TfLayer, variant: 'conv' | 'transpose' | 'depthwise' | 'separable', rank: number, input: Shape): EngineIssue {
  const channelsFirst = channelsFirstArg(layer.args);
  const channels = input[channelsFirst ? 1 : input.length - 1];
  if (channels === undefined || (Number.isNaN(channels) && variant !== 'depthwise')) {
    return issue('info', 'tf.unsupported', `Conv Inspector does not follow ${layer.kind} on a ${input.length - 1}-D input with open channels; shapes stop here.`);
  }
  // Python's own errors, from the output-shape arithmetic of the transposed and depthwise convolutions.
  if (variant === 'transpose') return issue('error', 'tf.rank-mismatch', 'tuple index out of range');
  if (Number.isNaN(channels)) return issue('error', 'tf.rank-mismatch', "unsupported operand type(s) for *: 'int' and 'NoneType'");
  const groups = variant === 'conv' && typeof layer.args.groups === 'number' ? layer.args.groups : 1;
  if (groups > 1 && channels % groups !== 0) return kerasGroupsIssue(groups, channels, input);
  const filters = variant === 'depthwise' ? channels * requiredIntArg(layer.args, 'depth_multiplier') : requiredIntArg(layer.args, 'filters');
  const kernelShape = [...requiredTupleArg(layer.args, 'kernel_size', rank), channels, filters];
  const message = `Kernel shape must have the same length as input, but received kernel of shape ${pyTuple(kernelShape)} and input of shape ${tfShapeText(input, 'keras')}.`;
  return issue('error', 'tf.rank-mismatch', message);
}
