/**
 * Op kernels that join tensors or split one: `cat`, `stack`, `split` (also `chunk`) and
 * `unbind`. All work on contiguous blocks: `outer` items before the axis, `inner` elements
 * after it.
 */
import type { BoundArgs } from '../../types';
import { concatTensors } from '../dense';
import { KernelError, elementCount, type Tensor } from '../tensor';
import { axisArg, numberListArg } from './opArgs';

/** `torch.cat(inputs, dim)` (`keras.ops.concatenate`, `tf.concat`: the builder resolves the axis). */
export function catOp(args: BoundArgs, inputs: readonly Tensor[]): Tensor {
  if (inputs.length === 0) throw new KernelError('torch.cat(): expected a non-empty list of Tensors');
  return concatTensors(inputs, axisArg(args, 'dim', inputs[0].shape.length));
}

/** `torch.stack(inputs, dim)`: a new axis at `dim`, then a cat along it. */
export function stackOp(args: BoundArgs, inputs: readonly Tensor[]): Tensor {
  if (inputs.length === 0) throw new KernelError('stack expects a non-empty TensorList');
  const first = inputs[0].shape;
  const dim = axisArg(args, 'dim', first.length + 1);
  const expanded = inputs.map((t, i) => {
    if (t.shape.length !== first.length || t.shape.some((s, axis) => s !== first[axis])) {
      throw new KernelError(`stack expects each tensor to be equal size, but got [${first.join(', ')}] at entry 0 and [${t.shape.join(', ')}] at entry ${i}`);
    }
    return { shape: [...first.slice(0, dim), 1, ...first.slice(dim)], data: t.data };
  });
  return concatTensors(expanded, dim);
}

function splitAlong(input: Tensor, dim: number, sizes: readonly number[], squeeze: boolean): Tensor[] {
  const total = input.shape[dim];
  if (sizes.reduce((a, b) => a + b, 0) !== total || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new KernelError(`split_with_sizes expects split_sizes to sum exactly to ${total} (input tensor's size at dimension ${dim}), but got split_sizes=[${sizes.join(', ')}]`);
  }
  const outer = elementCount(input.shape.slice(0, dim));
  const inner = elementCount(input.shape.slice(dim + 1));
  let start = 0;
  return sizes.map((size) => {
    const data = new Float32Array(outer * size * inner);
    const chunk = size * inner;
    for (let o = 0; o < outer; o++) {
      const from = (o * total + start) * inner;
      data.set(input.data.subarray(from, from + chunk), o * chunk);
    }
    start += size;
    const shape = squeeze ? [...input.shape.slice(0, dim), ...input.shape.slice(dim + 1)] : [...input.shape.slice(0, dim), size, ...input.shape.slice(dim + 1)];
    return { shape, data };
  });
}

/** `split`/`chunk`: one output per entry of `sizes` along `dim`. */
export function splitOp(args: BoundArgs, input: Tensor): Tensor[] {
  return splitAlong(input, axisArg(args, 'dim', input.shape.length), numberListArg(args, 'sizes'), false);
}

/** `unbind(dim)`: one output per index along `dim`, that axis removed. */
export function unbindOp(args: BoundArgs, input: Tensor): Tensor[] {
  const dim = axisArg(args, 'dim', input.shape.length);
  return splitAlong(input, dim, new Array<number>(input.shape[dim]).fill(1), true);
}
