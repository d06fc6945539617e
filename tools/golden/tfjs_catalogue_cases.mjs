// The TF.js layer catalogue, recorded by the real @tensorflow/tfjs (cpu backend): for every
// `tf.layers` factory with a generator here (aliases each get their turn), seeded random valid
// configurations with the output shapes TF.js computes on a real tensor (and computeOutputShape's,
// when they differ), countParams() and weights with trainable flags; hand-written invalid ones and
// the random draws TF.js refuses, with its exact error text.
// Usage: node tools/golden/tfjs_catalogue_cases.mjs -> test/fixtures/tfjs/catalogue_cases.json
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { materializer, recurrentFamilies } from './tfjs_recurrent_cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The defaults make the committed fixture; tools/bench/unseenCatalogue.mjs sets them for an unseen catalogue.
const outFile = process.env.CATALOGUE_OUT || join(root, 'test', 'fixtures', 'tfjs', 'catalogue_cases.json');
const manifest = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'tfjs', 'manifest.json'), 'utf8'));
const VALID_PER_FACTORY = Number(process.env.CATALOGUE_PER_CLASS ?? 22);
// Deterministic PRNG (mulberry32) so the fixture is reproducible.
let seed = Number(process.env.CATALOGUE_SEED ?? 20261203);
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (items) => items[Math.floor(random() * items.length)];
const maybe = (p) => random() < p;
const dims = (n, lo, hi) => Array.from({ length: n }, () => int(lo, hi));
const tupleOrInt = (n, lo, hi) => (maybe(0.5) ? int(lo, hi) : dims(n, lo, hi));
const channelsFirst = () => (maybe(0.25) ? { dataFormat: 'channelsFirst' } : {});
const withChannels = (config, spatial, channels) => (config.dataFormat === 'channelsFirst' ? [channels, ...spatial] : [...spatial, channels]);
const anyRank = () => dims(int(1, 4), 1, 7);
const one = (config, input) => ({ config, inputs: [input] });

/** Strides or dilation (TF.js refuses both above 1 at once). */
const stepping = (n) => (maybe(0.5) ? { strides: tupleOrInt(n, 1, 3) } : { dilationRate: tupleOrInt(n, 1, 3) });

function conv(n, extra = {}) {
  const config = { filters: int(1, 6), kernelSize: tupleOrInt(n, 1, 3), padding: pick(['valid', 'same']), useBias: maybe(0.8), ...stepping(n), ...extra };
  if (n > 1) Object.assign(config, channelsFirst());
  return one(config, withChannels(config, dims(n, 7, 14), int(1, 4)));
}
function transpose(n) {
  const config = { filters: int(1, 5), kernelSize: tupleOrInt(n, 1, 3), strides: tupleOrInt(n, 1, 3), padding: pick(['valid', 'same']), useBias: maybe(0.8) };
  return one(config, withChannels(config, dims(n, 2, 6), int(1, 3)));
}
function pool(n) {
  const config = { poolSize: tupleOrInt(n, 1, 3), padding: pick(['valid', 'same']), ...(maybe(0.5) ? { strides: tupleOrInt(n, 1, 3) } : {}) };
  if (n > 1) Object.assign(config, channelsFirst());
  return one(config, withChannels(config, dims(n, 4, 10), int(1, 4)));
}
function globalPool(n) {
  const config = n > 1 ? channelsFirst() : {};
  return one(config, withChannels(config, dims(n, 1, 8), int(1, 6)));
}
function merge(extra = {}) {
  const shape = dims(int(1, 3), 1, 5);
  return { config: extra, inputs: Array.from({ length: int(2, 3) }, () => [...shape]) };
}

// Wrong-rank and missing-argument configurations every family shares.
const rankError = (config, rank) => ({ config, inputs: [dims(rank, 3, 4)] });

