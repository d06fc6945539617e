/**
 * One plain line on what a layer does to the shape of its input, for the hover and the
 * panel's card ("reads the sequence step by step: ..."), and the names of a multi-output
 * layer's tensors (LSTM's `output, h_n, c_n`). Convolutions and windowed pooling have no line
 * here: their output-size formula (layerFormulas.ts) says it with the numbers filled in.
 * Every class of the three frameworks' manifests gets either a line or a formula; a unit test
 * holds that over the manifests.
 */
import type { LayerRecord } from '../engine/report';
import { formatShape } from './format';

type RecordLike = Pick<LayerRecord, 'kind' | 'args' | 'input' | 'output'> & Partial<Pick<LayerRecord, 'outputs'>>;

const ACTIVATIONS = new Set(
  [
    'Activation ReLU ReLU6 ELU CELU GELU SELU SiLU Mish PReLU RReLU LeakyReLU ThresholdedReLU Hardshrink Hardsigmoid Hardswish',
    'Hardtanh LogSigmoid LogSoftmax Sigmoid Softmax Softmax2d Softmin Softplus Softshrink Softsign Tanh Tanhshrink Threshold',
  ]
    .join(' ')
    .split(' '),
);

/** Layers that change values, never the shape: activations, normalisation, dropout and noise, augmentation. */
const SHAPE_KEEPING =
  /^(Lazy)?(BatchNorm|InstanceNorm|SyncBatchNorm|GroupNorm|LayerNorm|LocalResponseNorm|CrossMapLRN)|^(?!Spectral).*Normalization$|Dropout|Noise$|^Random(?!Crop$|Width$)|^(AugMix|AutoContrast|ContrastLimitedAdaptiveHistogramEqualization|CutMix|Equalization|MixUp|RandAugment|Solarization|Rescaling|Identity|Masking|ActivityRegularization|Discretization|MaxNumBoundingBoxes|InputLayer)$/;

/** The names PyTorch and Keras give each tensor of a multi-output layer, in order. */
const OUTPUT_NAMES: readonly [RegExp, readonly string[]][] = [
  [/^LSTM$/, ['output', 'h_n', 'c_n']],
  [/^(GRU|RNN|SimpleRNN)$/, ['output', 'h_n']],
  [/^MultiheadAttention$/, ['attn_output', 'attn_output_weights']],
  [/Attention$/, ['output', 'attention_scores']],
  [/MaxPool|MaxPooling/, ['output', 'indices']],
];

function argOf(record: RecordLike, ...names: string[]): unknown {
  for (const name of names) if (record.args[name] !== undefined) return record.args[name];
  return undefined;
}

/** The last axis's size, as text (`512`), or the fallback word when unknown. */
function lastAxis(shape: LayerRecord['input'], fallback: string): string {
  const size = shape?.[shape.length - 1];
  return size === undefined || Number.isNaN(size) ? fallback : String(size);
}

function recurrentLine(record: RecordLike): string {
  const units = lastAxis(record.output, String(argOf(record, 'hidden_size', 'units', 'filters') ?? 'hidden'));
  // PyTorch's recurrent modules (they take hidden_size) always return every step; Keras's and TF.js's only with return_sequences.
  const everyStep = record.args.hidden_size !== undefined || argOf(record, 'return_sequences', 'returnSequences') === true;
  return `reads the sequence step by step and returns ${everyStep ? "every step's" : "the last step's"} hidden state, ${units} features wide`;
}

