// Generates random TF.js layer cases with truth from the real @tensorflow/tfjs (cpu backend):
// each layer is applied to a symbolic input (computeOutputShape, what model.summary() shows)
// and to a concrete zero tensor of batch 1 (what actually runs), and its countParams() recorded.
// Usage: node tools/golden/tfjs_cases.mjs  -> test/fixtures/tfjs/layerCases.json
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outFile = join(root, 'test', 'fixtures', 'tfjs', 'layerCases.json');
const CASE_COUNT = Number(process.env.CASES ?? 600);

// Deterministic PRNG (mulberry32) so the fixture is reproducible.
let seed = 20261129;
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (items) => items[Math.floor(random() * items.length)];
const maybe = (p) => random() < p;
const tupleOrInt = (n, lo, hi) => (n === 1 || maybe(0.5) ? int(lo, hi) : Array.from({ length: n }, () => int(lo, hi)));
const channelsFirst = () => (maybe(0.2) ? { dataFormat: 'channelsFirst' } : {});
const spatial = (n, lo, hi) => Array.from({ length: n }, () => int(lo, hi));

function withChannels(config, dims, channels) {
  return config.dataFormat === 'channelsFirst' ? [channels, ...dims] : [...dims, channels];
}

/** Random conv-like config; strides and dilations mostly exclusive, sometimes both (an error). */
function stridesAndDilation(n) {
  const roll = random();
  if (roll < 0.45) return { strides: tupleOrInt(n, 1, 3) };
  if (roll < 0.8) return { dilationRate: tupleOrInt(n, 1, 3) };
  if (roll < 0.86) return { strides: 2, dilationRate: 2 };
  return {};
}

