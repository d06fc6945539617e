/**
 * Compiles assembly/kernels.ts with AssemblyScript for the tests (into a temp dir), so
 * the WASM path is tested from source and never skipped for want of a prior build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
let cached: Uint8Array | undefined;

/** The bytes of a freshly compiled kernels.wasm. */
export function compileKernelsWasm(): Uint8Array {
  if (cached) return cached;
  const outFile = join(mkdtempSync(join(tmpdir(), 'conv-kernels-')), 'kernels.wasm');
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'),
      join(root, 'assembly', 'kernels.ts'),
      '--config',
      join(root, 'assembly', 'asconfig.json'),
      '--outFile',
      outFile,
    ],
    { cwd: root, stdio: 'pipe' },
  );
  cached = new Uint8Array(readFileSync(outFile));
  return cached;
}
