/**
 * The vocabulary shared by the engine and the front ends. Pure: no vscode, no DOM.
 *
 * A front end reads source text, binds each layer constructor's arguments by the
 * framework's own signature (see `torch/signatures.ts`) and hands the engine
 * `BoundArgs`. The engine validates them (constructor errors), applies the layer to an
 * input shape (output shape, run-time errors, MACs) and counts parameters.
 */

/** A tensor shape, batch first: `[N, C, H, W]` for PyTorch. */
export type Shape = readonly number[];

/** A value the front end could not resolve statically (a call it does not know, a user input, ...). */
export interface UnknownValue {
  readonly unknown: true;
  /** What could not be followed, shown to the user in an `info` diagnostic. */
  readonly reason: string;
}

/** True for a value the front end could not resolve. */
export function isUnknownValue(value: ArgValue | undefined): value is UnknownValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as UnknownValue).unknown === true;
}

/**
 * A layer object passed as an argument (`Bidirectional(LSTM(4))`, `RNN(LSTMCell(4))`,
 * `tf.layers.bidirectional({layer: tf.layers.lstm({units: 4})})`): its class and its own
 * bound arguments; the wrapping layer constructs it.
 */
export interface LayerArgValue {
  readonly layerClass: string;
  readonly layerArgs: BoundArgs;
}

/** True for a layer object passed as an argument. */
export function isLayerArgValue(value: ArgValue | undefined): value is LayerArgValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as LayerArgValue).layerClass === 'string';
}

/** A resolved constructor argument: Python/JS literals, tuples/lists as arrays, layer objects, or unknown. */
export type ArgValue = number | boolean | string | null | readonly ArgValue[] | UnknownValue | LayerArgValue;

/** Constructor arguments bound to their parameter names, defaults filled in. */
export type BoundArgs = Readonly<Record<string, ArgValue>>;

export type Severity = 'error' | 'warning' | 'info';

/** A problem the engine found. Messages for errors are the framework's own words, verbatim. */
export interface EngineIssue {
  readonly severity: Severity;
  /** Stable id, e.g. `torch.groups-divide-in`, `torch.channel-mismatch`, `gridding`. */
  readonly code: string;
  readonly message: string;
  /** The argument the problem is about, so an editor can underline it; absent = whole call. */
  readonly arg?: string;
}

/** One spatial axis of a layer as the receptive-field arithmetic sees it. */
export interface AxisStep {
  /** Kernel size (taps) along the axis. */
  readonly kernel: number;
  /** Spacing of the taps (dilation); 1 for pooling without dilation. */
  readonly dilation: number;
  readonly stride: number;
  /** Padding before the first element (left/top). */
  readonly padding: number;
  /** True for transposed convolutions, where the step divides the jump instead. */
  readonly transposed?: boolean;
}

/** Receptive field per spatial axis after some layers (Araujo et al., Distill 2019). */
export interface ReceptiveField {
  /** Size `r` of the field, in input pixels, per axis. */
  readonly size: readonly number[];
  /** Jump `j`: distance in input pixels between adjacent outputs, per axis. */
  readonly jump: readonly number[];
  /** Centre of the first output's field, in input coordinates, per axis. */
  readonly start: readonly number[];
}

/** A named parameter tensor of a layer, e.g. `{ name: 'weight', shape: [64, 3, 7, 7] }`. */
export interface ParamTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** Counted in the total but not trained (BatchNorm running statistics are buffers, not listed). */
  readonly trainable: boolean;
}

/** Count that is exact, or flagged when it would pass 2^53 and a JS number would lie. */
export interface ExactCount {
  readonly value: number;
  /** False when the true count exceeds Number.MAX_SAFE_INTEGER: `value` is then approximate. */
  readonly exact: boolean;
  /** True when the count could not be determined at all (unknown arguments or input); `value` is 0. */
  readonly unknown?: boolean;
}
