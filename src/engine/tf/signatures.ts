/**
 * Keras / TensorFlow.js layer signatures: the arguments of each layer class, in Keras's
 * positional order, with Keras's defaults and snake_case names. The TF.js front end maps
 * camelCase config keys (`kernelSize`) to these names with `snakeCaseKey`; a Keras front
 * end binds positional arguments in this order.
 */
import type { ArgValue } from '../types';
import { kerasImageSignatures } from './kerasImageSignatures';
import { attentionFamilySignatures } from './kerasAttentionSignatures';
import { spectralNormSignatures } from './kerasSpectralNorm';
import { recurrentSignatures } from './recurrentSignatures';

export interface TfParamSpec {
  readonly name: string;
  /** Absent means the argument is required. */
  readonly default?: ArgValue;
  /** Required in Keras 3 although TF.js (and Keras 2) default it: `AveragePooling2D`'s `pool_size`. */
  readonly requiredInKeras?: boolean;
}

export interface TfLayerSignature {
  /** The class name as Keras and tfjs `getClassName()` report it: `Conv2D`, `Dense`, ... */
  readonly kind: string;
  readonly params: readonly TfParamSpec[];
}

const required = (name: string): TfParamSpec => ({ name });
const optional = (name: string, value: ArgValue): TfParamSpec => ({ name, default: value });

/** Arguments every Keras layer accepts (keyword-only in Keras). */
export const commonLayerParams: readonly TfParamSpec[] = [
  optional('name', null),
  optional('input_shape', null),
  optional('batch_input_shape', null),
  optional('batch_size', null),
  optional('dtype', null),
  optional('trainable', true),
];

const convParams = [
  required('filters'),
  required('kernel_size'),
  optional('strides', 1),
  optional('padding', 'valid'),
  optional('data_format', null),
  optional('dilation_rate', 1),
  optional('groups', 1),
  optional('activation', null),
  optional('use_bias', true),
];
const convTransposeParams = [
  required('filters'),
  required('kernel_size'),
  optional('strides', 1),
  optional('padding', 'valid'),
  optional('output_padding', null),
  optional('data_format', null),
  optional('dilation_rate', 1),
  optional('activation', null),
  optional('use_bias', true),
];
const separableParams = [
  required('filters'),
  required('kernel_size'),
  optional('strides', 1),
  optional('padding', 'valid'),
  optional('data_format', null),
  optional('dilation_rate', 1),
  optional('depth_multiplier', 1),
  optional('activation', null),
  optional('use_bias', true),
];
const depthwiseParams = [
  required('kernel_size'),
  optional('strides', 1),
  optional('padding', 'valid'),
  optional('depth_multiplier', 1),
  optional('data_format', null),
  optional('dilation_rate', 1),
  optional('activation', null),
  optional('use_bias', true),
];
/** Keras 3's ConvLSTM1D/2D/3D, in its positional order (initializers ... seed, then the RNN flags). */
const convLstmParams = [
  // filters, kernel_size, strides, padding, data_format, dilation_rate: as Conv*D.
  ...convParams.slice(0, 6),
  optional('activation', 'tanh'),
  optional('recurrent_activation', 'sigmoid'),
  optional('use_bias', true),
  ...[
    'kernel_initializer',
    'recurrent_initializer',
    'bias_initializer',
    'unit_forget_bias',
    'kernel_regularizer',
    'recurrent_regularizer',
    'bias_regularizer',
    'activity_regularizer',
    'kernel_constraint',
    'recurrent_constraint',
    'bias_constraint',
    'dropout',
    'recurrent_dropout',
    'seed',
  ].map((name) => optional(name, null)),
  optional('return_sequences', false),
  optional('return_state', false),
  optional('go_backwards', false),
  optional('stateful', false),
];
const poolParams = [optional('pool_size', 2), optional('strides', null), optional('padding', 'valid'), optional('data_format', null)];
/** Keras 3's AveragePooling1D/2D/3D take no default `pool_size` (MaxPooling keeps 2). */
const averagePoolParams = [{ ...poolParams[0], requiredInKeras: true }, ...poolParams.slice(1)];
/** The fill and interpolation arguments of Keras 3's geometric augmentations, in their order. */
const augmentationParams = [
  optional('fill_mode', 'reflect'),
  optional('interpolation', 'bilinear'),
  optional('seed', null),
  optional('fill_value', 0),
  optional('data_format', null),
];
const globalPoolParams = [optional('data_format', null), optional('keepdims', false)];

