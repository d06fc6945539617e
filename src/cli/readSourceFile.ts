/**
 * Reads the CLI's input files (model source, weights, images, tensors) safely: only regular
 * files, within a size limit and a time limit, with a clear message for everything else:
 * a missing path, a symlink loop, a directory, a FIFO (which would block), a device such
 * as /dev/zero (which never ends, also behind a symlink), a binary file given as source.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** Larger than any hand-written model file; protects the CLI from reading a checkpoint as text. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/** A whole file must be read within this time (a hung network mount must not hang the CLI). */
export const readTimeoutMs = 10_000;

/** An input file the CLI cannot or will not read; the message says which and why. */
export class SourceFileError extends Error {}

/** What the file is meant to be (`file`, `weight file`, `image`), and how much of it may be read. */
export interface ReadLimits {
  readonly what: string;
  readonly maxBytes: number;
  readonly timeoutMs?: number;
}

const chunkBytes = 1024 * 1024;

const mebibytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** What a path that is not a regular file is, in words. */
function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuseUnlessRegular(path: string, stats: Stats, limits: ReadLimits): void {
  if (!stats.isFile()) throw new SourceFileError(`${path}: is ${describeKind(stats)}; only regular files are read`);
  if (stats.size > limits.maxBytes) {
    throw new SourceFileError(`${path}: the ${limits.what} is ${mebibytes(stats.size)}, over the ${mebibytes(limits.maxBytes)} limit`);
  }
}

function explainOpenError(path: string, error: unknown, what: string): SourceFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new SourceFileError(`${path}: no such ${what}`);
  if (code === 'ELOOP') return new SourceFileError(`${path}: symlink loop (following the links never reaches a file)`);
  if (code === 'EACCES' || code === 'EPERM') return new SourceFileError(`${path}: permission denied`);
  return new SourceFileError(`${path}: cannot be read (${code ?? (error as Error).message})`);
}

/**
 * Reads a regular file whole. The path is checked before it is opened (so a FIFO is never
 * opened), and the opened file again (so a path swapped in between changes nothing); the
 * reading stops at the size limit and the time limit whatever the file turns out to hold.
 */
export async function readRegularFile(path: string, limits: ReadLimits): Promise<Buffer> {
  const timeoutMs = limits.timeoutMs ?? readTimeoutMs;
  const deadline = performance.now() + timeoutMs;
  try {
    refuseUnlessRegular(path, await stat(path), limits);
  } catch (error) {
    throw error instanceof SourceFileError ? error : explainOpenError(path, error, limits.what);
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw explainOpenError(path, error, limits.what);
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceFileError(`${path}: reading took more than ${timeoutMs / 1000} s; gave up`)), timeoutMs);
  });
  const read = async (): Promise<Buffer> => {
    refuseUnlessRegular(path, await handle.stat(), limits);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(chunkBytes);
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limits.maxBytes) throw new SourceFileError(`${path}: the ${limits.what} grew past the ${mebibytes(limits.maxBytes)} limit while being read`);
      if (performance.now() > deadline) throw new SourceFileError(`${path}: reading took more than ${timeoutMs / 1000} s; gave up`);
    }
  };
  const reading = read();
  // After a time-out the read may still fail later: that is no longer anyone's concern.
  reading.catch(() => undefined);
  try {
    return await Promise.race([reading, timedOut]);
  } finally {
    clearTimeout(timer);
    // Not awaited: closing waits for a read still stuck in the kernel.
    void handle.close().catch(() => undefined);
  }
}

/** Reads a model source file as UTF-8; refuses what is not one. */
export async function readSourceFile(path: string): Promise<string> {
  const bytes = await readRegularFile(path, { what: 'file', maxBytes: MAX_SOURCE_BYTES });
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new SourceFileError(`${path}: looks like a binary file (it contains NUL bytes), not Python or TypeScript source`);
  }
  return bytes.toString('utf8');
}
