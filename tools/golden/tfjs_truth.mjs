// Truth for the TF.js model fixtures, from the real @tensorflow/tfjs (cpu backend).
// Each file in test/fixtures/tfjs/models/ is a plain TS/JS module that builds its model(s)
// either at top level (exporting them) or in an exported function nobody calls (`build`,
// `createModel`, ...), which this script calls (passing `tf` when its first parameter is `tf`).
// The file is transpiled with esbuild and run unchanged; every model it yields is recorded:
// per layer the name, class, output shape (batch dropped) and countParams().
// Each file runs in a fresh process so that tfjs's auto names (conv2d_Conv2D1, ...) start at 1.
// Files in test/fixtures/tfjs/errorModels/ are expected to fail: the error tfjs throws while
// building, or else when the model runs once on zeros (model.predict), is recorded as `error`.
// Usage: node tools/golden/tfjs_truth.mjs [file...]  -> test/fixtures/tfjs/truth/NAME.json
//                                                      (errorModels/NAME -> truth/errors/NAME.json)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describeModel, isModel } from './tfjs_describe.mjs';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..', '..');
const modelsDir = join(root, 'test', 'fixtures', 'tfjs', 'models');
const truthDir = join(root, 'test', 'fixtures', 'tfjs', 'truth');
const errorModelsDir = join(root, 'test', 'fixtures', 'tfjs', 'errorModels');
const require = createRequire(import.meta.url);

/** Loads a fixture and runs it as its own code would be run: top level, then its exported builders. */
function buildModels(tf, file) {
  const esbuild = require('esbuild');
  const source = readFileSync(file, 'utf8');
  const { code } = esbuild.transformSync(source, { loader: file.endsWith('.ts') ? 'ts' : 'js', format: 'cjs', target: 'node20' });
  const module = { exports: {} };
  const fakeRequire = (name) => {
    if (/^@tensorflow\/tfjs(-node(-gpu)?|-layers)?$/.test(name)) return tf;
    throw new Error(`fixture requires ${name}; only @tensorflow/tfjs is available`);
  };
  const models = [];
  const seen = new Set();
  const collect = (value) => {
    if (isModel(value) && !seen.has(value)) {
      seen.add(value);
      models.push(value);
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object' && !isModel(value) && Object.getPrototypeOf(value) === Object.prototype) Object.values(value).forEach(collect);
  };
  try {
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    // Top-level models first, then exported entry functions in source order (as the front end does).
    const exported = Object.entries(module.exports);
    for (const [, value] of exported) if (typeof value !== 'function') collect(value);
    const functions = exported.filter(([, v]) => typeof v === 'function').sort(([a], [b]) => source.indexOf(a) - source.indexOf(b));
    for (const [, fn] of functions) {
      const firstParam = /^[^(]*\(\s*([A-Za-z_$][\w$]*)/.exec(fn.toString())?.[1];
      collect(fn(...(firstParam === 'tf' ? [tf] : [])));
    }
  } catch (e) {
    return { models, error: e instanceof Error ? e.message : String(e) };
  }
  return { models };
}

/** Runs one fixture in this process and prints its truth as JSON. */
async function runOne(file) {
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const expectError = file.startsWith(errorModelsDir);
  const { models, error: buildError } = buildModels(tf, file);
  let error = buildError;
  if (error !== undefined && !expectError) throw new Error(`${basename(file)}: ${error}`);
  if (error === undefined && expectError) {
    try {
      for (const model of models) {
        const inputs = model.inputs.map((t) => tf.zeros([1, ...t.shape.slice(1)]));
        model.predict(inputs.length === 1 ? inputs[0] : inputs);
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  // tfjs prints a banner on stdout; the marker separates it from the JSON.
  const truth = { file: basename(file), tfjs: tf.version.tfjs, ...(error === undefined ? {} : { error }), models: models.map(describeModel) };
  process.stdout.write('\n@@TRUTH@@' + JSON.stringify(truth));
}

function runAll(files) {
  mkdirSync(truthDir, { recursive: true });
  for (const file of files) {
    const json = execFileSync(process.execPath, [here, '--one', file], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const truth = JSON.parse(json.slice(json.indexOf('@@TRUTH@@') + '@@TRUTH@@'.length));
    const dir = file.startsWith(errorModelsDir) ? join(truthDir, 'errors') : truthDir;
    mkdirSync(dir, { recursive: true });
    const out = join(dir, `${basename(file).replace(/\.(ts|js|mjs)$/, '')}.json`);
    writeFileSync(out, JSON.stringify({ generator: 'tools/golden/tfjs_truth.mjs', ...truth }, null, 1) + '\n');
    console.log(
      `${basename(file)}: ${truth.models.length} model(s), ${truth.models.reduce((n, m) => n + m.layers.length, 0)} layers${truth.error ? `, error: ${truth.error}` : ''}`,
    );
  }
}

const args = process.argv.slice(2);
if (args[0] === '--one') await runOne(resolve(args[1]));
else {
  const listDir = (dir) =>
    readdirSync(dir)
      .filter((f) => /\.(ts|js)$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  runAll(args.length > 0 ? args.map((a) => resolve(a)) : [...listDir(modelsDir), ...listDir(errorModelsDir)]);
}
