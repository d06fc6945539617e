/**
 * One door for every caller (CLI, editor, panel): source text in, FileAnalysis out. It
 * picks the front end by language and keeps the parsers loaded once per process.
 */
import type { Shape } from '../engine/types';
import type { FileAnalysis, SourceLanguage } from '../engine/report';
import { loadParser } from '../frontends/treeSitter';
import { analyzePython } from '../frontends/python/analyzePython';
import { analyzeTfjs } from '../frontends/typescript/analyzeTfjs';

export interface AnalyzeOptions {
  readonly defaultInputShape?: Shape;
  readonly defaultSpatialSize?: number;
  /** Folder with the tree-sitter wasm files; the bundles find their own by default. */
  readonly grammarDir?: string;
}

/** Maps a file name (or a VS Code language id) to the front end that reads it. */
export function languageOf(fileNameOrLanguageId: string): SourceLanguage | undefined {
  const name = fileNameOrLanguageId.toLowerCase();
  if (name === 'python' || name.endsWith('.py') || name.endsWith('.pyi')) return 'python';
  if (name === 'typescript' || name === 'typescriptreact' || /\.(ts|tsx|mts|cts)$/.test(name)) return 'typescript';
  if (name === 'javascript' || name === 'javascriptreact' || /\.(js|jsx|mjs|cjs)$/.test(name)) return 'javascript';
  return undefined;
}

export async function analyzeSource(source: string, language: SourceLanguage, options: AnalyzeOptions = {}): Promise<FileAnalysis> {
  if (language === 'python') {
    const parser = await loadParser('python', options.grammarDir);
    const tree = parser.parse(source);
    if (!tree) throw new Error('tree-sitter could not parse the file');
    try {
      return analyzePython(tree, source, options);
    } finally {
      tree.delete();
    }
  }
  const parser = await loadParser(language, options.grammarDir);
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter could not parse the file');
  try {
    return analyzeTfjs(tree, source, language, options);
  } finally {
    tree.delete();
  }
}