const families = {
  Conv1D: {
    valid: () => conv(1),
    // Causal padding: computeOutputShape reports a shape, but running it fails.
    invalid: [
      { config: { filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2 }, inputs: [[10, 2]] },
      rankError({ filters: 2, kernelSize: 1 }, 3),
      { config: { kernelSize: 1 }, inputs: [[5, 2]] },
      { config: { filters: 2 }, inputs: [[5, 2]] },
      { config: { filters: 2, kernelSize: 2, strides: 2, dilationRate: 2 }, inputs: [[9, 2]] },
    ],
  },
  Conv2D: {
    valid: () => conv(2),
    invalid: [
      rankError({ filters: 2, kernelSize: 1 }, 2),
      { config: { kernelSize: 1 }, inputs: [[5, 5, 2]] },
      { config: { filters: 2, kernelSize: 3, padding: 'causal' }, inputs: [[5, 5, 2]] },
      { config: { filters: 2, kernelSize: 3, padding: 'full' }, inputs: [[5, 5, 2]] },
    ],
  },
  Conv3D: {
    valid: () => conv(3),
    invalid: [
      { config: { filters: 2, kernelSize: 2, padding: 'causal' }, inputs: [[4, 4, 4, 1]] },
      rankError({ filters: 2, kernelSize: 1 }, 3),
      { config: { filters: 2 }, inputs: [[4, 4, 4, 1]] },
      { config: { filters: 2, kernelSize: 2, strides: 2, dilationRate: 2 }, inputs: [[6, 6, 6, 1]] },
    ],
  },
  Conv2DTranspose: {
    valid: () => transpose(2),
    invalid: [
      rankError({ filters: 2, kernelSize: 1 }, 2),
      { config: { kernelSize: 1 }, inputs: [[4, 4, 2]] },
      { config: { filters: 2, kernelSize: 2, padding: 'causal' }, inputs: [[4, 4, 2]] },
    ],
  },
  Conv3DTranspose: {
    valid: () => transpose(3),
    invalid: [rankError({ filters: 2, kernelSize: 1 }, 3), { config: { kernelSize: 1 }, inputs: [[3, 3, 3, 2]] }, { config: { filters: 2 }, inputs: [[3, 3, 3, 2]] }],
  },
  DepthwiseConv2D: {
    valid: () => {
      const config = {
        kernelSize: tupleOrInt(2, 1, 3),
        depthMultiplier: int(1, 3),
        padding: pick(['valid', 'same', 'causal']),
        strides: tupleOrInt(2, 1, 3),
        useBias: maybe(0.8),
        ...channelsFirst(),
      };
      return one(config, withChannels(config, dims(2, 6, 12), int(1, 4)));
    },
    invalid: [rankError({ kernelSize: 1 }, 2), { config: {}, inputs: [[5, 5, 2]] }, { config: { kernelSize: 3, padding: 'full' }, inputs: [[5, 5, 2]] }],
  },
  SeparableConv2D: {
    valid: () => conv(2, { depthMultiplier: int(1, 3) }),
    invalid: [
      { config: { filters: 2, kernelSize: 2, padding: 'causal' }, inputs: [[5, 5, 2]] },
      rankError({ filters: 2, kernelSize: 1 }, 2),
      { config: { kernelSize: 1 }, inputs: [[5, 5, 2]] },
      { config: { filters: 2 }, inputs: [[5, 5, 2]] },
    ],
  },
  Dense: {
    valid: () => one({ units: int(1, 16), useBias: maybe(0.8), ...(maybe(0.3) ? { activation: 'relu' } : {}) }, dims(int(1, 3), 1, 9)),
    invalid: [{}, { units: 0 }, { units: 2.5 }, { units: 2, activation: 'leaky_relu' }].map((config) => ({ config, inputs: [[4]] })),
  },
  MaxPooling1D: { valid: () => pool(1), invalid: [rankError({}, 3), rankError({}, 1), { config: { poolSize: 2, padding: 'full' }, inputs: [[6, 2]] }] },
  MaxPooling2D: { valid: () => pool(2), invalid: [rankError({}, 2), rankError({}, 4), { config: { poolSize: 2, padding: 'full' }, inputs: [[6, 6, 2]] }] },
  MaxPooling3D: { valid: () => pool(3), invalid: [rankError({}, 2), rankError({}, 3), { config: { poolSize: 2, padding: 'full' }, inputs: [[4, 4, 4, 2]] }] },
  GlobalAveragePooling1D: { valid: () => globalPool(1), invalid: [rankError({}, 1), rankError({}, 3), rankError({}, 4)] },
  GlobalAveragePooling2D: { valid: () => globalPool(2), invalid: [rankError({}, 2), rankError({}, 4), rankError({}, 1)] },
  BatchNormalization: {
    valid: () => {
      const input = dims(int(1, 4), 1, 6);
      return one({ ...(maybe(0.3) ? { axis: int(1, input.length) } : {}), ...(maybe(0.2) ? { center: false } : {}), ...(maybe(0.2) ? { scale: false } : {}) }, input);
    },
    invalid: [
      [3, [4, 4]],
      [-3, [4]],
      [5, [4, 4, 4]],
    ].map(([axis, input]) => ({ config: { axis }, inputs: [input] })),
  },
  Flatten: { valid: () => one({}, dims(int(2, 4), 1, 6)), invalid: [rankError({}, 1), { config: {}, inputs: [[0]] }, { config: {}, inputs: [[]] }] },
  Reshape: {
    valid: () => {
      const [a, b, c] = dims(3, 1, 5);
      return one({ targetShape: pick([[a * b * c], [a * b, c], [c, a * b], [-1, c], [a, -1], [-1]]) }, [a, b, c]);
    },
    invalid: [
      { config: {}, inputs: [[4]] },
      { config: { targetShape: [5] }, inputs: [[2, 3]] },
      { config: { targetShape: [4, -1] }, inputs: [[3, 3]] },
      { config: { targetShape: [-1, -1] }, inputs: [[4]] },
    ],
  },
  Permute: {
    valid: () => {
      const input = dims(int(2, 4), 1, 6);
      const order = input.map((_, i) => i + 1).sort(() => random() - 0.5);
      return one({ dims: order }, input);
    },
    invalid: [
      { config: {}, inputs: [[4, 4]] },
      { config: { dims: [1, 1] }, inputs: [[4, 4]] },
      { config: { dims: [0, 1] }, inputs: [[4, 4]] },
    ],
  },
  RepeatVector: { valid: () => one({ n: int(1, 6) }, [int(1, 9)]), invalid: [rankError({ n: 2 }, 2), rankError({ n: 2 }, 3), { config: {}, inputs: [[4]] }] },
  PReLU: {
    valid: () => {
      const input = dims(int(1, 3), 1, 6);
      return one(maybe(0.5) ? {} : { sharedAxes: int(1, input.length) }, input);
    },
    invalid: [
      { config: { sharedAxes: [5] }, inputs: [[3, 4, 2]] },
      { config: { sharedAxes: 3 }, inputs: [[3, 4]] },
      { config: { sharedAxes: [1, 4] }, inputs: [[2, 3, 5]] },
    ],
  },
  UpSampling2D: {
    valid: () => {
      const config = { size: dims(2, 1, 3), ...channelsFirst() };
      return one(config, withChannels(config, dims(2, 1, 6), int(1, 4)));
    },
    invalid: [rankError({}, 2), rankError({}, 4), rankError({}, 1)],
  },
  ZeroPadding2D: {
    valid: () => {
      const config = { padding: pick([int(0, 3), dims(2, 0, 3), [dims(2, 0, 2), dims(2, 0, 2)]]), ...channelsFirst() };
      return one(config, withChannels(config, dims(2, 1, 6), int(1, 4)));
    },
    invalid: [rankError({}, 2), rankError({}, 4), { config: { padding: [1, 2, 3] }, inputs: [[3, 3, 1]] }],
  },
  Cropping2D: {
    valid: () => {
      const config = { cropping: pick([int(0, 2), dims(2, 0, 2), [dims(2, 0, 2), dims(2, 0, 2)]]), ...channelsFirst() };
      return one(config, withChannels(config, dims(2, 5, 9), int(1, 4)));
    },
    invalid: [rankError({ cropping: 1 }, 2), rankError({ cropping: 1 }, 4), rankError({ cropping: 1 }, 1)],
  },
  Add: {
    valid: () => merge(),
    invalid: [
      { config: {}, inputs: [[3]] },
      { config: {}, inputs: [[3], [4]] },
      {
        config: {},
        inputs: [
          [3, 2],
          [3, 3],
        ],
      },
    ],
  },
  Concatenate: {
    valid: () => {
      const shape = dims(int(1, 3), 1, 5);
      const axis = pick([-1, shape.length]);
      return { config: maybe(0.5) ? {} : { axis }, inputs: [shape, [...shape.slice(0, -1), int(1, 4)]] };
    },
    invalid: [
      { config: {}, inputs: [[3]] },
      {
        config: {},
        inputs: [
          [3, 2],
          [4, 2],
        ],
      },
      {
        config: { axis: 1 },
        inputs: [
          [3, 2],
          [3, 4],
        ],
      },
    ],
  },
};
families.LayerNormalization = families.BatchNormalization;
for (const kind of ['Dropout', 'GaussianDropout', 'AlphaDropout']) families[kind] = { valid: () => one({ rate: pick([0.1, 0.3, 0.5]) }, anyRank()), invalid: [] };
families.GaussianNoise = { valid: () => one({ stddev: pick([0.1, 1]) }, anyRank()), invalid: [] };
families.SpatialDropout1D = { valid: () => one({ rate: 0.2 }, dims(2, 1, 6)), invalid: [rankError({ rate: 0.2 }, 1), rankError({ rate: 0.2 }, 3), rankError({ rate: 0.2 }, 4)] };
const activations = [
  'elu',
  'selu',
  'relu',
  'relu6',
  'linear',
  'sigmoid',
  'hardSigmoid',
  'softplus',
  'softsign',
  'tanh',
  'softmax',
  'logSoftmax',
  'gelu',
  'gelu_new',
  'mish',
  'swish',
];
families.Activation = {
  valid: () => one({ activation: pick(activations) }, anyRank()),
  invalid: [
    { config: { activation: 'nope' }, inputs: [[3]] },
    { config: { activation: 'Relu' }, inputs: [[3]] },
    { config: { activation: 'hard_sigmoid' }, inputs: [[3]] },
  ],
};
for (const kind of ['ReLU', 'LeakyReLU', 'ELU', 'ThresholdedReLU', 'Masking']) families[kind] = { valid: () => one({}, anyRank()), invalid: [] };
// Values TF.js takes without a check and a tensor op then refuses (ELU: at construction).
families.ELU = { ...families.ELU, invalid: [0.5, 2, -1].map((alpha) => ({ config: { alpha }, inputs: [[3]] })) };
families.ReLU = { ...families.ReLU, invalid: [-1, -0.5, 'a'].map((maxValue) => ({ config: { maxValue }, inputs: [[3, 4]] })) };
const operandInvalid = (key) => [
  { config: { [key]: 'a' }, inputs: [[3, 4]] },
  { config: { [key]: [1, 2] }, inputs: [[3, 4]] },
  { config: { [key]: [1, 2, 3] }, inputs: [[2]] },
];
families.ThresholdedReLU = { ...families.ThresholdedReLU, invalid: operandInvalid('theta') };
families.Masking = { ...families.Masking, invalid: operandInvalid('maskValue') };
families.Softmax = {
  valid: () => one(maybe(0.5) ? {} : { axis: -1 }, anyRank()),
  invalid: [
    { config: {}, inputs: [[3, 4]] },
    { config: { axis: 1 }, inputs: [[3, 4, 5]] },
    { config: { axis: 0 }, inputs: [[3]] },
  ],
};
for (const n of [1, 2, 3]) families[`AveragePooling${n}D`] = families[`MaxPooling${n}D`];
families.GlobalMaxPooling1D = families.GlobalAveragePooling1D;
families.GlobalMaxPooling2D = families.GlobalAveragePooling2D;
for (const kind of ['Multiply', 'Average', 'Maximum', 'Minimum']) families[kind] = families.Add;
families.InputLayer = {
  valid: () => one({ inputShape: anyRank() }, null),
  invalid: [
    { config: {}, inputs: [null] },
    { config: { inputShape: [2], batchInputShape: [1, 2] }, inputs: [null] },
  ],
};

