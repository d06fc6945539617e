/**
 * The recurrent layers RNN, LSTM and GRU, their cells, and Embedding: constructor checks in
 * PyTorch's order and words, parameter tensors named as `named_parameters()` lists them, and
 * the tuple each forward returns (`(output, h_n)`, LSTM's `(output, (h_n, c_n))`), for
 * batched and unbatched inputs.
 *
 * MACs count the weight multiplications: per time step and batch item, every layer and
 * direction multiplies its input by `weight_ih`, the previous hidden state by `weight_hh`,
 * and (LSTM with proj_size) the new hidden state by `weight_hr`. Biases and the gates'
 * element-wise products are not counted, as for Linear. An Embedding is a lookup: 0 MACs.
 */
import type { BoundArgs, ParamTensor, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { multiplyCounts, ZERO_COUNT } from '../exactCount';
import { boolArgOrNull, intArgOrNull, pythonRepr, torchError } from './args';

/** Gate blocks stacked in each weight: LSTM has four, GRU three, a plain RNN one. */
const GATES: Readonly<Record<string, number>> = { LSTM: 4, GRU: 3, RNN: 1, LSTMCell: 4, GRUCell: 3, RNNCell: 1 };

const unknownLayer = (kind: string, args: BoundArgs): ConstructResult => ({ layer: { kind, args, params: [], paramsUnknown: true }, issues: [] });
const constructError = (code: string, message: string, arg?: string): ConstructResult => ({ layer: null, issues: [torchError(code, message, arg)] });

/** `RNNBase.__init__` (with RNN's nonlinearity and the RNN/GRU proj_size refusal before it). */
export function constructRecurrent(kind: string, args: BoundArgs): ConstructResult {
  const proj = args.proj_size;
  if (kind !== 'LSTM' && proj !== null && proj !== undefined) {
    return constructError('torch.rnn-proj-size', 'proj_size argument is only supported for LSTM, not RNN or GRU', 'proj_size');
  }
  const nonlinearity = args.nonlinearity;
  if (kind === 'RNN' && typeof nonlinearity === 'string' && nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
    return constructError('torch.rnn-nonlinearity', `Unknown nonlinearity ${pythonRepr(nonlinearity)}`, 'nonlinearity');
  }
  const dropout = args.dropout;
  if (typeof dropout === 'boolean' || (typeof dropout === 'number' && !(dropout >= 0 && dropout <= 1))) {
    return constructError('torch.dropout-probability', 'dropout should be a number in range [0, 1] representing the probability of an element being zeroed', 'dropout');
  }
  const inputSize = intArgOrNull(args, 'input_size');
  const hidden = intArgOrNull(args, 'hidden_size');
  const layers = intArgOrNull(args, 'num_layers');
  const bias = boolArgOrNull(args, 'bias');
  const bidirectional = boolArgOrNull(args, 'bidirectional');
  const projSize = kind === 'LSTM' ? intArgOrNull(args, 'proj_size') : 0;
  if (projSize !== null && projSize < 0) {
    return constructError('torch.rnn-proj-size', 'proj_size should be a positive integer or zero to disable projections', 'proj_size');
  }
  if (projSize !== null && hidden !== null && projSize >= hidden) {
    return constructError('torch.rnn-proj-size', 'proj_size has to be smaller than hidden_size', 'proj_size');
  }
  if (inputSize === null || hidden === null || layers === null || bias === null || bidirectional === null || projSize === null) return unknownLayer(kind, args);
  const gates = GATES[kind] * hidden;
  const realHidden = projSize > 0 ? projSize : hidden;
  const directions = bidirectional ? 2 : 1;
  const params: ParamTensor[] = [];
  for (let layer = 0; layer < layers; layer += 1) {
    for (let direction = 0; direction < directions; direction += 1) {
      const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
      const layerInput = layer === 0 ? inputSize : realHidden * directions;
      params.push({ name: `weight_ih${suffix}`, shape: [gates, layerInput], trainable: true }, { name: `weight_hh${suffix}`, shape: [gates, realHidden], trainable: true });
      if (bias) params.push({ name: `bias_ih${suffix}`, shape: [gates], trainable: true }, { name: `bias_hh${suffix}`, shape: [gates], trainable: true });
      if (projSize > 0) params.push({ name: `weight_hr${suffix}`, shape: [projSize, hidden], trainable: true });
    }
  }
  return { layer: { kind, args, params }, issues: [] };
}

/** The weight multiplications of one time step for one batch item (see the header). */
function recurrentStepMacs(layer: TorchLayer): number {
  return layer.params.filter((tensor) => tensor.name.startsWith('weight')).reduce((sum, tensor) => sum + tensor.shape[0] * tensor.shape[1], 0);
}

/** `RNNBase.forward`: an input that is not 3-D gets a batch axis, then `check_input` runs. */
export function applyRecurrent(layer: TorchLayer, input: Shape): ApplyResult {
  const rank = input.length === 3 ? 3 : input.length + 1;
  if (rank !== 3) return failedApply([torchError('torch.input-rank', `input must have 3 dimensions, got ${rank}`)]);
  const inputSize = intArgOrNull(layer.args, 'input_size');
  const last = input[input.length - 1];
  if (inputSize !== null && inputSize !== last) {
    return failedApply([torchError('torch.rnn-input-size', `input.size(-1) must be equal to input_size. Expected ${inputSize}, got ${last}`, 'input_size')]);
  }
  const hidden = intArgOrNull(layer.args, 'hidden_size');
  const layers = intArgOrNull(layer.args, 'num_layers');
  const bidirectional = boolArgOrNull(layer.args, 'bidirectional');
  const batchFirst = boolArgOrNull(layer.args, 'batch_first');
  const projSize = layer.kind === 'LSTM' ? intArgOrNull(layer.args, 'proj_size') : 0;
  if (hidden === null || layers === null || bidirectional === null || batchFirst === null || projSize === null) return UNKNOWN_APPLY;
  const directions = bidirectional ? 2 : 1;
  const realHidden = projSize > 0 ? projSize : hidden;
  const batched = input.length === 3;
  const [length, batch] = !batched ? [input[0], 1] : batchFirst ? [input[1], input[0]] : [input[0], input[1]];
  const output = [...input.slice(0, -1), directions * realHidden];
  const state = (size: number): Shape => (batched ? [directions * layers, batch, size] : [directions * layers, size]);
  const outputs = layer.kind === 'LSTM' ? [output, [state(realHidden), state(hidden)]] : [output, state(realHidden)];
  const macs = layer.paramsUnknown ? UNKNOWN_APPLY.macs : multiplyCounts(length, batch, recurrentStepMacs(layer));
  return { output, outputs, macs, steps: null, issues: [] };
}

/** `RNNCellBase.__init__`: weights (gates x input) and (gates x hidden), two biases. */
export function constructCell(kind: string, args: BoundArgs): ConstructResult {
  const inputSize = intArgOrNull(args, 'input_size');
  const hidden = intArgOrNull(args, 'hidden_size');
  const bias = boolArgOrNull(args, 'bias');
  if (inputSize === null || hidden === null || bias === null) return unknownLayer(kind, args);
  const gates = GATES[kind] * hidden;
  const params: ParamTensor[] = [
    { name: 'weight_ih', shape: [gates, inputSize], trainable: true },
    { name: 'weight_hh', shape: [gates, hidden], trainable: true },
  ];
  if (bias) params.push({ name: 'bias_ih', shape: [gates], trainable: true }, { name: 'bias_hh', shape: [gates], trainable: true });
  return { layer: { kind, args, params }, issues: [] };
}

/** A cell's forward: one time step on a (batch, input) or unbatched (input) tensor. */
export function applyCell(layer: TorchLayer, input: Shape): ApplyResult {
  if (input.length !== 1 && input.length !== 2) {
    return failedApply([torchError('torch.input-rank', `${layer.kind}: Expected input to be 1-D or 2-D but received ${input.length}-D tensor`)]);
  }
  const nonlinearity = layer.args.nonlinearity;
  if (layer.kind === 'RNNCell' && typeof nonlinearity === 'string' && nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
    return failedApply([torchError('torch.rnn-nonlinearity', `Unknown nonlinearity: ${nonlinearity}`, 'nonlinearity')]);
  }
  const inputSize = intArgOrNull(layer.args, 'input_size');
  const last = input[input.length - 1];
  if (inputSize !== null && inputSize !== last) {
    return failedApply([torchError('torch.rnn-input-size', `input has inconsistent input_size: got ${last} expected ${inputSize}`, 'input_size')]);
  }
  const hidden = intArgOrNull(layer.args, 'hidden_size');
  if (hidden === null) return UNKNOWN_APPLY;
  const output = [...input.slice(0, -1), hidden];
  const macs = layer.paramsUnknown ? UNKNOWN_APPLY.macs : multiplyCounts(input.length === 2 ? input[0] : 1, recurrentStepMacs(layer));
  return layer.kind === 'LSTMCell' ? { output, outputs: [output, output], macs, steps: null, issues: [] } : { output, macs, steps: null, issues: [] };
}

/** `nn.Embedding`: padding_idx must index a row (negative ones count from the end). */
export function constructEmbedding(kind: string, args: BoundArgs): ConstructResult {
  return constructTable(kind, args, 'Padding_idx must be within num_embeddings');
}

/** An embedding table (num_embeddings, embedding_dim); Embedding and EmbeddingBag word the padding_idx check differently. */
export function constructTable(kind: string, args: BoundArgs, paddingMessage: string): ConstructResult {
  const count = intArgOrNull(args, 'num_embeddings');
  const dim = intArgOrNull(args, 'embedding_dim');
  const padding = intArgOrNull(args, 'padding_idx');
  if (count !== null && padding !== null && (padding >= count || padding < -count)) {
    return constructError('torch.embedding-padding-idx', paddingMessage, 'padding_idx');
  }
  // A given `_weight` tensor replaces the table; its shape is checked against the arguments.
  if (count === null || dim === null || (args._weight !== null && args._weight !== undefined)) return unknownLayer(kind, args);
  return { layer: { kind, args, params: [{ name: 'weight', shape: [count, dim], trainable: true }] }, issues: [] };
}

/** A lookup: every index of any shape becomes a row of embedding_dim values. */
export function applyEmbedding(layer: TorchLayer, input: Shape): ApplyResult {
  const dim = intArgOrNull(layer.args, 'embedding_dim');
  return dim === null ? UNKNOWN_APPLY : { output: [...input, dim], macs: ZERO_COUNT, steps: null, issues: [] };
}
