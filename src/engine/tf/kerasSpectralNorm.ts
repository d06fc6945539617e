/**
 * Keras's SpectralNormalization: a wrapper that runs another layer with its kernel (or an
 * Embedding's `embeddings`) divided by its largest singular value. Shapes and MACs are the
 * wrapped layer's; the weights are the kernel, then the wrapper's own `vector_u` (the power
 * iteration's running vector, one row as wide as the kernel's last axis, not trained), then
 * the wrapped layer's other weights, as Keras lists them.
 */
import type { EngineIssue, ParamTensor, Shape } from '../types';
import type { TfLayer } from './layerModel';
import { issue } from './layerModel';
import type { TfLayerSignature } from './signatures';
import type { FamilyResult } from './familyResult';
import type { InnerApply } from './recurrentWrappers';
import { isCellKind } from './recurrentCells';
import { tfConvVariant } from './convLayers';
import { kerasConvRankIssue } from './kerasConvRank';

/** The signature, spread into the engine's table. */
export const spectralNormSignatures: readonly TfLayerSignature[] = [{ kind: 'SpectralNormalization', params: [{ name: 'layer' }, { name: 'power_iterations', default: 1 }] }];

/** The Keras classes with a `kernel` or `embeddings` attribute once built: the layers the wrapper accepts. */
const kernelHolders = /^(Dense|EinsumDense|Conv[123]D(Transpose)?|DepthwiseConv[12]D|(Reversible)?Embedding)$/;

/** Keras's refusal of a wrapped value that is not a layer (a number, a string), as its Wrapper base words it. */
export function spectralNormNotALayer(value: unknown): EngineIssue[] {
  if (typeof value !== 'number' && typeof value !== 'string') return [];
  return [issue('error', 'tf.not-a-layer', `Layer ${value} supplied to Wrapper isn't a supported layer type. Please ensure wrapped layer is a valid Keras layer.`, 'layer')];
}

/** SpectralNormalization's constructor check: at least one power iteration. */
export function spectralNormConstructorIssues(layer: TfLayer): EngineIssue[] {
  const iterations = layer.args.power_iterations;
  if (layer.kind !== 'SpectralNormalization' || typeof iterations !== 'number' || iterations > 0) return [];
  return [issue('error', 'tf.bad-arg', `\`power_iterations\` should be greater than zero. Received: \`power_iterations=${iterations}\``, 'power_iterations')];
}

function stopped(issues: EngineIssue[]): FamilyResult {
  return { output: null, steps: null, issues };
}

/** The wrapped layer's weights with `vector_u` after the kernel, or null when it has no kernel. */
function withVectorU(tensors: readonly ParamTensor[]): ParamTensor[] | null {
  const kernel = tensors.findIndex((t) => t.name === 'kernel' || t.name === 'embeddings');
  if (kernel < 0) return null;
  const width = tensors[kernel].shape[tensors[kernel].shape.length - 1];
  const vectorU: ParamTensor = { name: 'vector_u', shape: [1, width], trainable: false };
  return [tensors[kernel], vectorU, ...tensors.filter((_, i) => i !== kernel)];
}

/**
 * Applies SpectralNormalization: Keras builds the wrapped layer, looks for its kernel, then
 * takes the wrapped layer's output shape without checking its input spec: a convolution
 * on another rank fails in its shape arithmetic; other rank refusals leave the shape
 * unknown here rather than show a message Keras would not print.
 */
export function applySpectralNormalization(layer: TfLayer, input: Shape, apply: InnerApply): FamilyResult {
  const inner = layer.inner?.[0];
  if (!inner) return stopped([issue('info', 'tf.unknown-arg', 'The layer SpectralNormalization wraps could not be resolved; shapes stop here.', 'layer')]);
  if (!kernelHolders.test(inner.kind) && !isCellKind(inner.kind)) {
    return stopped([issue('error', 'tf.no-kernel', `${inner.kind} object has no attribute 'kernel' nor 'embeddings'`, 'layer')]);
  }
  if (isCellKind(inner.kind)) {
    const message =
      inner.kind === 'StackedRNNCells'
        ? "StackedRNNCells object has no attribute 'kernel' nor 'embeddings'"
        : `Layer ${inner.kind} does not have a \`compute_output_shape\` method implemented. Should implement \`def compute_output_shape(self, input_shape)\`.`;
    return stopped([issue('error', 'tf.no-kernel', message, 'layer')]);
  }
  const conv = tfConvVariant(inner.kind);
  if (conv && input.length !== conv.rank + 2 && (conv.variant !== 'transpose' || input.length > conv.rank + 2)) {
    // The wrapped convolution's output-shape arithmetic fails instead (a lower rank included).
    return stopped([kerasConvRankIssue(inner, conv.variant, conv.rank, input)]);
  }
  const result = apply(inner, input);
  if (result.issues.some((i) => i.code === 'tf.rank-mismatch')) {
    return stopped([issue('info', 'tf.unsupported', `Conv Inspector does not follow ${inner.kind} on a ${input.length}-D input inside SpectralNormalization; shapes stop here.`)]);
  }
  if (!result.output) return stopped(result.issues);
  const weights = withVectorU(inner.built?.paramTensors ?? []);
  if (!weights) return stopped([issue('info', 'tf.unsupported', `Conv Inspector could not find ${inner.kind}'s kernel; shapes stop here.`, 'layer')]);
  return { output: result.output, macs: result.macs, steps: result.steps, issues: result.issues, paramTensors: weights, builtAxis: input.length - 1 };
}
