/**
 * The non-convolution layers with TensorFlow semantics: Dense (on the last axis of any
 * rank), normalization, reshaping, resampling, padding/cropping, element-wise layers and merges.
 */
import type { ArgValue, AxisStep, EngineIssue, Shape } from '../types';
import { multiplyCounts } from '../exactCount';
import type { TfLayer } from './layerModel';
import { ArgProblem, boolArgOrDefault, channelsFirstArg, pyTuple, tfShapeText, requiredIntArg, issue, rankMismatch, tfSpatialAxes, requiredTupleArg } from './layerModel';
import type { FamilyResult } from './familyResult';

const identityKinds = new Set([
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'SpatialDropout3D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'Masking',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'ThresholdedReLU',
  'InputLayer',
  // Keras 3 layers that keep the shape: no-ops, regularizers, per-element rescaling and
  // normalization, and the image augmentations (which pass the input through in inference).
  'Identity',
  'ActivityRegularization',
  'Rescaling',
  'UnitNormalization',
  'RandomFlip',
  'RandomRotation',
  'RandomBrightness',
  'RandomContrast',
  'RandomTranslation',
  'RandomZoom',
]);
const mergeKinds = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate']);

export function isMergeKind(kind: string): boolean {
  return mergeKinds.has(kind);
}

function identitySteps(input: Shape, channelsFirst: boolean): AxisStep[] {
  return tfSpatialAxes(input.length, channelsFirst).map(() => ({ kernel: 1, dilation: 1, stride: 1, padding: 0 }));
}

function normalizedAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** `padding`/`cropping` of ZeroPadding/Cropping ND: int, one int per axis, or (before, after) per axis. */
export function pairsArg(value: ArgValue | undefined, n: number, name: string): [number, number][] {
  if (typeof value === 'number') return new Array(n).fill(0).map(() => [value, value]);
  if (Array.isArray(value)) {
    if (n === 1 && value.length === 2 && value.every((v) => typeof v === 'number')) return [[value[0] as number, value[1] as number]];
    if (value.length === n) {
      return value.map((v) => {
        if (typeof v === 'number') return [v, v];
        if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
        throw new ArgProblem(issue('info', 'tf.unknown-arg', `${name} could not be resolved`, name));
      });
    }
  }
  throw new ArgProblem(issue('info', 'tf.unknown-arg', `${name} could not be resolved: ${JSON.stringify(value)}`, name));
}

function applyDense(layer: TfLayer, input: Shape): FamilyResult {
  if (input.length < 2) return { output: null, steps: null, issues: [rankMismatch(layer, 2, input, true)] };
  const units = requiredIntArg(layer.args, 'units');
  const inFeatures = input[input.length - 1];
  const paramTensors = [{ name: 'kernel', shape: [inFeatures, units], trainable: true }];
  if (boolArgOrDefault(layer.args, 'use_bias', true)) paramTensors.push({ name: 'bias', shape: [units], trainable: true });
  const output = [...input.slice(0, -1), units];
  return { output, macs: multiplyCounts(...input.slice(0, -1), inFeatures, units), steps: null, issues: [], paramTensors, builtAxis: input.length - 1 };
}

function applyNormalization(layer: TfLayer, input: Shape): FamilyResult {
  const rawAxis = layer.args.axis;
  const axes = (Array.isArray(rawAxis) ? rawAxis : [rawAxis]).map((a) => {
    if (typeof a !== 'number') throw new ArgProblem(issue('info', 'tf.unknown-arg', 'axis could not be resolved', 'axis'));
    return normalizedAxis(a, input.length);
  });
  if (axes.some((a) => a < 0 || a >= input.length)) {
    return { output: null, steps: null, issues: [issue('error', 'tf.bad-axis', `Invalid axis: ${JSON.stringify(rawAxis)} for input of rank ${input.length}`, 'axis')] };
  }
  const shape = axes.map((a) => input[a]);
  const paramTensors = [];
  if (boolArgOrDefault(layer.args, 'scale', true)) paramTensors.push({ name: 'gamma', shape, trainable: true });
  if (boolArgOrDefault(layer.args, 'center', true)) paramTensors.push({ name: 'beta', shape, trainable: true });
  if (layer.kind === 'BatchNormalization') {
    paramTensors.push({ name: 'moving_mean', shape, trainable: false }, { name: 'moving_variance', shape, trainable: false });
  }
  return { output: [...input], steps: identitySteps(input, false), issues: [], paramTensors, builtAxis: axes[0] };
}

