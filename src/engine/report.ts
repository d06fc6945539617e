/**
 * What an analysis of one source file produces: the models found in it, one record per
 * leaf-layer call in execution order, and the diagnostics. Front ends build it, the CLI
 * prints it (see `analysis/jsonReport.ts` for the public JSON contract), the editor shows it.
 * Positions are 0-based here, as in tree-sitter and VS Code; the CLI's JSON is 1-based.
 */
import type { ModelGraph } from './graph/modelGraph';
import type { BoundArgs, EngineIssue, ParamTensor, Severity, Shape } from './types';

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** One call of a leaf layer (a layer called twice gives two records). */
export interface LayerRecord {
  /** torchinfo-style path: `features.3`, `layer2.0.conv1`. */
  readonly path: string;
  /** The framework's class name: `Conv2d`, `ConvTranspose2d`, `Linear`, ... */
  readonly kind: string;
  /** The constructor call (in a helper function: the helper's call). */
  readonly range: SourceRange;
  /** Identity of the layer object: records of one shared module have the same id. */
  readonly layerId: number;
  readonly args: BoundArgs;
  readonly input: Shape | null;
  readonly output: Shape | null;
  /** Every output, for a layer with several (a model with several outputs used as a layer); `output` is the first. */
  readonly outputs?: readonly (Shape | null)[];
  /** This layer's own parameters (the same for every call of a shared layer). */
  readonly params: number;
  readonly trainableParams: number;
  /**
   * The part of `params` / `trainableParams` that belongs to layers this one calls inside (a
   * Keras custom layer counts its sublayers, as Keras does); those have their own records,
   * so model totals leave this part out. Absent: none.
   */
  readonly sublayerParams?: { readonly params: number; readonly trainableParams: number };
  readonly paramTensors: readonly ParamTensor[];
  readonly macs: number;
  /** False when a count passed 2^53 and is only approximate, or when a count is unknown. */
  readonly exactCounts: boolean;
  /** True when the parameter count could not be determined (unknown arguments): `params` is then 0 and means nothing. */
  readonly paramsUnknown?: boolean;
  /** True when the MACs could not be determined (unknown input or arguments): `macs` is then 0 and means nothing. */
  readonly macsUnknown?: boolean;
  /** Accumulated receptive field per spatial axis, from the model input to this output. */
  readonly receptiveField: readonly number[] | null;
  readonly jump: readonly number[] | null;
  readonly start: readonly number[] | null;
  readonly issues: readonly EngineIssue[];
  /**
   * False when forward() changed the tensor between the previous recorded call and this one
   * (a functional op, arithmetic, a branch): replaying only the records would be wrong from
   * here on. Absent when the front end does not track it.
   */
  readonly inputFromPrevious?: boolean;
}

export interface ModelReport {
  readonly name: string;
  /** The model's definition (class, `nn.Sequential(...)` call, ...). */
  readonly range: SourceRange;
  readonly input: Shape | null;
  /** Where the input shape came from: `directive`, `call at line 42`, `default`, ... */
  readonly inputSource: string;
  readonly output: Shape | null;
  /** Shared layers count once; containers add nothing on top of their leaves. */
  readonly totalParams: number;
  readonly trainableParams: number;
  readonly totalMacs: number;
  /** False when a count is unknown or only approximate (see the three fields below). */
  readonly exactCounts: boolean;
  /** Parameter holders (layers, own `nn.Parameter`s) whose count is unknown: `totalParams` is then a lower bound. Absent = 0. */
  readonly unknownParamLayers?: number;
  /** Layer calls whose MACs are unknown: `totalMacs` is then a lower bound. Absent = 0. */
  readonly unknownMacLayers?: number;
  /** True when a known count passed 2^53 and is only approximate. */
  readonly approximateCounts?: boolean;
  readonly layers: readonly LayerRecord[];
  /** The dataflow of the model's call: layer calls and tensor operations (absent where a front end does not build it yet). */
  readonly graph?: ModelGraph;
}

export interface Finding {
  readonly range: SourceRange;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export type SourceLanguage = 'python' | 'typescript' | 'javascript';

export interface FileAnalysis {
  readonly language: SourceLanguage;
  readonly models: readonly ModelReport[];
  readonly diagnostics: readonly Finding[];
  /** True when the analysis's step or time budget ran out: what follows the `budget` info is not analysed. */
  readonly partial?: boolean;
}
