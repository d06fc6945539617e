/**
 * `F.pad` as a convolution with padding_mode 'reflect', 'replicate' or 'circular' calls it
 * before the convolution itself (which then runs with padding 0). Checks follow ATen's
 * reflection-pad kernels (last axis first) and PyTorch's `_pad_circular`.
 */
import type { EngineIssue, Shape } from '../types';
import { torchShapeText, torchError } from './args';

/** The padded input shape, or the error `F.pad` raises. */
export function padForMode(mode: string, input: Shape, left: readonly number[], total: readonly number[], n: number): { shape: Shape } | { issue: EngineIssue } {
  const right = total.map((sum, i) => sum - left[i]);
  const spatialStart = input.length - n;
  if (mode === 'reflect') {
    for (let fromLast = 0; fromLast < n; fromLast++) {
      const axis = n - 1 - fromLast;
      const dim = spatialStart + axis;
      const size = input[dim];
      if (!(left[axis] < size && right[axis] < size)) {
        // reflection_pad2d prints the input's rank, the 1-d and 3-d kernels print its shape.
        const inputText = n === 2 ? String(input.length) : torchShapeText(input);
        return {
          issue: torchError(
            'torch.reflect-padding-too-large',
            `Argument #${4 + 2 * fromLast}: Padding size should be less than the corresponding input dimension, but got: padding (${left[axis]}, ${right[axis]}) at dimension ${dim} of input ${inputText}`,
            'padding',
          ),
        };
      }
    }
  }
  if (mode === 'circular' && left.some((pad, axis) => pad > input[spatialStart + axis] || right[axis] > input[spatialStart + axis])) {
    return { issue: torchError('torch.circular-padding-too-large', 'Padding value causes wrapping around more than once.', 'padding') };
  }
  if (left.some((pad, axis) => pad < 0 || right[axis] < 0)) {
    return { issue: torchError('torch.negative-padding', 'negative padding is not supported', 'padding') };
  }
  return { shape: input.map((size, dim) => (dim < spatialStart ? size : size + total[dim - spatialStart])) };
}