const FAMILIES: readonly [RegExp, (record: RecordLike) => string][] = [
  [/^Adaptive.*Pool/, () => 'pools each channel to a fixed output size, whatever the input size'],
  [/^Global.*Pool/, () => "pools each channel's whole spatial extent to one value"],
  [/^(FractionalMaxPool|LPPool)/, () => 'pools windows of each channel: a smaller map, the same channels'],
  [/^MaxUnpool/, () => 'puts each value back where its max pooling took it from: a larger map, zeros elsewhere'],
  [/^(RNN|LSTM|GRU|SimpleRNN)$/, recurrentLine],
  [/Cell$/, () => 'one step of a recurrence: (batch, features) in, (batch, hidden) out'],
  [/^StackedRNNCells$/, () => 'one step of several recurrent cells in a row'],
  [/^Bidirectional$/, () => 'runs the wrapped recurrent layer forwards and backwards and merges the two results'],
  [/^TimeDistributed$/, () => 'applies the wrapped layer to every time step on its own'],
  [/^SpectralNormalization$/, () => "runs the wrapped layer with its kernel scaled to spectral norm 1: the wrapped layer's shape"],
  [/^Transformer(EncoderLayer|DecoderLayer|Encoder|Decoder)?$/, () => "self-attention and a feed-forward block with residual adds: the output keeps the input's shape"],
  [/Attention$/, () => "attends each query position to the keys: the output keeps the query's shape"],
  [/^EmbeddingBag$/, () => "looks up each index's vector and reduces every bag to one: (bags, embedding_dim)"],
  [/Embedding$/, (r) => `replaces each index with a learned vector: adds a last axis of ${lastAxis(r.output, 'embedding_dim')}`],
  [/^Bilinear$/, (r) => `combines the last axes of two inputs into ${lastAxis(r.output, 'out_features')} features`],
  [/^EinsumDense$/, (r) => `a learned einsum, ${String(argOf(r, 'equation') ?? '')}: the output shape the equation names`],
  [
    /^(Lazy)?Linear$|^Dense$/,
    (r) =>
      `maps the last axis (${lastAxis(r.input, String(argOf(r, 'in_features') ?? 'in'))} features) to ${lastAxis(r.output, String(argOf(r, 'out_features', 'units') ?? 'out'))}; the other axes pass through`,
  ],
  [/^(Flatten|Reshape|Unflatten|Permute|ChannelShuffle)$/, () => 'rearranges the values into another shape, the same number of values'],
  [/^RepeatVector$/, () => 'repeats the vector n times along a new time axis'],
  [/^Unfold$/, () => 'extracts sliding blocks as columns: (N, C x kernel cells, blocks)'],
  [/^Fold$/, () => 'sums columns of sliding blocks back into an image: the inverse layout of Unfold'],
  [/^Pixel(Shuffle|Unshuffle)$/, () => 'trades channels for spatial size (or back), the same number of values'],
  [/^(Upsample|Upsampling|UpSampling)|^Resizing$|^RandomWidth$/, () => 'resizes the spatial axes; channels unchanged'],
  [/^(CenterCrop|RandomCrop)$|^Cropping/, () => 'crops the spatial axes; channels unchanged'],
  [/Pad[123]?[dD]?$|^ZeroPad|^ZeroPadding/, () => 'pads the spatial axes; channels unchanged'],
  [/^(Add|Subtract|Multiply|Average|Maximum|Minimum)$/, () => 'combines its inputs element by element: the broadcast shape of the inputs'],
  [/^Concatenate$/, () => 'joins its inputs along one axis, which grows by their sizes'],
  [/^Dot$/, () => 'dot products of two inputs along the given axes'],
  [/^(CosineSimilarity|PairwiseDistance)$/, () => 'one similarity or distance per pair of vectors: the compared axis goes away'],
  [/^GLU$/, () => 'halves one axis: one half gates the other'],
  [/^CategoryEncoding$/, (r) => `turns integer indices into a vector of ${String(argOf(r, 'num_tokens', 'numTokens') ?? 'num_tokens')} counts or flags`],
  [/Spectrogram$/, () => 'turns audio samples into frames x frequency bins'],
  [/^ConvLSTM/, recurrentLine],
];

/**
 * What the layer does to the shape, in one line; undefined for convolutions and windowed
 * pooling (their output-size formula says it) and for classes this table does not know.
 */
export function shapeEffect(record: RecordLike): string | undefined {
  const kind = record.kind;
  if (ACTIVATIONS.has(kind) || SHAPE_KEEPING.test(kind)) return 'keeps the shape: changes the values only';
  for (const [pattern, line] of FAMILIES) if (pattern.test(kind)) return line(record);
  return undefined;
}

/** `output [2, 18, 64], h_n [2, 2, 32], c_n [2, 2, 32]` for a layer with several outputs; undefined for one. */
export function namedOutputs(record: RecordLike): string | undefined {
  const outputs = record.outputs;
  if (!outputs || outputs.length < 2) return undefined;
  const names = OUTPUT_NAMES.find(([pattern]) => pattern.test(record.kind))?.[1] ?? [];
  return outputs.map((shape, i) => `${names[i] ?? `output ${i + 1}`} ${formatShape(shape)}`).join(', ');
}

/** A line as a sentence: capital first letter, full stop. */
export function sentence(line: string): string {
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}
