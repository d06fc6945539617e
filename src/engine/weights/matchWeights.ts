/**
 * Matches named tensors from a weight file to layers by module path
 * (`layer1.0.conv1` + `.weight`), reporting, per tensor, what matched, what is missing,
 * what the file has that no layer wants, and shape mismatches. Layers without a usable
 * tensor fall back to the deterministic default init, so a preview always runs.
 */
import type { LayerWeights, Tensor } from '../kernels/tensor';
import type { BoundArgs, ParamTensor } from '../types';
import { defaultKerasLayerWeights, kerasTensorShapes, kerasWeightAliases } from './kerasWeights';
import { defaultLayerWeights, expectedTensorShapes } from './defaultInit';
import type { WeightTensor } from './weightTensor';

export interface WeightMatchLayer {
  readonly path: string;
  readonly kind: string;
  readonly args: BoundArgs;
  /** Keras / TF.js layers: the tensors the layer owns (Keras names and shapes, Keras default init). */
  readonly paramTensors?: readonly ParamTensor[];
}

export interface ShapeMismatch {
  readonly key: string;
  readonly expected: readonly number[];
  readonly actual: readonly number[];
}

export interface WeightMatch {
  readonly weightsByPath: Map<string, LayerWeights>;
  /** Keys taken from the file. */
  readonly matched: string[];
  /** Keys a layer needs that the file does not have (default init used). */
  readonly missing: string[];
  /** Keys in the file no layer uses (e.g. `num_batches_tracked`, layers the front end did not find). */
  readonly unused: string[];
  readonly mismatched: ShapeMismatch[];
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** One line per problem, for a diagnostic or the CLI. */
export function describeMismatch(m: ShapeMismatch): string {
  return `${m.key}: the file has shape [${m.actual.join(', ')}], the model expects [${m.expected.join(', ')}]`;
}

/** A layer's deterministic default init: Keras's initializers for a Keras / TF.js layer, PyTorch's otherwise. */
export function defaultWeightsOf(layer: WeightMatchLayer, seed = 0): LayerWeights {
  return layer.paramTensors ? defaultKerasLayerWeights(layer.paramTensors, layer.path, seed) : defaultLayerWeights(layer.kind, layer.args, layer.path, seed);
}

/**
 * Matches file tensors to layers. Keys may carry a `module.` prefix (DataParallel) or
 * a common model prefix; both are tried. `seed` is the default-init seed for gaps.
 * Only the tensors a layer takes (name and shape match) are read.
 */
export function matchWeights(layers: readonly WeightMatchLayer[], tensors: ReadonlyMap<string, WeightTensor>, seed = 0): WeightMatch {
  const lookup = (key: string): [string, WeightTensor] | undefined => {
    for (const candidate of [key, `module.${key}`, `model.${key}`]) {
      const tensor = tensors.get(candidate);
      if (tensor) return [candidate, tensor];
    }
    return undefined;
  };
  const used = new Set<string>();
  const result: WeightMatch = { weightsByPath: new Map(), matched: [], missing: [], unused: [], mismatched: [] };
  const done = new Set<string>();
  for (const layer of layers) {
    if (done.has(layer.path)) continue;
    done.add(layer.path);
    const keras = layer.paramTensors;
    const shapes = keras ? kerasTensorShapes(keras) : expectedTensorShapes(layer.kind, layer.args);
    const names = Object.keys(shapes);
    if (names.length === 0) continue;
    // The default init only for a layer with a gap: drawing it for every layer cost seconds
    // per match on an 11M-parameter model, and the worker matches again at every edit.
    const found: Record<string, Tensor> = {};
    let complete = true;
    for (const name of names) {
      const key = layer.path ? `${layer.path}.${name}` : name;
      const hit =
        lookup(key) ??
        (keras
          ? kerasWeightAliases(layer.kind, name)
              .map((alias) => lookup(`${layer.path}.${alias}`))
              .find(Boolean)
          : undefined);
      if (!hit) {
        result.missing.push(key);
        complete = false;
        continue;
      }
      const [fileKey, tensor] = hit;
      used.add(fileKey);
      const expected = shapes[name];
      const actual = tensor.shape;
      if (sameShape(expected, actual)) {
        found[name] = tensor.read();
        result.matched.push(key);
      } else {
        result.mismatched.push({ key, expected, actual });
        complete = false;
      }
    }
    // The default init's tensors are a subset of `shapes`' names, so a complete match needs none of it.
    const fallback = complete ? {} : defaultWeightsOf(layer, seed);
    result.weightsByPath.set(layer.path, { ...fallback, ...found });
  }
  for (const key of tensors.keys()) if (!used.has(key)) result.unused.push(key);
  return result;
}
