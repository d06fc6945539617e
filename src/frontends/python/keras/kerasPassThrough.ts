/**
 * Keras layers the TF engine does not model but whose effect on shapes is plain: the
 * preprocessing and augmentation layers (identity at inference, no weights), `Resizing` /
 * `CenterCrop` (a new height and width), and `Lambda` (its function is interpreted on the
 * tensor, as Keras calls it).
 */
import type { AnalysisContext } from '../core/context';
import { callValue } from '../core/calls';
import type { KerasUnmodelled } from './kerasValues';
import type { PyNode } from '../core/syntax';
import type { PyTensor, Value } from '../core/values';
import { isTensor } from '../core/values';
import { kerasInputTensor } from './kerasSession';
import { hasKerasRule } from '../../../engine/tf/layers';

/** No weights, output shape = input shape (at inference, where the model is inspected). */
const identityClasses = new Set([
  'Rescaling',
  'Identity',
  'ActivityRegularization',
  'RandomFlip',
  'RandomRotation',
  'RandomZoom',
  'RandomTranslation',
  'RandomContrast',
  'RandomBrightness',
  'RandomHeight',
  'RandomWidth',
  'SpatialDropout',
  'GaussianNoise',
]);

/** The unmodelled-but-known behaviour of `className`, from its constructor arguments. */
export function kerasUnmodelled(className: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): KerasUnmodelled | undefined {
  // RandomHeight/RandomWidth change the size only in training. A class the engine has a rule
  // for goes through it instead, so its constructor's refusals are Keras's.
  if (identityClasses.has(className)) return hasKerasRule(className) ? undefined : { type: 'identity' };
  if (className === 'Resizing' || className === 'CenterCrop' || className === 'RandomCrop') {
    const height = args[0] ?? kwargs.get('height');
    const width = args[1] ?? kwargs.get('width');
    if (typeof height !== 'number' || typeof width !== 'number') return undefined;
    return { type: 'resize', height, width, channelsFirst: kwargs.get('data_format') === 'channels_first' };
  }
  if (className === 'Lambda') {
    const fn = args[0] ?? kwargs.get('function');
    return fn === undefined ? undefined : { type: 'lambda', fn };
  }
  return undefined;
}

/** The output of such a layer on `input` (a shape known), or null when it cannot be told. */
export function applyUnmodelled(context: AnalysisContext, behaviour: KerasUnmodelled, input: PyTensor, site: PyNode): PyTensor | null {
  switch (behaviour.type) {
    case 'identity':
      return { ...input };
    case 'resize': {
      const shape = input.shape;
      if (!shape || shape.length !== 4) return null;
      const resized = behaviour.channelsFirst ? [shape[0], shape[1], behaviour.height, behaviour.width] : [shape[0], behaviour.height, behaviour.width, shape[3]];
      // The field restarts in the resized image's pixels.
      return kerasInputTensor(resized);
    }
    case 'lambda': {
      const result = callValue(context, behaviour.fn, [input], new Map(), site);
      return isTensor(result) ? result : null;
    }
    default:
      return null;
  }
}
