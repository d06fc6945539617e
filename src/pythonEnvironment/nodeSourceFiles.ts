/**
 * The file-system side of following imports, for the CLI and the editor's analysis worker:
 * imported files read from disk, each stamped with its modification time and size, its text
 * read again only when the stamp changes. Open editor documents can be laid over the disk
 * (their unsaved text wins). Reads only: nothing is ever written or run.
 */
import { readFileSync, statSync } from 'node:fs';
import type { SourceFile, SourceFileHost } from '../frontends/sourceFiles';

/** Larger than any module worth interpreting; a bigger `.py` file is treated as absent. */
const maxImportedFileBytes = 4 * 1024 * 1024;

/** A `SourceFileHost` over the local disk, with an optional overlay of open documents. */
export class NodeSourceFiles implements SourceFileHost {
  private readonly texts = new Map<string, SourceFile>();
  private readonly overlay = new Map<string, SourceFile>();

  /** Lays these documents' texts over their files (the editor's unsaved text), replacing the previous ones. */
  setOverlays(documents: readonly { readonly path: string; readonly text: string; readonly version: string }[]): void {
    this.overlay.clear();
    for (const { path, text, version } of documents) this.overlay.set(path, { text, version });
  }

  readFile(path: string): SourceFile | undefined {
    const open = this.overlay.get(path);
    if (open) return open;
    let stats;
    try {
      stats = statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!stats?.isFile() || stats.size > maxImportedFileBytes) return undefined;
    const version = `${stats.mtimeMs}:${stats.size}`;
    const cached = this.texts.get(path);
    if (cached?.version === version) return cached;
    try {
      const file = { text: readFileSync(path, 'utf8'), version };
      this.texts.set(path, file);
      return file;
    } catch {
      return undefined;
    }
  }

  isDirectory(path: string): boolean {
    try {
      return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  }
}
