/**
 * Finding and parsing the local modules a TF.js file imports (`./model`, `../lib/layers.js`),
 * through the injected SourceFileHost (never the file system directly). Paths resolve as
 * Node and the bundlers do: the path itself, `.js` written for a `.ts` source, the added
 * extensions, then the folder's `index`. Syntax trees are cached by path and version and
 * shared by every analysis in the process, so an edit to the importing file re-parses only it.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { SourceFileHost } from '../sourceFiles';

/** Parses TypeScript or JavaScript text synchronously (null when the parse ran out of time). */
export type ScriptParser = (text: string, language: 'typescript' | 'javascript') => Tree | null;

/** A found module: its absolute path, text and tree. */
export interface ScriptFile {
  readonly path: string;
  readonly text: string;
  readonly tree: Tree;
}

/** The folder part of a path (either separator). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '.' : path.slice(0, cut) || path.slice(0, 1);
}

/** Joins a folder and a relative specifier, folding `.` and `..`, keeping the folder's separator. */
export function joinPath(folder: string, relative: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const parts = folder.split(/[\\/]/);
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(part);
  }
  return parts.join(separator);
}

/** Whether an import specifier names a file of the project rather than a package. */
export function isLocalSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** The paths tried for a specifier, in order. */
export function candidatePaths(fromFile: string, specifier: string): string[] {
  const base = joinPath(folderOf(fromFile), specifier);
  const candidates = [base];
  const compiled = /\.(m|c)?js$/.exec(base);
  if (compiled) candidates.push(base.slice(0, -compiled[0].length) + `.${compiled[1] ?? ''}ts`);
  for (const extension of ['.ts', '.js', '.mjs', '.cjs']) candidates.push(base + extension);
  for (const index of ['index.ts', 'index.js']) candidates.push(joinPath(base, index));
  return candidates;
}

/** The language a module file is parsed as; undefined for files this front end does not read. */
function scriptLanguage(path: string): 'typescript' | 'javascript' | undefined {
  if (/\.(ts|mts|cts)$/.test(path)) return 'typescript';
  if (/\.(js|mjs|cjs)$/.test(path)) return 'javascript';
  return undefined;
}

interface CachedTree {
  readonly version: string;
  readonly text: string;
  readonly tree: Tree;
}

/** Modules kept parsed between analyses; the least recently used beyond this are freed. */
const maxCachedTrees = 64;
const trees = new Map<string, CachedTree>();

/**
 * Finds and parses the module a specifier names, or undefined (with the paths it tried) when
 * none of the candidates is a readable script.
 */
export function findScript(files: SourceFileHost, parse: ScriptParser, fromFile: string, specifier: string): ScriptFile | { tried: string[] } {
  const tried = candidatePaths(fromFile, specifier);
  for (const path of tried) {
    const language = scriptLanguage(path);
    if (!language) continue;
    const file = files.readFile(path);
    if (!file) continue;
    let cached = trees.get(path);
    if (cached?.version !== file.version) {
      const tree = parse(file.text, language);
      if (!tree) continue;
      cached?.tree.delete();
      cached = { version: file.version, text: file.text, tree };
    }
    // Re-inserted: the map's order is the order of use.
    trees.delete(path);
    trees.set(path, cached);
    return { path, text: cached.text, tree: cached.tree };
  }
  return { tried };
}

/** Frees the least recently used trees beyond the cache's size; called between analyses, never during one. */
export function trimScriptCache(): void {
  for (const [path, cached] of trees) {
    if (trees.size <= maxCachedTrees) return;
    trees.delete(path);
    cached.tree.delete();
  }
}
