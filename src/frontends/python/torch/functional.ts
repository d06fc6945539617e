/**
 * `torch.nn.functional` operations on tensor values. Pooling, interpolation and
 * convolution go through the engine's own layers (built from the functional arguments),
 * so shapes, run-time errors and receptive fields follow exactly the same rules as the
 * module versions; functional calls are not layer records (torchinfo does not list them).
 */
import type { ArgValue, Shape } from '../../../engine/types';
import { constructTorchLayer } from '../../../engine/torch/layers';
import type { TorchLayer } from '../../../engine/torch/layerResults';
import { torchShapeStep } from '../../../engine/inputInference';
import { applyLayer } from './applyLayer';
import type { AnalysisContext } from '../core/context';
import { opSite } from '../core/opSite';
import type { PyNode } from '../core/syntax';
import { makeTensor } from '../core/tensorOps';
import type { PyTensor, Value } from '../core/values';
import { intOf, isTensor, sequenceOf } from '../core/values';
import { toArgValue } from '../core/valueConversions';

const elementwise = new Set([
  'relu',
  'relu_',
  'relu6',
  'gelu',
  'silu',
  'sigmoid',
  'tanh',
  'hardswish',
  'hardsigmoid',
  'leaky_relu',
  'leaky_relu_',
  'elu',
  'selu',
  'celu',
  'mish',
  'softplus',
  'softsign',
  'softmax',
  'log_softmax',
  'logsigmoid',
  'dropout',
  'dropout1d',
  'dropout2d',
  'dropout3d',
  'alpha_dropout',
  'feature_alpha_dropout',
  'normalize',
  'batch_norm',
  'layer_norm',
  'group_norm',
  'instance_norm',
  'local_response_norm',
  'hardtanh',
  'prelu',
  'threshold',
  'exp',
  'log',
  'abs',
  'sqrt',
  'rsqrt',
  'clamp',
  'clip',
  'sign',
  'neg',
  'tanhshrink',
  'erf',
  'square',
  'sin',
  'cos',
  'pow',
  'floor',
  'ceil',
  'round',
  'sigmoid_',
  'tanh_',
  'gelu_',
  'softmin',
  'channel_shuffle',
  'glu_skip',
]);

/** Functional parameter order (after `input`) -> the module signature's names. */
const poolParams: Record<string, readonly string[]> = {
  max_pool: ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'],
  avg_pool: ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'],
  adaptive_avg_pool: ['output_size'],
  adaptive_max_pool: ['output_size', 'return_indices'],
};

function layerFromFunctional(
  context: AnalysisContext,
  kind: string,
  names: readonly string[],
  args: Value[],
  kwargs: ReadonlyMap<string, Value>,
  defaults: Record<string, ArgValue>,
  site: PyNode,
): Value {
  const input = args[0];
  if (!isTensor(input)) return makeTensor(null);
  const bound: Record<string, ArgValue> = { ...defaults };
  names.forEach((name, index) => {
    const value = args[index + 1] ?? kwargs.get(name);
    if (value !== undefined) bound[name] = toArgValue(value);
  });
  const { layer, issues } = constructTorchLayer(kind, bound);
  const site_ = opSite(context, site);
  const error = issues.find((issue) => issue.severity === 'error');
  if (error) return site_.error(error.message, [input]);
  if (!layer) return makeTensor(null, [input]);
  const application = applyLayer(layer, input);
  noteFunctionalCall(context, kind, layer, input, application.output);
  // A pooling or resize is its module's node in the graph; a convolution's weights are forward()'s own tensors, so it is not.
  const graph = context.recorder?.graph;
  if (graph?.producerOf(input) && !kind.startsWith('Conv')) graph.add({ origin: 'function', kind, inputs: [input], args: layer.args, range: site.range }, application.output);
  const runtime = application.issues.find((issue) => issue.severity === 'error');
  if (runtime) return site_.error(runtime.message, [input]);
  return application.output;
}

/**
 * Tells a recorder that solves for the model's input about a functional layer call. A pooling
 * whose kernel is the whole input (`F.avg_pool1d(x, x.shape[-1])`) is a global pool at any size.
 */
function noteFunctionalCall(context: AnalysisContext, kind: string, layer: TorchLayer, input: PyTensor, output: PyTensor): void {
  const calls = context.recorder?.functionalCalls;
  if (!calls || !input.shape) return;
  const spatial = input.shape.slice(2);
  const kernel = layer.args.kernel_size;
  const global =
    /Pool/.test(kind) && spatial.length > 0 && spatial.every((size, axis) => (Array.isArray(kernel) ? kernel[axis] : kernel) === size) && (layer.args.stride ?? null) === null;
  const apply = global ? (shape: Shape): Shape => [...shape.slice(0, 2), ...shape.slice(2).map(() => 1)] : torchShapeStep(layer);
  calls.push({ before: context.recorder!.records.length, input: input.shape, output: output.shape, apply });
}

function spatialRank(input: PyTensor, fromName: string | undefined): number | undefined {
  if (fromName) return Number(fromName);
  return input.shape ? input.shape.length - 2 : undefined;
}

