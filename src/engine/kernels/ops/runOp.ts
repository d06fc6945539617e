/**
 * Runs one tensor operation of a dataflow graph (an `OpKind` node, see
 * `engine/graph/opKinds.ts`) on its input tensors, in the graph's layout. Layer-kind nodes
 * run on the layer kernels instead. Every op names its axes explicitly (builders resolve
 * them), so no kernel here depends on the layout.
 */
import type { ModelGraph } from '../../graph/modelGraph';
import type { OpKind } from '../../graph/opKinds';
import type { BoundArgs, Shape } from '../../types';
import { KernelError, type Tensor } from '../tensor';
import { binaryOp, unaryOp, type BinaryKind, type UnaryKind } from './elementwise';
import { catOp, splitOp, stackOp, unbindOp } from './joinOps';
import { matmul } from './matmul';
import { normalizeOp, reduceOp, type ReductionKind } from './reductions';
import { expandOp, getitemOp, padOp, permuteOp, repeatOp, reshapeOp, type BatchChange } from './viewOps';

/** What an op node gives the kernel: its arguments, its known output shape(s) and the layout. */
export interface OpCall {
  readonly kind: OpKind;
  readonly args: BoundArgs;
  /** The node's output shapes from the analysis, all known (a node with an unknown output never runs). Batch as analysed: kernels take the batch from the inputs. */
  readonly outputs: readonly Shape[];
  readonly layout: ModelGraph['layout'];
  /**
   * The analysis' batch and the batch this run uses, when they differ (previews run batch 1).
   * Only `expand` needs it: its input cannot tell whether the analysed axis 0 is the batch.
   */
  readonly batch?: BatchChange;
}

type OpKernel = (call: OpCall, inputs: readonly Tensor[]) => Tensor[];

function first(inputs: readonly Tensor[]): Tensor {
  if (inputs.length === 0) throw new KernelError('the operation has no input tensor');
  return inputs[0];
}

function analysedOutput(call: OpCall): Shape {
  if (call.outputs.length === 0) throw new KernelError(`'${call.kind}' needs the node's output shape`);
  return call.outputs[0];
}

const binary =
  (kind: BinaryKind): OpKernel =>
  (call, inputs) => [binaryOp(kind, call.args, inputs)];
const unary =
  (kind: UnaryKind): OpKernel =>
  (call, inputs) => [unaryOp(kind, call.args, first(inputs))];
const reduction =
  (kind: ReductionKind): OpKernel =>
  (call, inputs) => [reduceOp(kind, call.args, first(inputs))];

/** One kernel per op kind: the `Record` type makes a new kind in `opKinds.ts` a compile error until it has one. */
const kernels: Readonly<Record<OpKind, OpKernel>> = {
  add: binary('add'),
  sub: binary('sub'),
  mul: binary('mul'),
  div: binary('div'),
  pow: binary('pow'),
  maximum: binary('maximum'),
  minimum: binary('minimum'),
  matmul: (_call, inputs) => {
    if (inputs.length < 2) throw new KernelError('matmul needs two tensors');
    return [matmul(inputs[0], inputs[1])];
  },
  neg: unary('neg'),
  abs: unary('abs'),
  exp: unary('exp'),
  log: unary('log'),
  sqrt: unary('sqrt'),
  rsqrt: unary('rsqrt'),
  clamp: unary('clamp'),
  reshape: (call, inputs) => [reshapeOp(first(inputs), analysedOutput(call))],
  permute: (call, inputs) => [permuteOp(call.args, first(inputs))],
  expand: (call, inputs) => [expandOp(first(inputs), analysedOutput(call), call.batch)],
  repeat: (call, inputs) => [repeatOp(call.args, first(inputs))],
  cat: (call, inputs) => [catOp(call.args, inputs)],
  stack: (call, inputs) => [stackOp(call.args, inputs)],
  split: (call, inputs) => splitOp(call.args, first(inputs)),
  unbind: (call, inputs) => unbindOp(call.args, first(inputs)),
  getitem: (call, inputs) => [getitemOp(call.args, first(inputs))],
  pad: (call, inputs) => [padOp(call.args, first(inputs))],
  mean: reduction('mean'),
  sum: reduction('sum'),
  amax: reduction('amax'),
  amin: reduction('amin'),
  normalize: (call, inputs) => [normalizeOp(call.args, first(inputs))],
  identity: (_call, inputs) => [first(inputs)],
};

/** Whether `kind` has a kernel. */
export function canRunOp(kind: OpKind): boolean {
  return Object.prototype.hasOwnProperty.call(kernels, kind);
}

/** The op's outputs (one tensor for most kinds; several for `split`/`unbind`). Throws `KernelError` for a kind without a kernel. */
export function runOp(call: OpCall, inputs: readonly Tensor[]): Tensor[] {
  if (!canRunOp(call.kind)) throw new KernelError(`no kernel for the tensor operation '${call.kind}' yet`);
  return kernels[call.kind](call, inputs);
}
