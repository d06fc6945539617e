/**
 * What Keras 3 refuses when a layer is called on an input, in its own words, where its checks
 * differ from the shared TF-semantics rules: input ranks the shared rules accept, the pooling
 * `padding` (checked at call time), normalization axes, PReLU's shared axes, and Keras's
 * cropping and weight-shape messages. The tfjs dialect has its own (`tfjsChecks.ts`).
 */
import type { EngineIssue, ParamTensor, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { channelsFirstArg, issue, pyTuple, rankMismatch, tfShapeText } from './layerModel';
import { pairsArg } from './coreLayers';
import { pyStr } from './kerasArgs';

/** The rank Keras's InputSpec pins for a class the shared rules apply to any rank; undefined if none. */
function pinnedRank(layer: TfLayer): number | undefined {
  const spatial = /^SpatialDropout([123])D$/.exec(layer.kind);
  if (spatial) return Number(spatial[1]) + 2;
  const dims = layer.args.dims;
  if (layer.kind === 'Permute' && Array.isArray(dims)) return dims.length + 1;
  return undefined;
}

/** Python's IndexError when an axis falls outside a shape Keras indexes (`input_shape[axis]`). */
function outside(axis: number, rank: number): boolean {
  return axis >= rank || axis < -rank;
}

function croppingRefusal(layer: TfLayer, input: Shape): EngineIssue | undefined {
  const oneD = layer.kind === 'Cropping1D';
  if (input.length !== (oneD ? 3 : 4)) return undefined;
  const pairs = pairsArg(layer.args.cropping, oneD ? 1 : 2, 'cropping');
  const first = channelsFirstArg(layer.args) ? 2 : 1;
  if (pairs.every(([before, after], i) => Number.isNaN(input[first + i]) || before + after < input[first + i])) return undefined;
  const shown = tfShapeText(input, 'keras');
  const message = oneD
    ? `\`cropping\` parameter of \`Cropping1D\` layer must be smaller than the input length. Received: input_shape=${shown}, cropping=${pyTuple(pairs[0])}`
    : `Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${shown}, cropping=${pyTuple(pairs.map((p) => pyTuple(p)))}`;
  return issue('error', 'keras.crop-too-large', message, 'cropping');
}

/** Keras's refusal of one input shape, before the shared rule sees it; undefined when it has none. */
export function kerasApplyRefusal(layer: TfLayer, input: Shape): EngineIssue | undefined {
  if (layer.dialect !== 'keras') return undefined;
  const rank = pinnedRank(layer);
  if (rank !== undefined && input.length !== rank) return rankMismatch(layer, rank, input);
  const { args } = layer;
  switch (layer.kind) {
    case 'BatchNormalization':
    case 'LayerNormalization': {
      const axes = Array.isArray(args.axis) ? args.axis : [args.axis];
      return axes.some((a) => typeof a === 'number' && outside(a, input.length)) ? issue('error', 'keras.bad-axis', 'tuple index out of range', 'axis') : undefined;
    }
    case 'UnitNormalization': {
      const axes = Array.isArray(args.axis) ? args.axis : [args.axis];
      if (!axes.some((a) => typeof a === 'number' && outside(a, input.length))) return undefined;
      // Keras keeps a tuple of axes as a list.
      const shown = Array.isArray(args.axis) ? `[${axes.map((a) => pyStr(a)).join(', ')}]` : pyStr(args.axis ?? null);
      return issue('error', 'keras.bad-axis', `Axis ${shown} is out of bounds for input shape ${tfShapeText(input, 'keras')}.`, 'axis');
    }
    case 'PReLU': {
      const shared = args.shared_axes;
      const axes = typeof shared === 'number' ? [shared] : Array.isArray(shared) ? shared : [];
      // Keras sets `param_shape[i - 1] = 1` on the input's shape without the batch.
      return axes.some((a) => typeof a === 'number' && outside(a - 1, input.length - 1))
        ? issue('error', 'keras.bad-axis', 'list assignment index out of range', 'shared_axes')
        : undefined;
    }
    case 'Cropping1D':
    case 'Cropping2D':
      return croppingRefusal(layer, input);
    default:
      break;
  }
  const pooling = /^(Max|Average)Pooling([123])D$/.exec(layer.kind);
  const padding = args.padding;
  if (pooling && input.length === Number(pooling[2]) + 2 && typeof padding === 'string' && !['valid', 'same'].includes(padding.toLowerCase())) {
    return issue('error', 'keras.bad-padding', `Argument \`padding\` must be either 'valid' or 'same'. Received: padding=${padding}`, 'padding');
  }
  return undefined;
}

/** Keras creates weights only from defined sizes: an open (`None`) size in a weight's shape fails. */
export function kerasUndefinedWeight(layer: TfLayer, tensors: readonly ParamTensor[]): EngineIssue | undefined {
  if (layer.dialect !== 'keras') return undefined;
  const open = tensors.find((t) => t.shape.some((d) => Number.isNaN(d)));
  if (!open) return undefined;
  const shape = pyTuple(open.shape.map((d) => (Number.isNaN(d) ? 'None' : d)));
  const message = `Shapes used to initialize variables must be fully-defined (no \`None\` dimensions). Received: shape=${shape} for variable path='${layer.name}/${open.name}'`;
  return issue('error', 'keras.open-weight', message);
}
