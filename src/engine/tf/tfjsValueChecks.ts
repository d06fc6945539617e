/**
 * TF.js refusals of config values that its layers take without a check and then hand to a
 * tensor op, which fails when the layer runs: a non-default ELU alpha, a ReLU maxValue below
 * zero, a string or an unbroadcastable array where a number is multiplied or compared in,
 * PReLU shared axes beyond the input, and the image ops' rank checks behind CenterCrop and
 * Resizing. Messages are TF.js's own; shapes in them include the batch.
 */
import type { ArgValue, EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { issue } from './layerModel';

/** TF.js's ELU implements alpha 1 only. */
export function tfjsValueConstructorRefusal(layer: TfLayer): EngineIssue | undefined {
  const alpha = layer.args.alpha;
  if (layer.kind !== 'ELU' || alpha === null || alpha === 1 || (typeof alpha !== 'number' && typeof alpha !== 'string')) return undefined;
  return issue('error', 'tf.not-implemented', `Non-default alpha value (${alpha}) is not supported by the ELU layer yet.`, 'alpha');
}

const broadcastError = (input: Shape, other: string, arg: string): EngineIssue =>
  issue('error', 'tf.broadcast', `Operands could not be broadcast together with shapes ${input.join(',')} and ${other}.`, arg);

/**
 * A config value used as a tensor operand: a string cannot join a float tensor, and a 1-D
 * array must broadcast against the input's last axis. `stringMessage` is the op's refusal.
 */
function operandRefusal(value: ArgValue | undefined, input: Shape, arg: string, stringMessage: string): EngineIssue | undefined {
  if (typeof value === 'string') return issue('error', 'tf.operand-type', stringMessage, arg);
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'number')) return undefined;
  const length = value.length;
  return length === 1 || length === input[input.length - 1] ? undefined : broadcastError(input, String(length), arg);
}

/** PReLU's alpha shape: the input's without the batch, 1 on each shared axis; an axis beyond it leaves holes. */
function preluRefusal(layer: TfLayer, input: Shape): EngineIssue | undefined {
  const shared = layer.args.shared_axes;
  const axes = typeof shared === 'number' ? [shared] : Array.isArray(shared) ? shared : [];
  if (!axes.every((axis): axis is number => typeof axis === 'number' && Number.isInteger(axis))) return undefined;
  const alphaShape: (number | undefined)[] = input.slice(1);
  for (const axis of axes) if (axis >= 1) alphaShape[axis - 1] = 1;
  if (alphaShape.length <= input.length - 1) return undefined;
  // The multiplication broadcasts from the last axis; a hole passes like a 1.
  const clash = alphaShape.some((size, index) => {
    const other = input[input.length - alphaShape.length + index];
    return size !== undefined && other !== undefined && size !== 1 && other !== 1 && size !== other;
  });
  if (!clash) return undefined;
  return broadcastError(input, alphaShape.map((d) => (d === undefined ? '' : String(d))).join(','), 'shared_axes');
}

/** The image op's rank check (3 or 4) as resizeBilinear / resizeNearestNeighbor word it. */
const resizeRank = (op: string, input: Shape): EngineIssue | undefined =>
  input.length === 3 || input.length === 4 ? undefined : issue('error', 'tf.rank-mismatch', `Error in ${op}: x must be rank 3 or 4, but got rank ${input.length}.`);

/**
 * CenterCrop crops with cropAndResize when the crop fits in the input (which must then be
 * rank 4, or 3 stacked to 4, with a crop of at least 1x1), and resizes up otherwise; an input
 * under rank 3 has no height and takes the resize path.
 */
function centerCropRefusal(layer: TfLayer, input: Shape): EngineIssue | undefined {
  const [height, width] = [layer.args.height, layer.args.width];
  if (typeof height !== 'number' || typeof width !== 'number') return undefined;
  if (input.length < 3) return resizeRank('resizeBilinear', input);
  const [inputHeight, inputWidth] = [input[input.length - 3], input[input.length - 2]];
  const heightBuffer = inputHeight === height ? 0 : Math.floor((inputHeight - height) / 2);
  const widthBuffer = inputWidth === width ? 0 : Math.floor((inputWidth - width) / 2);
  if (Number.isNaN(heightBuffer + widthBuffer)) return undefined;
  if (heightBuffer < 0 || widthBuffer < 0) return resizeRank('resizeBilinear', input);
  if (input.length > 4) return issue('error', 'tf.rank-mismatch', `Error in cropAndResize: image must be rank 4,but got rank ${input.length}.`);
  if (height < 1 || width < 1) return issue('error', 'tf.bad-size', `cropSize must be atleast [1,1], but was ${height},${width}`, height < 1 ? 'height' : 'width');
  return undefined;
}

/** TF.js's refusal, when the layer runs, of a config value or of the input's rank; undefined when it has none. */
export function tfjsValueApplyRefusal(layer: TfLayer, input: Shape): EngineIssue | undefined {
  const { args } = layer;
  switch (layer.kind) {
    case 'ReLU': {
      const max = args.max_value;
      // clipByValue(x, 0, maxValue) asserts `0 <= maxValue`, with JavaScript's comparison.
      if ((typeof max !== 'number' && typeof max !== 'string') || 0 <= Number(max)) return undefined;
      return issue('error', 'tf.bad-value', `Error in clip: min (0) must be less than or equal to max (${max}).`, 'max_value');
    }
    case 'ThresholdedReLU':
      return operandRefusal(args.theta, input, 'theta', 'Can not upcast float32 with string');
    case 'Masking':
      return operandRefusal(args.mask_value, input, 'mask_value', 'Can not upcast float32 with string');
    case 'Rescaling':
      return (
        operandRefusal(args.scale, input, 'scale', "Argument 'b' passed to 'mul' must be numeric tensor, but got string tensor") ??
        operandRefusal(args.offset, input, 'offset', "Argument 'b' passed to 'add' must be numeric tensor, but got string tensor")
      );
    case 'PReLU':
      return preluRefusal(layer, input);
    case 'CenterCrop':
      return centerCropRefusal(layer, input);
    case 'Resizing':
      return resizeRank(args.interpolation === 'nearest' ? 'resizeNearestNeighbor' : 'resizeBilinear', input);
    default:
      return undefined;
  }
}
