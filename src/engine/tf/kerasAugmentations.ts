/**
 * Keras 3's image augmentation and colour preprocessing layers that keep the shape (AugMix,
 * RandAugment, CutMix, MixUp, RandomHue, RandomShear, Solarization, ...): one shape rule for
 * all of them, and per class the constructor checks Keras makes, in its order and words.
 * Keras accepts inputs of any rank for these symbolically; RandomColorDegeneration alone
 * checks the rank and the channels.
 */
import type { ArgValue, EngineIssue, Shape } from '../types';
import { isUnknownValue } from '../types';
import { pythonRepr } from '../torch/args';
import type { TfLayer } from './layerModel';
import { channelsFirstArg, issue, tfSpatialAxes } from './layerModel';
import type { FamilyResult } from './familyResult';
import { dataFormatIssue, pyStr } from './kerasArgs';
import { kerasShapeTuple } from './kerasChecks';

/** One constructor check: the message Keras raises, or undefined when the argument passes. */
type Check = (layer: TfLayer) => EngineIssue | undefined;

const fail = (arg: string, message: string): EngineIssue => issue('error', 'tf.bad-augmentation-arg', message, arg);
const isNumber = (value: ArgValue | undefined): value is number => typeof value === 'number';
const unknown = (value: ArgValue | undefined): boolean => value === undefined || isUnknownValue(value);

const dataFormat: Check = (layer) => dataFormatIssue(layer.args);

/**
 * The base layer's `_set_factor`: a number in [lo, hi] or a pair whose first entry is at most
 * hi and second at least lo. `name` is the argument the message names, `shown` the one it
 * prints the value as (`_set_factor_by_name` prints `factor=`); `optional` skips None.
 */
function rangeFactor(arg: string, lo: number, hi: number, name = arg, shown = name, optional = false): Check {
  return (layer) => {
    const value = layer.args[arg];
    if (unknown(value) || (optional && value === null)) return undefined;
    const message = `The \`${name}\` argument should be a number (or a list of two numbers) in the range [${lo}, ${hi}]. Received: ${shown}=${pyStr(value)}`;
    if (Array.isArray(value)) {
      const [first, second] = value as ArgValue[];
      const outside = value.length !== 2 || (isNumber(first) && first > hi) || (isNumber(second) && second < lo);
      return outside ? fail(arg, message) : undefined;
    }
    if (isNumber(value)) return value < lo || value > hi ? fail(arg, message) : undefined;
    return fail(arg, message);
  };
}

/** `_check_factor_range` of each entry (RandomShear, Solarization): the message names the failing number. */
function entryFactor(arg: string, prefix: string, sorted = false): Check {
  return (layer) => {
    const value = layer.args[arg];
    if (unknown(value)) return undefined;
    if (Array.isArray(value) && value.length !== 2) return fail(arg, `${prefix}Received: ${arg}=${pyStr(value)}`);
    if (!Array.isArray(value) && !isNumber(value)) return fail(arg, `${prefix}Received: ${arg}=${pyStr(value)}`);
    const entries = (Array.isArray(value) ? [...(value as ArgValue[])] : [value]).filter(isNumber);
    if (sorted) entries.sort((a, b) => a - b);
    const outside = entries.find((n) => n > 1 || n < 0);
    return outside === undefined ? undefined : fail(arg, `${prefix}Received: input_number=${pyStr(outside)}`);
  };
}

const shearPrefix = 'The `factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. ';
const solarizationPrefix = 'The `addition_factor` and `threshold_factor` arguments should be a number (or a list of two numbers) in the range [0, 1]. ';

function valueRange(arg = 'value_range', optionalOn?: string): Check {
  return (layer) => {
    const value = layer.args[arg];
    if (unknown(value) || (optionalOn !== undefined && (layer.args[optionalOn] ?? null) === null)) return undefined;
    if (Array.isArray(value) && value.length === 2) return undefined;
    return fail(arg, `The \`value_range\` argument should be a list of two numbers. Received: value_range=${pyStr(value)}`);
  };
}

