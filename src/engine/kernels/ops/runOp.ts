/**
 * Runs one tensor operation of a dataflow graph (an `OpKind` node, see
 * `engine/graph/opKinds.ts`) on its input tensors, in the graph's layout. Layer-kind nodes
 * run on the layer kernels instead.
 */
import type { ModelGraph } from '../../graph/modelGraph';
import type { OpKind } from '../../graph/opKinds';
import type { BoundArgs, Shape } from '../../types';
import { KernelError, type Tensor } from '../tensor';

/** What an op node gives the kernel: its arguments, its known output shape(s) and the layout. */
export interface OpCall {
  readonly kind: OpKind;
  readonly args: BoundArgs;
  /** The node's output shapes from the analysis, all known (a node with an unknown output never runs). Batch as analysed: kernels take the batch from the inputs. */
  readonly outputs: readonly Shape[];
  readonly layout: ModelGraph['layout'];
}

/** Whether `kind` has a kernel. */
export function canRunOp(kind: OpKind): boolean {
  return kind === 'identity';
}

/** The op's outputs (one tensor for most kinds; several for `split`/`unbind`). Throws `KernelError` for a kind without a kernel. */
export function runOp(call: OpCall, inputs: readonly Tensor[]): Tensor[] {
  if (call.kind === 'identity') return [inputs[0]];
  throw new KernelError(`no kernel for the tensor operation '${call.kind}' yet`);
}
