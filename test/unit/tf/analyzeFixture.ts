/** Parses a TS/JS file with the project's tree-sitter loader and runs the TF.js front end on it. */
import { readFileSync } from 'node:fs';
import { loadParser } from '../../../src/frontends/treeSitter';
import { analyzeTfjs } from '../../../src/frontends/typescript/analyzeTfjs';
import type { FileAnalysis } from '../../../src/engine/report';

export async function analyzeText(source: string, language: 'typescript' | 'javascript'): Promise<FileAnalysis> {
  const parser = await loadParser(language);
  const tree = parser.parse(source);
  if (!tree) throw new Error('parse failed');
  try {
    return analyzeTfjs(tree, source, language);
  } finally {
    tree.delete();
  }
}

export async function analyzeFile(path: string): Promise<FileAnalysis> {
  return analyzeText(readFileSync(path, 'utf8'), path.endsWith('.ts') ? 'typescript' : 'javascript');
}
