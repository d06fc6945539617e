/**
 * Keras 3 layers that resize the spatial axes of images and volumes: CenterCrop, Resizing,
 * RandomCrop (to `height` x `width`), the adaptive poolings (to `output_size`) and Cropping3D.
 * Shapes follow each layer's `compute_output_shape`, including its way of reading a rank-3
 * input as one unbatched image; the messages are Keras's own.
 */
import type { ArgValue, EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { ArgProblem, channelsFirstArg, issue, pyTuple, rankMismatch, requiredIntArg } from './layerModel';
import type { FamilyResult } from './familyResult';
import { pairsArg } from './coreLayers';
import { dataFormatIssue, pyStr } from './kerasArgs';
import { kerasShapeTuple, shapeConversionIssue } from './kerasChecks';

/** Python's name of a value's type, as `type(value)` prints it in a message. */
function pyTypeName(value: ArgValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  return 'tuple';
}

function adaptiveRank(kind: string): number | undefined {
  const m = /^Adaptive(?:Average|Max)Pooling([123])D$/.exec(kind);
  return m ? Number(m[1]) : undefined;
}

const imageSizeKinds = new Set(['CenterCrop', 'Resizing', 'RandomCrop']);

/** True for the classes this file models (CenterCrop and Resizing in the Keras dialect; TF.js has its own rule). */
export function isKerasImageSizeKind(kind: string): boolean {
  return imageSizeKinds.has(kind) || adaptiveRank(kind) !== undefined || kind === 'Cropping3D';
}

const adaptiveNames = ['', 'tuple of 1 integer', '(height, width) tuple', '(depth, height, width) tuple'];

function adaptiveConstructorIssue(layer: TfLayer, rank: number): EngineIssue | undefined {
  const size = layer.args.output_size;
  if (rank === 1 && Array.isArray(size) && size.length !== 1) {
    return issue('error', 'tf.bad-output-size', `For 1D input, \`output_size\` tuple must have length 1. Received: ${pyStr(size)}`, 'output_size');
  }
  const fits = (typeof size === 'number' && Number.isInteger(size)) || typeof size === 'boolean' || (Array.isArray(size) && size.length === rank);
  if (!fits) {
    const message = `\`output_size\` must be an integer or ${adaptiveNames[rank]}. Received: ${pyStr(size)} of type <class '${pyTypeName(size ?? null)}'>`;
    return issue('error', 'tf.bad-output-size', message, 'output_size');
  }
  const format = layer.args.data_format;
  if (format !== null && format !== undefined && format !== 'channels_first' && format !== 'channels_last') {
    return issue('error', 'tf.bad-data-format', `Invalid data_format: ${pyStr(format)}. Expected 'channels_first' or 'channels_last'.`, 'data_format');
  }
  return undefined;
}

const ordinals = ['1st', '2nd', '3rd'];

/** `argument_validation.standardize_tuple(entry, 2, name, allow_zero=True)` on one entry of Cropping3D's `cropping`. */
function croppingEntryIssue(entry: ArgValue, index: number): EngineIssue | undefined {
  const name = `${ordinals[index]} entry of cropping`;
  const base = `The \`${name}\` argument must be a tuple of 2 integers. Received ${name}=${pyStr(entry)}`;
  let pair: readonly ArgValue[];
  if (typeof entry === 'number' && Number.isInteger(entry)) pair = [entry, entry];
  else if (Array.isArray(entry) && entry.length === 2) pair = entry;
  else return issue('error', 'tf.bad-cropping', base, 'cropping');
  const bad = pair.find((v) => typeof v !== 'number');
  if (bad !== undefined) return issue('error', 'tf.bad-cropping', `${base}including element ${pyStr(bad)} of type <class '${pyTypeName(bad)}'>`, 'cropping');
  const negative = [...new Set((pair as number[]).filter((v) => v < 0))].sort((a, b) => a - b);
  if (negative.length === 0) return undefined;
  return issue('error', 'tf.bad-cropping', `${base}, including values {${negative.join(', ')}} that do not satisfy \`value >= 0\``, 'cropping');
}

function cropping3dConstructorIssue(layer: TfLayer): EngineIssue | undefined {
  const cropping = layer.args.cropping;
  if (typeof cropping === 'number' && Number.isInteger(cropping)) {
    return cropping < 0 ? issue('error', 'tf.bad-cropping', `\`cropping\` cannot be negative. Received: cropping=${cropping}.`, 'cropping') : undefined;
  }
  if (Array.isArray(cropping) || typeof cropping === 'string') {
    if (cropping.length !== 3) return issue('error', 'tf.bad-cropping', `\`cropping\` should have 3 elements. Received: ${pyStr(cropping)}.`, 'cropping');
    if (Array.isArray(cropping)) return cropping.map(croppingEntryIssue).find((problem) => problem !== undefined);
  }
  return undefined;
}

/** Errors Keras raises in the constructor of one of this file's classes (the first, as Python raises it). */
export function kerasImageSizeConstructorIssues(layer: TfLayer): EngineIssue[] {
  const rank = adaptiveRank(layer.kind);
  let problem: EngineIssue | undefined;
  if (rank !== undefined) problem = adaptiveConstructorIssue(layer, rank);
  else if (layer.kind === 'Cropping3D') problem = dataFormatIssue(layer.args) ?? cropping3dConstructorIssue(layer);
  else problem = dataFormatIssue(layer.args);
  return problem ? [problem] : [];
}

function sizeArg(value: ArgValue | undefined, name: string): number {
  if (value === null) return Number.NaN;
  if (typeof value !== 'number') throw new ArgProblem(issue('info', 'tf.unknown-arg', `${name} could not be resolved`, name));
  return value;
}

function applyAdaptive(layer: TfLayer, input: Shape, rank: number): FamilyResult {
  const given = layer.args.output_size;
  const size = Array.isArray(given) ? given.map((v) => sizeArg(v, 'output_size')) : new Array<number>(rank).fill(sizeArg(given, 'output_size'));
  const channelsFirst = channelsFirstArg(layer.args);
  const output = channelsFirst ? [input[0], input[1] ?? Number.NaN, ...size] : [input[0], ...size, input[input.length - 1]];
  const problem = shapeConversionIssue(output);
  return problem ? { output: null, steps: null, issues: [problem] } : { output, steps: null, issues: [] };
}

function applyCropping3d(layer: TfLayer, input: Shape): FamilyResult {
  if (input.length !== 5) return { output: null, steps: null, issues: [rankMismatch(layer, 5, input)] };
  const pairs = pairsArg(layer.args.cropping, 3, 'cropping');
  const first = channelsFirstArg(layer.args) ? 2 : 1;
  const output = [...input];
  const steps = pairs.map(([before, after], i) => {
    output[first + i] = input[first + i] - before - after;
    return { kernel: 1, dilation: 1, stride: 1, padding: -before };
  });
  if (output.some((d) => d <= 0)) {
    const shown = pyTuple(pairs.map((p) => pyTuple(p)));
    const message = `Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${kerasShapeTuple(input)}, cropping=${shown}`;
    return { output: null, steps: null, issues: [issue('error', 'tf.crop-too-large', message, 'cropping')] };
  }
  return { output, steps, issues: [] };
}

/**
 * The axes CenterCrop / Resizing / RandomCrop set to `height` and `width`: a rank-4 input is
 * a batch of images, any other rank one image (RandomCrop counts from the end instead).
 */
function heightWidthAxes(layer: TfLayer, rank: number): [number, number] {
  const channelsFirst = channelsFirstArg(layer.args);
  if (layer.kind === 'RandomCrop') return channelsFirst ? [rank - 2, rank - 1] : [rank - 3, rank - 2];
  if (rank === 4) return channelsFirst ? [2, 3] : [1, 2];
  return channelsFirst ? [1, 2] : [0, 1];
}

function applyImageSize(layer: TfLayer, input: Shape): FamilyResult {
  if (layer.kind === 'CenterCrop' && input.length !== 3 && input.length !== 4) {
    const message = '`input_shape` must be a non-nested tuple or list of rank-1 with size 3 (unbatched) or 4 (batched). ';
    return { output: null, steps: null, issues: [issue('error', 'tf.image-rank', message)] };
  }
  const height = requiredIntArg(layer.args, 'height');
  const width = requiredIntArg(layer.args, 'width');
  const axes = heightWidthAxes(layer, input.length);
  if (axes.some((a) => a < 0 || a >= input.length)) {
    return { output: null, steps: null, issues: [issue('error', 'tf.image-rank', 'list assignment index out of range')] };
  }
  const output = [...input];
  output[axes[0]] = height;
  output[axes[1]] = width;
  const problem = shapeConversionIssue(output);
  return problem ? { output: null, steps: null, issues: [problem] } : { output, steps: null, issues: [] };
}

/** Applies one of this file's layers (see `isKerasImageSizeKind`). */
export function applyKerasImageSizeLayer(layer: TfLayer, input: Shape): FamilyResult {
  const rank = adaptiveRank(layer.kind);
  if (rank !== undefined) return applyAdaptive(layer, input, rank);
  if (layer.kind === 'Cropping3D') return applyCropping3d(layer, input);
  return applyImageSize(layer, input);
}
