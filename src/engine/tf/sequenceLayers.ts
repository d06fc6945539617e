/**
 * TensorFlow.js's sequence and image-preprocessing layers: SimpleRNN, LSTM and GRU (with
 * `returnSequences` / `returnState`), Embedding, Rescaling, CenterCrop and Resizing. Only the
 * tfjs dialect uses these rules: Keras 3 differs in the weights (GRU's `reset_after`) and words.
 */
import type { EngineIssue, Shape } from '../types';
import { multiplyCounts } from '../exactCount';
import type { TfLayer } from './layerModel';
import { boolArgOrDefault, issue, rankMismatch, requiredIntArg } from './layerModel';
import type { FamilyResult } from './familyResult';

/** Gates per recurrent cell: the kernel holds one `units`-wide block per gate. */
const recurrentGates: Readonly<Record<string, number>> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };
/** State tensors each recurrent layer returns with `returnState` (LSTM: h and c). */
const recurrentStates: Readonly<Record<string, number>> = { SimpleRNN: 1, LSTM: 2, GRU: 1 };

const sequenceKinds = new Set([...Object.keys(recurrentGates), 'Embedding', 'Rescaling', 'CenterCrop', 'Resizing']);

/** Classes only this file models, for TF.js alone: Keras 3 has no rule for them yet (Rescaling has its own). */
export function isTfjsOnlyKind(kind: string): boolean {
  return sequenceKinds.has(kind) && kind !== 'Rescaling';
}

/** True for the classes this file models (in the tfjs dialect). */
export function isTfjsSequenceKind(layer: TfLayer): boolean {
  return layer.dialect === 'tfjs' && sequenceKinds.has(layer.kind);
}

function applyRecurrent(layer: TfLayer, input: Shape): FamilyResult {
  if (input.length !== 3) return { output: null, steps: null, issues: [rankMismatch(layer, 3, input)] };
  const units = requiredIntArg(layer.args, 'units');
  const width = units * recurrentGates[layer.kind];
  const [batch, steps, features] = input;
  const paramTensors = [
    { name: 'kernel', shape: [features, width], trainable: true },
    { name: 'recurrent_kernel', shape: [units, width], trainable: true },
    ...(boolArgOrDefault(layer.args, 'use_bias', true) ? [{ name: 'bias', shape: [width], trainable: true }] : []),
  ];
  const sequence = boolArgOrDefault(layer.args, 'return_sequences', false) ? [batch, steps, units] : [batch, units];
  const macs = multiplyCounts(batch, steps, features + units, width);
  if (!boolArgOrDefault(layer.args, 'return_state', false)) return { output: sequence, macs, steps: null, issues: [], paramTensors, builtAxis: 2 };
  const outputs = [sequence, ...new Array<Shape>(recurrentStates[layer.kind]).fill([batch, units])];
  // A list of tensors: the single-tensor flow stops here rather than follow the wrong one.
  const listed = outputs.map((s) => `[${s.join(', ')}]`).join(', ');
  const note: EngineIssue = issue('info', 'tf.multi-output', `${layer.kind} with returnState returns a list of tensors (${listed}); shapes stop here.`);
  return { output: null, outputs, macs, steps: null, issues: [note], paramTensors, builtAxis: 2 };
}

/** CenterCrop and Resizing: a batch of images (rank 4) to `height` x `width`. */
function applyImageSize(layer: TfLayer, input: Shape): FamilyResult {
  if (input.length !== 4) {
    // A 3-D tensor is one image to TF.js: its first axis (our batch) is taken as the height.
    return {
      output: null,
      steps: null,
      issues: [issue('info', 'tf.unbatched-image', `${layer.kind} on a ${input.length}-D tensor: Conv Inspector models batches of images only; shapes stop here.`)],
    };
  }
  const height = requiredIntArg(layer.args, 'height');
  const width = requiredIntArg(layer.args, 'width');
  return { output: [input[0], height, width, input[3]], steps: null, issues: [] };
}

/** Applies one of this file's layers (see `isTfjsSequenceKind`). */
export function applyTfjsSequenceLayer(layer: TfLayer, input: Shape): FamilyResult {
  switch (layer.kind) {
    case 'Embedding': {
      const inputDim = requiredIntArg(layer.args, 'input_dim');
      const outputDim = requiredIntArg(layer.args, 'output_dim');
      return { output: [...input, outputDim], steps: null, issues: [], paramTensors: [{ name: 'embeddings', shape: [inputDim, outputDim], trainable: true }] };
    }
    case 'Rescaling':
      return { output: [...input], steps: null, issues: [] };
    case 'CenterCrop':
    case 'Resizing':
      return applyImageSize(layer, input);
    default:
      return applyRecurrent(layer, input);
  }
}
