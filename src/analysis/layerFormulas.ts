/**
 * The output-size formula of a conv / pooling layer with the record's numbers filled in,
 * and a one-line note on what a grouped, depthwise, pointwise, dilated or transposed conv
 * does to parameters and receptive field. The formulas are the frameworks' own;
 * the value after `=` is recomputed here so a reader can follow the arithmetic.
 */
import type { ArgValue } from '../engine/types';
import type { LayerRecord } from '../engine/report';
import { AXIS_NAMES, isChannelsLast, isConvKind, isTransposedKind, layerArg, layerFamily, perAxis, spatialAxes, spatialRank } from './describeLayer';

type RecordLike = Pick<LayerRecord, 'kind' | 'args' | 'input'>;

interface AxisNumbers {
  readonly input: number | undefined;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number | string;
  readonly dilation: number;
  readonly outputPadding: number | null;
}

function axisNumbers(record: RecordLike, rank: number): AxisNumbers[] | undefined {
  const { args, kind } = record;
  const kernel = perAxis(layerArg(args, 'kernel'), rank);
  if (!kernel) return undefined;
  const strideArg = layerArg(args, 'stride');
  // Pooling layers default their stride to the kernel (None in PyTorch, null in Keras).
  const stride = strideArg === null || strideArg === undefined ? (/Pool/.test(kind) ? kernel : perAxis(1, rank)) : perAxis(strideArg, rank);
  const paddingArg = layerArg(args, 'padding') ?? (layerFamily(kind) === 'tensorflow' ? 'valid' : 0);
  const padding: (number | string)[] | undefined = typeof paddingArg === 'string' ? Array.from({ length: rank }, () => paddingArg) : perAxis(paddingArg, rank);
  const dilation = perAxis(layerArg(args, 'dilation') ?? 1, rank);
  const outputPaddingArg: ArgValue | undefined = layerArg(args, 'outputPadding');
  const outputPadding = outputPaddingArg === null || outputPaddingArg === undefined ? null : perAxis(outputPaddingArg, rank);
  if (!stride || !padding || !dilation || outputPadding === undefined) return undefined;
  const input = record.input;
  const inputAxes = input && input.length >= rank + 1 ? spatialAxes(input, rank, isChannelsLast(record)).map((axis) => input[axis]) : undefined;
  return kernel.map((k, i) => ({
    input: inputAxes?.[i],
    kernel: k,
    stride: stride[i] ?? 1,
    padding: padding[i] ?? 0,
    dilation: dilation[i] ?? 1,
    outputPadding: outputPadding ? (outputPadding[i] ?? 0) : null,
  }));
}

function torchFormula(axis: AxisNumbers, transposed: boolean, ceilMode: boolean): string {
  const input = axis.input;
  const inText = input === undefined ? 'in' : String(input);
  const { kernel: k, stride: s, dilation: d } = axis;
  if (typeof axis.padding === 'string') {
    if (axis.padding === 'same') {
      const total = d * (k - 1);
      return `padding='same' pads ${total} (${Math.floor(total / 2)} before, ${total - Math.floor(total / 2)} after): ${inText} -> ${inText}`;
    }
    return torchFormula({ ...axis, padding: 0 }, transposed, ceilMode);
  }
  const p = axis.padding;
  if (transposed) {
    const op = axis.outputPadding ?? 0;
    const text = `(${inText} − 1)·${s} − 2·${p} + ${d}·(${k} − 1) + ${op} + 1`;
    return input === undefined ? text : `${text} = ${(input - 1) * s - 2 * p + d * (k - 1) + op + 1}`;
  }
  const round = ceilMode ? 'ceil' : 'floor';
  const text = `${round}((${inText} + 2·${p} − ${d}·(${k} − 1) − 1) / ${s}) + 1`;
  if (input === undefined) return text;
  const numerator = input + 2 * p - d * (k - 1) - 1;
  let out = (ceilMode ? Math.ceil(numerator / s) : Math.floor(numerator / s)) + 1;
  // PyTorch drops the last window when it would start inside the right padding.
  if (ceilMode && (out - 1) * s >= input + p) out -= 1;
  return `${text} = ${out}`;
}

