/**
 * Keras 3's Normalization (feature-wise, with adapted or given mean and variance),
 * GroupNormalization and RMSNormalization, and the encoding layers CategoryEncoding and
 * Discretization: their constructor checks, output shapes and weights in Keras's words.
 */
import type { ArgValue, EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { ArgProblem, boolArgOrDefault, issue, pyTuple, tfShapeText } from './layerModel';
import type { FamilyResult } from './familyResult';
import { checkDefined, kerasError, pyRepr } from './kerasEinsum';

const featureKinds = new Set(['Normalization', 'GroupNormalization', 'RMSNormalization', 'CategoryEncoding', 'Discretization']);

/** True for the classes this file models. */
export function isKerasFeatureKind(kind: string): boolean {
  return featureKinds.has(kind);
}

/** numpy's `np.shape` of a literal: () for a number, (n,) for a flat list, ... */
function literalShape(value: ArgValue): number[] {
  return Array.isArray(value) ? [value.length, ...(value.length > 0 ? literalShape(value[0] as ArgValue) : [])] : [];
}

/** Normalization's `axis` as Keras stores it: a tuple (None is the empty tuple). */
function normalizationAxes(layer: TfLayer): number[] {
  const axis = layer.args.axis;
  if (axis === null) return [];
  if (typeof axis === 'number') return [axis];
  if (Array.isArray(axis) && axis.every((a) => typeof a === 'number')) return axis as number[];
  throw new ArgProblem(issue('info', 'tf.unknown-arg', 'axis could not be resolved', 'axis'));
}

const tupleText = (items: readonly number[]): string => pyTuple(items.map(String));

function applyNormalization(layer: TfLayer, input: Shape): FamilyResult {
  const axes = normalizationAxes(layer);
  const ndim = input.length;
  if (axes.some((a) => a < -ndim || a >= ndim)) {
    throw kerasError('tf.bad-axis', `All \`axis\` values must be in the range [-ndim, ndim). Received inputs with ndim=${ndim}, while axis=${tupleText(axes)}`);
  }
  const kept = axes.map((a) => (a < 0 ? a + ndim : a)).sort((a, b) => a - b);
  const unknown = kept.find((d) => Number.isNaN(input[d]));
  if (unknown !== undefined) {
    throw kerasError(
      'tf.bad-axis',
      `All \`axis\` values to be kept must have a known shape. Received axis=${tupleText(axes)}, inputs.shape=${tfShapeText(input, 'keras')}, with unknown axis at index ${unknown}`,
    );
  }
  const shape = kept.map((d) => input[d]);
  if (new Set(kept).size < kept.length && (layer.args.mean === null || layer.args.mean === undefined)) {
    // An axis named twice sizes the weights twice over; numpy then fails to reshape them.
    const size = shape.reduce((a, b) => a * b, 1);
    const broadcast = input.map((d, i) => (kept.includes(i) ? d : 1));
    throw kerasError('tf.bad-axis', `cannot reshape array of size ${size} into shape (${broadcast.join(',')})`);
  }
  // Given mean and variance are constants, not weights; otherwise adapt() fills these.
  const paramTensors =
    layer.args.mean === null || layer.args.mean === undefined
      ? [
          { name: 'mean', shape, trainable: false },
          { name: 'variance', shape, trainable: false },
          { name: 'count', shape: [], trainable: false },
        ]
      : [];
  return { output: [...input], steps: null, issues: [], paramTensors };
}

function applyGroupNormalization(layer: TfLayer, input: Shape): FamilyResult {
  const axis = layer.args.axis;
  if (typeof axis !== 'number') throw new ArgProblem(issue('info', 'tf.unknown-arg', 'axis could not be resolved', 'axis'));
  const dim = input.at(axis);
  if (dim === undefined) throw kerasError('tf.bad-axis', 'tuple index out of range');
  if (Number.isNaN(dim)) {
    throw kerasError('tf.bad-axis', `Axis ${axis} of input tensor should have a defined dimension but the layer received an input with shape ${tfShapeText(input, 'keras')}.`);
  }
  const rawGroups = layer.args.groups;
  if (typeof rawGroups !== 'number') throw new ArgProblem(issue('info', 'tf.unknown-arg', 'groups could not be resolved', 'groups'));
  const groups = rawGroups === -1 ? dim : rawGroups;
  if (dim < groups) throw kerasError('tf.groups', `Number of groups (${groups}) cannot be more than the number of channels (${dim}).`);
  // Keras's words swap the two: the channels must be a multiple of the groups.
  if (dim % groups !== 0) throw kerasError('tf.groups', `Number of groups (${groups}) must be a multiple of the number of channels (${dim}).`);
  const paramTensors = [];
  if (boolArgOrDefault(layer.args, 'scale', true)) paramTensors.push({ name: 'gamma', shape: [dim], trainable: true });
  if (boolArgOrDefault(layer.args, 'center', true)) paramTensors.push({ name: 'beta', shape: [dim], trainable: true });
  return { output: [...input], steps: null, issues: [], paramTensors, builtAxis: axis < 0 ? axis + input.length : axis };
}

function applyRmsNormalization(layer: TfLayer, input: Shape): FamilyResult {
  const axis = layer.args.axis;
  const axes = typeof axis === 'number' ? [axis] : Array.isArray(axis) && axis.every((a) => typeof a === 'number') ? [...(axis as number[])].sort((a, b) => a - b) : null;
  if (!axes) throw new ArgProblem(issue('info', 'tf.unknown-arg', 'axis could not be resolved', 'axis'));
  const shape = axes.map((a) => input.at(a));
  if (shape.some((d) => d === undefined)) throw kerasError('tf.bad-axis', 'tuple index out of range');
  checkDefined(layer, 'scale', shape as number[]);
  return { output: [...input], steps: null, issues: [], paramTensors: [{ name: 'scale', shape: shape as number[], trainable: true }] };
}

/** CategoryEncoding's output: one `num_tokens` axis replacing (or, for one_hot, after) the last. */
function applyCategoryEncoding(layer: TfLayer, input: Shape): FamilyResult {
  const tokens = layer.args.num_tokens;
  if (typeof tokens !== 'number') throw new ArgProblem(issue('info', 'tf.unknown-arg', 'num_tokens could not be resolved', 'num_tokens'));
  const last = input[input.length - 1];
  const mode = layer.args.output_mode;
  const oneHot = mode === 'one_hot' || mode === 'oneHot';
  if (layer.dialect === 'tfjs') {
    // TF.js reports any rank but runs only up to rank 2 after expanding a one-hot input.
    const rank = input.length + (oneHot && last !== 1 ? 1 : 0);
    if (rank > 2) {
      const shown = typeof mode === 'string' ? mode.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) : String(mode);
      const message = `When outputMode is not int, maximum output rank is 2 Received outputMode ${shown} and input shape ${input.join(',')} which would result in output rank ${rank}.`;
      return { output: null, steps: null, issues: [issue('error', 'tf.encoding-rank', message)] };
    }
  }
  const appended = oneHot && (last !== 1 || (layer.dialect === 'keras' && input.length === 1));
  return { output: [...(appended ? input : input.slice(0, -1)), tokens], steps: null, issues: [] };
}

