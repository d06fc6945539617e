/**
 * Where a Python module's file is, found the way Python's import system finds it, without
 * running Python: in each folder searched, a package (a folder with `__init__.py`) or a
 * module file (`name.py`) wins; a folder without `__init__.py` is a namespace package when
 * nothing else has the name. Relative imports start from the importing file's folder. Paths
 * are plain strings: this runs in the CLI, the editor's worker and a browser alike.
 */
import type { SourceFileHost } from '../../sourceFiles';

/** A module found on disk. */
export interface FoundModule {
  /** The dotted name it was imported by (`torchvision.models`). */
  readonly name: string;
  /** Its source: `name.py` or a package's `__init__.py`; undefined for a namespace package. */
  readonly file: string | undefined;
  /** A package's folder, where its submodules are; undefined for a plain module. */
  readonly dir: string | undefined;
}

/** The outcome of one search: the module, or the folders looked in. */
export interface ModuleSearch {
  readonly found: FoundModule | undefined;
  readonly lookedIn: readonly string[];
  /** Set when the search stopped below the top: the deepest package found on the way. */
  readonly partial?: FoundModule;
}

/** `dir` joined with `name` (a `/` works on every platform's file system API). */
export function joinPath(dir: string, name: string): string {
  return /[\\/]$/.test(dir) ? dir + name : `${dir}/${name}`;
}

/** The folder of a path. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return '.';
  return cut === 0 ? path.slice(0, 1) : path.slice(0, cut);
}

/** One name in one folder: a package, a module file or a namespace package, else undefined. */
function findIn(files: SourceFileHost, dir: string, part: string, name: string): FoundModule | undefined {
  const folder = joinPath(dir, part);
  const isFolder = files.isDirectory(folder);
  if (isFolder) {
    const init = joinPath(folder, '__init__.py');
    if (files.readFile(init)) return { name, file: init, dir: folder };
  }
  const file = joinPath(dir, `${part}.py`);
  if (files.readFile(file)) return { name, file, dir: undefined };
  return isFolder ? { name, file: undefined, dir: folder } : undefined;
}

/** A submodule of a package (`models` of `torchvision`), or undefined. */
export function findSubmodule(files: SourceFileHost, parent: FoundModule, part: string): FoundModule | undefined {
  return parent.dir === undefined ? undefined : findIn(files, parent.dir, part, `${parent.name}.${part}`);
}

/** Walks `parts` down from `start`; stops at the first part that is not there. */
function descend(files: SourceFileHost, start: FoundModule, parts: readonly string[], lookedIn: readonly string[]): ModuleSearch {
  let module = start;
  for (const part of parts) {
    const next = findSubmodule(files, module, part);
    if (!next) return { found: undefined, lookedIn, partial: module };
    module = next;
  }
  return { found: module, lookedIn };
}

/** An absolute import (`torchvision.models`): its first part in each folder of `roots` in order. */
export function findModule(files: SourceFileHost, roots: readonly string[], name: string): ModuleSearch {
  const [head, ...rest] = name.split('.');
  let namespace: FoundModule | undefined;
  for (const root of roots) {
    const found = findIn(files, root, head, head);
    if (found && found.file !== undefined) return descend(files, found, rest, roots);
    namespace ??= found;
  }
  return namespace ? descend(files, namespace, rest, roots) : { found: undefined, lookedIn: roots };
}

/**
 * A relative import (`..ops.misc` from `torchvision/models/resnet.py`): one dot is the
 * importing file's folder, each further dot one folder up.
 */
export function findRelativeModule(files: SourceFileHost, importer: FoundModule, level: number, rest: string): ModuleSearch {
  let dir = importer.dir ?? folderOf(importer.file ?? '.');
  let packageName = importer.dir !== undefined ? importer.name : importer.name.split('.').slice(0, -1).join('.');
  for (let up = 1; up < level; up++) {
    dir = folderOf(dir);
    packageName = packageName.split('.').slice(0, -1).join('.');
  }
  const init = joinPath(dir, '__init__.py');
  const name = packageName || dir.split(/[\\/]/).pop() || '.';
  const start: FoundModule = { name, file: files.readFile(init) ? init : undefined, dir };
  const search = descend(files, start, rest === '' ? [] : rest.split('.'), [dir]);
  // The folder itself was looked in; naming it again as "the package found on the way" says nothing.
  return search.partial === start ? { found: undefined, lookedIn: search.lookedIn } : search;
}
