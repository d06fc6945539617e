/**
 * Which recorded layer call produced a tensor, read from the model call's dataflow graph. A
 * sequence replay (the fallback when a model has no graph) runs only the recorded layers, so
 * it must know when forward() changes a tensor between two of them (`torch.relu(x)`,
 * `x + identity`): replaying past that point would show values PyTorch never computes.
 * Reshapes and copies keep the values, so the walk passes through them.
 */
import type { GraphRecorder } from './graphRecorder';
import type { PyTensor } from './values';

/** Methods that return a copy or a cast of the tensor: the same shape and the same values. */
export const copyMethods: readonly string[] = ['contiguous', 'clone', 'detach', 'float', 'double', 'half', 'to', 'cpu', 'cuda', 'type', 'type_as', 'pin_memory'];

/** Node kinds whose output holds their input's values (a new shape at most). */
const valuePreservingKinds: ReadonlySet<string> = new Set(['identity', 'reshape', 'Flatten']);

/** Whether `input` is the output of record `index - 1`, unchanged but for reshapes and copies. */
export function readsPreviousRecord(graph: GraphRecorder | undefined, input: PyTensor, index: number): boolean {
  let edge = graph?.producerOf(input);
  for (let node = edge && graph!.node(edge.node); node; node = edge && graph!.node(edge.node)) {
    if (node.recordIndex !== undefined) return node.recordIndex === index - 1 && (edge!.output ?? 0) === 0;
    if (!valuePreservingKinds.has(node.kind) || node.inputs.length !== 1) return false;
    edge = node.inputs[0];
  }
  return false;
}
