/**
 * Constructor signatures of the recurrent and embedding classes, in Keras 3's positional
 * order with its defaults (TF.js passes a config object, so only the names matter there;
 * `tfjsDefaults` sets the defaults TF.js has instead, such as GRU's `reset_after`).
 */
import type { ArgValue } from '../types';
import type { TfLayerSignature, TfParamSpec } from './signatures';

const required = (name: string): TfParamSpec => ({ name });
const optional = (name: string, value: ArgValue): TfParamSpec => ({ name, default: value });
const nulls = (...names: string[]): TfParamSpec[] => names.map((name) => optional(name, null));

const initializers = [optional('kernel_initializer', 'glorot_uniform'), optional('recurrent_initializer', 'orthogonal'), optional('bias_initializer', 'zeros')];
const regularizers = nulls('kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer');
const constraints = nulls('kernel_constraint', 'recurrent_constraint', 'bias_constraint');
const dropouts = [optional('dropout', 0), optional('recurrent_dropout', 0)];
const sequenceFlags = [
  optional('return_sequences', false),
  optional('return_state', false),
  optional('go_backwards', false),
  optional('stateful', false),
  optional('unroll', false),
];
const gated = [required('units'), optional('activation', 'tanh'), optional('recurrent_activation', 'sigmoid'), optional('use_bias', true), ...initializers];
/** LSTM's and GRU's arguments after their cell's own (regularizers ... seed, then the sequence flags). */
const gatedLayerTail = [...regularizers, optional('activity_regularizer', null), ...constraints, ...dropouts, optional('seed', null), ...sequenceFlags];

/** The recurrent and embedding classes' signatures, spread into the engine's table. */
export const recurrentSignatures: readonly TfLayerSignature[] = [
  {
    kind: 'SimpleRNN',
    params: [
      required('units'),
      optional('activation', 'tanh'),
      optional('use_bias', true),
      ...initializers,
      ...regularizers,
      optional('activity_regularizer', null),
      ...constraints,
      ...dropouts,
      ...sequenceFlags,
      optional('seed', null),
    ],
  },
  { kind: 'LSTM', params: [...gated, optional('unit_forget_bias', true), ...gatedLayerTail, optional('use_cudnn', 'auto')] },
  { kind: 'GRU', params: [...gated, ...gatedLayerTail, optional('reset_after', true), optional('use_cudnn', 'auto')] },
  {
    kind: 'SimpleRNNCell',
    params: [required('units'), optional('activation', 'tanh'), optional('use_bias', true), ...initializers, ...regularizers, ...constraints, ...dropouts, optional('seed', null)],
  },
  { kind: 'LSTMCell', params: [...gated, optional('unit_forget_bias', true), ...regularizers, ...constraints, ...dropouts, optional('seed', null)] },
  { kind: 'GRUCell', params: [...gated, ...regularizers, ...constraints, ...dropouts, optional('reset_after', true), optional('seed', null)] },
  // TF.js's convLstm2dCell (Keras 3 has no public ConvLSTM cell); a missing kernelSize is TF.js's own error.
  {
    kind: 'ConvLSTM2DCell',
    params: [required('filters'), optional('kernel_size', null), optional('strides', 1), optional('padding', 'valid'), optional('data_format', null), optional('dilation_rate', 1)],
  },
  { kind: 'RNN', params: [required('cell'), ...sequenceFlags, optional('zero_output_for_mask', false)] },
  { kind: 'StackedRNNCells', params: [required('cells')] },
  { kind: 'Bidirectional', params: [required('layer'), optional('merge_mode', 'concat'), optional('weights', null), optional('backward_layer', null)] },
  { kind: 'TimeDistributed', params: [required('layer')] },
  {
    kind: 'Embedding',
    params: [
      required('input_dim'),
      required('output_dim'),
      optional('embeddings_initializer', 'uniform'),
      ...nulls('embeddings_regularizer', 'embeddings_constraint'),
      optional('mask_zero', false),
      ...nulls('weights', 'lora_rank', 'lora_alpha', 'quantization_config'),
    ],
  },
  {
    kind: 'ReversibleEmbedding',
    params: [
      required('input_dim'),
      required('output_dim'),
      optional('tie_weights', true),
      optional('embeddings_initializer', 'uniform'),
      ...nulls('embeddings_regularizer', 'embeddings_constraint'),
      optional('mask_zero', false),
      ...nulls('reverse_dtype', 'logit_soft_cap'),
    ],
  },
];
