/**
 * The bench models' fixtures without the analysis: paths, the seeded input and PyTorch's
 * output, the WebAssembly kernels' bytes, the error measure. A runner process imports only
 * this, so its heap holds what the feature-map worker's does and no analysis modules
 * (their few MB of tables make every major collection slower).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Tensor } from '../../src/engine/kernels/tensor';

export const root = join(__dirname, '..', '..');
export const modelDir = join(root, '.bench-models');

function floats(file: string): Float32Array {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
}

/** Builds `.bench-models/<name>.*` when missing (needs /usr/bin/python3 with torch and torchvision). */
export function ensureFixtures(name: string): void {
  if (existsSync(join(modelDir, `${name}.onnx`)) && existsSync(join(modelDir, `${name}.safetensors`))) return;
  const made = spawnSync('/usr/bin/python3', [join(root, 'tools', 'golden', 'onnx_models.py'), name], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error(`could not build ${name}: tools/golden/onnx_models.py needs /usr/bin/python3 with torch and torchvision`);
}

/** The seeded input and PyTorch's output for it. */
export function referenceData(name: string): { input: Tensor; expected: Float32Array } {
  const description = JSON.parse(readFileSync(join(modelDir, `${name}.layers.json`), 'utf8')) as { input: number[] };
  return { input: { shape: description.input, data: floats(join(modelDir, `${name}.input.bin`)) }, expected: floats(join(modelDir, `${name}.output.bin`)) };
}

/** The bytes of `dist/kernels.wasm`, with a clear message when it is not built. */
export function wasmKernelBytes(): Uint8Array {
  const path = join(root, 'dist', 'kernels.wasm');
  if (!existsSync(path)) throw new Error('dist/kernels.wasm is missing: run npm run build:wasm first');
  return new Uint8Array(readFileSync(path));
}

/** Largest difference relative to the reference's largest magnitude. */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  return worst / (scale || 1);
}
