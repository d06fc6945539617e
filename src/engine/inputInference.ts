/**
 * Solving for the input a model needs when nothing gives it: the smallest spatial size
 * (square, or its 1-d/3-d analogue) that a chain of layers accepts, or the one for which the
 * chain's flattened output has exactly the `in_features` of the first Linear after it.
 *
 * Every layer that changes a spatial size (convolution, pooling, padding, upsampling, their
 * transposes) is monotone: a larger input never gives a smaller output, and an input it
 * accepts stays accepted when it grows. So the chain's output size is a monotone function of
 * the input size, and the smallest solution is found by bisection on the layers' own shape
 * arithmetic: about log2(size) evaluations of the chain, never one interpreter run per size.
 */
import type { Shape } from './types';
import type { TorchLayer } from './torch/layerResults';
import { applyTorchLayer } from './torch/layers';

/** One layer of the chain: the output shape for an input shape, null when the layer rejects that input. */
export type ShapeStep = (input: Shape) => Shape | null;

/**
 * A PyTorch layer as a chain step: it rejects an input when PyTorch raises, or when a training
 * BatchNorm would see one value per channel (PyTorch raises that in training mode too).
 */
export function torchShapeStep(layer: TorchLayer): ShapeStep {
  return (input) => {
    const result = applyTorchLayer(layer, input);
    return result.issues.some((issue) => issue.severity === 'error' || issue.code === 'torch.batchnorm-single-value') ? null : result.output;
  };
}

/** The largest spatial size searched; past it the model is taken to have no valid size. */
export const maxInferredSize = 1 << 16;

function product(dims: readonly number[]): number {
  return dims.reduce((total, dim) => total * dim, 1);
}

/** The chain's output for a square input, or null when some layer rejects it. */
function runChain(steps: readonly ShapeStep[], input: Shape): Shape | null {
  let shape: Shape | null = input;
  for (const step of steps) {
    if (shape === null) return null;
    shape = step(shape);
    if (shape !== null && shape.some((dim) => !(dim >= 1))) return null;
  }
  return shape;
}

/**
 * The smallest size `s` for which `steps` accept `inputOf(s)` and, when `inFeatures` is
 * given, the features per sample of the chain's output (all but the batch axis) equal it.
 * `hint`: a size likely to qualify (the probe's), which saves the search for an upper bound.
 * Undefined when no size up to `maxSize` qualifies.
 */
export function smallestInputSize(steps: readonly ShapeStep[], inputOf: (size: number) => Shape, inFeatures?: number, hint = 1, maxSize = maxInferredSize): number | undefined {
  const features = (size: number): number | null => {
    const output = runChain(steps, inputOf(size));
    return output === null ? null : product(output.slice(1));
  };
  // Good = accepted and, with a target, at least as many features as the target: an up-set of sizes.
  let lastFeatures: number | null = null;
  const good = (size: number): boolean => {
    lastFeatures = features(size);
    return lastFeatures !== null && (inFeatures === undefined || lastFeatures >= inFeatures);
  };
  let high = Math.max(1, Math.min(hint, maxSize));
  let low = 0; // not good (sizes start at 1)
  while (!good(high)) {
    if (high >= maxSize) return undefined;
    low = high;
    high = Math.min(high * 2, maxSize);
  }
  let highFeatures = lastFeatures;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (good(middle)) {
      high = middle;
      highFeatures = lastFeatures;
    } else low = middle;
  }
  // Monotone: the smallest size with at least the target gives exactly it, or no size does.
  return inFeatures === undefined || highFeatures === inFeatures ? high : undefined;
}