// Recurrent layers: the output that flows on, and with returnState the whole returned list.
const recurrent = () => one({ units: int(1, 8), useBias: maybe(0.8), returnSequences: maybe(0.5), returnState: maybe(0.4) }, [int(1, 7), int(1, 6)]);
const recurrentInvalid = [rankError({ units: 2 }, 1), rankError({ units: 2 }, 3), { config: {}, inputs: [[4, 2]] }, { config: { units: 0 }, inputs: [[4, 2]] }];
for (const kind of ['SimpleRNN', 'LSTM', 'GRU']) families[kind] = { valid: recurrent, invalid: recurrentInvalid };
families.ConvLSTM2D = {
  valid: () => {
    const config = { filters: int(1, 4), kernelSize: tupleOrInt(2, 1, 3), padding: pick(['valid', 'same']), returnSequences: maybe(0.5), useBias: maybe(0.8), ...stepping(2) };
    return one(config, [int(1, 4), ...dims(2, 4, 8), int(1, 3)]);
  },
  invalid: [
    rankError({ filters: 2, kernelSize: 1 }, 3),
    rankError({ filters: 2, kernelSize: 1 }, 5),
    rankError({ filters: 2, kernelSize: 1 }, 2),
    { config: { filters: 2, kernelSize: 2, padding: 'full' }, inputs: [[2, 6, 6, 1]] },
    { config: { filters: 2, kernelSize: 2, strides: 2, dilationRate: 2 }, inputs: [[2, 6, 6, 1]] },
  ],
};
families.Embedding = {
  valid: () => one({ inputDim: int(1, 50), outputDim: int(1, 16) }, dims(int(0, 3), 1, 6)),
  invalid: [
    { config: { outputDim: 4 }, inputs: [[5]] },
    { config: { inputDim: 10 }, inputs: [[5]] },
    { config: { inputDim: 0, outputDim: 4 }, inputs: [[5]] },
  ],
};
families.Rescaling = {
  valid: () => one({ scale: pick([1 / 255, 0.5, 2]), ...(maybe(0.5) ? { offset: -1 } : {}) }, anyRank()),
  invalid: [
    { config: {}, inputs: [[4]] },
    { config: { scale: 'a' }, inputs: [[4]] },
    { config: { scale: 2, offset: 'a' }, inputs: [[4, 2]] },
    { config: { scale: [1, 2] }, inputs: [[3]] },
  ],
};
const imageSize = () => one({ height: int(1, 9), width: int(1, 9) }, [int(1, 9), int(1, 9), int(1, 4)]);
families.CenterCrop = {
  valid: imageSize,
  invalid: [
    { config: { height: 2, width: 2 }, inputs: [[3]] },
    { config: { height: 2, width: 2 }, inputs: [[2, 3, 4, 2]] },
    { config: { height: 0, width: 2 }, inputs: [[3, 4, 2]] },
    { config: { height: 2, width: -1 }, inputs: [[3, 4, 2]] },
  ],
};
families.Resizing = {
  valid: () => {
    const c = imageSize();
    if (maybe(0.4)) c.config.interpolation = pick(['bilinear', 'nearest']);
    return c;
  },
  invalid: [
    { config: { height: 2, width: 2, interpolation: 'bicubic' }, inputs: [[4, 4, 1]] },
    { config: { height: 2, width: 2, interpolation: 'area' }, inputs: [[4, 4, 1]] },
    { config: { height: 2, width: 2 }, inputs: [[3]] },
    { config: { height: 2, width: 2, interpolation: 'nearest' }, inputs: [[2, 3, 4, 2]] },
  ],
};