const table: TfLayerSignature[] = [
  { kind: 'DepthwiseConv2D', params: depthwiseParams },
  { kind: 'Dense', params: [required('units'), optional('activation', null), optional('use_bias', true)] },
  {
    kind: 'BatchNormalization',
    params: [optional('axis', -1), optional('momentum', 0.99), optional('epsilon', 0.001), optional('center', true), optional('scale', true)],
  },
  {
    kind: 'LayerNormalization',
    params: [optional('axis', -1), optional('epsilon', 0.001), optional('center', true), optional('scale', true)],
  },
  { kind: 'Flatten', params: [optional('data_format', null)] },
  { kind: 'Reshape', params: [required('target_shape')] },
  { kind: 'Dropout', params: [required('rate'), optional('noise_shape', null), optional('seed', null)] },
  { kind: 'SpatialDropout1D', params: [required('rate')] },
  { kind: 'SpatialDropout2D', params: [required('rate'), optional('data_format', null)] },
  { kind: 'SpatialDropout3D', params: [required('rate'), optional('data_format', null)] },
  { kind: 'GaussianNoise', params: [required('stddev'), optional('seed', null)] },
  { kind: 'GaussianDropout', params: [required('rate'), optional('seed', null)] },
  { kind: 'AlphaDropout', params: [required('rate'), optional('noise_shape', null), optional('seed', null)] },
  { kind: 'Masking', params: [optional('mask_value', 0)] },
  { kind: 'ThresholdedReLU', params: [optional('theta', 1)] },
  { kind: 'PReLU', params: [optional('alpha_initializer', 'Zeros'), optional('alpha_regularizer', null), optional('alpha_constraint', null), optional('shared_axes', null)] },
  { kind: 'Permute', params: [required('dims')] },
  { kind: 'RepeatVector', params: [required('n')] },
  { kind: 'Activation', params: [required('activation')] },
  { kind: 'ReLU', params: [optional('max_value', null), optional('negative_slope', 0), optional('threshold', 0)] },
  { kind: 'LeakyReLU', params: [optional('alpha', 0.3)] },
  { kind: 'ELU', params: [optional('alpha', 1)] },
  { kind: 'Softmax', params: [optional('axis', -1)] },
  { kind: 'UpSampling1D', params: [optional('size', 2)] },
  { kind: 'UpSampling2D', params: [optional('size', 2), optional('data_format', null), optional('interpolation', 'nearest')] },
  { kind: 'UpSampling3D', params: [optional('size', 2), optional('data_format', null)] },
  { kind: 'ZeroPadding1D', params: [optional('padding', 1)] },
  { kind: 'ZeroPadding2D', params: [optional('padding', 1), optional('data_format', null)] },
  { kind: 'ZeroPadding3D', params: [optional('padding', 1), optional('data_format', null)] },
  { kind: 'Cropping1D', params: [optional('cropping', [1, 1])] },
  { kind: 'Cropping2D', params: [optional('cropping', 0), optional('data_format', null)] },
  { kind: 'Add', params: [] },
  { kind: 'Subtract', params: [] },
  { kind: 'Multiply', params: [] },
  { kind: 'Average', params: [] },
  { kind: 'Maximum', params: [] },
  { kind: 'Minimum', params: [] },
  { kind: 'Concatenate', params: [optional('axis', -1)] },
  { kind: 'Identity', params: [] },
  { kind: 'ActivityRegularization', params: [optional('l1', 0), optional('l2', 0)] },
  { kind: 'Rescaling', params: [required('scale'), optional('offset', 0)] },
  { kind: 'UnitNormalization', params: [optional('axis', -1)] },
  { kind: 'RandomFlip', params: [optional('mode', 'horizontal_and_vertical'), optional('seed', null), optional('data_format', null)] },
  { kind: 'RandomRotation', params: [required('factor'), ...augmentationParams] },
  { kind: 'RandomBrightness', params: [required('factor'), optional('value_range', [0, 255]), optional('seed', null)] },
  { kind: 'RandomContrast', params: [required('factor'), optional('value_range', [0, 255]), optional('seed', null)] },
  { kind: 'RandomTranslation', params: [required('height_factor'), required('width_factor'), ...augmentationParams] },
  { kind: 'RandomZoom', params: [required('height_factor'), optional('width_factor', null), ...augmentationParams] },
  // The preprocessing layers (TF.js's arguments, then Keras 3's).
  { kind: 'CenterCrop', params: [required('height'), required('width'), optional('data_format', null)] },
  {
    kind: 'Resizing',
    params: [
      required('height'),
      required('width'),
      optional('interpolation', 'bilinear'),
      optional('crop_to_aspect_ratio', false),
      // Keras 3 only (TF.js stops at crop_to_aspect_ratio).
      optional('pad_to_aspect_ratio', false),
      optional('fill_mode', 'constant'),
      optional('fill_value', 0),
      optional('antialias', false),
      optional('data_format', null),
    ],
  },
  { kind: 'InputLayer', params: [optional('shape', null), optional('batch_size', null), optional('batch_shape', null)] },
  ...kerasImageSignatures,
  ...recurrentSignatures,
];
for (const n of [1, 2, 3]) {
  table.push(
    { kind: `Conv${n}D`, params: convParams },
    { kind: `Conv${n}DTranspose`, params: convTransposeParams },
    { kind: `MaxPooling${n}D`, params: poolParams },
    { kind: `AveragePooling${n}D`, params: averagePoolParams },
    { kind: `GlobalAveragePooling${n}D`, params: globalPoolParams },
    { kind: `GlobalMaxPooling${n}D`, params: globalPoolParams },
    { kind: `ConvLSTM${n}D`, params: convLstmParams },
  );
}
for (const n of [1, 2]) table.push({ kind: `SeparableConv${n}D`, params: separableParams });

