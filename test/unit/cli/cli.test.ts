/**
 * The CLI as a user runs it: the esbuild bundle dist/cli.js (so the tree-sitter wasm files
 * are found from the bundle), its exit codes and its public JSON contract.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cliPath = resolve(__dirname, '../../../dist/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'conv-inspector-cli-'));

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeScratch(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const resnetStem = `import torch
import torch.nn as nn

stem = nn.Sequential(
    nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False),
    nn.BatchNorm2d(64),
    nn.ReLU(inplace=True),
    nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
)

if __name__ == '__main__':
    y = stem(torch.randn(1, 3, 224, 224))
`;

describe('CLI', () => {
  it('--time reports the analysis split into parse and interpretation, and the parser load apart', () => {
    const result = runCli('analyze', writeScratch('timed.py', resnetStem), '--time');
    assert.equal(result.code, 0, result.stderr);
    const match = /analysed \S+ in ([\d.]+) ms \(parse ([\d.]+) ms, interpretation ([\d.]+) ms\); loading the parser took ([\d.]+) ms before that/.exec(result.stderr);
    assert.ok(match, result.stderr);
    const [total, parse, interpretation, load] = match.slice(1).map(Number);
    assert.ok(parse > 0 && interpretation > 0 && load > 0);
    assert.ok(Math.abs(total - (parse + interpretation)) <= 0.11, `${total} = ${parse} + ${interpretation}`);
    assert.match(result.stdout, /Total params: 9,536/);
  });

  it('prints the JSON contract for a Sequential called on torch.randn', () => {
    const file = writeScratch('stem.py', resnetStem);
    const { code, stdout } = runCli('analyze', file, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.language, 'python');
    assert.equal(report.models.length, 1);
    const [model] = report.models;
    assert.equal(model.name, 'stem');
    assert.equal(model.line, 4);
    assert.deepEqual(model.input, [1, 3, 224, 224]);
    assert.deepEqual(model.output, [1, 64, 56, 56]);
    // Truth from PyTorch: conv 9408 + batch norm 128.
    assert.equal(model.totalParams, 9536);
    assert.deepEqual(
      model.layers.map((layer: { kind: string }) => layer.kind),
      ['Conv2d', 'BatchNorm2d', 'ReLU', 'MaxPool2d'],
    );
    assert.deepEqual(
      model.layers.map((layer: { path: string }) => layer.path),
      ['0', '1', '2', '3'],
    );
    assert.deepEqual(
      model.layers.map((layer: { line: number }) => layer.line),
      [5, 6, 7, 8],
    );
    assert.deepEqual(model.layers[0].output, [1, 64, 112, 112]);
    assert.equal(model.layers[0].macs, 118013952);
    assert.deepEqual(model.layers[0].receptiveField, [7, 7]);
  });

  it('prints a table with totals', () => {
    const file = writeScratch('stem-table.py', resnetStem);
    const { code, stdout } = runCli('analyze', file);
    assert.equal(code, 0);
    assert.match(stdout, /Total params: 9,536/);
    assert.match(stdout, /\[1, 3, 224, 224\] -> \[1, 64, 112, 112\]/);
  });

  it('check exits 1 with the PyTorch message on the right line', () => {
    const file = writeScratch('bad.py', 'import torch.nn as nn\n\nok = nn.Conv2d(4, 8, 3)\nbad = nn.Conv2d(6, 8, 3, groups=4)\n');
    const { code, stdout } = runCli('check', file);
    assert.equal(code, 1);
    assert.match(stdout, /bad\.py:4:\d+: error: in_channels must be divisible by groups/);
  });

  it('check exits 0 on a valid file', () => {
    const file = writeScratch('good.py', resnetStem);
    const { code, stdout } = runCli('check', file);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /1 file\(s\) checked, 0 error\(s\)/);
  });

  it('a missing file is a clear message and exit 2, not a stack trace', () => {
    const { code, stderr } = runCli('analyze', join(scratch, 'nope.py'));
    assert.equal(code, 2);
    assert.match(stderr, /nope\.py: no such file/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('a binary file is refused with a clear message', () => {
    const file = writeScratch('weights.py', Buffer.from([0x80, 0x02, 0x00, 0x00, 0x7d, 0x71]));
    const { code, stderr } = runCli('analyze', file);
    assert.equal(code, 2);
    assert.match(stderr, /binary file/);
  });

  it('a syntax error elsewhere does not hide the readable layers', () => {
    const file = writeScratch('broken.py', 'import torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\n\ndef broken(:\n    pass\n');
    const { code, stdout } = runCli('analyze', file, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    const kinds = report.models.flatMap((model: { layers: { kind: string }[] }) => model.layers.map((layer) => layer.kind));
    assert.ok(kinds.includes('Conv2d'), stdout);
    assert.ok(
      report.diagnostics.some((diagnostic: { severity: string; line: number }) => diagnostic.severity === 'error' && diagnostic.line === 5),
      stdout,
    );
  });

  it('rejects a malformed --input with a usage message', () => {
    const file = writeScratch('stem-input.py', resnetStem);
    const { code, stderr } = runCli('analyze', file, '--input', '1,x,3');
    assert.equal(code, 2);
    assert.match(stderr, /--input expects positive integers/);
  });
});