/** `F.name(...)`, or undefined when the name is not a functional op the interpreter models. */
export function functionalOp(context: AnalysisContext, name: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  const input = args[0] ?? kwargs.get('input') ?? null;
  if (elementwise.has(name)) return isTensor(input) ? makeTensor(input.shape, [input]) : makeTensor(null);
  if (
    /^(mse_loss|l1_loss|smooth_l1_loss|huber_loss|cross_entropy|nll_loss|binary_cross_entropy(_with_logits)?|kl_div|cosine_embedding_loss|margin_ranking_loss|triplet_margin_loss)$/.test(
      name,
    )
  ) {
    // Losses reduce to a scalar by default (`reduction='mean'`); 'none' keeps the input's shape.
    const reduction = kwargs.get('reduction');
    return isTensor(input) ? makeTensor(reduction === 'none' ? input.shape : [], [input]) : makeTensor(null);
  }
  const pool = /^(max_pool|avg_pool|adaptive_avg_pool|adaptive_max_pool)([123])d(?:_with_indices)?$/.exec(name);
  if (pool) {
    const kind = { max_pool: 'MaxPool', avg_pool: 'AvgPool', adaptive_avg_pool: 'AdaptiveAvgPool', adaptive_max_pool: 'AdaptiveMaxPool' }[pool[1]]!;
    const defaults: Record<string, ArgValue> =
      pool[1] === 'max_pool'
        ? { stride: null, padding: 0, dilation: 1, return_indices: false, ceil_mode: false }
        : pool[1] === 'avg_pool'
          ? { stride: null, padding: 0, ceil_mode: false, count_include_pad: true, divisor_override: null }
          : { return_indices: false };
    return layerFromFunctional(context, `${kind}${pool[2]}d`, poolParams[pool[1]], args, kwargs, defaults, site);
  }
  if (name === 'interpolate' || name === 'upsample') {
    if (!isTensor(input)) return makeTensor(null);
    const rank = spatialRank(input, undefined);
    if (rank === undefined || rank < 1 || rank > 3) return makeTensor(null, [input]);
    const defaults: Record<string, ArgValue> = { size: null, scale_factor: null, mode: 'nearest', align_corners: null, recompute_scale_factor: null };
    return layerFromFunctional(context, 'Upsample', ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'], args, kwargs, defaults, site);
  }
  if (name === 'pad') {
    if (!isTensor(input) || !input.shape) return makeTensor(null, isTensor(input) ? [input] : []);
    const amounts = (sequenceOf(args[1] ?? kwargs.get('pad') ?? null) ?? []).map(intOf);
    if (amounts.some((amount) => amount === undefined)) return makeTensor(null, [input]);
    const pad = (from: Shape): Shape | null => {
      const shape = [...from];
      for (let pair = 0; pair * 2 < amounts.length; pair++) {
        const axis = shape.length - 1 - pair;
        if (axis < 0) return null;
        shape[axis] += amounts[pair * 2]! + (amounts[pair * 2 + 1] ?? 0);
      }
      return shape;
    };
    const output = makeTensor(pad(input.shape), [input]);
    context.recorder?.functionalCalls?.push({ before: context.recorder.records.length, input: input.shape, output: output.shape, apply: pad });
    return output;
  }
  const conv = /^conv(_transpose)?([123])d$/.exec(name);
  if (conv) {
    const weight = args[1] ?? kwargs.get('weight');
    if (!isTensor(input) || !isTensor(weight ?? null) || !(weight as PyTensor).shape) return makeTensor(null, isTensor(input) ? [input] : []);
    const shape = (weight as PyTensor).shape!;
    const transposed = conv[1] !== undefined;
    const names = transposed ? ['stride', 'padding', 'output_padding', 'groups', 'dilation'] : ['stride', 'padding', 'dilation', 'groups'];
    const groups = intOf(args[transposed ? 6 : 6] ?? kwargs.get('groups') ?? 1) ?? 1;
    const defaults: Record<string, ArgValue> = {
      in_channels: transposed ? shape[0] : shape[1] * groups,
      out_channels: transposed ? shape[1] * groups : shape[0],
      kernel_size: [...shape.slice(2)],
      stride: 1,
      padding: 0,
      dilation: 1,
      groups: 1,
      output_padding: 0,
      bias: (args[2] ?? kwargs.get('bias') ?? null) !== null,
      padding_mode: 'zeros',
      device: null,
      dtype: null,
    };
    const shifted = [args[0], ...args.slice(3)];
    return layerFromFunctional(context, `Conv${transposed ? 'Transpose' : ''}${conv[2]}d`, names, shifted, kwargs, defaults, site);
  }
  if (name === 'linear') {
    const weight = args[1] ?? kwargs.get('weight');
    if (!isTensor(input) || !input.shape || !isTensor(weight ?? null) || !(weight as PyTensor).shape) return makeTensor(null);
    const out = (weight as PyTensor).shape![0];
    return makeTensor([...input.shape.slice(0, -1), out], [input]);
  }
  return undefined;
}
