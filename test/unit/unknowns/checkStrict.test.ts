/**
 * `conv-inspector check` fails only on errors (an error is a promise that the framework
 * fails); `--strict` also fails on warnings. Runs the built CLI (dist/cli.js).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cliPath = resolve(__dirname, '../../../dist/cli.js');

describe('CLI check: errors fail, warnings only with --strict', () => {
  // No input size makes this model valid: its mismatch is a warning about a guessed input.
  const file = join(mkdtempSync(join(tmpdir(), 'conv-inspector-strict-')), 'guessed.py');
  writeFileSync(file, 'import torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 16, 3), nn.Flatten(), nn.Linear(401, 2))\n');
  const check = (...flags: string[]) => spawnSync(process.execPath, [cliPath, 'check', ...flags, file], { encoding: 'utf8' });

  it('exits 0 on a file with warnings only', () => {
    const result = check();
    assert.match(result.stdout, /guessed\.py:3:\d+: warning: mat1 and mat2 shapes cannot be multiplied/);
    assert.equal(result.status, 0, result.stdout);
  });

  it('exits 1 on the same file with --strict', () => {
    const result = check('--strict');
    assert.equal(result.status, 1, result.stdout);
  });
});