function applyReshape(layer: TfLayer, input: Shape): FamilyResult {
  const target = layer.args.target_shape;
  if (!Array.isArray(target) || !target.every((d) => typeof d === 'number' || d === null)) {
    throw new ArgProblem(issue('info', 'tf.unknown-arg', 'target_shape could not be resolved', 'target_shape'));
  }
  const dims = target as (number | null)[];
  const size = input.slice(1).reduce((a, b) => a * b, 1);
  const unknownAt = dims.findIndex((d) => d === null || d < 0);
  const known = dims.reduce<number>((a, d) => (d === null || d < 0 ? a : a * d), 1);
  const resolved = dims.map((d) => (d === null || d < 0 ? (known === 0 ? 0 : size / known) : d));
  // An open (NaN) input size: Keras checks nothing and the inferred dimension stays open.
  if (Number.isNaN(size)) return { output: [input[0], ...resolved], steps: null, issues: [] };
  const fits = unknownAt >= 0 ? known !== 0 && size % known === 0 : known === size;
  if (!fits) {
    const message =
      layer.dialect === 'tfjs'
        ? 'Total size of new array must be unchanged.'
        : `The total size of the tensor must be unchanged${unknownAt >= 0 ? ', however, the input size cannot by divided by the specified dimensions in target_shape' : ''}. Received: input_shape=${tfShapeText(input, 'keras').replace(/^\(None, /, '(')}, target_shape=${pyTuple(dims.map(String))}`;
    return { output: null, steps: null, issues: [issue('error', 'tf.reshape-size', message, 'target_shape')] };
  }
  return { output: [input[0], ...resolved], steps: null, issues: [] };
}

function applyResample(layer: TfLayer, input: Shape): FamilyResult {
  const rank = Number(/([123])D$/.exec(layer.kind)?.[1] ?? 2);
  if (input.length !== rank + 2) return { output: null, steps: null, issues: [rankMismatch(layer, rank + 2, input)] };
  const channelsFirst = rank > 1 && channelsFirstArg(layer.args);
  const axes = tfSpatialAxes(input.length, channelsFirst);
  const output = [...input];
  const issues: EngineIssue[] = [];
  let steps: AxisStep[];
  if (layer.kind.startsWith('UpSampling')) {
    const size = requiredTupleArg(layer.args, 'size', rank);
    steps = axes.map((a, i) => {
      output[a] = input[a] * size[i];
      // Nearest upsampling as a transposed step of kernel f and stride f (engine/receptiveField.ts).
      return { kernel: size[i], dilation: 1, stride: size[i], padding: 0, transposed: true };
    });
  } else {
    const cropping = layer.kind.startsWith('Cropping');
    const pairs = pairsArg(cropping ? layer.args.cropping : layer.args.padding, rank, cropping ? 'cropping' : 'padding');
    steps = axes.map((a, i) => {
      const [before, after] = pairs[i];
      output[a] = cropping ? input[a] - before - after : input[a] + before + after;
      return { kernel: 1, dilation: 1, stride: 1, padding: cropping ? -before : before };
    });
    if (cropping && axes.some((a) => output[a] <= 0)) {
      issues.push(issue('error', 'tf.crop-too-large', `Cropping ${JSON.stringify(pairs)} leaves nothing of the input ${tfShapeText(input, layer.dialect)}.`, 'cropping'));
    }
  }
  return { output, steps, issues };
}

/** Two sizes Keras accepts as the same: equal, or either open (`None`, NaN here). */
function sameDim(a: number, b: number): boolean {
  return a === b || Number.isNaN(a) || Number.isNaN(b);
}

/** Two shapes without the batch as Keras's element-wise merge prints them: the longer first. */
function kerasShapePair(a: Shape, b: Shape): string {
  const [first, second] = a.length < b.length ? [b, a] : [a, b];
  return `${tfShapeText(first, 'keras').replace(/^\(None, /, '(')} and ${tfShapeText(second, 'keras').replace(/^\(None, /, '(')}`;
}