const generators = {
  conv1d: () => {
    const config = { filters: int(1, 8), kernelSize: int(1, 5), padding: pick(['valid', 'same', 'causal']), useBias: maybe(0.8), ...stridesAndDilation(1) };
    return { config, input: [int(6, 20), int(1, 5)] };
  },
  conv2d: () => {
    const config = { filters: int(1, 8), kernelSize: tupleOrInt(2, 1, 5), padding: pick(['valid', 'same']), useBias: maybe(0.8), ...stridesAndDilation(2), ...channelsFirst() };
    return { config, input: withChannels(config, spatial(2, 5, 16), int(1, 5)) };
  },
  conv3d: () => {
    const config = { filters: int(1, 4), kernelSize: tupleOrInt(3, 1, 3), padding: pick(['valid', 'same']), useBias: maybe(0.8), ...stridesAndDilation(3) };
    return { config, input: withChannels(config, spatial(3, 4, 8), int(1, 3)) };
  },
  conv2dTranspose: () => {
    const config = { filters: int(1, 8), kernelSize: tupleOrInt(2, 1, 5), strides: tupleOrInt(2, 1, 3), padding: pick(['valid', 'same']), useBias: maybe(0.8), ...channelsFirst() };
    return { config, input: withChannels(config, spatial(2, 2, 8), int(1, 5)) };
  },
  conv3dTranspose: () => {
    const config = { filters: int(1, 4), kernelSize: tupleOrInt(3, 1, 3), strides: tupleOrInt(3, 1, 2), padding: pick(['valid', 'same']), useBias: maybe(0.8) };
    return { config, input: withChannels(config, spatial(3, 2, 4), int(1, 3)) };
  },
  depthwiseConv2d: () => {
    const config = {
      kernelSize: tupleOrInt(2, 1, 5),
      depthMultiplier: int(1, 3),
      padding: pick(['valid', 'same']),
      strides: tupleOrInt(2, 1, 3),
      useBias: maybe(0.8),
      ...channelsFirst(),
    };
    return { config, input: withChannels(config, spatial(2, 5, 14), int(1, 6)) };
  },
  separableConv2d: () => {
    const config = {
      filters: int(1, 8),
      kernelSize: tupleOrInt(2, 1, 5),
      depthMultiplier: int(1, 3),
      padding: pick(['valid', 'same']),
      useBias: maybe(0.8),
      ...stridesAndDilation(2),
    };
    return { config, input: withChannels(config, spatial(2, 5, 14), int(1, 6)) };
  },
  dense: () => ({ config: { units: int(1, 32), useBias: maybe(0.8) }, input: maybe(0.7) ? [int(1, 64)] : [int(1, 6), int(1, 16)] }),
  maxPooling1d: () => ({ config: { poolSize: int(1, 4), ...(maybe(0.5) ? { strides: int(1, 3) } : {}), padding: pick(['valid', 'same']) }, input: [int(4, 20), int(1, 4)] }),
  averagePooling1d: () => ({ config: { poolSize: int(1, 4), ...(maybe(0.5) ? { strides: int(1, 3) } : {}), padding: pick(['valid', 'same']) }, input: [int(4, 20), int(1, 4)] }),
  maxPooling2d: () => {
    const config = { poolSize: tupleOrInt(2, 1, 4), ...(maybe(0.5) ? { strides: tupleOrInt(2, 1, 3) } : {}), padding: pick(['valid', 'same']), ...channelsFirst() };
    return { config, input: withChannels(config, spatial(2, 4, 16), int(1, 4)) };
  },
  averagePooling2d: () => {
    const config = { poolSize: tupleOrInt(2, 1, 4), ...(maybe(0.5) ? { strides: tupleOrInt(2, 1, 3) } : {}), padding: pick(['valid', 'same']) };
    return { config, input: withChannels(config, spatial(2, 4, 16), int(1, 4)) };
  },
  maxPooling3d: () => ({
    config: { poolSize: tupleOrInt(3, 1, 3), ...(maybe(0.5) ? { strides: tupleOrInt(3, 1, 2) } : {}), padding: pick(['valid', 'same']) },
    input: [...spatial(3, 3, 8), int(1, 3)],
  }),
  averagePooling3d: () => ({
    config: { poolSize: tupleOrInt(3, 1, 3), ...(maybe(0.5) ? { strides: tupleOrInt(3, 1, 2) } : {}), padding: pick(['valid', 'same']) },
    input: [...spatial(3, 3, 8), int(1, 3)],
  }),
  globalAveragePooling1d: () => ({ config: {}, input: [int(2, 10), int(1, 8)] }),
  globalMaxPooling1d: () => ({ config: {}, input: [int(2, 10), int(1, 8)] }),
  globalAveragePooling2d: () => {
    const config = { ...channelsFirst() };
    return { config, input: withChannels(config, spatial(2, 2, 9), int(1, 8)) };
  },
  globalMaxPooling2d: () => {
    const config = { ...channelsFirst() };
    return { config, input: withChannels(config, spatial(2, 2, 9), int(1, 8)) };
  },
  batchNormalization: () => {
    const rank = int(1, 3);
    const config = { ...(maybe(0.3) ? { axis: rank === 1 ? -1 : 1 } : {}), ...(maybe(0.2) ? { center: false } : {}), ...(maybe(0.2) ? { scale: false } : {}) };
    return { config, input: spatial(rank, 1, 8) };
  },
  layerNormalization: () => ({ config: { ...(maybe(0.2) ? { center: false } : {}), ...(maybe(0.2) ? { scale: false } : {}) }, input: spatial(int(1, 3), 1, 8) }),
  flatten: () => ({ config: {}, input: spatial(int(2, 4), 1, 6) }),
  reshape: () => {
    const a = int(1, 6);
    const b = int(1, 6);
    const c = int(1, 4);
    const targets = [[a * b * c], [a * b, c], [c, a * b], [-1, c], [a, -1], [a * b * c + (maybe(0.5) ? 1 : 0)]];
    return { config: { targetShape: pick(targets) }, input: [a, b, c] };
  },
  dropout: () => ({ config: { rate: pick([0.1, 0.25, 0.5]) }, input: spatial(int(1, 3), 1, 8) }),
  activation: () => ({ config: { activation: pick(['relu', 'sigmoid', 'tanh', 'softmax']) }, input: spatial(int(1, 3), 1, 8) }),
  reLU: () => ({ config: {}, input: spatial(int(1, 3), 1, 8) }),
  prelu: () => {
    const input = spatial(int(1, 3), 1, 6);
    return { config: maybe(0.5) ? {} : { sharedAxes: int(1, input.length) }, input };
  },
  permute: () => {
    const input = spatial(3, 1, 6);
    return {
      config: {
        dims: pick([
          [2, 1, 3],
          [3, 2, 1],
          [1, 3, 2],
        ]),
      },
      input,
    };
  },
  repeatVector: () => ({ config: { n: int(1, 5) }, input: [int(1, 8)] }),
  gaussianNoise: () => ({ config: { stddev: 0.1 }, input: spatial(int(1, 3), 1, 6) }),
  spatialDropout1d: () => ({ config: { rate: 0.2 }, input: spatial(2, 1, 6) }),
  upSampling2d: () => {
    const config = {
      size: pick([
        [2, 2],
        [3, 3],
        [1, 2],
        [2, 3],
      ]),
      ...channelsFirst(),
    };
    return { config, input: withChannels(config, spatial(2, 1, 8), int(1, 4)) };
  },
  zeroPadding2d: () => {
    const config = {
      padding: pick([
        int(0, 3),
        [int(0, 3), int(0, 3)],
        [
          [int(0, 2), int(0, 2)],
          [int(0, 2), int(0, 2)],
        ],
      ]),
      ...channelsFirst(),
    };
    return { config, input: withChannels(config, spatial(2, 1, 8), int(1, 4)) };
  },
  cropping2D: () => {
    const config = {
      cropping: pick([
        int(0, 2),
        [int(0, 2), int(0, 2)],
        [
          [int(0, 2), int(0, 2)],
          [int(0, 2), int(0, 2)],
        ],
      ]),
    };
    return { config, input: [...spatial(2, 5, 10), int(1, 4)] };
  },
  add: () => {
    const s = [...spatial(2, 1, 6), int(1, 4)];
    return { config: {}, inputs: maybe(0.85) ? [s, s] : [s, [s[0], s[1], s[2] + 1]] };
  },
  concatenate: () => {
    const s = [...spatial(2, 1, 6), int(1, 4)];
    const axis = pick([undefined, -1, 1, 3]);
    const other = [...s];
    other[(axis === undefined || axis === -1 ? 3 : axis) - 1] += int(0, 3);
    if (maybe(0.15)) other[0] += 1; // mismatch on a non-concat axis in some cases
    return { config: axis === undefined ? {} : { axis }, inputs: [s, other] };
  },
};

