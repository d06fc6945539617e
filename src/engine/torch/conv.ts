/**
 * Conv{1,2,3}d and ConvTranspose{1,2,3}d: constructor checks of `_ConvNd.__init__`, then the
 * forward path of PyTorch: `F.pad` for non-zero padding modes, ATen's `check_shape_forward`
 * (padding, stride, channels, kernel vs padded input) and, for transposed convolutions, the
 * `slow_conv_transpose` shape check (output_padding, output size).
 */
import type { AxisStep, BoundArgs, EngineIssue, ExactCount, ParamTensor, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { multiplyCounts, UNKNOWN_COUNT } from '../exactCount';
import { boolArgOrNull, containsUnknown, torchShapeText, intArgOrNull, intTuple, pythonRepr, torchSpatialRank, torchError } from './args';
import { padForMode } from './convPadding';

/** The order PyTorch's own source lists them in (its message prints a Python set; its order varies per process). */
const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

interface ConvSpec {
  readonly n: number;
  readonly transposed: boolean;
  /** Null when unknown: the output shape is still known, the channel check and MACs are not. */
  readonly inChannels: number | null;
  readonly outChannels: number;
  /** Null when unknown (like inChannels). */
  readonly groups: number | null;
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  /** Numeric padding per axis, or the padding string. */
  readonly padding: readonly number[] | string;
  readonly outputPadding: readonly number[];
  readonly bias: boolean;
  readonly paddingMode: string;
}

/**
 * Null when an argument the output shape depends on is unknown. Unknown in_channels or
 * groups still give the shape; an unknown bias or padding_mode does not change it either.
 */
function readSpec(kind: string, args: BoundArgs): ConvSpec | null {
  const n = torchSpatialRank(kind);
  const transposed = kind.startsWith('ConvTranspose');
  const inChannels = intArgOrNull(args, 'in_channels');
  const outChannels = intArgOrNull(args, 'out_channels');
  const groups = intArgOrNull(args, 'groups');
  const kernel = intTuple(args.kernel_size, n);
  const stride = intTuple(args.stride, n);
  const dilation = intTuple(args.dilation, n);
  const rawPadding = args.padding;
  const padding = typeof rawPadding === 'string' ? rawPadding : intTuple(rawPadding, n);
  const outputPadding = transposed ? intTuple(args.output_padding, n) : [];
  const bias = boolArgOrNull(args, 'bias') ?? true;
  const paddingMode = typeof args.padding_mode === 'string' ? args.padding_mode : 'zeros';
  if (outChannels === null || !kernel || !stride || !dilation || padding === null || !outputPadding) return null;
  return { n, transposed, inChannels, outChannels, groups, kernel, stride, dilation, padding, outputPadding, bias, paddingMode };
}

function weightShape(spec: ConvSpec & { inChannels: number; groups: number }): number[] {
  return spec.transposed ? [spec.inChannels, spec.outChannels / spec.groups, ...spec.kernel] : [spec.outChannels, spec.inChannels / spec.groups, ...spec.kernel];
}

function hasChannels(spec: ConvSpec): spec is ConvSpec & { inChannels: number; groups: number } {
  return spec.inChannels !== null && spec.groups !== null;
}

/** Constructor checks, in the order `_ConvNd.__init__` (and `_ConvTransposeNd`) raises them. */
function constructorIssues(kind: string, args: BoundArgs): EngineIssue[] {
  const transposed = kind.startsWith('ConvTranspose');
  if (transposed && typeof args.padding_mode === 'string' && args.padding_mode !== 'zeros') {
    return [torchError('torch.padding-mode-transposed', `Only "zeros" padding mode is supported for ${kind}`, 'padding_mode')];
  }
  const groups = intArgOrNull(args, 'groups');
  const inChannels = intArgOrNull(args, 'in_channels');
  const outChannels = intArgOrNull(args, 'out_channels');
  if (groups !== null && groups <= 0) return [torchError('torch.groups-positive', 'groups must be a positive integer', 'groups')];
  if (groups !== null && inChannels !== null && inChannels % groups !== 0) {
    return [torchError('torch.groups-divide-in', 'in_channels must be divisible by groups', 'groups')];
  }
  if (groups !== null && outChannels !== null && outChannels % groups !== 0) {
    return [torchError('torch.groups-divide-out', 'out_channels must be divisible by groups', 'groups')];
  }
  const padding = args.padding;
  if (!transposed && typeof padding === 'string') {
    if (padding !== 'same' && padding !== 'valid') {
      return [torchError('torch.padding-string', `Invalid padding string ${pythonRepr(padding)}, should be one of {'valid', 'same'}`, 'padding')];
    }
    const stride = intTuple(args.stride, torchSpatialRank(kind));
    if (padding === 'same' && stride && stride.some((step) => step !== 1)) {
      return [torchError('torch.padding-same-strided', "padding='same' is not supported for strided convolutions", 'padding')];
    }
  }
  const mode = args.padding_mode;
  if (typeof mode === 'string' && !PADDING_MODES.includes(mode)) {
    const modes = PADDING_MODES.map((name) => `'${name}'`).join(', ');
    return [torchError('torch.padding-mode', `padding_mode must be one of {${modes}}, but got padding_mode='${mode}'`, 'padding_mode')];
  }
  return [];
}

/** Validates a convolution's constructor arguments and builds its weight and bias. */
export function constructConv(kind: string, args: BoundArgs): ConstructResult {
  const issues = constructorIssues(kind, args);
  if (issues.length > 0) return { layer: null, issues };
  const spec = readSpec(kind, args);
  if (!spec || !hasChannels(spec) || containsUnknown(args.bias)) return { layer: { kind, args, params: [], paramsUnknown: true }, issues };
  const params: ParamTensor[] = [{ name: 'weight', shape: weightShape(spec), trainable: true }];
  if (spec.bias) params.push({ name: 'bias', shape: [spec.outChannels], trainable: true });
  return { layer: { kind, args, params }, issues };
}

/** Symmetric numeric padding per axis ('same' pads total//2 on the left; the extra goes right). */
function leftPadding(spec: ConvSpec): number[] {
  if (spec.padding === 'same') return spec.kernel.map((k, i) => Math.floor((spec.dilation[i] * (k - 1)) / 2));
  if (spec.padding === 'valid') return spec.kernel.map(() => 0);
  return [...(spec.padding as readonly number[])];
}

function totalPadding(spec: ConvSpec): number[] {
  if (spec.padding === 'same') return spec.kernel.map((k, i) => spec.dilation[i] * (k - 1));
  return leftPadding(spec).map((p) => 2 * p);
}

/** Runs the forward checks and computes the output shape, MACs and receptive-field steps. */
export function applyTorchConv(layer: TorchLayer, input: Shape): ApplyResult {
  const spec = readSpec(layer.kind, layer.args);
  if (!spec) return UNKNOWN_APPLY;
  const { n, transposed } = spec;
  const op = transposed ? `conv_transpose${n}d` : `conv${n}d`;
  if (input.length !== n + 1 && input.length !== n + 2) {
    return failedApply([torchError('torch.input-rank', `Expected ${n + 1}D (unbatched) or ${n + 2}D (batched) input to ${op}, but got input of size: ${torchShapeText(input)}`)]);
  }
  if (transposed && typeof spec.padding === 'string') {
    return failedApply([torchError('torch.padding-string-transposed', `${op}(): argument 'padding' (position 5) must be tuple of ints, not tuple`, 'padding')]);
  }
  const batched = input.length === n + 2;
  const left = leftPadding(spec);
  let padded: Shape = input;
  let atenPadding = left;
  if (spec.paddingMode !== 'zeros') {
    const result = padForMode(spec.paddingMode, input, left, totalPadding(spec), n);
    if ('issue' in result) return failedApply([result.issue]);
    padded = result.shape;
    atenPadding = left.map(() => 0);
  }
  const full = batched ? padded : [1, ...padded];
  const issue = shapeForwardIssue(spec, full, atenPadding);
  if (issue) return failedApply([issue]);
  const spatialIn = full.slice(2);
  const batch = full[0];
  if (!transposed) {
    const extra = spec.paddingMode === 'zeros' ? totalPadding(spec) : left.map(() => 0);
    const paddedSizes = spatialIn.map((size, i) => size + extra[i]);
    const effective = spec.kernel.map((k, i) => spec.dilation[i] * (k - 1) + 1);
    if (paddedSizes.some((size, i) => size < effective[i])) {
      return failedApply([
        torchError(
          'torch.kernel-too-large',
          `Calculated padded input size per channel: (${paddedSizes.join(' x ')}). Kernel size: (${effective.join(' x ')}). Kernel size can't be greater than actual input size`,
          'kernel_size',
        ),
      ]);
    }
    const out = paddedSizes.map((size, i) => Math.floor((size - effective[i]) / spec.stride[i]) + 1);
    const macs = hasChannels(spec) ? multiplyCounts(batch, spec.outChannels, ...out, spec.inChannels / spec.groups, ...spec.kernel) : UNKNOWN_COUNT;
    return done(spec, batched, batch, out, macs, left);
  }
  const transposedIssue = transposedShapeIssue(spec, spatialIn);
  if (transposedIssue.issue) return failedApply([transposedIssue.issue]);
  const macs = hasChannels(spec) ? multiplyCounts(batch, spec.inChannels, ...spatialIn, spec.outChannels / spec.groups, ...spec.kernel) : UNKNOWN_COUNT;
  return done(spec, batched, batch, transposedIssue.out, macs, left);
}

function done(spec: ConvSpec, batched: boolean, batch: number, out: readonly number[], macs: ExactCount, left: readonly number[]): ApplyResult {
  const steps: AxisStep[] = spec.kernel.map((kernel, i) => ({
    kernel,
    dilation: spec.dilation[i],
    stride: spec.stride[i],
    padding: left[i],
    ...(spec.transposed ? { transposed: true } : {}),
  }));
  const output = batched ? [batch, spec.outChannels, ...out] : [spec.outChannels, ...out];
  return { output, macs, steps, issues: [] };
}

/** ATen `check_shape_forward`: padding, stride, dilation, then the channel count. */
function shapeForwardIssue(spec: ConvSpec, full: Shape, padding: readonly number[]): EngineIssue | null {
  if (padding.some((p) => p < 0)) return torchError('torch.negative-padding', 'negative padding is not supported', 'padding');
  if (spec.transposed && spec.outputPadding.some((p) => p < 0)) {
    return torchError('torch.negative-output-padding', 'negative output padding is not supported', 'output_padding');
  }
  if (spec.stride.some((s) => s <= 0)) return torchError('torch.non-positive-stride', 'non-positive stride is not supported', 'stride');
  if (spec.dilation.some((d) => d <= 0)) {
    return torchError('torch.non-positive-dilation', `dilation should be greater than zero, but got ${torchShapeText(spec.dilation)}`, 'dilation');
  }
  const channels = full[1];
  if (!hasChannels(spec)) return null;
  if (!spec.transposed && channels !== spec.inChannels) {
    return torchError(
      'torch.channel-mismatch',
      `Given groups=${spec.groups}, weight of size ${torchShapeText(weightShape(spec))}, expected input${torchShapeText(full)} to have ${spec.inChannels} channels, but got ${channels} channels instead`,
    );
  }
  if (spec.transposed && channels !== spec.inChannels) {
    return torchError(
      'torch.channel-mismatch',
      `Given transposed=1, weight of size ${torchShapeText(weightShape(spec))}, expected input${torchShapeText(full)} to have ${spec.inChannels} channels, but got ${channels} channels instead`,
    );
  }
  return null;
}

const AXIS_NAMES = ['depth', 'height', 'width'];

/**
 * `slow_conv_transpose{2,3}d` shape check. A 1-d transposed convolution runs as a 2-d one
 * with a height of 1, which is why its messages name a height.
 */
function transposedShapeIssue(spec: ConvSpec, spatialIn: readonly number[]): { issue: EngineIssue | null; out: number[] } {
  const out = spatialIn.map(
    (size, i) => (size - 1) * spec.stride[i] - 2 * (spec.padding as readonly number[])[i] + spec.dilation[i] * (spec.kernel[i] - 1) + spec.outputPadding[i] + 1,
  );
  const asTwoD = spec.n === 1;
  const pad = (values: readonly number[], fill: number): number[] => (asTwoD ? [fill, ...values] : [...values]);
  const outputPadding = pad(spec.outputPadding, 0);
  const stride = pad(spec.stride, 1);
  const dilation = pad(spec.dilation, 1);
  const names = AXIS_NAMES.slice(3 - outputPadding.length);
  if (outputPadding.some((p, i) => !(p < stride[i] || p < dilation[i]))) {
    const part = (label: string, values: readonly number[]): string => names.map((name, i) => `${label}_${name}: ${values[i]}`).join(' ');
    const message =
      'output padding must be smaller than either stride or dilation, but got ' +
      `${part('output_padding', outputPadding)} ${part('stride', stride)} ${part('dilation', dilation)}`;
    return { issue: torchError('torch.output-padding', message, 'output_padding'), out };
  }
  if (out.some((size) => size < 1)) {
    const message =
      `Given input size per channel: (${pad(spatialIn, 1).join(' x ')}). ` + `Calculated output size per channel: (${pad(out, 1).join(' x ')}). Output size is too small`;
    return { issue: torchError('torch.output-too-small', message), out };
  }
  return { issue: null, out };
}
