// Golden fixtures for the op kernels from real TF.js (cpu backend): the tensor operations a
// TF.js or Keras model writes on NHWC tensors (tf.concat on the last axis, tf.mean over the
// spatial axes, tf.mirrorPad, tf.stridedSlice, ...), each with the arguments the graph
// builder resolves it to (the op kinds of src/engine/graph/opKinds.ts, dims non-negative,
// paddings in F.pad's order) and TF.js's outputs. Same format as torch_op_kernels.py.
// Usage: node tools/golden/tfjs_op_kernels.mjs -> test/fixtures/tfjs/opKernels.{json,bin}
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

await tf.setBackend('cpu');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'test', 'fixtures', 'tfjs');

// Deterministic PRNG (mulberry32) so the fixture is reproducible.
let seed = 20261203;
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const size = (shape) => shape.reduce((a, b) => a * b, 1);
const uniform = (shape, lo = -2, hi = 2) =>
  tf.tensor(
    Float32Array.from({ length: size(shape) }, () => lo + random() * (hi - lo)),
    shape,
  );
const positive = (shape) => uniform(shape, 0.1, 2.1);

const chunks = [];
let offset = 0;
function put(tensor) {
  const data = Float32Array.from(tensor.dataSync());
  chunks.push(Buffer.from(data.buffer));
  const stored = { shape: tensor.shape, offset };
  offset += data.length;
  return stored;
}

const cases = [];
function add(name, kind, args, inputs, run) {
  const out = run(...inputs);
  const outs = Array.isArray(out) ? out : [out];
  cases.push({ name, kind, args, layout: 'channels-last', inputs: inputs.map(put), outputs: outs.map(put) });
}

/** tf.pad's per-axis [before, after] pairs in F.pad's order (last axis first). */
const padOrder = (paddings) => [...paddings].reverse().flat();

// Elementwise, broadcasting on NHWC maps.
add('tf.add channel vector', 'add', {}, [uniform([1, 4, 5, 3]), uniform([3])], tf.add);
add('tf.add scalar', 'add', { other: 2, reversed: false, alpha: 1 }, [uniform([1, 3, 3, 2])], (x) => tf.add(x, 2));
add('tf.sub scalar first', 'sub', { other: 1, reversed: true, alpha: 1 }, [uniform([1, 3, 3, 2])], (x) => tf.sub(1, x));
add('tf.sub broadcast', 'sub', {}, [uniform([2, 3, 4]), uniform([3, 1])], tf.sub);
add('tf.mul squeeze-excitation (NHWC)', 'mul', {}, [uniform([2, 4, 4, 6]), uniform([2, 1, 1, 6])], tf.mul);
add('tf.div', 'div', {}, [uniform([1, 3, 3, 4]), positive([4])], tf.div);
add('tf.floorDiv', 'div', { rounding_mode: 'floor' }, [uniform([3, 5], -20, 20), uniform([5], 1.3, 3.7)], tf.floorDiv);
add('tf.pow', 'pow', {}, [positive([2, 3, 4]), uniform([4])], tf.pow);
add('tf.square as pow', 'pow', { other: 2, reversed: false }, [uniform([2, 3])], (x) => tf.pow(x, 2));
add('tf.maximum', 'maximum', {}, [uniform([1, 4, 4, 3]), uniform([1, 1, 4, 3])], tf.maximum);
add('tf.minimum', 'minimum', {}, [uniform([1, 4, 4, 3]), uniform([3])], tf.minimum);
add('tf.matMul batched', 'matmul', {}, [uniform([2, 3, 4]), uniform([2, 4, 5])], (a, b) => tf.matMul(a, b));
add('tf.matMul 2-D', 'matmul', {}, [uniform([5, 3]), uniform([3, 6])], (a, b) => tf.matMul(a, b));

// Unary.
add('tf.neg', 'neg', {}, [uniform([1, 3, 3, 2])], tf.neg);
add('tf.abs', 'abs', {}, [uniform([1, 3, 3, 2])], tf.abs);
add('tf.exp', 'exp', {}, [uniform([1, 3, 3, 2])], tf.exp);
add('tf.log', 'log', {}, [positive([1, 3, 3, 2])], tf.log);
add('tf.sqrt', 'sqrt', {}, [positive([1, 3, 3, 2])], tf.sqrt);
add('tf.rsqrt', 'rsqrt', {}, [positive([1, 3, 3, 2])], tf.rsqrt);
add('tf.clipByValue', 'clamp', { min: -0.5, max: 0.75 }, [uniform([1, 3, 3, 2])], (x) => tf.clipByValue(x, -0.5, 0.75));

