/**
 * torch.nn layers the engine does not model yet. The common shape-preserving ones
 * (GroupNorm, LayerNorm, InstanceNorm, ...) and padding / pixel-shuffle layers keep the
 * shapes flowing, so that one such layer does not blind everything after it; anything
 * else gives a layer of unknown output with an `info` finding.
 */
import type { ParamTensor, Shape } from '../../../engine/types';
import type { AnalysisContext } from '../core/context';
import type { PyNode } from '../core/syntax';
import type { Value } from '../core/values';
import { intOf, sequenceOf, truthy } from '../core/values';
import { toArgValue } from '../core/valueConversions';

/** What a front-end-only layer does to shapes and which parameters it has. */
export interface PassThroughLayer {
  readonly params: readonly ParamTensor[];
  readonly apply: (input: Shape) => Shape | null;
}

const identity = (input: Shape): Shape => input;
const preserving = new Set([
  'Hardtanh',
  'Softmax2d',
  'Softmin',
  'LogSigmoid',
  'Tanhshrink',
  'Softsign',
  'Threshold',
  'CELU',
  'Hardshrink',
  'Softshrink',
  'RReLU',
  'Dropout1d',
  'FeatureAlphaDropout',
  'LocalResponseNorm',
  'ChannelShuffle',
  'SyncBatchNorm',
  'Softmax',
  'LogSoftmax',
]);

function argument(args: readonly Value[], kwargs: ReadonlyMap<string, Value>, index: number, name: string): Value | undefined {
  return args[index] ?? kwargs.get(name);
}

function affineParams(shape: readonly number[] | null, affine: boolean, bias = true): ParamTensor[] | null {
  if (!shape) return null;
  if (!affine) return [];
  return [{ name: 'weight', shape, trainable: true }, ...(bias ? [{ name: 'bias', shape, trainable: true }] : [])];
}

function padAmounts(value: Value | undefined, rank: number): number[] | null {
  const single = intOf(value ?? null);
  if (single !== undefined) return Array(rank * 2).fill(single);
  const items = sequenceOf(value ?? null)?.map(intOf);
  return items && items.every((item) => item !== undefined) && items.length === rank * 2 ? (items as number[]) : null;
}

function describe(kind: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): PassThroughLayer | null {
  if (preserving.has(kind)) return { params: [], apply: identity };
  const norm = /^(GroupNorm|LayerNorm|InstanceNorm[123]d|SyncBatchNorm)$/.exec(kind);
  if (norm) {
    let params: ParamTensor[] | null;
    if (kind === 'GroupNorm') {
      const channels = intOf(argument(args, kwargs, 1, 'num_channels') ?? null);
      params = affineParams(channels === undefined ? null : [channels], truthy(argument(args, kwargs, 3, 'affine') ?? true) !== false);
    } else if (kind === 'LayerNorm') {
      const raw = argument(args, kwargs, 0, 'normalized_shape') ?? null;
      const shape = intOf(raw) !== undefined ? [intOf(raw)!] : (sequenceOf(raw)?.map((item) => intOf(item) ?? -1) ?? null);
      params = affineParams(
        shape && !shape.includes(-1) ? shape : null,
        truthy(argument(args, kwargs, 2, 'elementwise_affine') ?? true) !== false,
        truthy(argument(args, kwargs, 3, 'bias') ?? true) !== false,
      );
    } else {
      const channels = intOf(argument(args, kwargs, 0, 'num_features') ?? null);
      params = affineParams(channels === undefined ? null : [channels], truthy(argument(args, kwargs, 3, 'affine') ?? false) === true);
    }
    return params ? { params, apply: identity } : null;
  }
  const pad = /^(Zero|Constant|Reflection|Replication|Circular)Pad([123])d$/.exec(kind);
  if (pad) {
    const rank = Number(pad[2]);
    const amounts = padAmounts(argument(args, kwargs, 0, 'padding'), rank);
    if (!amounts) return null;
    return {
      params: [],
      apply: (input) =>
        input.map((size, axis) => {
          const fromEnd = input.length - 1 - axis;
          return fromEnd < rank ? size + amounts[fromEnd * 2] + amounts[fromEnd * 2 + 1] : size;
        }),
    };
  }
  if (kind === 'PixelShuffle' || kind === 'PixelUnshuffle') {
    const factor = intOf(argument(args, kwargs, 0, kind === 'PixelShuffle' ? 'upscale_factor' : 'downscale_factor') ?? null);
    if (factor === undefined) return null;
    const up = kind === 'PixelShuffle';
    return {
      params: [],
      apply: (input) => {
        if (input.length < 3) return null;
        const [height, width] = input.slice(-2);
        const channels = input[input.length - 3];
        if (up && channels % (factor * factor) !== 0) return null;
        if (!up && (height % factor !== 0 || width % factor !== 0)) return null;
        return up
          ? [...input.slice(0, -3), channels / (factor * factor), height * factor, width * factor]
          : [...input.slice(0, -3), channels * factor * factor, height / factor, width / factor];
      },
    };
  }
  return null;
}

/** Builds a layer value for a torch.nn class the engine does not model. */
export function unmodelledLayer(context: AnalysisContext, kind: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  const passThrough = describe(kind, args, kwargs);
  if (!passThrough) context.report(site.range, 'info', 'unsupported', `nn.${kind} is not modelled yet: shapes after it are unknown`);
  const boundArgs = Object.fromEntries([...args.map((value, index) => [String(index), toArgValue(value)]), ...[...kwargs].map(([name, value]) => [name, toArgValue(value)])]);
  return { kind: 'layer', moduleId: context.newModuleId(), layerKind: kind, layer: null, args: boundArgs, site, passThrough };
}
