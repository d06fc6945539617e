/**
 * The types every PyTorch layer rule shares (a constructed layer, the result of building
 * and of applying it) and the two stock results. They live apart from the registry in
 * layers.ts so that a rule module can be loaded on its own: the registry imports the
 * rules, and the rules import only this module.
 */
import type { AxisStep, BoundArgs, EngineIssue, ExactCount, ParamTensor, Shape } from '../types';
import { UNKNOWN_COUNT } from '../exactCount';

/** A constructed layer: its kind, bound arguments and parameter tensors. */
export interface TorchLayer {
  readonly kind: string;
  readonly args: BoundArgs;
  readonly params: readonly ParamTensor[];
  /** True when some parameter shape depends on an unknown argument (params is then incomplete). */
  readonly paramsUnknown?: boolean;
}

export interface ConstructResult {
  readonly layer: TorchLayer | null;
  readonly issues: readonly EngineIssue[];
}

export interface ApplyResult {
  /** Null when unknown or when the call would raise. */
  readonly output: Shape | null;
  readonly macs: ExactCount;
  /** Per spatial axis, for the receptive field; [] = element-wise (field unchanged); null = not spatial (Linear, Flatten, ...) or unknown. */
  readonly steps: readonly AxisStep[] | null;
  /** Run-time errors, verbatim PyTorch text. */
  readonly issues: readonly EngineIssue[];
  /**
   * Every output of a layer that returns a tuple, nested as PyTorch nests it (LSTM:
   * `[output, [h_n, c_n]]`); `output` is then the first one, the tensor that flows on.
   * Absent for a layer that returns one tensor.
   */
  readonly outputs?: readonly OutputShapes[];
  /**
   * A `Lazy*` layer's concrete form, built by its first call from the input's size (its
   * parameters are known from then on). Absent for every other layer.
   */
  readonly materialized?: TorchLayer;
}

/** One returned value's shape, or a nested tuple of them. */
export type OutputShapes = Shape | readonly Shape[];

/** A result for a call whose outcome the engine cannot know (unknown arguments). */
export const UNKNOWN_APPLY: ApplyResult = { output: null, macs: UNKNOWN_COUNT, steps: null, issues: [] };

/** A result for a call that raises. */
export function failedApply(issues: readonly EngineIssue[]): ApplyResult {
  return { output: null, macs: UNKNOWN_COUNT, steps: null, issues };
}
