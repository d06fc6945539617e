/**
 * A tensor of a weight file, sized but not yet read. Readers check every tensor's size
 * against the file when they open it, and convert a tensor's bytes to float32 only when a
 * layer takes it: a checkpoint's unused or mismatched tensors cost nothing.
 */
import type { Tensor } from '../kernels/tensor';

/** A tensor whose shape is known and whose data is read on first use (then kept). */
export interface WeightTensor {
  readonly shape: readonly number[];
  /** The float32 data; the first call reads it from the file, later calls return the same tensor. */
  read(): Tensor;
}

/** A `WeightTensor` that reads itself once with `load`. */
export function lazyTensor(shape: readonly number[], load: () => Tensor): WeightTensor {
  let loaded: Tensor | undefined;
  return {
    shape,
    read: () => (loaded ??= load()),
  };
}

/** An in-memory tensor seen as a weight-file tensor. */
export function readyTensor(tensor: Tensor): WeightTensor {
  return { shape: tensor.shape, read: () => tensor };
}
