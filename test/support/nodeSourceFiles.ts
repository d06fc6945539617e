/**
 * A SourceFileHost that reads the disk with node:fs, for the tests and the measurement
 * scripts that analyse real multi-file projects (the CLI's own host plays the same part).
 */
import { readFileSync, statSync } from 'node:fs';
import type { SourceFile, SourceFileHost } from '../../src/frontends/sourceFiles';

/** Reads files straight from the disk; the version is the file's mtime and size. */
export const nodeSourceFiles: SourceFileHost = {
  readFile(path: string): SourceFile | undefined {
    try {
      const stats = statSync(path);
      if (!stats.isFile()) return undefined;
      return { text: readFileSync(path, 'utf8'), version: `${stats.mtimeMs}:${stats.size}` };
    } catch {
      return undefined;
    }
  },
  isDirectory(path: string): boolean {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
};
