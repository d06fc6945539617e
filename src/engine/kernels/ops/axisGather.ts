/**
 * Shape and stride helpers shared by the op kernels, and the one copy loop behind every
 * op that only moves values (permute, expand, repeat, getitem, pad): each output axis maps
 * its index to an input offset on its own, so an output element's source is a sum of one
 * table entry per axis.
 */
import { KernelError, elementCount, type Tensor } from '../tensor';

/** Row-major strides of a contiguous tensor of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** NumPy/PyTorch broadcasting of two shapes (aligned on the right), or a KernelError in PyTorch's words. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const shape = new Array<number>(rank);
  for (let axis = 0; axis < rank; axis++) {
    const sizeA = a[axis - rank + a.length] ?? 1;
    const sizeB = b[axis - rank + b.length] ?? 1;
    if (sizeA !== sizeB && sizeA !== 1 && sizeB !== 1) {
      throw new KernelError(`The size of tensor a (${sizeA}) must match the size of tensor b (${sizeB}) at non-singleton dimension ${axis}`);
    }
    shape[axis] = sizeA === 1 ? sizeB : sizeA;
  }
  return shape;
}

/** Strides that read `shape` (right-aligned) as if it had `target`'s shape: 0 on broadcast axes. */
export function broadcastStrides(shape: readonly number[], target: readonly number[]): number[] {
  const own = contiguousStrides(shape);
  return target.map((size, axis) => {
    const source = axis - target.length + shape.length;
    return source < 0 || shape[source] !== size ? 0 : own[source];
  });
}

/** Per output axis: the input offset of each index along it, or -1 for "not in the input" (padding). */
export type AxisOffsets = readonly Int32Array[];

/** The offsets of `count` indices reading input axis stride `stride` from `start` in steps of `step`. */
export function steppedOffsets(count: number, start: number, step: number, stride: number): Int32Array {
  const offsets = new Int32Array(count);
  for (let i = 0; i < count; i++) offsets[i] = (start + i * step) * stride;
  return offsets;
}

/**
 * A new tensor of `shape` whose element at index (i0, i1, ...) is `input.data[base + offsets[0][i0] + offsets[1][i1] + ...]`,
 * or `fill` where any axis gives -1.
 */
export function gatherAxes(input: Tensor, shape: readonly number[], offsets: AxisOffsets, base = 0, fill = 0): Tensor {
  const data = new Float32Array(elementCount(shape));
  const rank = shape.length;
  if (data.length === 0) return { shape: [...shape], data };
  if (rank === 0) {
    data[0] = input.data[base];
    return { shape: [], data };
  }
  const source = input.data;
  const inner = offsets[rank - 1];
  const width = shape[rank - 1];
  const index = new Int32Array(rank);
  for (let out = 0; out < data.length; out += width) {
    let rowBase = base;
    let outside = false;
    for (let axis = 0; axis < rank - 1; axis++) {
      const offset = offsets[axis][index[axis]];
      if (offset < 0) outside = true;
      rowBase += offset;
    }
    if (outside) data.fill(fill, out, out + width);
    else {
      for (let i = 0; i < width; i++) {
        const offset = inner[i];
        data[out + i] = offset < 0 ? fill : source[rowBase + offset];
      }
    }
    for (let axis = rank - 2; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return { shape: [...shape], data };
}