function oneOf(arg: string, allowed: readonly string[], shown: string): Check {
  return (layer) => {
    const value = layer.args[arg];
    if (unknown(value) || (typeof value === 'string' && allowed.includes(value))) return undefined;
    return issue('error', 'tf.bad-augmentation-arg', `Unknown \`${arg}\` ${pyStr(value)}. Expected of one ${shown}.`, arg);
  };
}

const interpolation = oneOf('interpolation', ['nearest', 'bilinear'], "('nearest', 'bilinear')");

/** Python's type name of a value a comparison or `int()` refuses. */
const pyType = (value: ArgValue): string => (value === null ? 'NoneType' : typeof value === 'string' ? 'str' : 'tuple');

/** Python's `int(value)` (MaxNumBoundingBoxes casts its arguments). */
function castsToInt(arg: string): Check {
  return (layer) => {
    const value = layer.args[arg];
    if (unknown(value) || isNumber(value) || typeof value === 'boolean') return undefined;
    if (typeof value === 'string') {
      return /^\s*[-+]?\d+\s*$/.test(value) ? undefined : fail(arg, `invalid literal for int() with base 10: ${pythonRepr(value)}`);
    }
    return fail(arg, `int() argument must be a string, a bytes-like object or a real number, not '${pyType(value as ArgValue)}'`);
  };
}

const grayscaleFactor: Check = (layer) => {
  const value = layer.args.factor;
  if (unknown(value)) return undefined;
  if (!isNumber(value)) return fail('factor', `'<' not supported between instances of '${pyType(value as ArgValue)}' and 'int'`);
  return value < 0 || value > 1 ? fail('factor', `\`factor\` should be between 0 and 1. Received: factor=${pyStr(value)}`) : undefined;
};

const gaussianKernel: Check = (layer) => {
  const value = layer.args.kernel_size;
  if (unknown(value)) return undefined;
  const odd = `kernel_size must be an odd number. Received: kernel_size=${pyStr(value)}`;
  if (Array.isArray(value)) {
    if (value.length !== 2) return fail('kernel_size', `The \`kernel_size\` argument should be a number (or a list of two numbers) Received: kernel_size=${pyStr(value)}`);
    return value.some((v) => isNumber(v) && v % 2 === 0) ? fail('kernel_size', odd) : undefined;
  }
  return isNumber(value) && value % 2 !== 0 ? undefined : fail('kernel_size', odd);
};

const perspectiveScale: Check = (layer) => {
  const value = layer.args.scale;
  return isNumber(value) && (value < 0 || value > 1) ? fail('scale', `The \`scale\` argument should be a number in the range [0,1]. Received: scale=${pyStr(value)}`) : undefined;
};

const equalizationRange: Check = (layer) => {
  const value = layer.args.value_range;
  if (unknown(value) || (Array.isArray(value) && value.length === 2)) return undefined;
  // Keras's Equalization refers to a message constant it does not define.
  return issue('error', 'tf.bad-augmentation-arg', "'Equalization' object has no attribute '_VALUE_RANGE_VALIDATION_ERROR'", 'value_range');
};

/** AugMix and RandAugment: their factor, then the RandomShear they build checks each entry and the interpolation. */
const mixChecks = [dataFormat, rangeFactor('factor', 0, 1), entryFactor('factor', shearPrefix, true), interpolation, valueRange()];

