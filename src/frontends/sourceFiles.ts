/**
 * How the front ends read other source files (imported modules) without touching the file
 * system themselves: the caller injects a host. The CLI's host reads the disk; the editor's
 * reads open documents first (their unsaved text wins), then the disk. Synchronous because
 * the interpreters are: an import is followed in the middle of interpreting a statement.
 */

/** One readable source file and a stamp that changes whenever its text does. */
export interface SourceFile {
  readonly text: string;
  /** A document version, or the file's mtime and size on disk: equal stamps mean equal text. */
  readonly version: string;
}

export interface SourceFileHost {
  /** The file at an absolute path, or undefined when it does not exist or cannot be read. */
  readFile(path: string): SourceFile | undefined;
  /** Whether an absolute path is a directory (a Python package or namespace package). */
  isDirectory(path: string): boolean;
}

/** Where an analysed file's imports are looked up. */
export interface ImportContext {
  /** The analysed file's absolute path; relative imports and sibling modules start from its folder. */
  readonly filePath: string;
  readonly files: SourceFileHost;
  /**
   * Folders searched for absolute Python imports after the file's own folder, in order: the
   * workspace roots, PYTHONPATH, the selected environment's site-packages, the system's
   * dist-packages.
   */
  readonly pythonSearchPaths: readonly string[];
}