// Reshapes and layout moves.
add('tf.reshape to tokens', 'reshape', {}, [uniform([1, 3, 4, 5])], (x) => tf.reshape(x, [1, 12, 5]));
add('tf.expandDims', 'reshape', {}, [uniform([2, 3, 4])], (x) => tf.expandDims(x, 1));
add('tf.squeeze', 'reshape', {}, [uniform([1, 1, 1, 6])], (x) => tf.squeeze(x, [1, 2]));
add('tf.transpose NHWC to NCHW', 'permute', { dims: [0, 3, 1, 2] }, [uniform([1, 3, 4, 5])], (x) => tf.transpose(x, [0, 3, 1, 2]));
add('tf.transpose default (reversed axes)', 'permute', { dims: [2, 1, 0] }, [uniform([2, 3, 4])], (x) => tf.transpose(x));
add('tf.broadcastTo', 'expand', {}, [uniform([1, 1, 1, 4])], (x) => tf.broadcastTo(x, [1, 3, 5, 4]));
add('tf.tile', 'repeat', { repeats: [1, 2, 3, 1] }, [uniform([1, 2, 2, 3])], (x) => tf.tile(x, [1, 2, 3, 1]));

// Joins and splits on the channel (last) axis.
add('tf.concat last axis', 'cat', { dim: 3 }, [uniform([1, 3, 3, 2]), uniform([1, 3, 3, 5]), uniform([1, 3, 3, 1])], (...t) => tf.concat(t, -1));
add('tf.concat spatial axis', 'cat', { dim: 1 }, [uniform([1, 2, 3, 2]), uniform([1, 4, 3, 2])], (...t) => tf.concat(t, 1));
add('tf.stack last axis', 'stack', { dim: 3 }, [uniform([2, 3, 4]), uniform([2, 3, 4])], (...t) => tf.stack(t, 3));
add('tf.split sizes on channels', 'split', { dim: 3, sizes: [2, 3, 3] }, [uniform([1, 2, 2, 8])], (x) => tf.split(x, [2, 3, 3], -1));
add('tf.split in halves', 'split', { dim: 3, sizes: [4, 4] }, [uniform([1, 2, 2, 8])], (x) => tf.split(x, 2, 3));
add('tf.unstack channels', 'unbind', { dim: 3 }, [uniform([1, 2, 3, 3])], (x) => tf.unstack(x, 3));

// Slicing.
add(
  'tf.slice crop',
  'getitem',
  {
    index: [
      [0, 1, 1],
      [1, 4, 1],
      [2, 5, 1],
      [0, 3, 1],
    ],
  },
  [uniform([1, 6, 6, 3])],
  (x) => tf.slice(x, [0, 1, 2, 0], [1, 3, 3, 3]),
);
add(
  'tf.stridedSlice with strides',
  'getitem',
  {
    index: [
      [0, 1, 1],
      [0, 7, 2],
      [1, 7, 3],
      [1, 4, 1],
    ],
  },
  [uniform([1, 7, 7, 4])],
  (x) => tf.stridedSlice(x, [0, 0, 1, 1], [1, 7, 7, 4], [1, 2, 3, 1]),
);
add('tf.stridedSlice shrink axis (a pick)', 'getitem', { index: [[0, 2, 1], 2] }, [uniform([2, 5, 3])], (x) => tf.stridedSlice(x, [0, 2], [2, 3], [1, 1], 0, 0, 0, 0, 2));

// Padding.
for (const [name, shape, paddings, mode] of [
  [
    'tf.pad constant spatial',
    [1, 3, 4, 2],
    [
      [0, 0],
      [1, 2],
      [2, 1],
      [0, 0],
    ],
    'constant',
  ],
  [
    'tf.mirrorPad reflect',
    [1, 4, 5, 2],
    [
      [0, 0],
      [2, 1],
      [1, 3],
      [0, 0],
    ],
    'reflect',
  ],
  [
    'tf.mirrorPad symmetric',
    [1, 4, 5, 2],
    [
      [0, 0],
      [2, 4],
      [3, 1],
      [0, 0],
    ],
    'symmetric',
  ],
]) {
  const args = { pad: padOrder(paddings), mode, value: mode === 'constant' ? 0.5 : 0 };
  add(name, 'pad', args, [uniform(shape)], (x) => (mode === 'constant' ? tf.pad(x, paddings, 0.5) : tf.mirrorPad(x, paddings, mode)));
}

// Reductions over the spatial axes of NHWC maps.
for (const [kind, name, fn] of [
  ['mean', 'mean', tf.mean],
  ['sum', 'sum', tf.sum],
  ['amax', 'max', tf.max],
  ['amin', 'min', tf.min],
]) {
  add(`tf.${name} spatial`, kind, { dim: [1, 2], keepdim: false }, [uniform([2, 4, 5, 3])], (x) => fn(x, [1, 2]));
  add(`tf.${name} spatial keepDims`, kind, { dim: [1, 2], keepdim: true }, [uniform([1, 4, 5, 3])], (x) => fn(x, [1, 2], true));
  add(`tf.${name} all axes`, kind, { dim: null, keepdim: false }, [uniform([2, 3, 4])], (x) => fn(x));
}

add('tf.clone', 'identity', {}, [uniform([1, 2, 2, 3])], tf.clone);

mkdirSync(outDir, { recursive: true });
const header = JSON.stringify({ generator: 'tools/golden/tfjs_op_kernels.mjs', tfjs: tf.version.tfjs });
writeFileSync(join(outDir, 'opKernels.json'), `${header.slice(0, -1)},"cases":[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`);
writeFileSync(join(outDir, 'opKernels.bin'), Buffer.concat(chunks));
console.log(`${cases.length} TF.js op cases, ${offset * 4} bytes of tensors`);
