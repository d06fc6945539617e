/**
 * What Keras 3's layer constructors refuse, class by class, in the order Keras checks: the
 * base layer's `name`/`dtype`, then the class's own arguments (tuples, data_format, padding,
 * activations, rates, factors, ...). Keras raises the first problem only, so this returns one.
 * The checks themselves are shared (`kerasArgs.ts`); this file says which class runs which.
 */
import type { ArgValue, BoundArgs, EngineIssue } from '../types';
import { isUnknownValue } from '../types';
import { pythonValueRepr } from '../torch/args';
import type { TfLayer } from './layerModel';
import { issue } from './layerModel';
import type { KerasCheck as Check } from './kerasArgs';
import { activationIssue, baseLayerIssue, convPaddingIssue, dataFormatIssue, isKnown, pyStr, pyTypeName, seedIssue, tupleIssue, unitRangeIssue } from './kerasArgs';
import { augmentationChecks } from './kerasAugmentationChecks';

/** The first check that refuses, in Keras's order (later checks are not evaluated). */
function firstRefusal(checks: readonly Check[]): EngineIssue | undefined {
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return undefined;
}

const ordinals = ['1st', '2nd', '3rd'];

/** A strictly positive count (`filters`, `groups`, `depth_multiplier`, ...), Keras's "Invalid value for argument" words. */
function positiveCount(args: BoundArgs, name: string, message: (value: string) => string): Check {
  return () => {
    const value = args[name];
    return typeof value === 'number' && value <= 0 ? issue('error', 'keras.bad-count', message(String(value)), name) : undefined;
  };
}

/** An `int` argument checked with `isinstance(value, int)` then `> 0` (RepeatVector's `n`, UpSampling1D's `size`). */
function positiveInt(args: BoundArgs, name: string): Check {
  return () => {
    const value = args[name];
    if (!isKnown(value) || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return issue('error', 'keras.bad-int', `Expected an integer value for \`${name}\`, got ${pyTypeName(value)}.`, name);
    }
    return value <= 0 ? issue('error', 'keras.bad-int', `Argument \`${name}\` should be a positive integer. Received: ${name}=${value}`, name) : undefined;
  };
}

/** `ZeroPadding2D/3D`'s `padding` and `Cropping2D`'s `cropping`: an int, or one int or (before, after) per axis. */
function perAxisPairs(args: BoundArgs, name: 'padding' | 'cropping', n: number): Check {
  return () => {
    const value = args[name];
    if (!isKnown(value) || !Array.isArray(value)) {
      if (name === 'cropping' && typeof value === 'number' && value < 0) {
        return issue('error', 'keras.bad-cropping', `\`cropping\` cannot be negative. Received: cropping=${value}.`, name);
      }
      return undefined;
    }
    const items = value as readonly ArgValue[];
    if (items.length !== n) {
      const message = n === 3 ? `\`${name}\` should have 3 elements. Received: ${pyStr(value)}.` : `\`${name}\` should have two elements. Received: ${name}=${pyStr(value)}.`;
      return issue('error', 'keras.bad-pairs', message, name);
    }
    for (const [i, entry] of items.entries()) {
      const found = tupleIssue(entry, 2, `${ordinals[i]} entry of ${name}`, true, name);
      if (found) return found;
    }
    return undefined;
  };
}

function convChecks(layer: TfLayer, rank: number): Check[] {
  const { args, kind } = layer;
  const strictly = (name: string) => (value: string) => `Invalid value for argument \`${name}\`. Expected a strictly positive value. Received ${name}=${value}.`;
  const checks: Check[] = [
    () => tupleIssue(args.kernel_size, rank, 'kernel_size'),
    () => tupleIssue(args.strides, rank, 'strides'),
    () => tupleIssue(args.dilation_rate, rank, 'dilation_rate'),
    () => convPaddingIssue(args, kind === 'Conv1D'),
    () => dataFormatIssue(args),
    () => activationIssue(args, 'activation'),
  ];
  if (kind.startsWith('Depthwise')) checks.push(positiveCount(args, 'depth_multiplier', strictly('depth_multiplier')));
  if (/^Conv[123]D$/.test(kind)) checks.push(positiveCount(args, 'groups', (v) => `The number of groups must be a positive integer. Received: groups=${v}.`));
  if (kind.endsWith('Transpose') && args.output_padding !== null) checks.push(() => tupleIssue(args.output_padding, rank, 'output_padding', true));
  return checks;
}

