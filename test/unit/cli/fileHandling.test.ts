/**
 * The CLI reads only regular files, within a size and a time limit: FIFOs, devices (also
 * behind a symlink), directories and symlink loops get one clear line and exit 2, quickly,
 * and `check`'s summary counts what it really checked. Run against dist/cli.js as a user
 * runs it, and the reader itself for the limits.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readRegularFile, readSourceFile } from '../../../src/cli/readSourceFile';

const cliPath = resolve(__dirname, '../../../dist/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'conv-inspector-files-'));
const goodModel = join(scratch, 'good.py');
writeFileSync(goodModel, 'import torch.nn as nn\n\nmodel = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\n');

/** Runs the CLI with a hard stop at 10 s; a run that had to be stopped has no exit code. */
function runCli(...args: string[]) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', timeout: 10_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, milliseconds: performance.now() - started };
}

function assertRefused(run: ReturnType<typeof runCli>, pattern: RegExp): void {
  assert.notEqual(run.code, null, `the CLI had to be stopped after ${run.milliseconds.toFixed(0)} ms`);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'a message, not a stack trace');
  assert.ok(run.milliseconds < 5000, `took ${run.milliseconds.toFixed(0)} ms`);
}

describe('the CLI reads only regular files', () => {
  const fifo = join(scratch, 'pipe.py');
  const zeroLink = join(scratch, 'zero.py');
  const loop = join(scratch, 'loop.py');
  const folder = join(scratch, 'folder.py');
  before(() => {
    execFileSync('mkfifo', [fifo]);
    symlinkSync('/dev/zero', zeroLink);
    symlinkSync(join(scratch, 'loop_b.py'), loop);
    symlinkSync(loop, join(scratch, 'loop_b.py'));
    mkdirSync(folder);
  });

  it('a FIFO is refused, not waited on', () => {
    assertRefused(runCli('analyze', fifo), /pipe\.py: is a FIFO \(named pipe\); only regular files are read/);
  });

  it('/dev/zero behind a symlink is refused, not read forever', () => {
    assertRefused(runCli('analyze', zeroLink), /zero\.py: is a character device; only regular files are read/);
  });

  it('/dev/zero as a weight file or an image is refused too', () => {
    assertRefused(runCli('run', goodModel, '--input-tensor', '/dev/zero', '--dump', join(scratch, 'out.safetensors')), /\/dev\/zero: is a character device/);
    assertRefused(runCli('preview', goodModel, '--image', zeroLink, '--out', join(scratch, 'preview')), /zero\.py: is a character device/);
  });

  it('a symlink loop is named as such', () => {
    const run = runCli('analyze', loop);
    assertRefused(run, /loop\.py: symlink loop/);
    assert.doesNotMatch(run.stderr, /no such file/);
  });

  it('a directory is refused', () => {
    assertRefused(runCli('analyze', folder), /folder\.py: is a directory; only regular files are read/);
  });

  it("check's summary counts the files it checked, and those it could not read", () => {
    const run = runCli('check', folder, goodModel, fifo);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stdout, /^1 file\(s\) checked, 0 error\(s\), 2 file\(s\) not read$/m);
    const alone = runCli('check', folder);
    assert.equal(alone.code, 2);
    assert.match(alone.stdout, /^0 file\(s\) checked, 0 error\(s\), 1 file\(s\) not read$/m);
    assert.doesNotMatch(alone.stdout, /1 file\(s\) checked/);
  });
});

describe('readRegularFile limits', () => {
  const big = join(scratch, 'big.py');
  before(() => writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 0x23)));

  it('refuses a file over the size limit before reading it, naming both sizes', async () => {
    await assert.rejects(readRegularFile(big, { what: 'file', maxBytes: 1024 * 1024 }), /big\.py: the file is 3\.0 MiB, over the 1\.0 MiB limit/);
  });

  it('gives up when reading takes longer than the time limit', async () => {
    await assert.rejects(readRegularFile(big, { what: 'file', maxBytes: 1 << 30, timeoutMs: 0 }), /big\.py: reading took more than 0 s; gave up/);
  });

  it('reads a regular file whole', async () => {
    assert.equal((await readRegularFile(big, { what: 'file', maxBytes: 1 << 30 })).length, 3 * 1024 * 1024);
    assert.match(await readSourceFile(goodModel), /nn\.Conv2d\(3, 8, 3\)/);
  });
});