/** Discretization's output: the bin index per value, or a one-hot/multi-hot/count encoding of it. */
function applyDiscretization(layer: TfLayer, input: Shape): FamilyResult {
  const mode = layer.args.output_mode;
  if (mode === 'int') return { output: [...input], steps: null, issues: [] };
  const boundaries = layer.args.bin_boundaries;
  const depth = Array.isArray(boundaries) ? boundaries.length + 1 : layer.args.num_bins;
  if (typeof depth !== 'number') throw new ArgProblem(issue('info', 'tf.unknown-arg', 'num_bins could not be resolved', 'num_bins'));
  if (mode === 'one_hot') {
    const squeezed = input.length > 1 && input[input.length - 1] === 1;
    return { output: [...(squeezed ? input.slice(0, -1) : input), depth], steps: null, issues: [] };
  }
  // Keras drops the second axis (not the last) for multi_hot and count.
  return { output: input.length >= 2 ? [input[0], ...input.slice(2), depth] : [depth], steps: null, issues: [] };
}

/** Applies one of this file's layers (see `isKerasFeatureKind`). */
export function applyKerasFeatureLayer(layer: TfLayer, input: Shape): FamilyResult {
  switch (layer.kind) {
    case 'Normalization':
      return applyNormalization(layer, input);
    case 'GroupNormalization':
      return applyGroupNormalization(layer, input);
    case 'RMSNormalization':
      return applyRmsNormalization(layer, input);
    case 'CategoryEncoding':
      return applyCategoryEncoding(layer, input);
    default:
      return applyDiscretization(layer, input);
  }
}

