// Truth for the Keras model fixtures from the same layers built in real TensorFlow.js
// (identical semantics: channels-last, TF 'same'/'valid', the same weights per layer).
// 1. python3 tools/golden/keras_record.py runs the Keras file unchanged with a recording
//    stand-in for keras (no TensorFlow can be installed here) -> layers, calls, models.
// 2. This script rebuilds every recorded layer with tf.layers.* and replays every call on
//    symbolic tfjs tensors; per model it records each layer call's name, class, output
//    shape and countParams().
// Usage: node tools/golden/keras_truth.mjs [file.py...] -> test/fixtures/keras/truth/NAME.json
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modelsDir = join(root, 'test', 'fixtures', 'keras', 'models');
const truthDir = join(root, 'test', 'fixtures', 'keras', 'truth');

const factories = {
  Conv1D: 'conv1d',
  Conv2D: 'conv2d',
  Conv3D: 'conv3d',
  Conv2DTranspose: 'conv2dTranspose',
  Conv3DTranspose: 'conv3dTranspose',
  DepthwiseConv2D: 'depthwiseConv2d',
  SeparableConv2D: 'separableConv2d',
  Dense: 'dense',
  Flatten: 'flatten',
  Reshape: 'reshape',
  Dropout: 'dropout',
  Activation: 'activation',
  ReLU: 'reLU',
  BatchNormalization: 'batchNormalization',
  LayerNormalization: 'layerNormalization',
  MaxPooling1D: 'maxPooling1d',
  MaxPooling2D: 'maxPooling2d',
  MaxPooling3D: 'maxPooling3d',
  AveragePooling1D: 'averagePooling1d',
  AveragePooling2D: 'averagePooling2d',
  AveragePooling3D: 'averagePooling3d',
  GlobalAveragePooling1D: 'globalAveragePooling1d',
  GlobalAveragePooling2D: 'globalAveragePooling2d',
  GlobalMaxPooling1D: 'globalMaxPooling1d',
  GlobalMaxPooling2D: 'globalMaxPooling2d',
  UpSampling2D: 'upSampling2d',
  ZeroPadding2D: 'zeroPadding2d',
  Cropping2D: 'cropping2D',
  Add: 'add',
  Concatenate: 'concatenate',
};
// Arguments that do not change shapes or parameter counts, or that tfjs spells differently.
const dropped = new Set(['activation', 'kernel_initializer', 'bias_initializer', 'input_shape', 'interpolation', 'momentum', 'epsilon']);
const noTfjsEquivalent = new Set(['output_padding', 'keepdims', 'groups']);

const camel = (key) => key.replace(/_([a-z])/g, (_m, c) => c.toUpperCase());

/** A Keras config (snake_case, Python values) as a tfjs config. */
function tfjsConfig(className, config) {
  const out = {};
  for (const [key, value] of Object.entries(config)) {
    if (dropped.has(key) || value === null) continue;
    if (noTfjsEquivalent.has(key) && !(key === 'groups' && value === 1) && !(key === 'keepdims' && value === false)) {
      throw new Error(`${className}(${key}=${JSON.stringify(value)}) has no TF.js equivalent`);
    }
    if (noTfjsEquivalent.has(key)) continue;
    let v = value;
    if (key === 'data_format') v = value === 'channels_first' ? 'channelsFirst' : 'channelsLast';
    if (key === 'padding' && typeof value === 'string') v = value.toLowerCase();
    if (className === 'UpSampling2D' && key === 'size' && typeof value === 'number') v = [value, value];
    if (className === 'ZeroPadding2D' && key === 'padding' && Array.isArray(value) && value.every((p) => typeof p === 'number')) v = value;
    out[camel(key)] = v;
  }
  return out;
}

function replay(recording) {
  const layers = recording.layers.map((l) => {
    const factory = factories[l.className];
    if (!factory) throw new Error(`no tf.layers factory for ${l.className}`);
    return tf.layers[factory](tfjsConfig(l.className, l.config));
  });
  const tensors = new Map();
  for (const t of recording.tensors) if (t.shape) tensors.set(t.id, tf.input({ batchShape: t.shape }));
  const outputs = new Map();
  for (const call of recording.calls) {
    const inputs = call.inputs.map((id) => tensors.get(id));
    const y = layers[call.layer].apply(inputs.length === 1 ? inputs[0] : inputs);
    tensors.set(call.output, y);
    outputs.set(call.id, { shape: y.shape.slice(1), params: layers[call.layer].countParams() });
  }
  const producer = new Map(recording.calls.map((c) => [c.output, c]));
  const ancestry = (ids) => {
    const found = new Set();
    const stack = [...ids];
    while (stack.length) {
      const call = producer.get(stack.pop());
      if (!call || found.has(call.id)) continue;
      found.add(call.id);
      stack.push(...call.inputs);
    }
    return found;
  };
  return recording.models.map((model) => {
    const upstream = ancestry(model.inputs);
    const calls = [...ancestry(model.outputs)].filter((id) => !upstream.has(id)).sort((a, b) => a - b);
    return {
      name: model.name,
      layers: calls.map((id) => {
        const call = recording.calls[id];
        const layer = recording.layers[call.layer];
        return { call: id, name: layer.name, className: layer.className, outputShape: outputs.get(id).shape, params: outputs.get(id).params };
      }),
    };
  });
}

await tf.setBackend('cpu');
mkdirSync(truthDir, { recursive: true });
const args = process.argv.slice(2);
const files =
  args.length > 0
    ? args.map((a) => resolve(a))
    : readdirSync(modelsDir)
        .filter((f) => f.endsWith('.py'))
        .sort()
        .map((f) => join(modelsDir, f));
for (const file of files) {
  const recording = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'tools', 'golden', 'keras_record.py'), file], { encoding: 'utf8' }));
  const models = replay(recording);
  const out = join(truthDir, basename(file).replace(/\.py$/, '.json'));
  writeFileSync(out, JSON.stringify({ generator: 'tools/golden/keras_truth.mjs', tfjs: tf.version.tfjs, file: basename(file), models, recording }, null, 1) + '\n');
  console.log(`${basename(file)}: ${models.map((m) => `${m.name} (${m.layers.length} layers)`).join(', ')}`);
}
