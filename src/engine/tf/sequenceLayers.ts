/**
 * Embedding layers (Keras's and TF.js's Embedding, Keras's ReversibleEmbedding) and TF.js's
 * image-preprocessing layers: Rescaling, CenterCrop and Resizing (the tfjs dialect only;
 * Keras 3 has its own Rescaling rule and none yet for the other two). The recurrent layers
 * are in recurrentCells.ts.
 */
import type { EngineIssue, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { boolArgOrDefault, issue, requiredIntArg } from './layerModel';
import type { FamilyResult } from './familyResult';

const tfjsOnlyKinds = new Set(['CenterCrop', 'Resizing']);
const sequenceKinds = new Set([...tfjsOnlyKinds, 'Embedding', 'ReversibleEmbedding', 'Rescaling']);

/** Classes only this file models, for TF.js alone: Keras 3 has no rule for them yet. */
export function isTfjsOnlyKind(kind: string): boolean {
  return tfjsOnlyKinds.has(kind);
}

/** True for the classes this file models: the embeddings in both dialects, the rest in the tfjs dialect (Keras has its own Rescaling). */
export function isTfjsSequenceKind(layer: TfLayer): boolean {
  return sequenceKinds.has(layer.kind) && (layer.dialect === 'tfjs' || layer.kind.endsWith('Embedding'));
}

/** Keras's checks of an embedding's sizes (TF.js's are in tfjsChecks). */
export function kerasEmbeddingIssues(layer: TfLayer): EngineIssue[] {
  if (layer.dialect !== 'keras' || !layer.kind.endsWith('Embedding')) return [];
  for (const name of ['input_dim', 'output_dim']) {
    const value = layer.args[name];
    if (typeof value === 'number' && (value <= 0 || !Number.isInteger(value))) {
      const type = Number.isInteger(value) ? 'int' : 'float';
      return [issue('error', 'tf.bad-count', `\`${name}\` must be a positive integer. Received: ${name}=${value} (of type ${type}).`, name)];
    }
  }
  return [];
}

/** Embedding and ReversibleEmbedding: a table lookup, one `output_dim` vector per index, any input rank. */
function applyEmbedding(layer: TfLayer, input: Shape): FamilyResult {
  const inputDim = requiredIntArg(layer.args, 'input_dim');
  const outputDim = requiredIntArg(layer.args, 'output_dim');
  const paramTensors = [{ name: 'embeddings', shape: [inputDim, outputDim], trainable: true }];
  // Untied, ReversibleEmbedding has its own matrix for the reverse projection to logits.
  if (layer.kind === 'ReversibleEmbedding' && !boolArgOrDefault(layer.args, 'tie_weights', true)) {
    paramTensors.push({ name: 'reverse_embeddings', shape: [outputDim, inputDim], trainable: true });
  }
  return { output: [...input, outputDim], steps: null, issues: [], paramTensors };
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
export function applyTfjsSequenceLayer(layer: TfLayer, input: Shape): FamilyResult | undefined {
  switch (layer.kind) {
    case 'Embedding':
    case 'ReversibleEmbedding':
      return applyEmbedding(layer, input);
    case 'Rescaling':
      return { output: [...input], steps: null, issues: [] };
    case 'CenterCrop':
    case 'Resizing':
      return applyImageSize(layer, input);
    default:
      return undefined;
  }
}