function convLstmChecks(args: BoundArgs, rank: number): Check[] {
  return [
    () => tupleIssue(args.kernel_size, rank, 'kernel_size'),
    () => tupleIssue(args.strides, rank, 'strides'),
    () => tupleIssue(args.dilation_rate, rank, 'dilation_rate'),
    () => convPaddingIssue(args, false),
    () => dataFormatIssue(args),
    () => activationIssue(args, 'activation'),
    () => activationIssue(args, 'recurrent_activation'),
    () => {
      const strides = args.strides;
      const dilation = args.dilation_rate;
      const big = (v: ArgValue | undefined): boolean => (typeof v === 'number' ? v > 1 : Array.isArray(v) && v.some((d) => typeof d === 'number' && d > 1));
      if (!big(strides) || !big(dilation)) return undefined;
      const tuple = (v: ArgValue | undefined): string => pythonValueRepr(typeof v === 'number' ? new Array<number>(rank).fill(v) : (v as ArgValue));
      const message = `Specifying \`strides > 1\` is not compatible with \`dilation_rate > 1\`. Please provide \`strides=1\` or \`dilation_rate=1\`. Received: strides=${tuple(strides)} and dilation_rate=${tuple(dilation)}`;
      return issue('error', 'keras.strides-with-dilation', message, 'dilation_rate');
    },
  ];
}

function dropoutChecks(args: BoundArgs, kind: string): Check[] {
  if (kind === 'GaussianNoise') return [() => unitRangeIssue(args, 'stddev'), () => seedIssue(args)];
  const checks: Check[] = [() => unitRangeIssue(args, 'rate')];
  if (kind === 'Dropout' || kind === 'AlphaDropout') {
    checks.push(() => {
      const shape = args.noise_shape;
      if (typeof shape !== 'number' && typeof shape !== 'boolean') return undefined;
      const message = `Invalid value received for argument \`noise_shape\`. Expected an iterable of integers (e.g., a tuple or list). Received: noise_shape=${pyStr(shape)}`;
      return issue('error', 'keras.bad-noise-shape', message, 'noise_shape');
    });
  }
  if (kind.startsWith('SpatialDropout')) checks.push(() => dataFormatIssue(args));
  else checks.push(() => (typeof args.rate === 'number' && args.rate > 0 ? seedIssue(args) : undefined));
  return checks;
}

/** `target_shape` as `validate_reshape_shape` checks it: ints >= -1, at most one -1. */
function reshapeCheck(args: BoundArgs): Check {
  return () => {
    const target = args.target_shape;
    if (!Array.isArray(target)) return undefined;
    const dims = (target as readonly ArgValue[]).filter((d): d is number => typeof d === 'number');
    const shown = pyStr(target);
    if (dims.some((d) => d < -1)) {
      const message = `Each dimension in \`target_shape\` must be a non-negative integer, or \`-1\` for a single unknown dimension. Received: target_shape=${shown}.`;
      return issue('error', 'keras.reshape-dims', message, 'target_shape');
    }
    if (dims.filter((d) => d === -1).length > 1) {
      return issue('error', 'keras.reshape-dims', `There must be at most one unknown dimension (-1) in \`target_shape\`. Received: target_shape=${shown}.`, 'target_shape');
    }
    return undefined;
  };
}

/** An `axis` LayerNormalization and UnitNormalization accept: an int or a list/tuple of them. */
function axisTypeCheck(args: BoundArgs, message: (shown: string) => string): Check {
  return () => {
    const axis = args.axis;
    if (!isKnown(axis) || Array.isArray(axis) || (typeof axis === 'number' && Number.isInteger(axis))) return undefined;
    return issue('error', 'keras.bad-axis', message(axis === null || typeof axis === 'number' ? pythonValueRepr(axis) : pyStr(axis)), 'axis');
  };
}

