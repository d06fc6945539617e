/**
 * Reads a model file for the CLI with a clear message for what is not a model file: a
 * missing path, a folder, a binary file, a file too large to be source code.
 */
import { readFileSync, statSync } from 'node:fs';

/** Larger than any hand-written model file; protects the CLI from reading a checkpoint as text. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

export class SourceFileError extends Error {}

export function readSourceFile(path: string): string {
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new SourceFileError(`${path}: is a directory, not a model file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    throw new SourceFileError(`${path}: no such file`);
  }
  if (size > MAX_SOURCE_BYTES) {
    throw new SourceFileError(`${path}: ${(size / 1024 / 1024).toFixed(1)} MiB is too large for a source file (limit ${MAX_SOURCE_BYTES / 1024 / 1024} MiB)`);
  }
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new SourceFileError(`${path}: looks like a binary file (it contains NUL bytes), not Python or TypeScript source`);
  }
  return bytes.toString('utf8');
}
