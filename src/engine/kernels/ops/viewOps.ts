/**
 * Op kernels that only move values: `reshape`, `permute`, `expand`, `repeat`, `getitem`
 * and `pad` (`F.pad`, any number of dims). All but reshape are one `gatherAxes` pass.
 *
 * Batch: the analysed output shape may carry the analysis' batch while a preview runs
 * another one (batch 1). `reshape` keeps the analysed shape when the element counts agree
 * and otherwise lets axis 0 take what the input's element count leaves (per-item reshape);
 * `expand` keeps the input's axis 0 when that axis is not broadcast, and otherwise swaps an
 * analysed axis 0 equal to the analysed batch for the run's batch (`x.expand_as(y)`,
 * `cls_token.expand(B, -1, -1)`); `getitem` derives its shape from the input and clamps
 * slice bounds as Python does, so it needs no output shape.
 */
import type { BoundArgs, Shape } from '../../types';
import { sourceIndex, type PaddingMode } from '../padding';
import { KernelError, elementCount, numberArg, reshape, stringArg, type Tensor } from '../tensor';
import { contiguousStrides, gatherAxes, steppedOffsets } from './axisGather';
import { indexArg, numberListArg } from './opArgs';

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** `view`/`reshape`/`flatten`/`squeeze`/`unsqueeze`: the same values in the analysed shape (axis 0 per item, see above). */
export function reshapeOp(input: Tensor, analysed: Shape): Tensor {
  const count = input.data.length;
  if (elementCount(analysed) === count) return reshape(input, analysed);
  const perItem = elementCount(analysed.slice(1));
  if (analysed.length > 0 && perItem > 0 && count % perItem === 0) return reshape(input, [count / perItem, ...analysed.slice(1)]);
  throw new KernelError(`shape '${shapeText(analysed)}' is invalid for input of size ${count}`);
}

/** `permute(*dims)` (and `transpose`, `.T`). */
export function permuteOp(args: BoundArgs, input: Tensor): Tensor {
  const dims = numberListArg(args, 'dims');
  const rank = input.shape.length;
  if (dims.length !== rank || new Set(dims).size !== rank || dims.some((d) => !Number.isInteger(d) || d < 0 || d >= rank)) {
    throw new KernelError(`permute: dims ${shapeText(dims)} are not an ordering of the ${rank} axes of the input`);
  }
  const strides = contiguousStrides(input.shape);
  const shape = dims.map((d) => input.shape[d]);
  return gatherAxes(
    input,
    shape,
    dims.map((d) => steppedOffsets(input.shape[d], 0, 1, strides[d])),
  );
}

/** The analysis' batch and the batch a run uses, when they differ. */
export interface BatchChange {
  readonly analysed: number;
  readonly run: number;
}

/** `expand`/`expand_as`: broadcast to the analysed output (new axes on the left, size-1 axes repeated). */
export function expandOp(input: Tensor, analysed: Shape, batch?: BatchChange): Tensor {
  const shape = [...analysed];
  const lead = shape.length - input.shape.length;
  if (batch && shape.length > 0 && shape[0] === batch.analysed) shape[0] = batch.run;
  if (lead < 0)
    throw new KernelError(`expand: the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${input.shape.length})`);
  if (lead === 0 && shape.length > 0 && input.shape[0] !== 1) shape[0] = input.shape[0];
  const strides = contiguousStrides(input.shape);
  const offsets = shape.map((size, axis) => {
    const source = axis - lead;
    if (source < 0 || input.shape[source] === 1) return new Int32Array(size);
    if (input.shape[source] !== size) {
      throw new KernelError(
        `The expanded size of the tensor (${size}) must match the existing size (${input.shape[source]}) at non-singleton dimension ${axis}.  Target sizes: ${shapeText(shape)}.  Tensor sizes: ${shapeText(input.shape)}`,
      );
    }
    return steppedOffsets(size, 0, 1, strides[source]);
  });
  return gatherAxes(input, shape, offsets);
}

/** `repeat(*repeats)`: tiles the input; extra leading repeats add axes. */
export function repeatOp(args: BoundArgs, input: Tensor): Tensor {
  const repeats = numberListArg(args, 'repeats');
  const lead = repeats.length - input.shape.length;
  if (lead < 0) throw new KernelError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  const sizes = [...new Array<number>(lead).fill(1), ...input.shape];
  const strides = contiguousStrides(sizes);
  const shape = sizes.map((size, axis) => size * repeats[axis]);
  const offsets = shape.map((total, axis) => Int32Array.from({ length: total }, (_, i) => (i % sizes[axis]) * strides[axis]));
  return gatherAxes(input, shape, offsets);
}

