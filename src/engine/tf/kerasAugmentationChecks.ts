/**
 * What Keras 3's image augmentation layers (RandomFlip, RandomRotation, RandomBrightness,
 * RandomContrast, RandomTranslation, RandomZoom) refuse in their constructors, in Keras's
 * order and words: the factors' ranges, `fill_mode`, `interpolation`, `value_range`.
 */
import type { ArgValue, BoundArgs } from '../types';
import type { TfLayer } from './layerModel';
import { issue, pyTuple } from './layerModel';
import type { KerasCheck as Check } from './kerasArgs';
import { dataFormatIssue, isKnown, pyStr, seedIssue } from './kerasArgs';

/** The augmentations' `factor` (`_set_factor`): a number or two numbers within `[low, high]`. */
function baseFactor(args: BoundArgs, low: number, high: number): Check {
  return () => {
    const factor = args.factor;
    if (!isKnown(factor)) return undefined;
    const message = `The \`factor\` argument should be a number (or a list of two numbers) in the range [${low}, ${high}]. Received: factor=${pyStr(factor)}`;
    if (Array.isArray(factor)) {
      const [a, b] = factor as readonly ArgValue[];
      const refused = factor.length !== 2 || (typeof a === 'number' && a > high) || (typeof b === 'number' && b < low);
      return refused ? issue('error', 'keras.bad-factor', message, 'factor') : undefined;
    }
    if (typeof factor === 'number') return factor < low || factor > high ? issue('error', 'keras.bad-factor', message, 'factor') : undefined;
    return issue('error', 'keras.bad-factor', message, 'factor');
  };
}

/** RandomTranslation's and RandomZoom's `height_factor`/`width_factor`; zoom excludes -1. */
function geometricFactor(args: BoundArgs, name: string, zoom: boolean): Check {
  const head = zoom
    ? 'The `height_factor` and `width_factor` arguments should be a number (or a list of two numbers) in the range (-1.0, 1.0]. '
    : 'The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ';
  const outOfRange = (v: ArgValue): boolean => typeof v === 'number' && (v > 1 || v < -1 || (zoom && v === -1));
  return () => {
    const factor = args[name];
    if (!isKnown(factor) || (zoom && factor === null)) return undefined;
    if (Array.isArray(factor) && factor.length !== 2) return issue('error', 'keras.bad-factor', `${head}Received: ${name}=${pyStr(factor)}`, name);
    const numbers = Array.isArray(factor) ? (factor as readonly ArgValue[]) : [factor];
    if (!numbers.every((v) => typeof v === 'number'))
      return Array.isArray(factor) ? undefined : issue('error', 'keras.bad-factor', `${head}Received: ${name}=${pyStr(factor)}`, name);
    const bad = numbers.find(outOfRange);
    return bad === undefined ? undefined : issue('error', 'keras.bad-factor', `${head}Received: input_number=${pyStr(bad)}`, name);
  };
}

/** The geometric augmentations' `fill_mode` and `interpolation` (a NotImplementedError in Keras). */
function fillAndInterpolation(args: BoundArgs): Check[] {
  const choice =
    (name: string, allowed: readonly string[]): Check =>
    () => {
      const value = args[name];
      if (typeof value !== 'string' || allowed.includes(value)) return undefined;
      return issue('error', 'keras.bad-choice', `Unknown \`${name}\` ${value}. Expected of one ${pyTuple(allowed.map((a) => `'${a}'`))}.`, name);
    };
  return [choice('fill_mode', ['reflect', 'wrap', 'constant', 'nearest']), choice('interpolation', ['nearest', 'bilinear'])];
}

/** RandomBrightness's `value_range`: a list or tuple of two numbers. */
function valueRangeCheck(args: BoundArgs): Check {
  return () => {
    const range = args.value_range;
    if (!isKnown(range) || (Array.isArray(range) && range.length === 2)) return undefined;
    return issue('error', 'keras.bad-value-range', `The \`value_range\` argument should be a list of two numbers. Received: value_range=${pyStr(range)}`, 'value_range');
  };
}

/** The checks of an augmentation layer's constructor, in Keras's order. */
export function augmentationChecks(layer: TfLayer): Check[] {
  const { args } = layer;
  switch (layer.kind) {
    case 'RandomFlip':
      return [() => dataFormatIssue(args), () => seedIssue(args)];
    case 'RandomRotation':
      return [() => dataFormatIssue(args), baseFactor(args, -1, 1), ...fillAndInterpolation(args)];
    case 'RandomBrightness':
      return [baseFactor(args, -1, 1), valueRangeCheck(args)];
    case 'RandomContrast':
      return [baseFactor(args, 0, 1)];
    case 'RandomTranslation':
      return [() => dataFormatIssue(args), geometricFactor(args, 'height_factor', false), geometricFactor(args, 'width_factor', false), ...fillAndInterpolation(args)];
    case 'RandomZoom':
      return [geometricFactor(args, 'height_factor', true), geometricFactor(args, 'width_factor', true), ...fillAndInterpolation(args), () => dataFormatIssue(args)];
    default:
      return [];
  }
}
