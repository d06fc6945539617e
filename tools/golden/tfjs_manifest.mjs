// The manifest of `tf.layers` factories in scope, read from the installed @tensorflow/tfjs.
// In scope: every function on `tf.layers` that builds a layer (aliases included, such as
// maxPool2d next to maxPooling2d), each with the class name `getClassName()` reports for it.
// Left out: the entries of EXCLUDED, which are not layer factories, with the reason.
// Writes test/fixtures/tfjs/manifest.json, which test/unit/tf/tfjsManifest.test.ts compares
// with the front end's rule table, so that a new TF.js version shows what has no rule yet.
// Usage: node tools/golden/tfjs_manifest.mjs  (part of `npm run golden:tfjscatalogue`)
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outFile = join(root, 'test', 'fixtures', 'tfjs', 'manifest.json');

const EXCLUDED = {
  Layer: 'the base class for user layers (extended with `class X extends tf.layers.Layer`), not a factory',
  RNN: 'the RNN class itself, exported for subclassing; the factory is `rnn`',
  RNNCell: 'the abstract base class of the recurrent cells, not a factory',
  input: 'returns a SymbolicTensor (the model input), not a layer; `inputLayer` is the layer factory',
};

// Enough config for every factory to construct: each reads only the keys it knows.
const cell = () => tf.layers.simpleRNNCell({ units: 2 });
const configFor = {
  rnn: () => ({ cell: cell() }),
  bidirectional: () => ({ layer: tf.layers.simpleRNN({ units: 2 }) }),
  timeDistributed: () => ({ layer: tf.layers.dense({ units: 2 }) }),
  stackedRNNCells: () => ({ cells: [cell(), cell()] }),
  cropping2D: () => ({ cropping: 1 }),
  inputLayer: () => ({ inputShape: [2] }),
};
const generic = { units: 2, filters: 2, kernelSize: 1, rate: 0.1, targetShape: [1], dims: [1], n: 1, activation: 'relu', stddev: 0.1 };
Object.assign(generic, { inputDim: 3, outputDim: 2, axes: 1, scale: 1, height: 2, width: 2, numTokens: 3, factor: 0.1 });

async function main() {
  await tf.setBackend('cpu');
  const factories = {};
  for (const name of Object.keys(tf.layers).sort()) {
    if (name in EXCLUDED) continue;
    if (typeof tf.layers[name] !== 'function') throw new Error(`tf.layers.${name} is not a function: add it to EXCLUDED with a reason`);
    const layer = tf.layers[name]((configFor[name] ?? (() => generic))());
    factories[name] = layer.getClassName();
  }
  for (const name of Object.keys(EXCLUDED)) if (!(name in tf.layers)) throw new Error(`EXCLUDED lists ${name}, which tf.layers does not have`);
  const payload = { tfjs: tf.version.tfjs, generator: 'tools/golden/tfjs_manifest.mjs', factories, excluded: EXCLUDED };
  writeFileSync(outFile, JSON.stringify(payload, null, 1) + '\n');
  console.log(`${Object.keys(factories).length} tf.layers factories in scope`);
}

await main();