function tensorflowFormula(axis: AxisNumbers, transposed: boolean): string {
  const input = axis.input;
  const inText = input === undefined ? 'in' : String(input);
  const { kernel: k, stride: s, dilation: d } = axis;
  const padding = typeof axis.padding === 'string' ? axis.padding.toLowerCase() : 'valid';
  const dk = d * (k - 1) + 1;
  const dkText = d === 1 ? String(k) : `${d}·(${k} − 1) + 1`;
  if (transposed) {
    if (axis.outputPadding === null) {
      if (padding === 'same') return input === undefined ? `${inText}·${s}` : `${inText}·${s} = ${input * s}`;
      const text = `${inText}·${s} + max(${dkText} − ${s}, 0)`;
      return input === undefined ? text : `${text} = ${input * s + Math.max(dk - s, 0)}`;
    }
    const pad = padding === 'same' ? Math.floor(dk / 2) : 0;
    const text = `(${inText} − 1)·${s} + ${dkText} − 2·${pad} + ${axis.outputPadding}`;
    return input === undefined ? text : `${text} = ${(input - 1) * s + dk - 2 * pad + axis.outputPadding}`;
  }
  if (padding === 'same') {
    return input === undefined ? `padding 'same': ceil(${inText} / ${s})` : `padding 'same': ceil(${inText} / ${s}) = ${Math.ceil(input / s)}`;
  }
  const text = `padding 'valid': ceil((${inText} − ${dkText} + 1) / ${s})`;
  return input === undefined ? text : `${text} = ${Math.ceil((input - dk + 1) / s)}`;
}

/**
 * One line per distinct spatial axis: `H, W: floor((224 + 2·3 − 1·(7 − 1) − 1) / 2) + 1 = 112`.
 * Empty for layers without a kernel (Linear, activations, adaptive pooling).
 */
export function outputSizeFormulas(record: RecordLike): string[] {
  const rank = spatialRank(record.kind);
  if (rank === 0 || !(isConvKind(record.kind) || /Pool/.test(record.kind)) || /Adaptive|Global/.test(record.kind)) return [];
  const axes = axisNumbers(record, rank);
  if (!axes) return [];
  const transposed = isTransposedKind(record.kind);
  const ceilMode = record.args['ceil_mode'] === true;
  const formulas = axes.map((axis) => (layerFamily(record.kind) === 'torch' ? torchFormula(axis, transposed, ceilMode) : tensorflowFormula(axis, transposed)));
  const names = AXIS_NAMES[rank] ?? [];
  const lines: string[] = [];
  const seen = new Map<string, string[]>();
  formulas.forEach((formula, i) => {
    const list = seen.get(formula);
    if (list) list.push(names[i] ?? String(i));
    else seen.set(formula, [names[i] ?? String(i)]);
  });
  for (const [formula, axisNames] of seen) lines.push(`${axisNames.join(', ')}: ${formula}`);
  return lines;
}

function numberArg(record: RecordLike, role: Parameters<typeof layerArg>[1]): number | undefined {
  const value = layerArg(record.args, role);
  return typeof value === 'number' ? value : undefined;
}

/** One sentence on what this conv variant does to params and receptive field; undefined for a plain conv. */
export function variantNote(record: RecordLike): string | undefined {
  const { kind } = record;
  if (!isConvKind(kind)) return undefined;
  const rank = spatialRank(kind);
  const notes: string[] = [];
  const groups = numberArg(record, 'groups') ?? 1;
  const inChannels = numberArg(record, 'inChannels');
  const kernel = perAxis(layerArg(record.args, 'kernel'), rank);
  const dilation = perAxis(layerArg(record.args, 'dilation') ?? 1, rank);
  if (/^DepthwiseConv/.test(kind) || (groups > 1 && inChannels !== undefined && groups === inChannels)) {
    notes.push(
      `Depthwise: every input channel gets its own filters (groups = in_channels = ${inChannels ?? 'C'}), so params and MACs are ${inChannels ?? 'C'}x fewer than a standard conv with the same channels; the field is unchanged; a 1x1 pointwise conv must mix the channels.`,
    );
  } else if (/^SeparableConv/.test(kind)) {
    notes.push(
      'Depthwise separable: a depthwise conv followed by a 1x1 pointwise conv, far fewer params and MACs than a standard conv; the field is that of the depthwise kernel.',
    );
  } else if (groups > 1) {
    notes.push(
      `Grouped (g = ${groups}): each group of out/${groups} filters sees only in/${groups} channels, so weights and MACs are divided by ${groups}; the receptive field is unchanged.`,
    );
  }
  if (kernel && kernel.every((k) => k === 1)) {
    notes.push('Pointwise (1x1): mixes channels at each pixel, changes the channel count cheaply and adds nothing to the receptive field.');
  }
  if (kernel && dilation && dilation.some((d) => d > 1)) {
    const effective = kernel.map((k, i) => (dilation[i] ?? 1) * (k - 1) + 1);
    const rate = dilation.every((d) => d === dilation[0]) ? String(dilation[0]) : dilation.join('x');
    notes.push(`Dilated (d = ${rate}): the ${kernel.join('x')} taps are spread out to cover ${effective.join('x')}; params and MACs do not change, the field grows.`);
  }
  if (isTransposedKind(kind)) {
    notes.push('Transposed: each input value scatters a scaled copy of the kernel into the output and overlaps add up; it restores the size, not the values of a conv input.');
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}