/** Hand-picked edge cases: wrong rank, too-large kernels, a shared layer called on other channels. */
const fixedCases = [
  { factory: 'conv2d', config: { filters: 2, kernelSize: 5 }, inputs: [[3, 3, 1]] },
  { factory: 'conv2d', config: { filters: 2, kernelSize: 4 }, inputs: [[3, 3, 1]] },
  { factory: 'conv1d', config: { filters: 2, kernelSize: 5 }, inputs: [[3, 1]] },
  { factory: 'maxPooling2d', config: { poolSize: 5 }, inputs: [[3, 3, 1]] },
  { factory: 'maxPooling2d', config: { poolSize: 7, strides: 1 }, inputs: [[3, 9, 2]] },
  { factory: 'averagePooling1d', config: { poolSize: 7, strides: 1 }, inputs: [[3, 2]] },
  { factory: 'maxPooling3d', config: { poolSize: [7, 1, 1], strides: 1 }, inputs: [[3, 4, 4, 2]] },
  { factory: 'depthwiseConv2d', config: { kernelSize: 5 }, inputs: [[3, 9, 2]] },
  { factory: 'separableConv2d', config: { filters: 4, kernelSize: 5, depthMultiplier: 2 }, inputs: [[3, 9, 2]] },
  { factory: 'conv3d', config: { filters: 2, kernelSize: [5, 1, 1] }, inputs: [[3, 4, 4, 2]] },
  { factory: 'flatten', config: {}, inputs: [[3]] },
  { factory: 'conv2d', config: { filters: 2, kernelSize: 1 }, inputs: [[5, 3]] },
  { factory: 'maxPooling2d', config: {}, inputs: [[5, 3]] },
  { factory: 'dense', config: { units: 2 }, sharedFirst: [3], inputs: [[4]] },
  { factory: 'conv2d', config: { filters: 2, kernelSize: 1 }, sharedFirst: [5, 5, 3], inputs: [[5, 5, 4]] },
  { factory: 'conv2d', config: { filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 }, inputs: [[9, 9, 3]] },
  { factory: 'conv2d', config: { filters: 2, kernelSize: 3, padding: 'full' }, inputs: [[9, 9, 3]] },
  { factory: 'conv2d', config: { kernelSize: 3 }, inputs: [[9, 9, 3]] },
  { factory: 'conv2d', config: { filters: 3 }, inputs: [[9, 9, 3]] },
  { factory: 'dense', config: {}, inputs: [[5]] },
  { factory: 'dropout', config: {}, inputs: [[5]] },
  { factory: 'reshape', config: {}, inputs: [[5]] },
  { factory: 'depthwiseConv2d', config: { kernelSize: 3, dilationRate: 2 }, inputs: [[9, 9, 3]] },
  { factory: 'conv2dTranspose', config: { filters: 4, kernelSize: 3, strides: 2, dilationRate: 2, padding: 'same' }, inputs: [[5, 5, 3]] },
];