const error = (message: string, arg: string): EngineIssue[] => [issue('error', 'tf.bad-arg', message, arg)];

function normalizationConstructorIssues(layer: TfLayer): EngineIssue[] {
  const { mean, variance } = layer.args;
  const given = (v: ArgValue | undefined): boolean => v !== null && v !== undefined;
  if (given(mean) !== given(variance)) {
    return error(`When setting values directly, both \`mean\` and \`variance\` must be set. Received: mean=${pyRepr(mean)} and variance=${pyRepr(variance)}`, 'mean');
  }
  if (!given(mean)) return [];
  const meanShape = literalShape(mean);
  const varianceShape = literalShape(variance);
  if (meanShape.join() !== varianceShape.join()) {
    return error(
      `When setting values directly, \`mean\` and \`variance\` must have the same shape. Received: mean shape ${tupleText(meanShape)} and variance shape ${tupleText(varianceShape)}`,
      'mean',
    );
  }
  const axes = normalizationAxes(layer);
  if (meanShape.length > axes.length) {
    return error(
      `The rank of \`mean\` must be less than or equal to the number of axes (${axes.length}). Received: mean shape ${tupleText(meanShape)} for axis ${tupleText(axes)}`,
      'mean',
    );
  }
  return [];
}

function discretizationConstructorIssues(layer: TfLayer): EngineIssue[] {
  const { output_mode: mode, num_bins: bins, bin_boundaries: boundaries } = layer.args;
  if (typeof mode === 'string' && !['int', 'one_hot', 'multi_hot', 'count'].includes(mode)) {
    return error(
      `Unknown value for \`output_mode\` argument of Discretization. Allowed values are: ('int', 'one_hot', 'multi_hot', 'count'). Received: output_mode=${mode}`,
      'output_mode',
    );
  }
  if (typeof bins === 'number' && bins < 0) return error(`\`num_bins\` must be greater than or equal to 0. Received: \`num_bins=${bins}\``, 'num_bins');
  if (bins !== null && boundaries !== null) {
    return error(`Both \`num_bins\` and \`bin_boundaries\` should not be set. Received: \`num_bins=${pyRepr(bins)}\` and \`bin_boundaries=${pyRepr(boundaries)}\``, 'num_bins');
  }
  if (bins === null && boundaries === null) return error('You need to set either `num_bins` or `bin_boundaries`.', 'num_bins');
  return [];
}

/** Keras's constructor checks of this file's layers, in its order. */
export function kerasFeatureConstructorIssues(layer: TfLayer): EngineIssue[] {
  const args = layer.args;
  switch (layer.kind) {
    case 'Normalization':
      return normalizationConstructorIssues(layer);
    case 'Discretization':
      return discretizationConstructorIssues(layer);
    case 'GroupNormalization': {
      const groups = args.groups;
      if (typeof groups === 'number' && (!Number.isInteger(groups) || (groups <= 0 && groups !== -1))) {
        return error(`Received an invalid value for argument \`groups\`, expected a positive integer (or \`-1\` for instance normalization). Received: groups=${groups}`, 'groups');
      }
      return [];
    }
    case 'CategoryEncoding': {
      const mode = args.output_mode;
      if (typeof mode === 'string' && !['count', 'one_hot', 'multi_hot', 'binary'].includes(mode)) return error(`Unknown arg for output_mode: ${mode}`, 'output_mode');
      if (args.num_tokens === null) {
        return error('num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.', 'num_tokens');
      }
      if (typeof args.num_tokens === 'number' && args.num_tokens < 1) return error(`\`num_tokens\` must be >= 1. Received: num_tokens=${args.num_tokens}.`, 'num_tokens');
      return [];
    }
    default:
      return [];
  }
}
