/**
 * The tree-sitter loader from source (tsx) and from an esbuild bundle laid out like
 * dist/ (the wasm files in `grammars/` beside the bundle, as tools/build.mjs copies them),
 * run in a separate node process so nothing is shared with this one.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { defaultGrammarDir, loadParser } from '../../../src/frontends/treeSitter';

describe('tree-sitter loader', () => {
  it('parses Python and TypeScript from source, one cached parser per language', async () => {
    const python = await loadParser('python');
    assert.equal(await loadParser('python'), python);
    const tree = python.parse('net = nn.Conv2d(3, 8, 3)\n')!;
    assert.equal(tree.rootNode.child(0)?.type, 'expression_statement');
    tree.delete();
    const typescript = await loadParser('typescript');
    const tsTree = typescript.parse('const x: number = tf.layers.conv2d({filters: 8});')!;
    assert.equal(tsTree.rootNode.child(0)?.type, 'lexical_declaration');
    tsTree.delete();
    assert.match(defaultGrammarDir(), /tree-sitter-wasm[\\/]wasm$/);
  });

  it('works from an esbuild bundle with the wasm files in grammars/ beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conv-inspector-bundle-'));
    const entry = join(dir, 'entry.ts');
    const loader = resolve(__dirname, '../../../src/frontends/treeSitter').replace(/\\/g, '/');
    writeFileSync(
      entry,
      `import { loadParser } from '${loader}';
loadParser('python').then((parser) => {
  const tree = parser.parse('x = nn.Conv2d(3, 8, 3)');
  console.log(tree.rootNode.type + ' ' + tree.rootNode.namedChildCount);
});
`,
    );
    await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'out', 'bundle.js'), logLevel: 'silent' });
    const wasm = defaultGrammarDir();
    mkdirSync(join(dir, 'out', 'grammars'));
    for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm']) copyFileSync(join(wasm, file), join(dir, 'out', 'grammars', file));
    const result = spawnSync(process.execPath, [join(dir, 'out', 'bundle.js')], { encoding: 'utf8', cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'module 1');
  });
});
