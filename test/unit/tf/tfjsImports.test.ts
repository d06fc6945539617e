/**
 * Local imports in the TF.js front end, through an in-memory SourceFileHost: what an import
 * that cannot be found gives (one info naming where it looked, unknown values, no error),
 * where imported code's layers and errors are shown (at the call in the analysed file), and
 * the parse cache (by path and version). The shapes themselves are checked against real tfjs
 * in tfjsRealCorpus.test.ts (test/fixtures/tfjs/imports/).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { FileAnalysis } from '../../../src/engine/report';
import type { SourceFile, SourceFileHost } from '../../../src/frontends/sourceFiles';
import { loadParser, parseBefore } from '../../../src/frontends/treeSitter';
import { analyzeTfjs } from '../../../src/frontends/typescript/analyzeTfjs';
import type { ScriptParser } from '../../../src/frontends/typescript/scriptFiles';

/** Files by absolute path; bump a file's version when its text changes. */
function memoryHost(files: Map<string, SourceFile>): SourceFileHost {
  return { readFile: (path) => files.get(path), isDirectory: () => false };
}

let parses = 0;
async function analyze(source: string, files: Map<string, SourceFile> | undefined, filePath = '/project/src/app.ts'): Promise<FileAnalysis> {
  const parsers = { typescript: await loadParser('typescript'), javascript: await loadParser('javascript') };
  const parseScript: ScriptParser = (text, language) => {
    parses++;
    return parseBefore(parsers[language], text, Date.now() + 3000);
  };
  const tree = parsers.typescript.parse(source) as Tree;
  try {
    const imports = files ? { imports: { filePath, files: memoryHost(files), pythonSearchPaths: [] }, parseScript } : {};
    return analyzeTfjs(tree, source, 'typescript', imports);
  } finally {
    tree.delete();
  }
}

const app = `import * as tf from '@tensorflow/tfjs';
import { IMAGE_H } from './missing';
import { build } from './model';

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [IMAGE_H, 28, 1], filters: 4, kernelSize: 3 }));
model.add(tf.layers.flatten());
export const built = build(5);
`;
const modelFile = `import * as tf from '@tensorflow/tfjs';
export function build(kernel: number) {
  const model = tf.sequential({ name: 'imported' });
  model.add(tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: kernel }));
  return model;
}
`;

describe('TF.js local imports', () => {
  it('an import that cannot be found: one info at the import naming where it looked, unknown shapes, no error', async () => {
    const analysis = await analyze(app, new Map([['/project/src/model.ts', { text: modelFile, version: '1' }]]));
    const missing = analysis.diagnostics.filter((d) => d.message.includes('could not find the module ./missing'));
    assert.equal(missing.length, 1);
    assert.equal(missing[0].severity, 'info');
    assert.equal(missing[0].range.start.line, 1);
    assert.match(missing[0].message, /looked in \/project\/src for missing, missing\.ts, missing\.js, .*missing\/index\.ts/);
    const conv = analysis.models.find((m) => m.name === 'sequential_1')?.layers[0];
    assert.equal(conv?.output, null, 'a shape built from an unknown import is unknown, not guessed');
  });

  it("an imported builder's layers and errors are shown at the call in the analysed file", async () => {
    const analysis = await analyze(app, new Map([['/project/src/model.ts', { text: modelFile, version: '1' }]]));
    const imported = analysis.models.find((m) => m.name === 'imported');
    assert.ok(imported);
    assert.deepEqual(
      imported.layers.map((l) => l.range.start.line),
      [7],
    );
    // A 5x5 kernel on a 4x4 input: the problem points at build(5), not into model.ts.
    const problems = analysis.diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(
      problems.map((d) => [d.code, d.range.start.line]),
      [['tf.empty-output', 7]],
    );
  });

  it('without an import host, local imports are unknown and not reported as missing', async () => {
    const analysis = await analyze(app, undefined);
    assert.equal(analysis.diagnostics.filter((d) => d.message.includes('could not find the module')).length, 0);
    assert.equal(
      analysis.models.find((m) => m.name === 'imported'),
      undefined,
    );
  });

  it('re-parses an imported module only when its version changes', async () => {
    const files = new Map([['/project/src/model.ts', { text: modelFile, version: '1' }]]);
    await analyze(app, files);
    const before = parses;
    await analyze(app, files);
    assert.equal(parses, before, 'same version: the cached tree is reused');
    files.set('/project/src/model.ts', { text: modelFile.replace("name: 'imported'", "name: 'edited'"), version: '2' });
    const edited = await analyze(app, files);
    assert.equal(parses, before + 1);
    assert.ok(edited.models.some((m) => m.name === 'edited'));
  });

  it('resolves ./x.js to x.ts and a folder to its index, from the importing file', async () => {
    const files = new Map([
      ['/project/src/lib/index.ts', { text: "export { build } from '../nets/model.js';", version: '1' }],
      ['/project/src/nets/model.ts', { text: modelFile, version: '1' }],
    ]);
    const analysis = await analyze("import { build } from './lib';\nexport const m = build(3);\n", files);
    assert.deepEqual(analysis.models.find((m) => m.name === 'imported')?.layers[0].output, [1, 2, 2, 2]);
  });

  it('a module importing itself, and a chain of 200 modules, end without a stack overflow', async () => {
    const files = new Map<string, SourceFile>([['/project/src/self.ts', { text: "import { a } from './self';\nexport const a = 1;", version: '1' }]]);
    for (let i = 0; i < 200; i++) files.set(`/project/src/m${i}.ts`, { text: `import { units } from './m${i + 1}';\nexport { units };`, version: '1' });
    files.set('/project/src/m200.ts', { text: 'export const units = 3;', version: '1' });
    const source =
      "import * as tf from '@tensorflow/tfjs';\nimport './self';\nimport { units } from './m0';\nexport const m = tf.sequential({ name: 'chain', layers: [tf.layers.dense({ inputShape: [2], units })] });\n";
    const analysis = await analyze(source, files);
    const dense = analysis.models.find((m) => m.name === 'chain')?.layers[0];
    assert.ok(dense, 'the model is still found');
    assert.equal(dense.output, null, 'units from beyond the followed depth is unknown');
  });

  it('the CLI follows the imports of the file it analyses, from the disk', () => {
    const cli = resolve(__dirname, '../../../dist/cli.js');
    const result = spawnSync(process.execPath, [cli, 'analyze', '--json', resolve(__dirname, '../../fixtures/tfjs/imports/app.ts')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { models: { name: string; layers: unknown[] }[] };
    assert.deepEqual(
      report.models.map((m) => [m.name, m.layers.length]),
      [
        ['legacy_mlp', 2],
        ['stem_model', 2],
        ['convnet_32', 8],
      ],
    );
  });
});
