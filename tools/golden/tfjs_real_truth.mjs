// Truth for the TF.js corpora of several files, from the real @tensorflow/tfjs (cpu backend):
// test/fixtures/tfjs/real/ (real-world code) and test/fixtures/tfjs/imports/ (local imports in
// every form). Each entry of a corpus's entries.json is a file the front end analyses as a user
// would open it: a real file from a public repository, or a small driver in real/cases/ that
// imports a real file's builder and calls it as that repository does. This script loads the
// entry unchanged (transpiled with esbuild), following its local imports (`./x`, `./x.js`,
// `./dir/index`) into the corpus; tfjs itself is the real library; any other module (a UI
// file, `fs`, `argparse`) is an inert stub, since only model building is recorded. Models are
// collected as tools/golden/tfjs_truth.mjs does: the entry's exported models, then its exported
// functions that need no argument (or only `tf`), in source order. Each entry runs in a fresh
// process so that tfjs's auto names (conv2d_Conv2D1, ...) start at 1.
// Usage: node tools/golden/tfjs_real_truth.mjs [corpus/name...]  -> test/fixtures/tfjs/CORPUS/truth/NAME.json
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describeModel, isModel } from './tfjs_describe.mjs';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..', '..');
const corpora = ['real', 'imports'];
const corpusDir = (corpus) => join(root, 'test', 'fixtures', 'tfjs', corpus);
const entriesOf = (corpus) => JSON.parse(readFileSync(join(corpusDir(corpus), 'entries.json'), 'utf8'));
const require = createRequire(import.meta.url);
const tfjsModule = /^@tensorflow\/tfjs(-node(-gpu)?|-layers)?$/;

/** A module that is not part of the corpus: every property, call and `new` gives the stub again. */
function inertStub() {
  const stub = new Proxy(function () {}, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => 0 : key === '__esModule' ? false : stub),
    apply: () => stub,
    construct: () => stub,
    // esbuild's `import * as ui` builds an object inheriting from the module: inherit the stub.
    getPrototypeOf: () => stub,
  });
  return stub;
}

/** A local import as Node and bundlers resolve it: the path, with .js/.ts, or its index. */
function resolveLocal(fromDir, specifier) {
  const base = join(fromDir, specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

function loader(tf) {
  const esbuild = require('esbuild');
  const cache = new Map();
  const load = (file) => {
    if (cache.has(file)) return cache.get(file).exports;
    const source = readFileSync(file, 'utf8');
    const { code } = esbuild.transformSync(source, { loader: file.endsWith('.ts') ? 'ts' : 'js', format: 'cjs', target: 'node20' });
    const module = { exports: {} };
    cache.set(file, module);
    const localRequire = (name) => {
      if (tfjsModule.test(name)) return tf;
      const local = name.startsWith('.') ? resolveLocal(dirname(file), name) : undefined;
      return local ? load(local) : inertStub();
    };
    new Function('require', 'module', 'exports', 'document', 'window', code)(localRequire, module, module.exports, inertStub(), inertStub());
    return module.exports;
  };
  return load;
}

/** Loads one entry and records the models it builds. */
async function runOne(corpus, name) {
  const entry = entriesOf(corpus)[name];
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const file = join(corpusDir(corpus), entry);
  const source = readFileSync(file, 'utf8');
  const exports = loader(tf)(file);
  const models = [];
  const collect = (value) => {
    if (isModel(value) && !models.includes(value)) models.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) Object.values(value).forEach(collect);
  };
  // `module.exports = model` exports the model itself (whose own properties are not models of the file).
  const exported = isModel(exports) ? [['default', exports]] : Object.entries(exports);
  for (const [, value] of exported) if (typeof value !== 'function') collect(value);
  const builders = exported.filter(([, v]) => typeof v === 'function' && !/^\s*class\b/.test(v.toString()));
  builders.sort(([a], [b]) => source.indexOf(a) - source.indexOf(b));
  for (const [, fn] of builders) {
    const params = /^[^(]*\(([^)]*)\)/.exec(fn.toString())?.[1].trim() ?? '';
    if (params !== '' && params !== 'tf') continue;
    const result = fn(...(params === 'tf' ? [tf] : []));
    // An async helper (loading data, training) builds no model here; its failure is not the model's.
    if (typeof result?.then === 'function') result.then(undefined, () => undefined);
    else collect(result);
  }
  const truth = { entry, tfjs: tf.version.tfjs, models: models.map(describeModel) };
  // tfjs prints a banner on stdout; the marker separates it from the JSON.
  process.stdout.write('\n@@TRUTH@@' + JSON.stringify(truth));
  // Stubbed data loaders may have started work that would never finish.
  process.exit(0);
}

function runAll(ids) {
  for (const id of ids) {
    const [corpus, name] = id.split('/');
    const truthDir = join(corpusDir(corpus), 'truth');
    mkdirSync(truthDir, { recursive: true });
    const json = execFileSync(process.execPath, [here, '--one', corpus, name], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const truth = JSON.parse(json.slice(json.indexOf('@@TRUTH@@') + '@@TRUTH@@'.length));
    writeFileSync(join(truthDir, `${name}.json`), JSON.stringify({ generator: 'tools/golden/tfjs_real_truth.mjs', ...truth }, null, 1) + '\n');
    console.log(`${id}: ${truth.models.length} model(s), ${truth.models.reduce((n, m) => n + m.layers.length, 0)} layers`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--one') await runOne(args[1], args[2]);
else runAll(args.length > 0 ? args : corpora.flatMap((corpus) => Object.keys(entriesOf(corpus)).map((name) => `${corpus}/${name}`)));
