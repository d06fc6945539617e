// Real TF.js feature-map truth for the channels-last graph runner: builds each model of
// test/fixtures/graphs/tfjs/ with the real @tensorflow/tfjs (cpu backend), gives it seeded
// weights (BatchNormalization statistics away from 0 / 1), runs it on a seeded input and
// records every layer's output. Writes, beside the model file:
//   <name>.weights.safetensors      each weight as `<layer name>.<weight name>` (conv2d_Conv2D1.kernel)
//   <name>.activations.safetensors  `input`, then each layer's output under its layer name
// Each model runs in a fresh process so that tfjs's auto names start at 1, as the analysis sees them.
// Usage: node tools/golden/tfjs_graph_truth.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const fixtures = join(dirname(here), '..', '..', 'test', 'fixtures', 'graphs', 'tfjs');
const require = createRequire(import.meta.url);

/** mulberry32, seeded: the same weights on every run. */
function uniform(seed) {
  let state = seed >>> 0;
  return (low, high) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return low + (((t ^ (t >>> 14)) >>> 0) / 4294967296) * (high - low);
  };
}

/** float32 tensors as a `.safetensors` file (header padded to 8 bytes). */
function writeSafetensors(path, tensors) {
  const header = {};
  let offset = 0;
  for (const [name, { shape, data }] of tensors) {
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.length * 4] };
    offset += data.length * 4;
  }
  let text = JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  const out = Buffer.alloc(8 + text.length + offset);
  out.writeBigUInt64LE(BigInt(text.length), 0);
  out.write(text, 8, 'latin1');
  let at = 8 + text.length;
  for (const [, { data }] of tensors) {
    Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, at);
    at += data.byteLength;
  }
  writeFileSync(path, out);
}

async function record(name) {
  const tf = require('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const { model } = require(join(fixtures, `${name}.js`));
  const random = uniform(1);
  const weights = new Map();
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const short = w.originalName.split('/').pop();
      const shape = w.shape;
      const size = shape.reduce((a, b) => a * b, 1);
      let bound = [-0.5, 0.5];
      if (short === 'moving_variance' || short === 'gamma') bound = [0.5, 1.5];
      else if (shape.length >= 2) {
        const field = shape.slice(0, -2).reduce((a, b) => a * b, 1);
        // The depthwise layer ends in relu6: large enough weights that the clip at 6 is reached.
        const scale = layer.getClassName() === 'DepthwiseConv2D' ? 20 : 1;
        const limit = scale * Math.sqrt(6 / (shape[shape.length - 2] * field + shape[shape.length - 1] * field));
        bound = [-limit, limit];
      }
      const data = Float32Array.from({ length: size }, () => random(bound[0], bound[1]));
      weights.set(`${layer.name}.${short}`, { shape, data });
      return tf.tensor(data, shape);
    });
    if (values.length > 0) layer.setWeights(values);
  }
  const inputShape = [1, ...model.inputs[0].shape.slice(1)];
  const input = Float32Array.from({ length: inputShape.reduce((a, b) => a * b, 1) }, () => random(-1, 1));
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((layer) => layer.output) });
  const outputs = probe.predict(tf.tensor(input, inputShape));
  const activations = new Map([['input', { shape: inputShape, data: input }]]);
  layers.forEach((layer, i) => activations.set(layer.name, { shape: outputs[i].shape, data: outputs[i].dataSync() }));
  writeSafetensors(join(fixtures, `${name}.weights.safetensors`), weights);
  writeSafetensors(join(fixtures, `${name}.activations.safetensors`), activations);
  console.log(`${name}: ${layers.length} layer outputs, ${weights.size} weight tensors (tfjs ${tf.version.tfjs}, ${tf.getBackend()} backend)`);
}

const name = process.argv[2];
if (name) await record(name);
else for (const model of ['cnn']) execFileSync(process.execPath, [here, model], { stdio: 'inherit' });
