/**
 * Explicit spatial padding for the non-zero padding modes (`reflect`, `replicate`,
 * `circular`), as `torch.nn.functional.pad` does before a convolution. Zero padding is
 * never materialised: the kernels treat outside pixels as zero.
 */
import { KernelError, type Tensor } from './tensor';

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** Padding before and after, per spatial axis (same order as the tensor's spatial dims). */
export type SpatialPads = readonly (readonly [number, number])[];

/** The input index a padded position reads along an axis of `size` (may lie outside for `index`), or -1 for zero padding. */
export function sourceIndex(index: number, size: number, mode: PaddingMode): number {
  if (index >= 0 && index < size) return index;
  switch (mode) {
    case 'reflect':
      return index < 0 ? -index : 2 * (size - 1) - index;
    case 'replicate':
      return index < 0 ? 0 : size - 1;
    case 'circular':
      return ((index % size) + size) % size;
    default:
      return -1;
  }
}

function checkPads(spatial: readonly number[], pads: SpatialPads, mode: PaddingMode): void {
  spatial.forEach((size, axis) => {
    const [before, after] = pads[axis];
    if (mode === 'reflect' && (before >= size || after >= size)) {
      throw new KernelError(
        `Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${axis + 2} of input of size ${size}`,
      );
    }
    if (mode === 'circular' && (before > size || after > size)) {
      throw new KernelError('Padding value causes wrapping around more than once.');
    }
  });
}

/** Pads the spatial dims of `[N, C, ...spatial]` (1 to 3 spatial dims). */
export function padSpatial(input: Tensor, pads: SpatialPads, mode: PaddingMode): Tensor {
  const spatial = input.shape.slice(2);
  checkPads(spatial, pads, mode);
  const dims3 = [1, 1, 1, ...spatial].slice(-3);
  const neutral: readonly [number, number] = [0, 0];
  const pads3 = [neutral, neutral, neutral, ...pads].slice(-3);
  const outDims = dims3.map((size, axis) => size + pads3[axis][0] + pads3[axis][1]);
  const planes = input.shape[0] * input.shape[1];
  const inPlane = dims3[0] * dims3[1] * dims3[2];
  const outPlane = outDims[0] * outDims[1] * outDims[2];
  const out = new Float32Array(planes * outPlane);
  const xIndex = Int32Array.from({ length: outDims[2] }, (_, x) => sourceIndex(x - pads3[2][0], dims3[2], mode));
  for (let p = 0; p < planes; p++) {
    for (let z = 0; z < outDims[0]; z++) {
      const sz = sourceIndex(z - pads3[0][0], dims3[0], mode);
      for (let y = 0; y < outDims[1]; y++) {
        const sy = sourceIndex(y - pads3[1][0], dims3[1], mode);
        const dst = p * outPlane + (z * outDims[1] + y) * outDims[2];
        if (sz < 0 || sy < 0) continue;
        const src = p * inPlane + (sz * dims3[1] + sy) * dims3[2];
        for (let x = 0; x < outDims[2]; x++) {
          const sx = xIndex[x];
          if (sx >= 0) out[dst + x] = input.data[src + sx];
        }
      }
    }
  }
  const outSpatial = outDims.slice(3 - spatial.length);
  return { shape: [input.shape[0], input.shape[1], ...outSpatial], data: out };
}
