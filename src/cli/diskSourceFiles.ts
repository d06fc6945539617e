/**
 * The CLI's SourceFileHost: imported modules are read from the disk. A file's version is
 * its mtime and size, so a module changed between two analyses is read and parsed again.
 */
import { readFileSync, statSync } from 'node:fs';
import type { SourceFile, SourceFileHost } from '../frontends/sourceFiles';
import { MAX_SOURCE_BYTES } from './readSourceFile';

/** Reads regular files up to the CLI's source size limit; anything else does not exist. */
export const diskSourceFiles: SourceFileHost = {
  readFile(path: string): SourceFile | undefined {
    try {
      const stats = statSync(path);
      if (!stats.isFile() || stats.size > MAX_SOURCE_BYTES) return undefined;
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
