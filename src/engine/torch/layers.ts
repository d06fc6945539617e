/**
 * The PyTorch layer engine: validate constructor arguments like `torch.nn` does, apply a
 * layer to an input shape (output shape, run-time errors, MACs, receptive-field steps)
 * and count parameters. Messages are PyTorch's own text, recorded from real PyTorch in
 * test/fixtures/torch/*.json by tools/golden/torch_cases.py.
 *
 * MAC convention (documented here once): convolutions, transposed convolutions and Linear
 * count multiply-accumulates of their weights (bias additions are not counted);
 * recurrent layers and cells count the multiplications by their weights at every time step
 * (recurrent.ts), attention and transformer layers their projections and attention products
 * (attention.ts, transformer.ts), Bilinear one per weight entry and row; every other layer (pooling, BatchNorm, activations, PReLU, dropout,
 * upsampling, flatten, Embedding) counts 0, as torchinfo and fvcore do. FLOPs are 2 x MACs, computed by whoever displays them.
 */
import type { BoundArgs, ExactCount, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { addCounts, multiplyCounts, UNKNOWN_COUNT } from '../exactCount';
import { UNKNOWN_APPLY } from './layerResults';
import { applyTorchConv, constructConv } from './conv';
import { applyAdaptivePool, applyPool, constructPool } from './pool';
import { applyBatchNorm, applyLinear, applySyncBatchNorm, constructBatchNorm, constructLinear } from './linearAndNorm';
import { applyElementwise, constructElementwise, elementwiseKinds } from './elementwise';
import { applyAttention, applyTransformerLayer, constructAttention, constructTransformerLayer } from './attention';
import { applyBilinear, applyFixedUpsampling, applyGlu, applyUnflatten, constructBilinear, constructParameterless, constructUnflatten } from './reshaping';
import { applyFold, applyFractionalPool, applyLpPool, applyMaxUnpool, applyUnfold, constructFractionalPool } from './morePools';
import { applyLazy, constructLazy } from './lazy';
import { applyMoreActivation, constructMoreActivation, moreActivationKinds } from './moreActivations';
import { applyPadding, constructPadding, paddingKinds } from './padding';
import { applyNorm, constructNorm, normKinds } from './norms';
import { applyShuffle, constructShuffle, shuffleKinds } from './shuffles';
import { applyDistance, constructDistance, distanceKinds } from './distances';
import { applyEmbeddingBag, constructEmbeddingBag } from './embeddingBag';
import { applyTransformer, constructTransformer } from './transformer';
import { applyTransformerStack, constructTransformerStack } from './transformerStacks';
import { applyCell, applyEmbedding, applyRecurrent, constructCell, constructEmbedding, constructRecurrent } from './recurrent';

interface LayerRule {
  readonly construct: (kind: string, args: BoundArgs) => ConstructResult;
  /** `others`: the call's further tensor arguments (attention's key and value, Bilinear's second input). */
  readonly apply: (layer: TorchLayer, input: Shape, others?: readonly Shape[]) => ApplyResult;
}

const rules = new Map<string, LayerRule>();
for (const n of [1, 2, 3]) {
  rules.set(`Conv${n}d`, { construct: constructConv, apply: applyTorchConv });
  rules.set(`ConvTranspose${n}d`, { construct: constructConv, apply: applyTorchConv });
  rules.set(`MaxPool${n}d`, { construct: constructPool, apply: applyPool });
  rules.set(`AvgPool${n}d`, { construct: constructPool, apply: applyPool });
  rules.set(`AdaptiveAvgPool${n}d`, { construct: constructPool, apply: applyAdaptivePool });
  rules.set(`AdaptiveMaxPool${n}d`, { construct: constructPool, apply: applyAdaptivePool });
  rules.set(`BatchNorm${n}d`, { construct: constructBatchNorm, apply: applyBatchNorm });
}
rules.set('LazyLinear', { construct: constructLazy, apply: applyLazy });
for (const n of [1, 2, 3]) for (const base of ['Conv', 'ConvTranspose', 'BatchNorm']) rules.set(`Lazy${base}${n}d`, { construct: constructLazy, apply: applyLazy });
rules.set('Linear', { construct: constructLinear, apply: applyLinear });
rules.set('SyncBatchNorm', { construct: constructBatchNorm, apply: applySyncBatchNorm });
for (const kind of ['RNN', 'LSTM', 'GRU']) rules.set(kind, { construct: constructRecurrent, apply: applyRecurrent });
for (const kind of ['RNNCell', 'LSTMCell', 'GRUCell']) rules.set(kind, { construct: constructCell, apply: applyCell });
rules.set('Embedding', { construct: constructEmbedding, apply: applyEmbedding });
rules.set('EmbeddingBag', { construct: constructEmbeddingBag, apply: applyEmbeddingBag });
for (const n of [1, 2, 3]) rules.set(`MaxUnpool${n}d`, { construct: constructParameterless, apply: applyMaxUnpool });
for (const n of [1, 2]) rules.set(`LPPool${n}d`, { construct: constructParameterless, apply: applyLpPool });
for (const n of [2, 3]) rules.set(`FractionalMaxPool${n}d`, { construct: constructFractionalPool, apply: applyFractionalPool });
rules.set('Unfold', { construct: constructParameterless, apply: applyUnfold });
rules.set('Fold', { construct: constructParameterless, apply: applyFold });
rules.set('MultiheadAttention', { construct: constructAttention, apply: applyAttention });
for (const kind of ['TransformerEncoderLayer', 'TransformerDecoderLayer']) rules.set(kind, { construct: constructTransformerLayer, apply: applyTransformerLayer });
rules.set('Transformer', { construct: constructTransformer, apply: applyTransformer });
for (const kind of ['TransformerEncoder', 'TransformerDecoder']) rules.set(kind, { construct: constructTransformerStack, apply: applyTransformerStack });
rules.set('GLU', { construct: constructParameterless, apply: applyGlu });
rules.set('Unflatten', { construct: constructUnflatten, apply: applyUnflatten });
rules.set('Bilinear', { construct: constructBilinear, apply: applyBilinear });
for (const kind of ['UpsamplingNearest2d', 'UpsamplingBilinear2d']) rules.set(kind, { construct: constructParameterless, apply: applyFixedUpsampling });
for (const kind of elementwiseKinds) rules.set(kind, { construct: constructElementwise, apply: applyElementwise });
for (const kind of moreActivationKinds) rules.set(kind, { construct: constructMoreActivation, apply: applyMoreActivation });
for (const kind of paddingKinds) rules.set(kind, { construct: constructPadding, apply: applyPadding });
for (const kind of normKinds) rules.set(kind, { construct: constructNorm, apply: applyNorm });
for (const kind of shuffleKinds) rules.set(kind, { construct: constructShuffle, apply: applyShuffle });
for (const kind of distanceKinds) rules.set(kind, { construct: constructDistance, apply: applyDistance });

/**
 * Validates bound args like the torch.nn constructor would (verbatim messages). args are
 * already bound by name with defaults filled (see signatures.ts). layer is null only when
 * the constructor would raise. UnknownValue args: do not raise, just leave what depends on
 * them unknown. An unmodelled kind gives a null layer and an `info` issue.
 */
export function constructTorchLayer(kind: string, args: BoundArgs): ConstructResult {
  const rule = rules.get(kind);
  if (!rule) {
    return { layer: null, issues: [{ severity: 'info', code: 'torch.unsupported-layer', message: `nn.${kind} is not modelled` }] };
  }
  return rule.construct(kind, args);
}

/** True when the engine has a rule (constructor checks, output shape, parameters) for `nn.<kind>`. */
export function hasTorchRule(kind: string): boolean {
  return rules.has(kind);
}

/** Layers whose forward returns a tuple (`(output, h_n)`, LSTM's `(output, (h_n, c_n))`) rather than one tensor. */
const tupleKinds = new Set(['RNN', 'LSTM', 'GRU', 'LSTMCell', 'MultiheadAttention']);

/** True when `nn.<kind>` returns a tuple: a front end must not treat its result as one tensor. */
export function torchLayerReturnsTuple(kind: string): boolean {
  return tupleKinds.has(kind);
}

/**
 * Applies a constructed layer to an input shape: output, MACs, receptive-field steps,
 * run-time errors. `others` are the shapes of the call's further tensor arguments, for the
 * layers that take several (a missing one leaves the result unknown).
 */
export function applyTorchLayer(layer: TorchLayer, input: Shape, others?: readonly Shape[]): ApplyResult {
  const rule = rules.get(layer.kind);
  return rule ? rule.apply(layer, input, others) : UNKNOWN_APPLY;
}

/** Parameters of a layer (BatchNorm running statistics are buffers and do not count). */
export function countParams(layer: TorchLayer): { total: ExactCount; trainable: ExactCount } {
  if (layer.paramsUnknown) return { total: UNKNOWN_COUNT, trainable: UNKNOWN_COUNT };
  const sizes = layer.params.map((tensor) => multiplyCounts(...tensor.shape));
  const trainable = layer.params.map((tensor, index) => (tensor.trainable ? sizes[index] : 0));
  return { total: addCounts(...sizes), trainable: addCounts(...trainable) };
}
