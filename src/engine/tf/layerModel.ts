/**
 * The shared vocabulary of the TensorFlow-semantics engine: the layer object, the result
 * of applying it, and the argument readers every layer family uses.
 */
import type { ArgValue, AxisStep, BoundArgs, EngineIssue, ExactCount, ParamTensor, Shape } from '../types';
import { isUnknownValue } from '../types';

/**
 * Whose words the errors use: TensorFlow.js (`tf.layers.*`) or Keras (Python). The shape
 * rules are the same; the messages and a few checks (which tfjs only makes at run time) differ.
 */
export type TfDialect = 'tfjs' | 'keras';

/** A constructed layer. Keras builds weights on the first call, so `built` is filled by `applyTfLayer`. */
export interface TfLayer {
  /** Class name as `getClassName()` reports it: `Conv2D`, `Dense`, ... */
  readonly kind: string;
  /** The `name` argument, else the auto name the caller chose (tfjs: `conv2d_Conv2D1`). Used in messages. */
  readonly name: string;
  /** Arguments in snake_case with Keras defaults filled in. */
  readonly args: BoundArgs;
  readonly dialect: TfDialect;
  /** Layers passed as arguments (an RNN's cells, a wrapper's layer and backward layer), constructed with it. */
  readonly inner?: readonly TfLayer[];
  /** Set by the first apply: the input it was built for and its weights. */
  built: { readonly input: Shape; readonly paramTensors: readonly ParamTensor[] } | null;
}

export interface TfApplyResult {
  /** Output shape (batch first), or null when it cannot be computed. */
  readonly output: Shape | null;
  /** Every tensor of a layer that returns a list (RNNs with returnState); `output` is then null. */
  readonly outputs?: readonly Shape[];
  readonly macs: ExactCount;
  /** One step per spatial axis for the receptive field; null for layers that mix all positions. */
  readonly steps: AxisStep[] | null;
  readonly issues: EngineIssue[];
}

/** Thrown inside a layer family when an argument is unknown or malformed; becomes an issue. */
export class ArgProblem extends Error {
  constructor(readonly issue: EngineIssue) {
    super(issue.message);
  }
}

function unknownProblem(name: string, value: ArgValue | undefined): ArgProblem {
  const reason = isUnknownValue(value) ? value.reason : `unexpected value ${JSON.stringify(value)}`;
  return new ArgProblem({ severity: 'info', code: 'tf.unknown-arg', message: `${name} could not be resolved: ${reason}`, arg: name });
}

/** A required integer argument: an unknown or non-numeric value throws an `ArgProblem`. */
export function requiredIntArg(args: BoundArgs, name: string): number {
  const value = args[name];
  if (typeof value !== 'number') throw unknownProblem(name, value);
  return value;
}

/** An integer or a list of `n` integers (Keras accepts both for sizes, strides, rates). */
export function requiredTupleArg(args: BoundArgs, name: string, n: number): number[] {
  const value = args[name];
  if (typeof value === 'number') return new Array<number>(n).fill(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) {
    const list = value as number[];
    if (list.length === 1 && n > 1) return new Array<number>(n).fill(list[0]);
    if (list.length === n) return [...list];
    throw new ArgProblem({
      severity: 'error',
      code: 'tf.bad-tuple',
      arg: name,
      message: `The ${camelOrSnake(name)} argument must be an integer or tuple of ${n} integers. Received: ${list.length} elements.`,
    });
  }
  throw unknownProblem(name, value);
}

