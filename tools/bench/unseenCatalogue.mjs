// The layer catalogue on configurations the project has not seen: the three catalogue
// generators (real PyTorch, real Keras 3, real TF.js) run again with a fresh seed and 3
// configurations per class, into a temporary folder, and the engine is judged on every case
// exactly as the catalogue tests judge it (test/support/*CatalogueJudge.ts). A layer is a
// valid configuration, or a random draw the framework refused that the committed fixture does
// not hold; it matches, is unknown (the engine leaves something open) or is WRONG (the engine
// states a shape, count or message that differs from the framework's).
// Run: `npm run bench:unseencatalogue [-- SEED]` (default seed: derived from today's date).
// The Keras generator needs KERAS_ENV (see tools/golden/keras_fixtures.py); without Keras
// installed that framework is reported as skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeTorchError, judgeTorchValid } from '../../test/support/torchCatalogueJudge.ts';
import { judgeKerasError, judgeKerasValid, judgeTfjsError, judgeTfjsValid } from '../../test/support/tfCatalogueJudge.ts';
import { hasTorchRule } from '../../src/engine/torch/layers.ts';
import { hasKerasRule } from '../../src/engine/tf/layers.ts';
import { hasTfjsRule } from '../../src/frontends/typescript/tfjsFactories.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'fixtures');
const PER_CLASS = 3;
const COMMITTED_SEED = 20261203;
const seed = Number(process.argv[2] ?? Math.floor(Date.now() / 86_400_000) * 1009 + 7);
if (!Number.isInteger(seed) || seed === COMMITTED_SEED) {
  console.error(`Seed ${process.argv[2]} is not an integer other than the committed fixtures' ${COMMITTED_SEED}.`);
  process.exit(2);
}
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Runs one generator with the unseen seed; null (and a printed reason) when it fails. */
function generate(command, env) {
  const run = spawnSync(command[0], command.slice(1), {
    cwd: root,
    env: { ...process.env, CATALOGUE_SEED: String(seed), CATALOGUE_PER_CLASS: String(PER_CLASS), ...env },
    encoding: 'utf8',
  });
  if (run.status === 0) return true;
  const reason = (run.stderr || run.stdout || String(run.error)).trim().split('\n').slice(-3).join(' | ');
  console.log(`  ${command.join(' ')} failed: ${reason}`);
  return false;
}

/** A catalogue generator's valid cases and errors, and the committed fixture's configurations. */
function catalogue(command, fixture, folder) {
  const out = join(folder, basename(dirname(fixture)) + '.json');
  if (!generate(command, { CATALOGUE_OUT: out })) return null;
  const committed = readJson(fixture);
  return { ...readJson(out), committed: [...committed.valid, ...committed.errors] };
}

const frameworks = [
  {
    title: 'PyTorch',
    // The convolution-era layers (Conv2d, Linear, pools, activations...) come from torch_cases.py, in its own format.
    generate: (folder) => {
      const layers = catalogue(['/usr/bin/python3', 'tools/golden/torch_catalogue_cases.py'], join(fixtures, 'torch', 'catalogue_cases.json'), folder);
      const conv = join(folder, 'torch-cases');
      if (!layers || !generate(['/usr/bin/python3', 'tools/golden/torch_cases.py'], { CATALOGUE_OUT_DIR: conv })) return null;
      const asCatalogue = (c) => ({ kind: c.kind, kwargs: c.kwargs, input: c.input, others: [], outputs: c.output, params: c.params });
      const committed = readJson(join(fixtures, 'torch', 'layer_cases.json')).cases.map(asCatalogue);
      return { ...layers, valid: [...layers.valid, ...readJson(join(conv, 'layer_cases.json')).cases.map(asCatalogue)], committed: [...layers.committed, ...committed] };
    },
    manifestClasses: () => readJson(join(fixtures, 'torch', 'manifest.json')).classes,
    hasRule: hasTorchRule,
    classOf: (c) => c.kind,
    judgeValid: judgeTorchValid,
    judgeError: judgeTorchError,
  },
  {
    title: 'Keras 3',
    generate: (folder) => catalogue(['/usr/bin/python3', 'tools/golden/keras_catalogue_cases.py'], join(fixtures, 'keras', 'catalogue_cases.json'), folder),
    manifestClasses: () => readJson(join(fixtures, 'keras', 'manifest.json')).classes,
    hasRule: hasKerasRule,
    classOf: (c) => c.kind,
    judgeValid: judgeKerasValid,
    judgeError: judgeKerasError,
  },
  {
    title: 'TF.js',
    generate: (folder) => catalogue(['node', 'tools/golden/tfjs_catalogue_cases.mjs'], join(fixtures, 'tfjs', 'catalogue_cases.json'), folder),
    manifestClasses: () => Object.keys(readJson(join(fixtures, 'tfjs', 'manifest.json')).factories),
    hasRule: hasTfjsRule,
    classOf: (c) => c.factory,
    judgeValid: judgeTfjsValid,
    judgeError: judgeTfjsError,
  },
];