function applyMerge(layer: TfLayer, inputs: readonly Shape[], listed: boolean): FamilyResult {
  if (layer.dialect === 'keras' && !listed) {
    // Keras 3 wants a list; a list of one input is that input.
    const message =
      layer.kind === 'Concatenate'
        ? `A \`Concatenate\` layer should be called on a list of at least 1 input. Received: input_shape=${tfShapeText(inputs[0], 'keras')}`
        : `A merge layer should be called on a list of inputs. Received: input_shape=${tfShapeText(inputs[0], 'keras')} (not a list of shapes)`;
    return { output: null, steps: null, issues: [issue('error', 'tf.merge-arity', message)] };
  }
  if (layer.dialect === 'keras' && layer.kind === 'Subtract' && inputs.length !== 2) {
    const message = `A \`Subtract\` layer should be called on exactly 2 inputs. Received: input_shape=[${inputs.map((s) => tfShapeText(s, 'keras')).join(', ')}]`;
    return { output: null, steps: null, issues: [issue('error', 'tf.merge-arity', message)] };
  }
  if (layer.dialect === 'keras' && inputs.length === 1) return { output: [...inputs[0]], steps: identitySteps(inputs[0], false), issues: [] };
  if (inputs.length < 2) {
    const message =
      layer.kind === 'Concatenate'
        ? 'A `Concatenate` layer should be called on a list of at least 2 inputs'
        : `A merge layer should be called on an Array of at least 2 inputs. Got ${inputs.length} input(s).`;
    return { output: null, steps: null, issues: [issue('error', 'tf.merge-arity', message)] };
  }
  const shapesText = (): string =>
    layer.dialect === 'tfjs' ? JSON.stringify(inputs.map((s) => s.map((d, i) => (i === 0 ? null : d)))) : `[${inputs.map((s) => tfShapeText(s, 'keras')).join(', ')}]`;
  if (layer.kind === 'Concatenate') {
    const rawAxis = layer.args.axis;
    const axis = normalizedAxis(typeof rawAxis === 'number' ? rawAxis : -1, inputs[0].length);
    const compatible = inputs.every((s) => s.length === inputs[0].length && s.every((d, i) => i === axis || i === 0 || sameDim(d, inputs[0][i])));
    if (!compatible) {
      const message =
        layer.dialect === 'tfjs'
          ? `A \`Concatenate\` layer requires inputs with matching shapes except for the concat axis. Got input shapes: ${shapesText()}`
          : `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${shapesText()}`;
      return { output: null, steps: null, issues: [issue('error', 'tf.concat-mismatch', message)] };
    }
    const output = [...inputs[0]];
    output[axis] = inputs.reduce((sum, s) => sum + s[axis], 0);
    return { output, steps: identitySteps(output, false), issues: [] };
  }
  for (const s of inputs.slice(1)) {
    const a = inputs[0];
    const rank = Math.max(a.length, s.length);
    for (let i = 1; i <= rank - 1; i++) {
      const x = a[a.length - i];
      const y = s[s.length - i];
      if (x !== undefined && y !== undefined && !sameDim(x, y) && x !== 1 && y !== 1) {
        const message =
          layer.dialect === 'tfjs'
            ? `Operands could not be broadcast together with shapes ${JSON.stringify(a.slice(1))} ${JSON.stringify(s.slice(1))}`
            : `Inputs have incompatible shapes. Received shapes ${kerasShapePair(a, s)}`;
        return { output: null, steps: null, issues: [issue('error', 'tf.merge-mismatch', message)] };
      }
    }
  }
  const rank = Math.max(...inputs.map((s) => s.length));
  const output = new Array<number>(rank).fill(1).map((_one, i) => Math.max(...inputs.map((s) => s[s.length - rank + i] ?? 1)));
  return { output, steps: identitySteps(output, false), issues: [] };
}

/**
 * Applies a non-convolution, non-pooling layer. `inputs` has one shape except for merges;
 * `listed` says whether the call passed a list of tensors (Keras's merges require one).
 */
export function applyCoreLayer(layer: TfLayer, inputs: readonly Shape[], listed = false): FamilyResult | undefined {
  const input = inputs[0];
  if (mergeKinds.has(layer.kind)) return applyMerge(layer, inputs, listed);
  if (identityKinds.has(layer.kind)) return { output: [...input], steps: identitySteps(input, channelsFirstArg(layer.args)), issues: [] };
  switch (layer.kind) {
    case 'Dense':
      return applyDense(layer, input);
    case 'BatchNormalization':
    case 'LayerNormalization':
      return applyNormalization(layer, input);
    case 'Flatten':
      if (layer.dialect === 'tfjs' && input.length < 3) return { output: null, steps: null, issues: [rankMismatch(layer, 3, input, true)] };
      return { output: [input[0], input.slice(1).reduce((a, b) => a * b, 1)], steps: null, issues: [] };
    case 'Reshape':
      return applyReshape(layer, input);
    case 'PReLU': {
      // One slope per element of the input, except along `shared_axes`.
      const shared = layer.args.shared_axes;
      const sharedAxes = typeof shared === 'number' ? [shared] : Array.isArray(shared) ? shared.filter((a): a is number => typeof a === 'number') : [];
      const shape = input.slice(1).map((d, i) => (sharedAxes.includes(i + 1) ? 1 : d));
      return { output: [...input], steps: identitySteps(input, false), issues: [], paramTensors: [{ name: 'alpha', shape, trainable: true }] };
    }
    case 'Permute': {
      const dims = layer.args.dims;
      if (!Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) throw new ArgProblem(issue('info', 'tf.unknown-arg', 'dims could not be resolved', 'dims'));
      return { output: [input[0], ...(dims as number[]).map((d) => input[d])], steps: null, issues: [] };
    }
    case 'RepeatVector':
      if (input.length !== 2) return { output: null, steps: null, issues: [rankMismatch(layer, 2, input)] };
      return { output: [input[0], requiredIntArg(layer.args, 'n'), input[1]], steps: null, issues: [] };
  }
  if (/^(UpSampling|ZeroPadding|Cropping)[123]D$/.test(layer.kind)) return applyResample(layer, input);
  return undefined;
}