function camelOrSnake(name: string): string {
  return name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** A boolean argument; anything else (absent, unknown, a number) reads as `fallback`. */
export function boolArgOrDefault(args: BoundArgs, name: string, fallback: boolean): boolean {
  const value = args[name];
  return typeof value === 'boolean' ? value : fallback;
}

/** `padding`: 'valid' | 'same' | 'causal', case-insensitive as in Keras. */
export function paddingArg(args: BoundArgs, dialect: TfDialect): 'valid' | 'same' | 'causal' {
  const value = args.padding;
  if (typeof value !== 'string') throw unknownProblem('padding', value);
  const lower = dialect === 'keras' ? value.toLowerCase() : value;
  if (lower === 'valid' || lower === 'same' || lower === 'causal') return lower;
  throw new ArgProblem({
    severity: 'error',
    code: 'tf.bad-padding',
    arg: 'padding',
    message:
      dialect === 'tfjs'
        ? `${value} is not a valid PaddingMode.  Valid values are valid,same,causal or null/undefined.`
        : `The \`padding\` argument must be a list/tuple or one of "valid", "same" (or "causal", only for \`Conv1D). Received: ${value}`,
  });
}

/** True for channels-first data (`'channels_first'` in Keras, `'channelsFirst'` in tfjs). */
export function channelsFirstArg(args: BoundArgs): boolean {
  const value = args.data_format;
  // Keras lower-cases it first ('CHANNELS_FIRST' is channels-first there).
  return typeof value === 'string' && (value.toLowerCase() === 'channels_first' || value === 'channelsFirst');
}

/** Indices of the spatial axes of a batch-first shape of `rank` dimensions, in TF's channels-first or -last layout. */
export function tfSpatialAxes(rank: number, channelsFirst: boolean): number[] {
  const axes: number[] = [];
  for (let i = channelsFirst ? 2 : 1; i < (channelsFirst ? rank : rank - 1); i++) axes.push(i);
  return axes;
}

export function channelAxis(rank: number, channelsFirst: boolean): number {
  return channelsFirst ? 1 : rank - 1;
}

/** A shape as the framework prints it, batch unknown: tfjs `[null,28,28,3]`, Keras `(None, 28, 28, 3)`. */
export function tfShapeText(shape: Shape, dialect: TfDialect): string {
  const dims = shape.map((d, i) => (i === 0 || Number.isNaN(d) ? null : d));
  if (dialect === 'tfjs') return JSON.stringify(dims);
  return pyTuple(dims.map((d) => (d === null ? 'None' : String(d))));
}

/** A Python tuple's repr: `(2, 2)`, `(2,)`. */
export function pyTuple(items: readonly (string | number)[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/**
 * A numpy array's str() as Keras's messages print it: `[3 3]`; ints right-aligned to the widest
 * (`[ 3 12]`); an array holding None is an object array, printed unpadded (`[None 2 5]`).
 */
export function numpyArray(items: readonly (number | null)[]): string {
  const texts = items.map((d) => (d === null || Number.isNaN(d) ? 'None' : String(d)));
  const width = items.some((d) => d === null || Number.isNaN(d)) ? 0 : Math.max(...texts.map((t) => t.length));
  return `[${texts.map((t) => t.padStart(width)).join(' ')}]`;
}

/** TF's output length of a convolution or pooling window along one axis. */
export function convOutputLength(input: number, kernel: number, padding: 'valid' | 'same' | 'causal', stride: number, dilation: number): number {
  const dilated = kernel + (kernel - 1) * (dilation - 1);
  const length = padding === 'valid' ? input - dilated + 1 : input;
  return Math.floor((length + stride - 1) / stride);
}

/** Padding TF adds before the first element ('same' is asymmetric: the extra goes after). */
export function leadingPad(input: number, kernel: number, padding: 'valid' | 'same' | 'causal', stride: number, dilation: number): number {
  const dilated = dilation * (kernel - 1) + 1;
  if (padding === 'valid') return 0;
  if (padding === 'causal') return dilated - 1;
  const total = input % stride === 0 ? Math.max(dilated - stride, 0) : Math.max(dilated - (input % stride), 0);
  return Math.floor(total / 2);
}

export function issue(severity: EngineIssue['severity'], code: string, message: string, arg?: string): EngineIssue {
  return arg === undefined ? { severity, code, message } : { severity, code, message, arg };
}

/** The message when a built layer is called again on an input whose built axis differs. */
export function builtAxisMismatch(layer: TfLayer, axis: number, negativeAxis: number, expected: number, shape: Shape): EngineIssue {
  const message =
    layer.dialect === 'tfjs'
      ? `Input 0 is incompatible with layer ${layer.name}: expected axis ${axis} of input shape to have value ${expected} but got shape ${shape.map((d, i) => (i === 0 ? '' : d)).join(',')}.`
      : `Input 0 with name 'None' of layer '${layer.name}' is incompatible with the layer: expected axis ${negativeAxis} of input shape to have value ${expected}, but received input with shape ${tfShapeText(shape, 'keras')}`;
  return issue('error', 'tf.channel-mismatch', message);
}

/** The message when the input has the wrong number of dimensions. */
export function rankMismatch(layer: TfLayer, expectedRank: number, shape: Shape, minimum = false): EngineIssue {
  const key = minimum ? 'min_ndim' : 'ndim';
  const message =
    layer.dialect === 'tfjs'
      ? `Input 0 is incompatible with layer ${layer.name}: expected ${key}=${expectedRank}, found ndim=${shape.length}${minimum ? '.' : ''}`
      : `Input 0 with name 'None' of layer '${layer.name}' is incompatible with the layer: expected ${key}=${expectedRank}, found ndim=${shape.length}. Full shape received: ${tfShapeText(shape, 'keras')}`;
  return issue('error', 'tf.rank-mismatch', message);
}

/**
 * tfjs raises nothing for a window larger than its padded input: it computes a size <= 0.
 * When the element count comes out negative its kernel then fails allocating the output
 * (that message, verbatim); otherwise the output is empty or has negative sizes: a warning.
 */
export function tfjsEmptyOutput(output: Shape, explanation: string): EngineIssue {
  const elements = output.reduce((a, b) => a * b, 1);
  return elements < 0 ? issue('error', 'tf.empty-output', `Invalid typed array length: ${elements}`) : issue('warning', 'tf.empty-output', explanation);
}