/** Indexing and slicing: picks drop an axis, slices step through it, `None` adds a size-1 axis; axes past the index stay whole. */
export function getitemOp(args: BoundArgs, input: Tensor): Tensor {
  const strides = contiguousStrides(input.shape);
  const shape: number[] = [];
  const offsets: Int32Array[] = [];
  let base = 0;
  let axis = 0;
  for (const entry of indexArg(args)) {
    if ('newAxis' in entry) {
      shape.push(1);
      offsets.push(new Int32Array(1));
      continue;
    }
    if (axis >= input.shape.length) throw new KernelError(`too many indices for tensor of dimension ${input.shape.length}`);
    const size = input.shape[axis];
    if ('pick' in entry) {
      const index = entry.pick < 0 ? entry.pick + size : entry.pick;
      if (!Number.isInteger(index) || index < 0 || index >= size) {
        throw new KernelError(`index ${entry.pick} is out of bounds for dimension ${axis} with size ${size}`);
      }
      base += index * strides[axis];
    } else {
      const [start, stop, step] = entry.slice.map((bound, i) => (i < 2 ? Math.min(Math.max(bound < 0 ? bound + size : bound, 0), size) : bound));
      const count = Math.max(0, Math.ceil((stop - start) / step));
      shape.push(count);
      offsets.push(steppedOffsets(count, start, step, strides[axis]));
    }
    axis++;
  }
  for (; axis < input.shape.length; axis++) {
    shape.push(input.shape[axis]);
    offsets.push(steppedOffsets(input.shape[axis], 0, 1, strides[axis]));
  }
  return gatherAxes(input, shape, offsets, base);
}

const padModes: Readonly<Record<string, PaddingMode | 'symmetric'>> = {
  constant: 'zeros',
  reflect: 'reflect',
  replicate: 'replicate',
  circular: 'circular',
  symmetric: 'symmetric',
};

/** TF's `symmetric` mirror padding repeats the edge value (`reflect` does not); `padding.ts` knows PyTorch's modes. */
function padSource(index: number, size: number, mode: PaddingMode | 'symmetric'): number {
  if (mode !== 'symmetric') return sourceIndex(index, size, mode);
  return index < 0 ? -index - 1 : index >= size ? 2 * size - 1 - index : index;
}

/** `F.pad` (and `tf.pad`/`tf.mirrorPad`): `pad` pairs from the last axis backwards; negative pads crop; `value` fills constant padding. */
export function padOp(args: BoundArgs, input: Tensor): Tensor {
  const pads = numberListArg(args, 'pad');
  const modeName = stringArg(args, 'mode', 'constant');
  const mode = padModes[modeName];
  if (mode === undefined) throw new KernelError(`Unrecognised padding mode ${modeName}`);
  const rank = input.shape.length;
  if (pads.length % 2 !== 0 || pads.length / 2 > rank) throw new KernelError('Padding length must be divisible by 2 and at most twice the number of dimensions of the input');
  const strides = contiguousStrides(input.shape);
  const shape = [...input.shape];
  const offsets = input.shape.map((size, axis) => {
    const pair = rank - 1 - axis;
    if (pair >= pads.length / 2) return steppedOffsets(size, 0, 1, strides[axis]);
    const [before, after] = [pads[2 * pair], pads[2 * pair + 1]];
    if (mode === 'reflect' && (before >= size || after >= size)) {
      throw new KernelError(
        `Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${axis} of input ${shapeText(input.shape)}`,
      );
    }
    if ((mode === 'circular' || mode === 'symmetric') && (before > size || after > size)) {
      throw new KernelError(`Padding (${before}, ${after}) wraps around more than once at dimension ${axis} of input ${shapeText(input.shape)}`);
    }
    shape[axis] = size + before + after;
    if (shape[axis] < 0) throw new KernelError(`The input size ${size}, plus negative padding ${before} and ${after} resulted in a negative output size`);
    return Int32Array.from({ length: shape[axis] }, (_, i) => {
      const source = padSource(i - before, size, mode);
      return source < 0 ? -1 : source * strides[axis];
    });
  });
  return gatherAxes(input, shape, offsets, 0, mode === 'zeros' ? numberArg(args, 'value', 0) : 0);
}