/** A family drawing from its own random stream: adding it leaves every other factory's cases as they were. */
function ownStream(streamSeed, draw) {
  let own = streamSeed;
  return () => {
    const shared = seed;
    seed = own;
    try {
      return draw();
    } finally {
      own = seed;
      seed = shared;
    }
  };
}
// RandomWidth draws the width per call: a fixed `seed` keeps the recorded run reproducible. A rank-3
// input is one image to it (the batch axis is the height).
families.RandomWidth = {
  valid: ownStream(7301, () => {
    const tenth = () => int(0, 9) / 10;
    const same = tenth();
    const factor = pick([int(1, 9) / 10, [-tenth(), tenth()], [same, same], [-same, -same]]);
    const config = { factor, seed: int(1, 1000), ...(maybe(0.4) ? { interpolation: pick(['bilinear', 'nearest']) } : {}) };
    return one(config, maybe(0.6) ? [int(1, 9), int(1, 12), int(1, 4)] : [int(1, 12), int(1, 4)]);
  }),
  invalid: [
    { config: { factor: 0 }, inputs: [[4, 4, 1]] },
    { config: {}, inputs: [[4, 4, 1]] },
    { config: { factor: [0.1, 0.2, 0.3] }, inputs: [[4, 4, 1]] },
    { config: { factor: [-2, 0.5] }, inputs: [[4, 4, 1]] },
    { config: { factor: [0.5, 0.1] }, inputs: [[4, 4, 1]] },
    { config: { factor: 0.5, interpolation: 'bicubic' }, inputs: [[4, 4, 1]] },
    { config: { factor: 0.5, seed: 1 }, inputs: [[8]] },
    { config: { factor: 0.5, seed: 1, interpolation: 'nearest' }, inputs: [[2, 5, 8, 1]] },
  ],
};

