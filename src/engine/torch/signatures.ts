/**
 * PyTorch constructor signatures, in the framework's own order and with its defaults,
 * so that a front end binds positional and keyword arguments exactly as `torch.nn` does.
 * Checked against `inspect.signature` of real PyTorch by tools/golden/torch_cases.py.
 */
import type { ArgValue } from '../types';

export interface ParamSpec {
  readonly name: string;
  /** Absent means the argument is required. */
  readonly default?: ArgValue;
}

export interface LayerSignature {
  readonly kind: string;
  readonly params: readonly ParamSpec[];
  /** Accepts and ignores any arguments (`nn.Identity(*args, **kwargs)`). */
  readonly acceptsAnything?: boolean;
}

const required = (name: string): ParamSpec => ({ name });
const optional = (name: string, value: ArgValue): ParamSpec => ({ name, default: value });
const deviceDtype = [optional('device', null), optional('dtype', null)];

const convParams = [
  required('in_channels'),
  required('out_channels'),
  required('kernel_size'),
  optional('stride', 1),
  optional('padding', 0),
  optional('dilation', 1),
  optional('groups', 1),
  optional('bias', true),
  optional('padding_mode', 'zeros'),
  ...deviceDtype,
];
const convTransposeParams = [
  required('in_channels'),
  required('out_channels'),
  required('kernel_size'),
  optional('stride', 1),
  optional('padding', 0),
  optional('output_padding', 0),
  optional('groups', 1),
  optional('bias', true),
  optional('dilation', 1),
  optional('padding_mode', 'zeros'),
  ...deviceDtype,
];
const maxPoolParams = [
  required('kernel_size'),
  optional('stride', null),
  optional('padding', 0),
  optional('dilation', 1),
  optional('return_indices', false),
  optional('ceil_mode', false),
];
const avgPool1dParams = [required('kernel_size'), optional('stride', null), optional('padding', 0), optional('ceil_mode', false), optional('count_include_pad', true)];
const avgPoolParams = [...avgPool1dParams, optional('divisor_override', null)];
const batchNormParams = [
  required('num_features'),
  optional('eps', 1e-5),
  optional('momentum', 0.1),
  optional('affine', true),
  optional('track_running_stats', true),
  ...deviceDtype,
];
const instanceNormParams = [optional('eps', 1e-5), optional('momentum', 0.1), optional('affine', false), optional('track_running_stats', false), ...deviceDtype];
const inplaceOnly = [optional('inplace', false)];
const dropoutParams = [optional('p', 0.5), optional('inplace', false)];

const recurrentParams = (extra: readonly ParamSpec[]): ParamSpec[] => [
  required('input_size'),
  required('hidden_size'),
  optional('num_layers', 1),
  optional('bias', true),
  optional('batch_first', false),
  optional('dropout', 0.0),
  optional('bidirectional', false),
  ...extra,
  ...deviceDtype,
];
// nn.RNN and nn.GRU take `*args, **kwargs` and refuse a proj_size keyword: null stands for "not given".
const notForRnnOrGru = optional('proj_size', null);
// nn.RNN reads a fourth positional argument as its nonlinearity.
const rnnParams = [required('input_size'), required('hidden_size'), optional('num_layers', 1), optional('nonlinearity', 'tanh'), ...recurrentParams([notForRnnOrGru]).slice(3)];
const cellParams = [required('input_size'), required('hidden_size'), optional('bias', true), ...deviceDtype];

// `activation` defaults to the function F.relu; its name stands for it.
const transformerLayerParams = [
  required('d_model'),
  required('nhead'),
  optional('dim_feedforward', 2048),
  optional('dropout', 0.1),
  optional('activation', 'relu'),
  optional('layer_norm_eps', 1e-5),
  optional('batch_first', false),
  optional('norm_first', false),
  ...deviceDtype,
];

const lpPoolParams = [required('norm_type'), required('kernel_size'), optional('stride', null), optional('ceil_mode', false)];
const fractionalPoolParams = [
  required('kernel_size'),
  optional('output_size', null),
  optional('output_ratio', null),
  optional('return_indices', false),
  optional('_random_samples', null),
];
const maxUnpoolParams = [required('kernel_size'), optional('stride', null), optional('padding', 0)];

