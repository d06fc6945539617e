/**
 * Plain-text descriptions of one layer record, shared by hovers, the inspector and exports:
 * the one-line argument summary, the output-size formula with the numbers filled in, and
 * a note on what a grouped / depthwise / pointwise / dilated / transposed conv changes.
 * Pure: no vscode. Every number shown comes from the record's own args and shapes.
 */
import type { ArgValue, BoundArgs, Shape } from '../engine/types';
import type { LayerRecord } from '../engine/report';
import { formatCount } from './format';

/** Which family of rules a layer follows: PyTorch (channels-first) or TensorFlow (Keras / TF.js). */
export type LayerFamily = 'torch' | 'tensorflow';

export type MacsUnit = 'MACs' | 'FLOPs' | 'both';

/** Names an argument has in PyTorch, Keras (snake_case) and TF.js (camelCase). */
const ARG_ALIASES: Readonly<Record<string, readonly string[]>> = {
  inChannels: ['in_channels', 'in_features', 'num_features'],
  outChannels: ['out_channels', 'filters', 'out_features', 'units'],
  kernel: ['kernel_size', 'kernelSize', 'pool_size', 'poolSize'],
  stride: ['stride', 'strides'],
  padding: ['padding'],
  dilation: ['dilation', 'dilation_rate', 'dilationRate'],
  groups: ['groups'],
  outputPadding: ['output_padding', 'outputPadding'],
  ceilMode: ['ceil_mode'],
  dataFormat: ['data_format', 'dataFormat'],
  depthMultiplier: ['depth_multiplier', 'depthMultiplier'],
};

/** The first of an argument's known names that the record binds. */
export function layerArg(args: BoundArgs, role: keyof typeof ARG_ALIASES): ArgValue | undefined {
  for (const name of ARG_ALIASES[role] ?? []) {
    if (name in args) return args[name];
  }
  return undefined;
}

/** PyTorch kinds end in `1d/2d/3d`, TensorFlow kinds in `1D/2D/3D`; that also tells the family. */
export function layerFamily(kind: string): LayerFamily {
  return /[123]D(Transpose)?$/.test(kind) || /^(Dense|DepthwiseConv|SeparableConv|MaxPooling|AveragePooling)/.test(kind) ? 'tensorflow' : 'torch';
}

/** Number of spatial axes a kind works on (`Conv2d` -> 2), 0 for non-spatial layers. */
export function spatialRank(kind: string): number {
  const match = /([123])[dD]/.exec(kind);
  return match ? Number(match[1]) : 0;
}

export function isConvKind(kind: string): boolean {
  return /Conv/.test(kind);
}

export function isTransposedKind(kind: string): boolean {
  return /ConvTranspose|Conv[123]DTranspose|Deconv/.test(kind);
}

function isPoolKind(kind: string): boolean {
  return /Pool/.test(kind) && !/Adaptive|Global/.test(kind);
}

/** Expands an int or a tuple argument to one number per spatial axis; undefined when not a plain number. */
export function perAxis(value: ArgValue | undefined, rank: number): number[] | undefined {
  if (typeof value === 'number') return Array.from({ length: rank }, () => value);
  if (Array.isArray(value) && value.length === rank && value.every((entry) => typeof entry === 'number')) {
    return value as number[];
  }
  return undefined;
}

/** A kernel size always shows every axis: `7x7`, `3x1`. */
function axesText(value: ArgValue | undefined, rank: number): string {
  if (typeof value === 'string') return `'${value}'`;
  return perAxis(value, rank)?.join('x') ?? '?';
}

function scalarText(value: ArgValue | undefined): string {
  if (value === undefined) return '?';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'None';
  if (Array.isArray(value)) return value.map((entry) => scalarText(entry)).join('x');
  return '?';
}

