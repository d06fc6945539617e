/**
 * Keras 3 signatures of the image preprocessing and augmentation layers, the adaptive
 * poolings, Cropping3D, DepthwiseConv1D and the audio front ends (MelSpectrogram,
 * STFTSpectrogram): arguments in Keras's positional order with its defaults; and TF.js's
 * RandomWidth (Keras 3 has none). Spread into the table of `signatures.ts`.
 */
import type { ArgValue } from '../types';
import type { TfLayerSignature, TfParamSpec } from './signatures';

const required = (name: string): TfParamSpec => ({ name });
const optional = (name: string, value: ArgValue): TfParamSpec => ({ name, default: value });

const valueRange = optional('value_range', [0, 255]);
const seed = optional('seed', null);
const dataFormat = optional('data_format', null);
/** The (factor, value_range, data_format, seed) order of the colour augmentations. */
const colourParams = (factor: TfParamSpec): TfParamSpec[] => [factor, valueRange, dataFormat, seed];

/** Signatures of the classes `kerasImageLayers.ts`, `kerasAugmentations.ts` and `kerasAudio.ts` model. */
export const kerasImageSignatures: readonly TfLayerSignature[] = [
  {
    kind: 'AugMix',
    params: [
      valueRange,
      optional('num_chains', 3),
      optional('chain_depth', 3),
      optional('factor', 0.3),
      optional('alpha', 1),
      optional('all_ops', true),
      optional('interpolation', 'bilinear'),
      seed,
      dataFormat,
    ],
  },
  { kind: 'AutoContrast', params: [valueRange] },
  {
    kind: 'ContrastLimitedAdaptiveHistogramEqualization',
    params: [valueRange, optional('clip_limit', 4), optional('tile_grid_size', [8, 8]), dataFormat],
  },
  { kind: 'CutMix', params: [optional('factor', 1), seed, dataFormat] },
  { kind: 'Equalization', params: [valueRange, optional('bins', 256), dataFormat] },
  { kind: 'MaxNumBoundingBoxes', params: [required('max_number'), optional('fill_value', -1)] },
  { kind: 'MixUp', params: [optional('alpha', 0.2), dataFormat, seed] },
  { kind: 'RandAugment', params: [valueRange, optional('num_ops', 2), optional('factor', 0.5), optional('interpolation', 'bilinear'), seed, dataFormat] },
  { kind: 'RandomColorDegeneration', params: colourParams(required('factor')) },
  {
    kind: 'RandomColorJitter',
    params: [
      valueRange,
      optional('brightness_factor', null),
      optional('contrast_factor', null),
      optional('saturation_factor', null),
      optional('hue_factor', null),
      seed,
      dataFormat,
    ],
  },
  {
    kind: 'RandomElasticTransform',
    params: [
      optional('factor', 1),
      optional('scale', 1),
      optional('interpolation', 'bilinear'),
      optional('fill_mode', 'reflect'),
      optional('fill_value', 0),
      valueRange,
      seed,
      dataFormat,
    ],
  },
  { kind: 'RandomErasing', params: [optional('factor', 1), optional('scale', [0.02, 0.33]), optional('fill_value', null), valueRange, seed, dataFormat] },
  { kind: 'RandomGaussianBlur', params: [optional('factor', 1), optional('kernel_size', 3), optional('sigma', 1), valueRange, dataFormat, seed] },
  { kind: 'RandomGrayscale', params: [optional('factor', 0.5), dataFormat, seed] },
  { kind: 'RandomHue', params: colourParams(required('factor')) },
  { kind: 'RandomInvert', params: [optional('factor', 1), valueRange, seed, dataFormat] },
  {
    kind: 'RandomPerspective',
    params: [optional('factor', 1), optional('scale', 1), optional('interpolation', 'bilinear'), optional('fill_value', 0), seed, dataFormat],
  },
  { kind: 'RandomPosterization', params: colourParams(required('factor')) },
  { kind: 'RandomSaturation', params: colourParams(required('factor')) },
  { kind: 'RandomSharpness', params: colourParams(required('factor')) },
  {
    kind: 'RandomShear',
    params: [
      optional('x_factor', 0),
      optional('y_factor', 0),
      optional('interpolation', 'bilinear'),
      optional('fill_mode', 'reflect'),
      optional('fill_value', 0),
      dataFormat,
      seed,
    ],
  },
  { kind: 'Solarization', params: [optional('addition_factor', 0), optional('threshold_factor', 0), valueRange, seed] },
  { kind: 'RandomCrop', params: [required('height'), required('width'), seed, dataFormat] },
  {
    kind: 'Cropping3D',
    params: [
      optional('cropping', [
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
      dataFormat,
    ],
  },
  {
    kind: 'DepthwiseConv1D',
    params: [
      required('kernel_size'),
      optional('strides', 1),
      optional('padding', 'valid'),
      optional('depth_multiplier', 1),
      dataFormat,
      optional('dilation_rate', 1),
      optional('activation', null),
      optional('use_bias', true),
    ],
  },
  {
    kind: 'MelSpectrogram',
    params: [
      optional('fft_length', 2048),
      optional('sequence_stride', 512),
      optional('sequence_length', null),
      optional('window', 'hann'),
      optional('sampling_rate', 16000),
      optional('num_mel_bins', 128),
      optional('min_freq', 20),
      optional('max_freq', null),
      optional('power_to_db', true),
      optional('top_db', 80),
      optional('mag_exp', 2),
      optional('min_power', 1e-10),
      optional('ref_power', 1),
    ],
  },
  {
    kind: 'STFTSpectrogram',
    params: [
      optional('mode', 'log'),
      optional('frame_length', 256),
      optional('frame_step', null),
      optional('fft_length', null),
      optional('window', 'hann'),
      optional('periodic', false),
      optional('scaling', 'density'),
      optional('padding', 'valid'),
      optional('expand_dims', false),
      dataFormat,
    ],
  },
  { kind: 'RandomWidth', params: [required('factor'), optional('interpolation', 'bilinear'), seed] },
  ...['Average', 'Max'].flatMap((op) => [1, 2, 3].map((n) => ({ kind: `Adaptive${op}Pooling${n}D`, params: [required('output_size'), dataFormat] }))),
];