/** Each class's constructor checks, in the order Keras makes them. */
const checks: Readonly<Record<string, readonly Check[]>> = {
  AugMix: mixChecks,
  RandAugment: mixChecks,
  AutoContrast: [dataFormat, valueRange()],
  ContrastLimitedAdaptiveHistogramEqualization: [dataFormat],
  CutMix: [dataFormat, rangeFactor('factor', 0, 1)],
  Equalization: [equalizationRange, dataFormat],
  MaxNumBoundingBoxes: [dataFormat, castsToInt('max_number'), castsToInt('fill_value')],
  MixUp: [dataFormat],
  RandomColorDegeneration: [dataFormat, rangeFactor('factor', -1, 1), valueRange()],
  RandomColorJitter: [
    dataFormat,
    rangeFactor('brightness_factor', -1, 1, 'factor', 'factor', true),
    valueRange('value_range', 'brightness_factor'),
    rangeFactor('contrast_factor', 0, 1, 'factor', 'factor', true),
    rangeFactor('saturation_factor', -1, 1, 'factor', 'factor', true),
    valueRange('value_range', 'saturation_factor'),
    rangeFactor('hue_factor', 0, 1, 'factor', 'factor', true),
  ],
  RandomElasticTransform: [
    dataFormat,
    rangeFactor('factor', 0, 1),
    rangeFactor('scale', 0, 1, 'scale', 'factor'),
    interpolation,
    oneOf('fill_mode', ['reflect', 'wrap', 'constant', 'mirror', 'nearest'], "{'reflect', 'wrap', 'constant', 'mirror', 'nearest'}"),
  ],
  RandomErasing: [dataFormat, rangeFactor('factor', 0, 1), rangeFactor('scale', 0, 1, 'scale', 'factor')],
  RandomGaussianBlur: [dataFormat, rangeFactor('factor', 0, 1), gaussianKernel, rangeFactor('sigma', 0, 1, 'sigma', 'factor')],
  RandomGrayscale: [grayscaleFactor, dataFormat],
  RandomHue: [dataFormat, rangeFactor('factor', 0, 1)],
  RandomInvert: [dataFormat, rangeFactor('factor', 0, 1)],
  RandomPerspective: [dataFormat, rangeFactor('factor', 0, 1), perspectiveScale, interpolation],
  RandomPosterization: [dataFormat, rangeFactor('factor', 1, 8), valueRange()],
  RandomSaturation: [dataFormat, rangeFactor('factor', -1, 1), valueRange()],
  RandomSharpness: [dataFormat, rangeFactor('factor', 0, 1), valueRange()],
  RandomShear: [
    dataFormat,
    entryFactor('x_factor', shearPrefix),
    entryFactor('y_factor', shearPrefix),
    oneOf('fill_mode', ['reflect', 'wrap', 'constant', 'nearest'], "('reflect', 'wrap', 'constant', 'nearest')"),
    interpolation,
  ],
  Solarization: [dataFormat, entryFactor('addition_factor', solarizationPrefix), entryFactor('threshold_factor', solarizationPrefix), valueRange()],
};

/** True for the classes this file models. */
export function isKerasAugmentationKind(kind: string): boolean {
  return kind in checks;
}

/** The first error Keras raises in the constructor, if any. */
export function kerasAugmentationConstructorIssues(layer: TfLayer): EngineIssue[] {
  for (const check of checks[layer.kind] ?? []) {
    const problem = check(layer);
    if (problem) return [problem];
  }
  return [];
}

/** RandomColorDegeneration's `compute_output_shape`: images of rank 3 or 4 with 3 channels. */
function colourDegenerationIssue(layer: TfLayer, input: Shape): EngineIssue | undefined {
  if (input.length !== 3 && input.length !== 4) {
    const message = `Invalid images rank: expected rank 3 (single image) or rank 4 (batch of images). Received: input_shape=${kerasShapeTuple(input)}`;
    return issue('error', 'tf.image-rank', message);
  }
  const channels = input[input.length + (channelsFirstArg(layer.args) ? -3 : -1)];
  if (Number.isNaN(channels) || channels === 3) return undefined;
  return issue('error', 'tf.image-channels', `Input images must have 3 channels, but received images with ${channels} channels.`);
}

/** The shared rule: the output has the input's shape (each position maps to itself). */
export function applyKerasAugmentation(layer: TfLayer, input: Shape): FamilyResult {
  const problem = layer.kind === 'RandomColorDegeneration' ? colourDegenerationIssue(layer, input) : undefined;
  if (problem) return { output: null, steps: null, issues: [problem] };
  const steps = tfSpatialAxes(input.length, channelsFirstArg(layer.args)).map(() => ({ kernel: 1, dilation: 1, stride: 1, padding: 0 }));
  return { output: [...input], steps, issues: [] };
}