function errorText(e) {
  return e instanceof Error ? e.message : String(e);
}

async function main() {
  await tf.setBackend('cpu');
  // The convolution family has the most rules: it gets three turns per round.
  const convs = ['conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'conv3dTranspose', 'depthwiseConv2d', 'separableConv2d', 'maxPooling2d', 'averagePooling2d'];
  const factories = [...Object.keys(generators), ...convs, ...convs];
  const cases = [];
  for (let i = 0; i < CASE_COUNT + fixedCases.length; i++) {
    const fixed = i >= CASE_COUNT ? fixedCases[i - CASE_COUNT] : undefined;
    const factory = fixed ? fixed.factory : factories[i % factories.length];
    const { config, input, inputs, sharedFirst } = fixed ?? generators[factory]();
    const inputShapes = inputs ?? [input];
    // tfjs rewrites some config arrays in place (Reshape turns -1 into null): record a copy.
    const record = { id: i, factory, config: JSON.parse(JSON.stringify(config)), inputs: inputShapes, ...(sharedFirst ? { sharedFirst } : {}) };
    let layer;
    try {
      layer = tf.layers[factory](JSON.parse(JSON.stringify(config)));
      record.className = layer.getClassName();
    } catch (e) {
      record.constructError = errorText(e);
      cases.push(record);
      continue;
    }
    try {
      if (sharedFirst) layer.apply(tf.input({ shape: sharedFirst }));
      const symbolic = inputShapes.map((s) => tf.input({ shape: s }));
      const out = layer.apply(symbolic.length === 1 ? symbolic[0] : symbolic);
      record.symbolicOutput = out.shape.slice(1);
      record.params = layer.countParams();
      record.trainableParams = layer.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
      record.weights = layer.weights.map((w) => ({ name: w.originalName ?? w.name, shape: w.shape, trainable: w.trainable }));
    } catch (e) {
      record.symbolicError = errorText(e);
    }
    try {
      const concrete = inputShapes.map((s) => tf.zeros([1, ...s]));
      const fresh = tf.layers[factory](JSON.parse(JSON.stringify(config)));
      if (sharedFirst) fresh.apply(tf.zeros([1, ...sharedFirst]));
      const y = fresh.apply(concrete.length === 1 ? concrete[0] : concrete);
      record.concreteOutput = y.shape.slice(1);
      tf.dispose([...concrete, y]);
    } catch (e) {
      record.concreteError = errorText(e);
    }
    cases.push(record);
  }
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify({ generator: 'tools/golden/tfjs_cases.mjs', tfjs: tf.version.tfjs, backend: tf.getBackend(), cases }, null, 1) + '\n');
  console.log(`wrote ${cases.length} cases to ${outFile}`);
}

await main();