// Dot and CategoryEncoding draw from their own stream, so adding them left the other factories' cases as they were.
/** A generator of its own (not the shared seed): draws for one factory that leave every other factory's cases as they are. */
function separateStream(start) {
  let state = start;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ownInt = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { int: ownInt, pick: (items) => items[Math.floor(next() * items.length)], maybe: (p) => next() < p };
}
const dotStream = separateStream(20261204);
families.Dot = {
  valid: () => {
    const { int: n, pick: choose, maybe: chance } = dotStream;
    const a = Array.from({ length: n(1, 2) }, () => n(1, 5));
    const b = Array.from({ length: n(1, 2) }, () => n(1, 5));
    const axes = chance(0.5) ? choose([1, -1, a.length === b.length ? a.length : 1]) : [n(1, a.length), n(1, b.length)];
    const [i, j] = Array.isArray(axes) ? axes : [axes < 0 ? a.length : axes, axes < 0 ? b.length : axes];
    b[j - 1] = a[i - 1];
    return { config: { axes, ...(chance(0.3) ? { normalize: true } : {}) }, inputs: [a, b] };
  },
  invalid: [
    { config: { axes: 1 }, inputs: [[3], [4]] },
    { config: { axes: 1 }, inputs: [[3], [3], [3]] },
    {
      config: { axes: -1 },
      inputs: [
        [2, 2, 3],
        [2, 2, 3],
      ],
    },
    { config: { axes: 1 }, inputs: [[3]] },
  ],
};
const categoryStream = separateStream(20261205);
families.CategoryEncoding = {
  valid: () => {
    const { int: n, pick: choose, maybe: chance } = categoryStream;
    const config = { numTokens: n(1, 9), ...(chance(0.8) ? { outputMode: choose(['oneHot', 'multiHot', 'count']) } : {}) };
    // TF.js runs only up to rank 2 after its one-hot expansion (more is an invalid case below).
    return { config, inputs: [config.outputMode === 'oneHot' || chance(0.3) ? [1] : [n(1, 5)]] };
  },
  invalid: [
    { config: { numTokens: 4, outputMode: 'oneHot' }, inputs: [[3, 2]] },
    { config: { numTokens: 4, outputMode: 'multiHot' }, inputs: [[3, 2, 2]] },
    { config: { numTokens: 4, outputMode: 'count' }, inputs: [[2, 3, 1]] },
  ],
};

