/**
 * Constructor signatures of Keras 3's attention, einsum, dot, encoding and newer
 * normalization layers, in Keras's positional order with its defaults; spread into the
 * engine's signature table.
 */
import type { ArgValue } from '../types';
import type { TfLayerSignature, TfParamSpec } from './signatures';

const required = (name: string): TfParamSpec => ({ name });
const optional = (name: string, value: ArgValue): TfParamSpec => ({ name, default: value });
const nulls = (...names: string[]): TfParamSpec[] => names.map((name) => optional(name, null));

/** The initializer, regularizer and constraint arguments of the multi-head layers, in their order. */
const projectionWeights = [
  optional('kernel_initializer', 'glorot_uniform'),
  optional('bias_initializer', 'zeros'),
  ...nulls('kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint'),
];

export const attentionFamilySignatures: readonly TfLayerSignature[] = [
  { kind: 'Attention', params: [optional('use_scale', false), optional('score_mode', 'dot'), optional('dropout', 0), optional('seed', null)] },
  { kind: 'AdditiveAttention', params: [optional('use_scale', true), optional('dropout', 0)] },
  {
    kind: 'MultiHeadAttention',
    params: [
      required('num_heads'),
      required('key_dim'),
      optional('value_dim', null),
      optional('dropout', 0),
      optional('use_bias', true),
      ...nulls('output_shape', 'attention_axes', 'sliding_window', 'flash_attention'),
      ...projectionWeights,
      optional('use_gate', false),
      optional('seed', null),
    ],
  },
  {
    kind: 'GroupQueryAttention',
    params: [
      required('head_dim'),
      required('num_query_heads'),
      required('num_key_value_heads'),
      optional('dropout', 0),
      optional('use_bias', true),
      ...nulls('sliding_window', 'flash_attention'),
      ...projectionWeights,
      optional('use_gate', false),
      optional('seed', null),
    ],
  },
  {
    kind: 'EinsumDense',
    params: [
      required('equation'),
      required('output_shape'),
      ...nulls('activation', 'bias_axes'),
      optional('kernel_initializer', 'glorot_uniform'),
      optional('bias_initializer', 'zeros'),
      ...nulls('kernel_regularizer', 'bias_regularizer', 'kernel_constraint', 'bias_constraint', 'lora_rank', 'lora_alpha'),
    ],
  },
  { kind: 'Dot', params: [required('axes'), optional('normalize', false)] },
  { kind: 'CategoryEncoding', params: [optional('num_tokens', null), optional('output_mode', 'multi_hot'), optional('sparse', false)] },
  { kind: 'Discretization', params: [...nulls('bin_boundaries', 'num_bins'), optional('epsilon', 0.01), optional('output_mode', 'int'), optional('sparse', false)] },
  { kind: 'Normalization', params: [optional('axis', -1), ...nulls('mean', 'variance'), optional('invert', false)] },
  {
    kind: 'GroupNormalization',
    params: [optional('groups', 32), optional('axis', -1), optional('epsilon', 0.001), optional('center', true), optional('scale', true)],
  },
  { kind: 'RMSNormalization', params: [optional('axis', -1), optional('epsilon', 1e-6)] },
];

/** Exports whose Python class has another name, which Keras's summaries and auto names use. */
const pythonClassNames: Readonly<Record<string, string>> = { GroupQueryAttention: 'GroupedQueryAttention' };

/** The Python class name of a Keras layer class (`GroupQueryAttention` is a `GroupedQueryAttention`). */
export function kerasPythonClassName(kind: string): string {
  return Object.prototype.hasOwnProperty.call(pythonClassNames, kind) ? pythonClassNames[kind] : kind;
}
