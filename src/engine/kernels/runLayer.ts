/**
 * One entry point per layer: `runLayer(kind, args, input, weights)` dispatches a
 * PyTorch leaf-layer kind (`Conv2d`, `MaxPool2d`, `ReLU`, ...) to its kernel.
 * Arguments are the front end's `BoundArgs` (bound by PyTorch's signature, defaults filled).
 */
import type { BoundArgs } from '../types';
import { isActivation, runActivation } from './activations';
import { runConv, runConvTranspose } from './conv';
import { runBatchNorm, runFlatten, runLinear } from './dense';
import type { HeavyKernels } from './heavyKernels';
import { runAdaptivePool, runPool } from './pooling';
import { runUpsample } from './resample';
import { KernelError, type LayerWeights, type Tensor } from './tensor';
import { tsKernels } from './tsKernels';

/** Options for running layers. */
export interface RunOptions {
  /** Heavy conv kernels to use; the plain TypeScript ones by default. */
  readonly kernels?: HeavyKernels;
}

const spatialKind = /^(Conv|ConvTranspose|MaxPool|AvgPool|AdaptiveAvgPool|AdaptiveMaxPool|BatchNorm)([123])d$/;

/** True when `runLayer` has a kernel for this PyTorch layer kind. */
export function canRunLayer(kind: string): boolean {
  return spatialKind.test(kind) || isActivation(kind) || ['Linear', 'Flatten', 'Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d'].includes(kind);
}

/** Runs one PyTorch leaf layer on an NCHW tensor (eval mode: dropout is identity, batch norm uses running stats). */
export function runLayer(kind: string, args: BoundArgs, input: Tensor, weights: LayerWeights, options: RunOptions = {}): Tensor {
  const kernels = options.kernels ?? tsKernels;
  const match = spatialKind.exec(kind);
  if (match) {
    const dims = Number(match[2]);
    switch (match[1]) {
      case 'Conv':
        return runConv(dims, args, input, weights, kernels);
      case 'ConvTranspose':
        return runConvTranspose(dims, args, input, weights, kernels);
      case 'MaxPool':
        return runPool(dims, 'max', args, input, kernels);
      case 'AvgPool':
        return runPool(dims, 'avg', args, input);
      case 'AdaptiveAvgPool':
        return runAdaptivePool(dims, 'avg', args, input);
      case 'AdaptiveMaxPool':
        return runAdaptivePool(dims, 'max', args, input);
      default: {
        if (input.shape.length !== dims + 2 && !(dims === 1 && input.shape.length === 2)) {
          throw new KernelError(`expected ${dims + 2}D input (got ${input.shape.length}D input)`);
        }
        return runBatchNorm(args, input, weights);
      }
    }
  }
  switch (kind) {
    case 'Linear':
      return runLinear(args, input, weights, kernels);
    case 'Flatten':
      return runFlatten(args, input);
    case 'Upsample':
      return runUpsample(args, input);
    case 'UpsamplingNearest2d':
      return runUpsample({ ...args, mode: 'nearest' }, input);
    case 'UpsamplingBilinear2d':
      return runUpsample({ ...args, mode: 'bilinear', align_corners: true }, input);
    default:
      if (isActivation(kind)) return runActivation(kind, args, input, weights);
      throw new KernelError(`no kernel for layer kind '${kind}'`);
  }
}