Object.assign(families, recurrentFamilies());
const materialize = materializer(manifest.factories);

const errorText = (e) => (e instanceof Error ? e.message : String(e));
const weightsOf = (layer) => layer.weights.map((w) => ({ name: w.originalName ?? w.name, shape: w.shape, trainable: w.trainable }));

/** Runs one configuration through TF.js: symbolic (computeOutputShape) and on real zeros. */
function record(factory, { config, inputs, wrap }) {
  const entry = { factory, config: JSON.parse(JSON.stringify(config)), inputs, ...(wrap ? { wrap } : {}) };
  // A cell runs inside tf.layers.rnn (`wrap` holds that layer's config).
  const make = () => {
    const built = tf.layers[factory](materialize(JSON.parse(JSON.stringify(config))));
    return wrap ? tf.layers.rnn({ ...wrap, cell: built }) : built;
  };
  let layer;
  try {
    layer = make();
  } catch (e) {
    return { ...entry, stage: 'construct', message: errorText(e) };
  }
  if (inputs[0] === null) return { ...entry, outputs: [layer.outputs?.[0]?.shape ?? layer.batchInputShape], params: [] };
  let reported;
  try {
    const symbolic = layer.apply(inputs.length === 1 ? tf.input({ shape: inputs[0] }) : inputs.map((s) => tf.input({ shape: s })));
    reported = (Array.isArray(symbolic) ? symbolic : [symbolic]).map((t) => t.shape);
  } catch (e) {
    return { ...entry, stage: 'apply', message: errorText(e) };
  }
  const fresh = make();
  const tensors = inputs.map((s) => tf.zeros([1, ...s]));
  try {
    const result = fresh.apply(tensors.length === 1 ? tensors[0] : tensors);
    const outputs = (Array.isArray(result) ? result : [result]).map((t) => [null, ...t.shape.slice(1)]);
    const params = weightsOf(fresh);
    tf.dispose([...tensors, ...(Array.isArray(result) ? result : [result])]);
    const differs = JSON.stringify(outputs) !== JSON.stringify(reported);
    return { ...entry, outputs, ...(differs ? { reportedOutputs: reported } : {}), params, countParams: fresh.countParams() };
  } catch (e) {
    return { ...entry, stage: 'run', message: errorText(e), reportedOutputs: reported };
  }
}

