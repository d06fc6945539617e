/**
 * `torch.matmul` / `@`: 1-D operands are promoted (a leading or trailing axis of 1, removed
 * again from the result), the batch axes broadcast, and each batch item is a plain matrix
 * product accumulated in float64.
 */
import { KernelError, elementCount, type Tensor } from '../tensor';
import { broadcastShapes, broadcastStrides } from './axisGather';

/** The matrix product of two tensors, as `torch.matmul`. */
export function matmul(left: Tensor, right: Tensor): Tensor {
  if (left.shape.length === 0 || right.shape.length === 0) {
    throw new KernelError('both arguments to matmul need to be at least 1D');
  }
  const leftVector = left.shape.length === 1;
  const rightVector = right.shape.length === 1;
  const a = leftVector ? [1, left.shape[0]] : [...left.shape];
  const b = rightVector ? [right.shape[0], 1] : [...right.shape];
  const [rows, inner] = a.slice(-2);
  const [innerB, cols] = b.slice(-2);
  if (inner !== innerB) {
    throw new KernelError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${inner} and ${innerB}x${cols})`);
  }
  const batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2));
  const stridesA = broadcastStrides(a.slice(0, -2), batch);
  const stridesB = broadcastStrides(b.slice(0, -2), batch);
  const items = elementCount(batch);
  const out = new Float32Array(items * rows * cols);
  const row = new Float64Array(cols);
  const index = new Int32Array(batch.length);
  for (let item = 0; item < items; item++) {
    let baseA = 0;
    let baseB = 0;
    for (let axis = 0; axis < batch.length; axis++) {
      baseA += index[axis] * stridesA[axis];
      baseB += index[axis] * stridesB[axis];
    }
    baseA *= rows * inner;
    baseB *= inner * cols;
    for (let i = 0; i < rows; i++) {
      row.fill(0);
      for (let k = 0; k < inner; k++) {
        const value = left.data[baseA + i * inner + k];
        const offset = baseB + k * cols;
        for (let j = 0; j < cols; j++) row[j] += value * right.data[offset + j];
      }
      out.set(row, (item * rows + i) * cols);
    }
    for (let axis = batch.length - 1; axis >= 0; axis--) {
      if (++index[axis] < batch[axis]) break;
      index[axis] = 0;
    }
  }
  const shape = [...batch, ...(leftVector ? [] : [rows]), ...(rightVector ? [] : [cols])];
  return { shape, data: out };
}
