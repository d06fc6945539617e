/**
 * Which recorded layer call produced a tensor. A feature-map preview replays only the
 * recorded layers, so it must know when forward() changes a tensor between two of them
 * (`torch.relu(x)`, `x + identity`, `F.max_pool2d`): replaying past that point would show
 * values PyTorch never computes. Reshapes and casts keep the values, so they keep the producer.
 */
import type { PyTensor, Value } from './values';
import { isTensor } from './values';

const producers = new WeakMap<PyTensor, number>();

/** Methods that return a copy or a cast of the tensor: the same shape and the same values. */
export const copyMethods: readonly string[] = ['contiguous', 'clone', 'detach', 'float', 'double', 'half', 'to', 'cpu', 'cuda', 'type', 'type_as', 'pin_memory'];

/** Methods whose result holds the same values as the tensor they are called on. */
export const valuePreservingMethods: ReadonlySet<string> = new Set([...copyMethods, 'view', 'reshape', 'flatten', 'view_as', 'reshape_as']);

export function markProducedBy(tensor: PyTensor, recordIndex: number): void {
  producers.set(tensor, recordIndex);
}

/** The index of the record whose output `tensor` is, if it is one. */
export function producerOf(tensor: PyTensor): number | undefined {
  return producers.get(tensor);
}

/** `result` holds `source`'s values in another shape: it keeps `source`'s producer. */
export function keepProducer<T extends Value>(result: T, source: PyTensor): T {
  const producer = producers.get(source);
  if (producer !== undefined && isTensor(result)) producers.set(result, producer);
  return result;
}