async function main() {
  await tf.setBackend('cpu');
  const valid = [];
  const errors = [];
  let refused = 0;
  for (const [factory, className] of Object.entries(manifest.factories)) {
    const family = families[className];
    if (!family) continue;
    let kept = 0;
    // Factories TF.js cannot apply in any configuration have no valid generator.
    for (let attempt = 0; family.valid && kept < VALID_PER_FACTORY && attempt < VALID_PER_FACTORY * 4; attempt++) {
      const result = record(factory, family.valid());
      if (result.message !== undefined) {
        // A random draw TF.js refuses is an invalid case too (and does not count as valid).
        errors.push({ ...result, random: true });
        refused++;
        continue;
      }
      valid.push(result);
      kept++;
    }
    for (const bad of family.invalid) {
      const result = record(factory, bad);
      if (result.message === undefined) throw new Error(`TF.js accepts ${factory} ${JSON.stringify(bad)}: not an invalid case`);
      errors.push(result);
    }
  }
  const head = { tfjs: tf.version.tfjs, backend: tf.getBackend(), generator: 'tools/golden/tfjs_catalogue_cases.mjs', refusedDraws: refused };
  // One case a line: a regenerated fixture diffs case by case.
  const lines = (cases) => cases.map((c) => JSON.stringify(c)).join(',\n');
  writeFileSync(outFile, `${JSON.stringify(head).slice(0, -1)},\n"valid": [\n${lines(valid)}\n],\n"errors": [\n${lines(errors)}\n]}\n`);
  console.log(`${valid.length} valid and ${errors.length} invalid cases (${refused} of them random draws TF.js refused)`);
}

await main();
