/**
 * Refusals only TensorFlow.js makes, in its own words (the TF-semantics engine's rules are
 * shared with Keras, whose checks and messages differ): constructor checks on the config and
 * checks on the input a layer is applied to. Each returns the first refusal, as TF.js throws it.
 */
import type { EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { issue, rankMismatch, requiredTupleArg, tfShapeText } from './layerModel';
import { tfjsValueApplyRefusal, tfjsValueConstructorRefusal } from './tfjsValueChecks';

/** The names `tf.layers` accepts for `activation` (its serialization registry, case-sensitive). */
const tfjsActivations = new Set([
  'elu',
  'selu',
  'relu',
  'relu6',
  'linear',
  'sigmoid',
  'hardSigmoid',
  'softplus',
  'softsign',
  'tanh',
  'softmax',
  'logSoftmax',
  'gelu',
  'gelu_new',
  'mish',
  'swish',
]);

function unknownActivation(name: string): string {
  return (
    `Unknown activation: ${name}. This may be due to one of the following reasons:\n` +
    '1. The activation is defined in Python, in which case it needs to be ported to TensorFlow.js or your JavaScript code.\n' +
    '2. The custom activation is defined in JavaScript, but is not registered properly with tf.serialization.registerClass().'
  );
}

/** TF.js's check of a count argument (`units`, `inputDim`): absent (null here) reads as undefined. */
function positiveIntRefusal(layer: TfLayer, name: string, shownName: string): EngineIssue | undefined {
  const value = layer.args[name];
  if (value !== null && (typeof value !== 'number' || (Number.isInteger(value) && value > 0))) return undefined;
  return issue('error', 'tf.bad-count', `Expected ${shownName} to be a positive integer, but got ${value === null ? 'undefined' : value}.`, name);
}

function constructorRefusal(layer: TfLayer): EngineIssue | undefined {
  const { args } = layer;
  if (typeof args.activation === 'string' && !tfjsActivations.has(args.activation)) {
    return issue('error', 'tf.bad-activation', unknownActivation(args.activation), 'activation');
  }
  switch (layer.kind) {
    case 'Dense':
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
    case 'SimpleRNNCell':
    case 'LSTMCell':
    case 'GRUCell':
      return positiveIntRefusal(layer, 'units', 'units');
    case 'Embedding':
      return positiveIntRefusal(layer, 'input_dim', 'inputDim') ?? positiveIntRefusal(layer, 'output_dim', 'outputDim');
    case 'Resizing': {
      const mode = args.interpolation;
      if (typeof mode === 'string' && mode !== 'bilinear' && mode !== 'nearest') {
        return issue('error', 'tf.bad-interpolation', `Invalid interpolation parameter: ${mode} is not implemented`, 'interpolation');
      }
      return undefined;
    }
    case 'Permute': {
      const dims = args.dims;
      if (dims === null) return issue('error', 'tf.missing-arg', 'Required configuration field `dims` is missing during Permute constructor call.', 'dims');
      if (Array.isArray(dims) && dims.every((d) => typeof d === 'number')) {
        const sorted = [...(dims as number[])].sort((a, b) => a - b);
        if (sorted.some((d, i) => d !== i + 1)) {
          return issue('error', 'tf.bad-permutation', `Invalid permutation \`dims\`: ${JSON.stringify(dims)} \`dims\` must contain consecutive integers starting from 1.`, 'dims');
        }
      }
      return undefined;
    }
    case 'InputLayer': {
      const shape = args.input_shape ?? null;
      const batchShape = args.batch_input_shape ?? null;
      if (shape === null && batchShape === null) return issue('error', 'tf.missing-arg', 'An InputLayer should be passed either a `batchInputShape` or an `inputShape`.');
      if (shape !== null && batchShape !== null) {
        return issue('error', 'tf.input-shape-twice', 'Only provide the inputShape OR batchInputShape argument to inputLayer, not both at the same time.');
      }
      return undefined;
    }
    case 'ZeroPadding2D': {
      const padding = args.padding;
      if (Array.isArray(padding) && padding.length !== 2) {
        return issue('error', 'tf.bad-padding', `ZeroPadding2D expects padding to be a length-2 array, but received a length-${padding.length} array.`, 'padding');
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** TF.js's constructor refusals for a layer built with the tfjs dialect (none for Keras). */
export function tfjsConstructorIssues(layer: TfLayer): EngineIssue[] {
  const refusal = layer.dialect === 'tfjs' ? (constructorRefusal(layer) ?? tfjsValueConstructorRefusal(layer)) : undefined;
  return refusal ? [refusal] : [];
}

/** Config defaults where TF.js differs from Keras (Softmax's axis is 1 in TF.js). */
export function tfjsDefaults(kind: string): Readonly<Record<string, number | boolean>> {
  if (kind === 'GRU' || kind === 'GRUCell') return { reset_after: false };
  return kind === 'Softmax' ? { axis: 1 } : {};
}

/**
 * TF.js's refusal of a computed output, when it runs the layer: SeparableConv2D with
 * channelsFirst adds its bias, shaped channels-first, to a channels-last result.
 */
export function tfjsRunRefusal(layer: TfLayer, output: Shape | null): EngineIssue | undefined {
  if (layer.dialect !== 'tfjs' || layer.kind !== 'SeparableConv2D' || output === null || output.length !== 4) return undefined;
  if (layer.args.data_format !== 'channelsFirst' || layer.args.use_bias === false) return undefined;
  const [batch, filters, height, width] = output;
  const channelsLast = [batch, height, width, filters];
  const bias = [1, filters, 1, 1];
  if (channelsLast.every((d, i) => d === bias[i] || d === 1 || bias[i] === 1)) return undefined;
  return issue('error', 'tf.bias-broadcast', `Operands could not be broadcast together with shapes ${channelsLast.join(',')} and ${bias.join(',')}.`, 'data_format');
}

/** A normalization layer's `axis` as TF.js reports it: negative axes counted from the end. */
function outOfRangeAxis(layer: TfLayer, input: Shape): number | undefined {
  const axis = layer.args.axis;
  if (typeof axis !== 'number') return undefined;
  const normalized = axis < 0 ? axis + input.length : axis;
  return normalized < 0 || normalized >= input.length ? normalized : undefined;
}

/** TF.js's refusal of one input shape, before the shared rule sees it; undefined when it has none. */
export function tfjsApplyRefusal(layer: TfLayer, input: Shape): EngineIssue | undefined {
  if (layer.dialect !== 'tfjs') return undefined;
  const valueRefusal = tfjsValueApplyRefusal(layer, input);
  if (valueRefusal) return valueRefusal;
  const shapeText = tfShapeText(input, 'tfjs');
  switch (layer.kind) {
    case 'BatchNormalization':
    case 'LayerNormalization': {
      const axis = outOfRangeAxis(layer, input);
      if (axis !== undefined && layer.kind === 'LayerNormalization') return issue('error', 'tf.bad-axis', `Invalid axis: ${axis}`, 'axis');
      if (axis !== undefined) {
        const message = `Axis ${axis} of input tensor should have a defined dimension but the layer received an input with shape ${shapeText}.`;
        return issue('error', 'tf.bad-axis', message, 'axis');
      }
      // Both normalize through batchNorm2d/3d/4d: other ranks fail when the layer runs.
      const message = `batchNormalization is not implemented for array of rank ${input.length} yet`;
      return input.length >= 2 && input.length <= 4 ? undefined : issue('error', 'tf.rank-not-implemented', message);
    }
    case 'DepthwiseConv2D':
      return input.length === 4 ? undefined : issue('error', 'tf.rank-mismatch', `Inputs to DepthwiseConv2D should have rank 4. Received input shape: ${shapeText}.`);
    case 'SeparableConv2D':
      return input.length === 4 ? undefined : issue('error', 'tf.rank-mismatch', `Inputs to SeparableConv2D should have rank 4, but received input shape: ${shapeText}`);
    case 'SpatialDropout1D':
      return input.length === 3 ? undefined : rankMismatch(layer, 3, input);
    case 'RepeatVector':
      // Without `n` the layer runs with a NaN size, which the kernel then refuses.
      if (layer.args.n !== null) return undefined;
      return issue('error', 'tf.missing-arg', `Tensor must have a shape comprised of positive integers but got shape [${[input[0], 'NaN', ...input.slice(1)].join(',')}].`, 'n');
    case 'ConvLSTM2D': {
      // Its gates run conv2d, which refuses strides and dilation above 1 together.
      const strides = requiredTupleArg(layer.args, 'strides', 2);
      const dilation = requiredTupleArg(layer.args, 'dilation_rate', 2);
      if (Math.max(...strides) === 1 || Math.max(...dilation) === 1) return undefined;
      const message = `Error in conv2D: Either strides or dilations must be 1. Got strides ${strides.join(',')} and dilations '${dilation.join(',')}'`;
      return issue('error', 'tf.strides-with-dilation', message, 'dilation_rate');
    }
    case 'Softmax': {
      // tfjs's Softmax defaults to axis 1, and its kernel takes the last axis only.
      const axis = layer.args.axis;
      if (typeof axis !== 'number' || axis === -1 || axis === input.length - 1) return undefined;
      const message = `Softmax along a non-last dimension is not yet supported. Logits was rank ${input.length} and dim was ${axis}`;
      return issue('error', 'tf.softmax-axis', message, 'axis');
    }
    case 'Rescaling':
      // Without `scale` the layer multiplies by null when it runs.
      return layer.args.scale !== null ? undefined : issue('error', 'tf.missing-arg', "Argument 'b' passed to 'mul' must be a Tensor or TensorLike, but got 'null'", 'scale');
    case 'Reshape': {
      const target = layer.args.target_shape;
      const unknowns = Array.isArray(target) ? target.filter((d) => d === -1 || d === null).length : 0;
      return unknowns > 1 ? issue('error', 'tf.reshape-size', 'Can only specifiy one unknown dimension.', 'target_shape') : undefined;
    }
    default:
      return undefined;
  }
}
