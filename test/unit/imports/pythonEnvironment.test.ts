/**
 * Finding installed packages without running Python (an environment prefix's site-packages,
 * an interpreter's prefix, PYTHONPATH), the disk host's version stamps, and the CLI's
 * `--python-path` and PYTHONPATH, as a user runs the built CLI.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { NodeSourceFiles } from '../../../src/pythonEnvironment/nodeSourceFiles';
import { prefixOfInterpreter, pythonPathFolders, sitePackagesOfPrefix } from '../../../src/pythonEnvironment/pythonSearchPaths';

const cliPath = resolve(__dirname, '../../../dist/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'conv-inspector-imports-'));

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

describe('imports: the Python environment and the CLI', () => {
  it("finds an environment's site-packages (POSIX and Windows layouts) and an interpreter's prefix", () => {
    const venv = join(scratch, 'venv');
    writeTree(venv, { 'lib/python3.11/site-packages/pkg/__init__.py': '', 'lib/python3.9/site-packages/old.py': '', 'Lib/site-packages/win.py': '' });
    assert.deepEqual(sitePackagesOfPrefix(venv), [join(venv, 'lib/python3.11/site-packages'), join(venv, 'lib/python3.9/site-packages'), join(venv, 'Lib/site-packages')]);
    assert.deepEqual(sitePackagesOfPrefix(join(scratch, 'nothing-here')), []);
    assert.equal(prefixOfInterpreter('/home/me/project/.venv/bin/python3'), '/home/me/project/.venv');
    assert.equal(prefixOfInterpreter('/opt/conda/envs/vision/bin/python'), '/opt/conda/envs/vision');
    assert.deepEqual(pythonPathFolders(`/a${delimiter}${delimiter}/b`), ['/a', '/b']);
  });

  it('stamps a file by its modification time and size, and reads its text again only when the stamp changes', () => {
    const file = join(scratch, 'stamped.py');
    writeFileSync(file, 'K = 3\n');
    utimesSync(file, 1_000, 1_000);
    const files = new NodeSourceFiles();
    const first = files.readFile(file)!;
    writeFileSync(file, 'K = 5\n');
    utimesSync(file, 1_000, 1_000);
    assert.equal(files.readFile(file), first, 'an equal stamp keeps the text read before');
    utimesSync(file, 2_000, 2_000);
    assert.equal(files.readFile(file)!.text, 'K = 5\n');
    files.setOverlays([{ path: file, text: 'K = 7\n', version: 'editor:3' }]);
    assert.equal(files.readFile(file)!.text, 'K = 7\n', "an open document's unsaved text wins");
    assert.equal(files.readFile(join(scratch, 'missing.py')), undefined);
    assert.equal(files.isDirectory(scratch), true);
  });

  it('the CLI finds modules in --python-path folders and PYTHONPATH, and names the folders it looked in otherwise', () => {
    const project = join(scratch, 'project');
    const vendored = join(scratch, 'vendored');
    const fromEnvironment = join(scratch, 'fromEnvironment');
    writeTree(vendored, {
      'blocks/__init__.py': 'from .stem import stem\n',
      'blocks/stem.py': 'import torch.nn as nn\n\ndef stem(c):\n    return nn.Sequential(nn.Conv2d(3, c, 3), nn.ReLU())\n',
    });
    writeTree(fromEnvironment, { 'widths.py': 'WIDTH = 12\n' });
    writeTree(project, { 'model.py': 'import torch\nfrom blocks import stem\nfrom widths import WIDTH\n\nmodel = stem(WIDTH)\nmodel(torch.randn(1, 3, 10, 10))\n' });
    const run = (args: string[], pythonPath: string | undefined) => {
      const result = spawnSync(process.execPath, [cliPath, 'analyze', join(project, 'model.py'), '--json', ...args], {
        encoding: 'utf8',
        env: { ...process.env, PYTHONPATH: pythonPath ?? '' },
      });
      return { code: result.status, report: JSON.parse(result.stdout) as { models: { output: number[] | null }[]; diagnostics: { code: string; message: string }[] } };
    };
    const found = run(['--python-path', vendored], fromEnvironment);
    assert.equal(found.code, 0);
    assert.deepEqual(found.report.models[0].output, [1, 12, 8, 8]);
    assert.deepEqual(
      found.report.diagnostics.filter((finding) => finding.code === 'unresolved-import'),
      [],
    );
    const missing = run([], undefined);
    const unresolved = missing.report.diagnostics.filter((finding) => finding.code === 'unresolved-import');
    assert.equal(unresolved.length, 2);
    assert.match(
      unresolved[0].message,
      new RegExp(`^\`stem\` is imported from \`blocks\`, which was not found next to this file or in the selected Python environment \\(looked in: ${project}`),
    );
  });
});
