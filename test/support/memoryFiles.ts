/**
 * An in-memory `SourceFileHost` for the import tests: files by absolute path, each write a
 * new version, and a count of what was read, so a test can see what an analysis touched.
 */
import type { SourceFile, SourceFileHost } from '../../src/frontends/sourceFiles';

export class MemoryFiles implements SourceFileHost {
  private readonly files = new Map<string, SourceFile>();
  private nextVersion = 1;
  /** Paths read, in order (a path read twice appears twice). */
  readonly reads: string[] = [];

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  /** Writes a file with a new version stamp. */
  write(path: string, text: string): void {
    this.files.set(path, { text, version: String(this.nextVersion++) });
  }

  /** Replaces a file's text but keeps its stamp (what a host must never do; tests use it to show the stamp decides). */
  writeKeepingVersion(path: string, text: string): void {
    this.files.set(path, { text, version: this.files.get(path)!.version });
  }

  readFile(path: string): SourceFile | undefined {
    const file = this.files.get(path);
    if (file) this.reads.push(path);
    return file;
  }

  isDirectory(path: string): boolean {
    for (const file of this.files.keys()) if (file.startsWith(`${path}/`)) return true;
    return false;
  }
}
