/**
 * The dataflow graph of one model call, the same for every framework: which layer calls
 * and tensor operations the model's forward pass makes, what each reads and what shape it
 * gives. The Python (PyTorch, Keras) and TypeScript (TF.js) front ends build it while they
 * interpret the model; the table's records stay, one per layer node. Feature maps run it
 * (`engine/kernels/runGraph.ts`), the panel draws it and `analyze --json` prints it.
 *
 * Conventions every builder and every kernel keeps:
 * - Nodes are in execution order, so a node's inputs always come before it.
 * - A layer node's `kind` is the framework's class name (`Conv2d`, `Dense`) and its `args`
 *   the bound constructor arguments of its record; it runs on the layer kernels.
 * - A functional op that has an `nn.Module` twin with the same computation is a layer-kind
 *   node with the twin's bound arguments (`F.relu` -> `ReLU`, `F.max_pool2d(x, 2)` ->
 *   `MaxPool2d` with `kernel_size: 2, stride: 2, ...`, `torch.flatten(x, 1)` -> `Flatten`,
 *   `F.interpolate` -> `Upsample`, `F.adaptive_avg_pool2d` -> `AdaptiveAvgPool2d`,
 *   `torch.sigmoid` -> `Sigmoid`, `F.softmax(x, dim)` -> `Softmax`), with `op: 'function'`.
 * - Every other op is an `OpKind` (see `opKinds.ts`) with `op: 'function'`, `'method'` or
 *   `'operator'` saying how the source wrote it; its `args` are the ones `opKinds.ts` lists,
 *   resolved to plain numbers (negative dims made non-negative).
 * - Shapes are the framework's own (NCHW for PyTorch, NHWC for Keras and TF.js: `layout`).
 *   An op whose output shape is unknown has `output: null` and nothing downstream of it runs.
 */
import type { SourceRange } from '../report';
import type { BoundArgs, Shape } from '../types';

/** Which output of a node an edge reads: `output` 0 unless the node has several (split, LSTM). */
export interface NodeInput {
  readonly node: string;
  readonly output?: number;
}

/** How the source wrote a node. */
export type NodeOrigin = 'input' | 'layer' | 'function' | 'method' | 'operator';

export interface GraphNode {
  /**
   * Unique in the graph. Inputs: `input` (then `input:1`, ...). Layer calls: the record's
   * torchinfo path (`layer1.0.conv1`; a second call of a shared layer `layer1.0.conv1#2`).
   * Ops: `<kind>:<n>` numbered in execution order (`add:1`, `cat:2`).
   */
  readonly id: string;
  readonly origin: NodeOrigin;
  /** Layer class name (also for functional twins), an `OpKind`, or `input`. */
  readonly kind: string;
  /** Tensor inputs in argument order (scalar operands live in `args`). */
  readonly inputs: readonly NodeInput[];
  readonly args: BoundArgs;
  /** The first (or only) output's shape; null when unknown. */
  readonly output: Shape | null;
  /** Every output, for a node with several (`split`, `chunk`, `unbind`, LSTM); `output` is the first. */
  readonly outputs?: readonly (Shape | null)[];
  /** The expression in the source (for a layer: the call, `self.conv1(x)`); null for the model input. */
  readonly range: SourceRange | null;
  /** Layer nodes: the index of their record in `ModelReport.layers`. */
  readonly recordIndex?: number;
  /** Why this node has no known output or cannot run, in plain words (an unmodelled call). */
  readonly note?: string;
}

export interface ModelGraph {
  /** `channels-first` (PyTorch NCHW) or `channels-last` (Keras, TF.js NHWC). */
  readonly layout: 'channels-first' | 'channels-last';
  readonly nodes: readonly GraphNode[];
  /** What the model returns (several for a tuple or a multi-output model). */
  readonly outputs: readonly NodeInput[];
}
