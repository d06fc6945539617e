/**
 * The CLI on Jupyter notebooks (the built dist/cli.js): `check` names cells, `--json`
 * carries `cell` and in-cell lines on every layer, model and diagnostic, malformed
 * notebooks get a plain message and exit 2, and `run` takes a notebook's model.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixturesRoot } from '../../support/paths';

const cliPath = resolve(__dirname, '../../../dist/cli.js');
const notebooks = join(fixturesRoot, 'notebooks');
const scratch = mkdtempSync(join(tmpdir(), 'conv-inspector-notebook-'));

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', cwd: notebooks });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI on notebooks', () => {
  it('check prints nb.ipynb:cell C:L:COL and fails on the invalid cell', () => {
    const result = runCli('check', 'invalid.ipynb', 'spread.ipynb');
    assert.equal(result.stdout.split('\n')[0], 'invalid.ipynb:cell 2:4:15: error: mat1 and mat2 shapes cannot be multiplied (1x1600 and 100x10) [torch.linear-mismatch]');
    assert.match(result.stdout, /2 file\(s\) checked, 1 error\(s\)/);
    assert.equal(result.code, 1);
  });

  it('analyze --json gives cells and in-cell lines to models, layers and diagnostics, and says the input call by cell', () => {
    const report = JSON.parse(runCli('analyze', '--json', 'invalid.ipynb').stdout);
    const [model] = report.models;
    assert.deepEqual([model.cell, model.line, model.inputSource], [2, 1, 'call at cell 3, line 1']);
    assert.deepEqual(
      model.layers.map((layer: { cell: number; line: number }) => [layer.cell, layer.line]),
      [
        [2, 2],
        [2, 3],
        [2, 4],
      ],
    );
    assert.deepEqual(
      report.diagnostics.map((finding: { cell: number; line: number; column: number }) => [finding.cell, finding.line, finding.column]),
      [[2, 4, 15]],
    );
    const json = JSON.parse(runCli('check', '--json', 'invalid.ipynb').stdout);
    assert.equal(json[0].diagnostics[0].cell, 2);
  });

  it('the table names cells', () => {
    assert.match(runCli('analyze', 'spread.ipynb').stdout, /Net \(cell 5:1\), input \[1, 3, 32, 32\] from call at cell 6, line 2/);
  });

  const malformed: [string, string, RegExp][] = [
    ['bad JSON', '{"cells": [', /bad JSON\.ipynb: not a notebook: the file is not valid JSON/],
    ['nbformat 3', '{"nbformat": 3, "worksheets": [{"cells": []}]}', /nbformat 3 notebooks are not read/],
    ['a list', '[]', /not a notebook/],
  ];
  for (const [name, text, message] of malformed) {
    it(`a notebook with ${name} gets a plain message and exit 2`, () => {
      const file = join(scratch, `${name}.ipynb`);
      writeFileSync(file, text);
      const result = runCli('check', file);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
      assert.equal(result.code, 2);
    });
  }

  it('a cell without source is read as empty with a note; the other cells are analysed', () => {
    const file = join(scratch, 'nosource.ipynb');
    writeFileSync(file, JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code' }, { cell_type: 'code', source: 'import torch.nn as nn\nc = nn.Conv2d(3, 4, 3, groups=2)' }] }));
    const result = runCli('check', file);
    assert.match(result.stderr, /nosource\.ipynb: note: cell 0 has no source; read as empty/);
    assert.match(result.stdout, /nosource\.ipynb:cell 1:2:\d+: error: in_channels must be divisible by groups/);
  });
});