const table: LayerSignature[] = [];
for (const n of [1, 2, 3]) {
  // The Lazy* modules take their base layer's arguments without the first (inferred) dimension.
  table.push(
    { kind: `LazyConv${n}d`, params: convParams.slice(1) },
    { kind: `LazyConvTranspose${n}d`, params: convTransposeParams.slice(1) },
    { kind: `LazyBatchNorm${n}d`, params: batchNormParams.slice(1) },
  );
  table.push(
    { kind: `Conv${n}d`, params: convParams },
    { kind: `ConvTranspose${n}d`, params: convTransposeParams },
    { kind: `MaxPool${n}d`, params: maxPoolParams },
    { kind: `AvgPool${n}d`, params: n === 1 ? avgPool1dParams : avgPoolParams },
    { kind: `AdaptiveAvgPool${n}d`, params: [required('output_size')] },
    { kind: `AdaptiveMaxPool${n}d`, params: [required('output_size'), optional('return_indices', false)] },
    { kind: `BatchNorm${n}d`, params: batchNormParams },
    { kind: `Dropout${n}d`, params: dropoutParams },
  );
}
table.push(
  { kind: 'Linear', params: [required('in_features'), required('out_features'), optional('bias', true), ...deviceDtype] },
  { kind: 'LSTM', params: recurrentParams([optional('proj_size', 0)]) },
  { kind: 'GRU', params: recurrentParams([notForRnnOrGru]) },
  { kind: 'RNN', params: rnnParams },
  { kind: 'LSTMCell', params: cellParams },
  { kind: 'GRUCell', params: cellParams },
  { kind: 'RNNCell', params: [...cellParams.slice(0, 3), optional('nonlinearity', 'tanh'), ...deviceDtype] },
  {
    kind: 'Embedding',
    params: [
      required('num_embeddings'),
      required('embedding_dim'),
      optional('padding_idx', null),
      optional('max_norm', null),
      optional('norm_type', 2.0),
      optional('scale_grad_by_freq', false),
      optional('sparse', false),
      optional('_weight', null),
      ...deviceDtype,
    ],
  },
  {
    kind: 'MultiheadAttention',
    params: [
      required('embed_dim'),
      required('num_heads'),
      optional('dropout', 0.0),
      optional('bias', true),
      optional('add_bias_kv', false),
      optional('add_zero_attn', false),
      optional('kdim', null),
      optional('vdim', null),
      optional('batch_first', false),
      ...deviceDtype,
    ],
  },
  { kind: 'TransformerEncoderLayer', params: transformerLayerParams },
  { kind: 'TransformerDecoderLayer', params: transformerLayerParams },
  {
    kind: 'Transformer',
    params: [
      optional('d_model', 512),
      optional('nhead', 8),
      optional('num_encoder_layers', 6),
      optional('num_decoder_layers', 6),
      ...transformerLayerParams.slice(2, 5),
      optional('custom_encoder', null),
      optional('custom_decoder', null),
      ...transformerLayerParams.slice(5),
    ],
  },
  { kind: 'LazyLinear', params: [required('out_features'), optional('bias', true), ...deviceDtype] },
  { kind: 'LPPool1d', params: lpPoolParams },
  { kind: 'LPPool2d', params: lpPoolParams },
  { kind: 'Unfold', params: [required('kernel_size'), optional('dilation', 1), optional('padding', 0), optional('stride', 1)] },
  { kind: 'Fold', params: [required('output_size'), required('kernel_size'), optional('dilation', 1), optional('padding', 0), optional('stride', 1)] },
  { kind: 'FractionalMaxPool2d', params: fractionalPoolParams },
  { kind: 'FractionalMaxPool3d', params: fractionalPoolParams },
  { kind: 'MaxUnpool1d', params: maxUnpoolParams },
  { kind: 'MaxUnpool2d', params: maxUnpoolParams },
  { kind: 'MaxUnpool3d', params: maxUnpoolParams },
  { kind: 'GLU', params: [optional('dim', -1)] },
  { kind: 'Unflatten', params: [required('dim'), required('unflattened_size')] },
  { kind: 'Bilinear', params: [required('in1_features'), required('in2_features'), required('out_features'), optional('bias', true), ...deviceDtype] },
  { kind: 'UpsamplingNearest2d', params: [optional('size', null), optional('scale_factor', null)] },
  { kind: 'UpsamplingBilinear2d', params: [optional('size', null), optional('scale_factor', null)] },
  { kind: 'Flatten', params: [optional('start_dim', 1), optional('end_dim', -1)] },
  {
    kind: 'Upsample',
    params: [optional('size', null), optional('scale_factor', null), optional('mode', 'nearest'), optional('align_corners', null), optional('recompute_scale_factor', null)],
  },
  { kind: 'Dropout', params: dropoutParams },
  { kind: 'AlphaDropout', params: dropoutParams },
  { kind: 'Identity', params: [], acceptsAnything: true },
  { kind: 'ReLU', params: inplaceOnly },
  { kind: 'ReLU6', params: inplaceOnly },
  { kind: 'SELU', params: inplaceOnly },
  { kind: 'SiLU', params: inplaceOnly },
  { kind: 'Hardswish', params: inplaceOnly },
  { kind: 'Hardsigmoid', params: inplaceOnly },
  { kind: 'Mish', params: inplaceOnly },
  { kind: 'Sigmoid', params: [] },
  { kind: 'Tanh', params: [] },
  { kind: 'LeakyReLU', params: [optional('negative_slope', 0.01), optional('inplace', false)] },
  { kind: 'ELU', params: [optional('alpha', 1.0), optional('inplace', false)] },
  { kind: 'GELU', params: [optional('approximate', 'none')] },
  { kind: 'Softplus', params: [optional('beta', 1.0), optional('threshold', 20.0)] },
  { kind: 'Softmax', params: [optional('dim', null)] },
  { kind: 'LogSoftmax', params: [optional('dim', null)] },
  { kind: 'PReLU', params: [optional('num_parameters', 1), optional('init', 0.25), ...deviceDtype] },
  { kind: 'CELU', params: [optional('alpha', 1.0), optional('inplace', false)] },
  {
    kind: 'Hardtanh',
    params: [optional('min_val', -1.0), optional('max_val', 1.0), optional('inplace', false), optional('min_value', null), optional('max_value', null)],
  },
  { kind: 'Hardshrink', params: [optional('lambd', 0.5)] },
  { kind: 'Softshrink', params: [optional('lambd', 0.5)] },
  { kind: 'LogSigmoid', params: [] },
  { kind: 'Softsign', params: [] },
  { kind: 'Tanhshrink', params: [] },
  { kind: 'Softmax2d', params: [] },
  { kind: 'RReLU', params: [optional('lower', 0.125), optional('upper', 1 / 3), optional('inplace', false)] },
  { kind: 'Softmin', params: [optional('dim', null)] },
  { kind: 'Threshold', params: [required('threshold'), required('value'), optional('inplace', false)] },
  { kind: 'FeatureAlphaDropout', params: dropoutParams },
  { kind: 'ZeroPad2d', params: [required('padding')] },
  ...[1, 2, 3].flatMap((n) => [
    { kind: `ConstantPad${n}d`, params: [required('padding'), required('value')] },
    { kind: `ReflectionPad${n}d`, params: [required('padding')] },
    { kind: `ReplicationPad${n}d`, params: [required('padding')] },
    { kind: `InstanceNorm${n}d`, params: [required('num_features'), ...instanceNormParams] },
    { kind: `LazyInstanceNorm${n}d`, params: [optional('eps', 1e-5), optional('momentum', 0.1), optional('affine', true), optional('track_running_stats', true), ...deviceDtype] },
  ]),
  {
    kind: 'EmbeddingBag',
    params: [
      required('num_embeddings'),
      required('embedding_dim'),
      optional('max_norm', null),
      optional('norm_type', 2.0),
      optional('scale_grad_by_freq', false),
      optional('mode', 'mean'),
      optional('sparse', false),
      optional('_weight', null),
      optional('include_last_offset', false),
      optional('padding_idx', null),
      ...deviceDtype,
    ],
  },
  { kind: 'SyncBatchNorm', params: [...batchNormParams.slice(0, 5), optional('process_group', null), ...deviceDtype] },
  { kind: 'LayerNorm', params: [required('normalized_shape'), optional('eps', 1e-5), optional('elementwise_affine', true), ...deviceDtype] },
  { kind: 'GroupNorm', params: [required('num_groups'), required('num_channels'), optional('eps', 1e-5), optional('affine', true), ...deviceDtype] },
  { kind: 'LocalResponseNorm', params: [required('size'), optional('alpha', 0.0001), optional('beta', 0.75), optional('k', 1.0)] },
  { kind: 'CrossMapLRN2d', params: [required('size'), optional('alpha', 0.0001), optional('beta', 0.75), optional('k', 1)] },
  { kind: 'PixelShuffle', params: [required('upscale_factor')] },
  { kind: 'PixelUnshuffle', params: [required('downscale_factor')] },
  { kind: 'ChannelShuffle', params: [required('groups')] },
  { kind: 'CosineSimilarity', params: [optional('dim', 1), optional('eps', 1e-8)] },
  { kind: 'PairwiseDistance', params: [optional('p', 2.0), optional('eps', 1e-6), optional('keepdim', false)] },
  // Stacks of a layer object passed in (see transformerStacks.ts).
  {
    kind: 'TransformerEncoder',
    params: [required('encoder_layer'), required('num_layers'), optional('norm', null), optional('enable_nested_tensor', true), optional('mask_check', true)],
  },
  { kind: 'TransformerDecoder', params: [required('decoder_layer'), required('num_layers'), optional('norm', null)] },
);

const byKind = new Map(table.map((signature) => [signature.kind, signature]));

/** The signature of a `torch.nn` leaf layer, or undefined for a name the engine does not model. */
export function torchSignature(kind: string): LayerSignature | undefined {
  return byKind.get(kind);
}

/** Every `torch.nn` leaf layer kind the engine models. */
export function torchLayerKinds(): readonly string[] {
  return [...byKind.keys()];
}