/** A case's identity without what the framework answered: the same configuration in the committed fixture is not unseen. */
const configurationKey = (c) => JSON.stringify([c.kind ?? c.factory, c.kwargs ?? c.config, c.input ?? c.inputs, c.others ?? null]);
const percent = (part, whole) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const list = (items) => (items.length === 0 ? 'none' : items.join(', '));

function measure(framework, folder) {
  const started = Date.now();
  console.log(`\n${framework.title}`);
  const generated = framework.generate(folder);
  if (!generated) {
    console.log('  skipped: a generator failed');
    return;
  }
  const seen = new Set(generated.committed.map(configurationKey));
  const refused = generated.errors.filter((c) => !seen.has(configurationKey(c)));
  const repeated = generated.valid.filter((c) => seen.has(configurationKey(c))).length;
  const layers = [...generated.valid.map((c) => ({ c, verdict: framework.judgeValid(c) })), ...refused.map((c) => ({ c, verdict: framework.judgeError(c) }))];
  const classes = new Set([...generated.valid, ...refused].map(framework.classOf));
  const count = (outcome) => layers.filter((layer) => layer.verdict.outcome === outcome).length;
  const unknownByClass = new Map();
  for (const { c, verdict } of layers) if (verdict.outcome === 'unknown') unknownByClass.set(framework.classOf(c), (unknownByClass.get(framework.classOf(c)) ?? 0) + 1);
  const manifest = framework.manifestClasses();
  const generatedClasses = new Set(generated.valid.concat(generated.errors).map(framework.classOf));

  console.log(`  generated and judged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const valid = `${generated.valid.length} valid, ${repeated} of them also in the committed fixtures`;
  console.log(`  classes ${classes.size}, layers ${layers.length} (${valid}; ${refused.length} refused draws not in the fixtures)`);
  console.log(`  matched ${count('match')} (${percent(count('match'), layers.length)}), unknown ${count('unknown')}, WRONG ${count('wrong')}`);
  for (const { c, verdict } of layers.filter((layer) => layer.verdict.outcome === 'wrong')) {
    console.log(`  WRONG ${framework.classOf(c)}: ${verdict.problems.join(' / ').replace(/\s+/g, ' ').slice(0, 400)}`);
  }
  console.log(`  unknown by class: ${list([...unknownByClass].map(([kind, n]) => `${kind} ${n}`))}`);
  const outside = [...classes].filter((kind) => !manifest.includes(kind));
  if (outside.length > 0) console.log(`  measured classes outside the manifest: ${list(outside)}`);
  console.log(`  manifest classes with no rule: ${list(manifest.filter((kind) => !framework.hasRule(kind)))}`);
  console.log(`  manifest classes with no generator config (not measured): ${list(manifest.filter((kind) => !generatedClasses.has(kind)))}`);
}

const folder = mkdtempSync(join(tmpdir(), 'unseen-catalogue-'));
console.log(`Unseen layer catalogue: seed ${seed}, ${PER_CLASS} configurations per class`);
try {
  for (const framework of frameworks) measure(framework, folder);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
