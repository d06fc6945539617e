/**
 * The dense float32 tensor the feature-map kernels work on, and small helpers to read
 * layer arguments. Layout is row-major, batch first; PyTorch layers are NCHW.
 */
import type { ArgValue, BoundArgs } from '../types';
import { isUnknownValue } from '../types';

/** A dense float32 tensor, row-major. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Named parameter and buffer tensors of one layer: `weight`, `bias`, `running_mean`, ... */
export type LayerWeights = Readonly<Record<string, Tensor | undefined>>;

/** Thrown for anything a kernel cannot run: wording aims to name the layer argument at fault. */
export class KernelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelError';
  }
}

/** Same shape and the same values (NaN equal to NaN): whether an earlier run's result still holds. */
export function sameTensor(a: Tensor, b: Tensor): boolean {
  if (a === b) return true;
  if (a.shape.length !== b.shape.length || a.shape.some((size, i) => size !== b.shape[i])) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i] && !(Number.isNaN(a.data[i]) && Number.isNaN(b.data[i]))) return false;
  return true;
}

/** Number of elements of a shape. */
export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const size of shape) count *= size;
  return count;
}

/** A zero-filled tensor of the given shape. */
export function zeros(shape: readonly number[]): Tensor {
  return { shape: [...shape], data: new Float32Array(elementCount(shape)) };
}

/** Same data, another shape with the same element count. */
export function reshape(tensor: Tensor, shape: readonly number[]): Tensor {
  if (elementCount(shape) !== tensor.data.length) {
    throw new KernelError(`shape '[${shape.join(', ')}]' is invalid for input of size ${tensor.data.length}`);
  }
  return { shape: [...shape], data: tensor.data };
}

/** A numeric argument, or the fallback when absent/null; unknown values are an error (cannot run). */
export function numberArg(args: BoundArgs, name: string, fallback?: number): number {
  const value = args[name];
  if (value === undefined || value === null) {
    if (fallback === undefined) throw new KernelError(`missing argument '${name}'`);
    return fallback;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (isUnknownValue(value)) throw new KernelError(`argument '${name}' could not be resolved statically`);
  throw new KernelError(`argument '${name}' must be a number, got ${JSON.stringify(value)}`);
}

/** A boolean argument (Python truthiness for numbers). */
export function boolArg(args: BoundArgs, name: string, fallback: boolean): boolean {
  const value = args[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (isUnknownValue(value)) throw new KernelError(`argument '${name}' could not be resolved statically`);
  throw new KernelError(`argument '${name}' must be a boolean, got ${JSON.stringify(value)}`);
}

/** A string argument or the fallback. */
export function stringArg(args: BoundArgs, name: string, fallback: string): string {
  const value = args[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return value;
  if (isUnknownValue(value)) throw new KernelError(`argument '${name}' could not be resolved statically`);
  throw new KernelError(`argument '${name}' must be a string, got ${JSON.stringify(value)}`);
}

/** An int-or-tuple argument expanded to `count` values, as `torch.nn.modules.utils._ntuple` does. */
export function tupleArg(args: BoundArgs, name: string, count: number, fallback?: number): number[] {
  const value = args[name];
  if (Array.isArray(value)) {
    if (value.length === 1) return new Array<number>(count).fill(numberArg({ v: value[0] as ArgValue }, 'v'));
    if (value.length !== count) throw new KernelError(`argument '${name}' needs ${count} values, got ${value.length}`);
    return value.map((item: ArgValue, index: number) => numberArg({ [`${name}[${index}]`]: item }, `${name}[${index}]`));
  }
  return new Array<number>(count).fill(numberArg(args, name, fallback));
}

/** The tensor `name` from the layer's weights, with its shape checked. */
export function requireWeight(weights: LayerWeights, name: string, shape: readonly number[]): Tensor {
  const tensor = weights[name];
  if (!tensor) throw new KernelError(`missing ${name} tensor`);
  if (tensor.shape.length !== shape.length || tensor.shape.some((size, i) => size !== shape[i])) {
    throw new KernelError(`${name} has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`);
  }
  return tensor;
}