function classChecks(layer: TfLayer): Check[] {
  const { args, kind } = layer;
  const rank = Number(/([123])D(Transpose)?$/.exec(kind)?.[1] ?? 0);
  if (/^(Conv|SeparableConv|DepthwiseConv)[123]D(Transpose)?$/.test(kind)) return convChecks(layer, rank);
  if (kind.startsWith('ConvLSTM')) return convLstmChecks(args, rank);
  if (/^(Max|Average)Pooling/.test(kind)) {
    return [
      () => tupleIssue(args.pool_size, rank, 'pool_size'),
      () => (args.strides === null ? undefined : tupleIssue(args.strides, rank, 'strides')),
      () => dataFormatIssue(args),
    ];
  }
  if (kind.startsWith('Global') || kind === 'Flatten') return [() => dataFormatIssue(args)];
  if (kind === 'UpSampling1D') return [positiveInt(args, 'size')];
  if (kind.startsWith('UpSampling')) return [() => tupleIssue(args.size, rank, 'size'), () => dataFormatIssue(args)];
  if (kind === 'ZeroPadding1D') return [() => tupleIssue(args.padding, 2, 'padding', true), () => dataFormatIssue(args)];
  if (kind.startsWith('ZeroPadding')) return [perAxisPairs(args, 'padding', rank), () => dataFormatIssue(args)];
  if (kind === 'Cropping1D') return [() => tupleIssue(args.cropping, 2, 'cropping', true)];
  if (kind === 'Cropping2D') return [perAxisPairs(args, 'cropping', 2), () => dataFormatIssue(args)];
  if (/Dropout|GaussianNoise/.test(kind)) return dropoutChecks(args, kind);
  if (kind.startsWith('Random')) return augmentationChecks(layer);
  switch (kind) {
    case 'Dense':
      return [() => activationIssue(args, 'activation')];
    case 'LayerNormalization':
      return [axisTypeCheck(args, (shown) => `Expected an int or a list/tuple of ints for the argument 'axis', but received: ${shown}`)];
    case 'UnitNormalization':
      return [axisTypeCheck(args, (shown) => `Invalid value for \`axis\` argument: expected an int or a list/tuple of ints. Received: axis=${shown}`)];
    case 'Reshape':
      return [reshapeCheck(args)];
    case 'Permute':
      return [
        () => {
          const dims = args.dims;
          if (!Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) return undefined;
          const sorted = [...(dims as number[])].sort((a, b) => a - b);
          if (sorted.every((d, i) => d === i + 1)) return undefined;
          const message = `Invalid permutation argument \`dims\` for Permute Layer. The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${pyStr(dims)}`;
          return issue('error', 'keras.bad-permutation', message, 'dims');
        },
      ];
    case 'RepeatVector':
      return [positiveInt(args, 'n')];
    case 'Activation':
      return [() => activationIssue(args, 'activation')];
    case 'ReLU':
      return [
        () =>
          typeof args.max_value === 'number' && args.max_value < 0 ? reluIssue('max_value of a ReLU layer cannot be a negative value', args.max_value, 'max_value') : undefined,
        () => nonNegative(args.negative_slope, (v) => reluIssue('negative_slope of a ReLU layer cannot be None or a negative value', v, 'negative_slope')),
        () => nonNegative(args.threshold, (v) => reluIssue('threshold of a ReLU layer cannot be None or a negative value', v, 'threshold')),
      ];
    case 'LeakyReLU': {
      // Keras 3 names it `negative_slope`; `alpha` is its deprecated spelling.
      const slope = 'negative_slope' in args ? args.negative_slope : args.alpha;
      const words = 'The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float.';
      return [() => nonNegative(slope, (v) => issue('error', 'keras.bad-slope', `${words} Received: negative_slope=${pyStr(v)}`, 'negative_slope'))];
    }
    case 'ActivityRegularization':
      return ['l1', 'l2'].map((name) => () => {
        const value = args[name];
        const refused = typeof value === 'string' || (typeof value === 'number' && value < 0);
        return refused
          ? issue('error', 'keras.bad-penalty', `Invalid value for argument ${name}: expected a non-negative float.Received: ${name}=${pyStr(value)}`, name)
          : undefined;
      });
    default:
      return [];
  }
}

function reluIssue(words: string, value: ArgValue, name: string): EngineIssue {
  return issue('error', 'keras.bad-relu', `${words}. Received: ${name}=${pyStr(value)}`, name);
}

/** A float Keras requires to be present and >= 0 (`None` is refused too). */
function nonNegative(value: ArgValue | undefined, refuse: (value: ArgValue) => EngineIssue): EngineIssue | undefined {
  if (value === undefined || isUnknownValue(value)) return undefined;
  return value === null || (typeof value === 'number' && value < 0) ? refuse(value) : undefined;
}

/** Dense checks `units` before the base layer sees its arguments. */
function denseUnitsCheck(args: BoundArgs): Check {
  return () => {
    const units = args.units;
    if (typeof units !== 'number' || (Number.isInteger(units) && units > 0)) return undefined;
    return issue('error', 'keras.bad-units', `Received an invalid value for \`units\`, expected a positive integer. Received: units=${units}`, 'units');
  };
}

/** The keywords the base layer takes besides `**kwargs` it refuses. */
const baseKeywords = ['activity_regularizer', 'trainable', 'dtype', 'autocast', 'name', 'input_dim', 'input_shape'];
/** Classes whose whole keyword list the engine knows (their own), so an unknown keyword is Keras's error. */
const completeKeywords: Readonly<Record<string, readonly string[]>> = {
  Identity: [],
  ELU: ['alpha'],
  Masking: ['mask_value'],
  Rescaling: ['scale', 'offset'],
  Softmax: ['axis'],
};

/** `Layer.__init__` refuses keywords no one took: `Unrecognized keyword arguments passed to Identity: {'foo': 1}`. */
function unknownKeywordCheck(layer: TfLayer): Check {
  return () => {
    const own = completeKeywords[layer.kind];
    if (!own) return undefined;
    const unknown = Object.entries(layer.args).filter(([key]) => !own.includes(key) && !baseKeywords.includes(key));
    if (unknown.length === 0 || unknown.some(([, value]) => !isKnown(value))) return undefined;
    const shown = `{${unknown.map(([key, value]) => `'${key}': ${pythonValueRepr(value)}`).join(', ')}}`;
    return issue('error', 'keras.unknown-keyword', `Unrecognized keyword arguments passed to ${layer.kind}: ${shown}`, unknown[0][0]);
  };
}

/** The error Keras 3 raises when constructing `layer`, or undefined when it constructs. */
export function kerasConstructorRefusal(layer: TfLayer): EngineIssue | undefined {
  const leading = layer.kind === 'Dense' ? [denseUnitsCheck(layer.args)] : [];
  return firstRefusal([...leading, () => baseLayerIssue(layer.args), unknownKeywordCheck(layer), ...classChecks(layer)]);
}