table.push(...attentionFamilySignatures);
table.push(...spectralNormSignatures);

const byKind = new Map(table.map((s) => [s.kind, s]));

/** Keras's aliases for the same classes (`Convolution2D`, `MaxPool2D`, ...). */
const aliases: Readonly<Record<string, string>> = {
  Convolution1D: 'Conv1D',
  Convolution2D: 'Conv2D',
  Convolution3D: 'Conv3D',
  Convolution1DTranspose: 'Conv1DTranspose',
  Convolution2DTranspose: 'Conv2DTranspose',
  Convolution3DTranspose: 'Conv3DTranspose',
  SeparableConvolution1D: 'SeparableConv1D',
  SeparableConvolution2D: 'SeparableConv2D',
  MaxPool1D: 'MaxPooling1D',
  MaxPool2D: 'MaxPooling2D',
  MaxPool3D: 'MaxPooling3D',
  AvgPool1D: 'AveragePooling1D',
  AvgPool2D: 'AveragePooling2D',
  AvgPool3D: 'AveragePooling3D',
  GlobalAvgPool1D: 'GlobalAveragePooling1D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  GlobalAvgPool3D: 'GlobalAveragePooling3D',
  GlobalMaxPool1D: 'GlobalMaxPooling1D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
  GlobalMaxPool3D: 'GlobalMaxPooling3D',
  Input: 'InputLayer',
};

/** The canonical class name for a Keras/tfjs class name or alias, or undefined if unknown. */
export function canonicalTfKind(name: string): string | undefined {
  const kind = aliases[name] ?? name;
  return byKind.has(kind) ? kind : undefined;
}

/** The signature of a layer class (aliases accepted), or undefined if the engine does not know it. */
export function tfSignature(kind: string): TfLayerSignature | undefined {
  const canonical = canonicalTfKind(kind);
  return canonical === undefined ? undefined : byKind.get(canonical);
}

/** All layer classes the engine knows. */
export function tfKinds(): readonly string[] {
  return [...byKind.keys()];
}

/**
 * TF.js config keys are camelCase (`kernelSize`, `dilationRate`); Keras's are snake_case.
 * A few keys differ by more than case.
 */
export function snakeCaseKey(camelKey: string): string {
  const renamed: Readonly<Record<string, string>> = { batchInputShape: 'batch_input_shape', targetShape: 'target_shape', keepDims: 'keepdims' };
  if (renamed[camelKey]) return renamed[camelKey];
  return camelKey.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