/** `Conv2d 3 -> 64, k 7x7, s 2, p 3, d 1, g 1`: the layer and its arguments in one line. */
export function describeLayerArgs(record: Pick<LayerRecord, 'kind' | 'args'>): string {
  const { kind, args } = record;
  const rank = spatialRank(kind);
  const padding = layerArg(args, 'padding');
  const paddingText = compactAxes(padding ?? 0, rank);
  if (isConvKind(kind) && rank > 0) {
    const inValue = layerArg(args, 'inChannels');
    const outValue = layerArg(args, 'outChannels');
    // Keras / TF.js convs name only their filters; depthwise ones not even that.
    const head = inValue !== undefined ? `${kind} ${scalarText(inValue)} -> ${scalarText(outValue)}` : outValue !== undefined ? `${kind} ${scalarText(outValue)} filters` : kind;
    const parts = [head];
    parts.push(`k ${axesText(layerArg(args, 'kernel'), rank)}`);
    parts.push(`s ${compactAxes(layerArg(args, 'stride') ?? 1, rank)}`);
    parts.push(`p ${paddingText}`);
    parts.push(`d ${compactAxes(layerArg(args, 'dilation') ?? 1, rank)}`);
    const groups = layerArg(args, 'groups');
    if (groups !== undefined) parts.push(`g ${scalarText(groups)}`);
    const depthMultiplier = layerArg(args, 'depthMultiplier');
    if (depthMultiplier !== undefined) parts.push(`depth x${scalarText(depthMultiplier)}`);
    const outputPadding = layerArg(args, 'outputPadding');
    if (isTransposedKind(kind) && outputPadding !== undefined && outputPadding !== null) parts.push(`op ${compactAxes(outputPadding, rank)}`);
    return parts.join(', ');
  }
  if (isPoolKind(kind) && rank > 0) {
    const kernel = layerArg(args, 'kernel');
    const stride = layerArg(args, 'stride');
    const parts = [`${kind} k ${axesText(kernel, rank)}`, `s ${compactAxes(stride === null || stride === undefined ? kernel : stride, rank)}`, `p ${paddingText}`];
    if (args['ceil_mode'] === true) parts.push('ceil_mode');
    return parts.join(', ');
  }
  const inValue = layerArg(args, 'inChannels');
  const outValue = layerArg(args, 'outChannels');
  if (/^(Linear|Dense)$/.test(kind)) {
    return inValue === undefined ? `${kind} -> ${scalarText(outValue)}` : `${kind} ${scalarText(inValue)} -> ${scalarText(outValue)}`;
  }
  if (/BatchNorm/.test(kind) && inValue !== undefined) return `${kind} ${scalarText(inValue)}`;
  return kind;
}

/** `2` when every axis has the same value, `2x1` otherwise. */
function compactAxes(value: ArgValue | undefined, rank: number): string {
  if (typeof value === 'string') return `'${value}'`;
  const numbers = perAxis(value, rank);
  if (!numbers) return scalarText(value);
  return numbers.every((entry) => entry === numbers[0]) ? String(numbers[0]) : numbers.join('x');
}

/** Indices of the spatial axes inside a shape, by the family's layout (channels first or last). */
export function spatialAxes(shape: Shape, rank: number, channelsLast: boolean): number[] {
  const end = channelsLast ? shape.length - 1 : shape.length;
  return Array.from({ length: rank }, (_, i) => end - rank + i);
}

export function isChannelsLast(record: Pick<LayerRecord, 'kind' | 'args'>): boolean {
  return layerFamily(record.kind) === 'tensorflow' && layerArg(record.args, 'dataFormat') !== 'channels_first';
}

/** Axis letters by spatial rank, as the formulas name them. */
export const AXIS_NAMES: Readonly<Record<number, readonly string[]>> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/** MACs / FLOPs as the `macsUnit` setting asks, each labelled. */
export function formatMacs(macs: number, unit: MacsUnit = 'both'): string {
  const macsText = `${formatCount(macs)} MACs`;
  const flopsText = `${formatCount(macs * 2)} FLOPs`;
  if (unit === 'MACs') return macsText;
  if (unit === 'FLOPs') return flopsText;
  return `${macsText} · ${flopsText}`;
}
