/**
 * TensorFlow.js's `tf.layers.randomWidth`: resizes each image to a width drawn at random from
 * [(1 + lower) x width, (1 + upper) x width] on every call (height and channels kept). The
 * output width is therefore unknown unless the range allows one width only. Constructor
 * checks and run-time refusals in TF.js's words.
 */
import type { ArgValue, EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { issue } from './layerModel';
import type { FamilyResult } from './familyResult';

/** A config value as a JavaScript template literal prints it (`undefined` for an absent one). */
function jsText(value: ArgValue | undefined): string {
  if (value === null || value === undefined) return 'undefined';
  return Array.isArray(value) ? value.map((v) => jsText(v)).join(',') : String(value);
}

/** The factor's [lower, upper], or the message TF.js throws for it. */
function widthRange(layer: TfLayer): [number, number] | string {
  const factor = layer.args.factor;
  let range: [number, number];
  if (Array.isArray(factor) && factor.length === 2 && typeof factor[0] === 'number' && typeof factor[1] === 'number') range = [factor[0], factor[1]];
  else if (typeof factor === 'number' && factor > 0) range = [-factor, factor];
  else return `Invalid factor: ${jsText(factor)}. Must be positive number or tuple of 2 numbers`;
  const [lower, upper] = range;
  if (lower < -1 || upper < -1) return `factor must have values larger than -1. Got: ${jsText(factor)}`;
  if (upper < lower) return `factor cannot have upper bound less than lower bound.\n        Got upper bound: ${upper}.\n        Got lower bound: ${lower}\n      `;
  return range;
}

/** The first error TF.js throws in the constructor, if any. */
export function randomWidthConstructorIssues(layer: TfLayer): EngineIssue[] {
  const range = widthRange(layer);
  if (typeof range === 'string') return [issue('error', 'tf.bad-factor', range, 'factor')];
  const interpolation = layer.args.interpolation;
  if (typeof interpolation === 'string' && interpolation !== '' && interpolation !== 'bilinear' && interpolation !== 'nearest') {
    return [issue('error', 'tf.bad-interpolation', `Invalid interpolation parameter: ${interpolation} is not implemented`, 'interpolation')];
  }
  return [];
}

/** Applies RandomWidth: a rank-3 tensor is one image (its first axis the height), rank 4 a batch. */
export function applyRandomWidth(layer: TfLayer, input: Shape): FamilyResult {
  if (input.length !== 3 && input.length !== 4) {
    const op = layer.args.interpolation === 'nearest' ? 'resizeNearestNeighbor' : 'resizeBilinear';
    return { output: null, steps: null, issues: [issue('error', 'tf.image-rank', `Error in ${op}: x must be rank 3 or 4, but got rank ${input.length}.`)] };
  }
  const range = widthRange(layer);
  if (typeof range === 'string') return { output: null, steps: null, issues: [] };
  const axis = input.length - 2;
  // TF.js draws the factor in float32 and rounds factor x width.
  const [narrowest, widest] = range.map((bound) => Math.round(Math.fround(1 + bound) * input[axis]));
  const output = [...input];
  const issues: EngineIssue[] = [];
  if (narrowest === widest) output[axis] = narrowest;
  else {
    output[axis] = Number.NaN;
    const span = Number.isNaN(narrowest) ? '' : ` (${narrowest} to ${widest})`;
    issues.push(issue('info', 'tf.random-size', `RandomWidth draws the output width at random${span} on every call; the width is unknown.`));
  }
  return { output, steps: null, issues };
}
