/** What one layer family's apply function returns to the dispatcher in `layers.ts`. */
import type { AxisStep, EngineIssue, ExactCount, ParamTensor, Shape } from '../types';

export interface FamilyResult {
  readonly output: Shape | null;
  /** Every tensor a layer returning a list gives (RNNs with returnState); `output` is then null. */
  readonly outputs?: readonly Shape[];
  /** Absent = the layer does no multiply-accumulates (pooling, reshaping, ...). */
  readonly macs?: ExactCount;
  readonly steps: AxisStep[] | null;
  readonly issues: EngineIssue[];
  /** Weights built from this input; absent = no weights. */
  readonly paramTensors?: readonly ParamTensor[];
  /** The input axis whose size the weights were built from; a later call must match it. */
  readonly builtAxis?: number;
}
