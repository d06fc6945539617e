/**
 * The front ends as the unit tests call them: parse with the project's tree-sitter loader,
 * run the Python (PyTorch, Keras) or TypeScript (TF.js) front end, free the tree. One copy,
 * so a change to a front end's entry point is made here and nowhere else in the tests.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileAnalysis } from '../../src/engine/report';
import type { PythonAnalysisOptions } from '../../src/frontends/python/analyzePython';
import { analyzePython } from '../../src/frontends/python/analyzePython';
import type { ParserLanguage } from '../../src/frontends/treeSitter';
import { loadParser } from '../../src/frontends/treeSitter';
import { analyzeTfjs } from '../../src/frontends/typescript/analyzeTfjs';
import { repoRoot } from './paths';

/** The languages of the TF.js front end. */
export type ScriptLanguage = 'typescript' | 'javascript';

async function withTree<T>(language: ParserLanguage, source: string, analyze: (tree: Tree) => T): Promise<T> {
  const parser = await loadParser(language);
  const tree = parser.parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse the ${language} source`);
  try {
    return analyze(tree);
  } finally {
    tree.delete();
  }
}

/** Analyses Python source text (PyTorch and Keras models) as the editor and the CLI do. */
export function analyzePythonSource(source: string, options?: PythonAnalysisOptions): Promise<FileAnalysis> {
  return withTree('python', source, (tree) => analyzePython(tree, source, options));
}

/** Analyses TypeScript or JavaScript source text (TF.js models). */
export function analyzeTfjsSource(source: string, language: ScriptLanguage): Promise<FileAnalysis> {
  return withTree(language, source, (tree) => analyzeTfjs(tree, source, language));
}

/**
 * Analyses a model file, absolute or relative to the repository root, with the front end
 * its extension picks: `.py` is Python, `.ts` TypeScript, anything else JavaScript.
 */
export function analyzeFile(file: string): Promise<FileAnalysis> {
  const absolute = path.resolve(repoRoot, file);
  const source = readFileSync(absolute, 'utf8');
  if (absolute.endsWith('.py')) return analyzePythonSource(source);
  return analyzeTfjsSource(source, absolute.endsWith('.ts') ? 'typescript' : 'javascript');
}

/** Loads the Python parser up front (from a `before` hook), so no single test pays for it. */
export async function preloadPythonParser(): Promise<void> {
  await loadParser('python');
}
