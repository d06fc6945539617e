/**
 * One door for every caller (CLI, editor, panel): source text in, FileAnalysis out. It
 * picks the front end by language and keeps the parsers loaded once per process.
 */
import { performance } from 'node:perf_hooks';
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { Shape } from '../engine/types';
import type { FileAnalysis, SourceLanguage } from '../engine/report';
import type { Parser } from '../frontends/treeSitter';
import { loadParser, parseBefore, PARSE_TIME_LIMIT_MS, ParseTimeoutError } from '../frontends/treeSitter';
import { analyzePython } from '../frontends/python/analyzePython';
import { analyzeTfjs } from '../frontends/typescript/analyzeTfjs';
import { parseDocument } from './incrementalParse';
import type { ImportContext } from '../frontends/sourceFiles';
import type { ScriptParser } from '../frontends/typescript/scriptFiles';

export interface AnalyzeOptions {
  readonly defaultInputShape?: Shape;
  readonly defaultSpatialSize?: number;
  /** Folder with the tree-sitter wasm files; the bundles find their own by default. */
  readonly grammarDir?: string;
  /**
   * A stable name for the document (its uri) when it will be analysed again after edits:
   * its syntax tree is then kept and re-parsed incrementally.
   */
  readonly documentKey?: string;
  /** Wall time for the file's interpretation, in milliseconds (frontends/analysisLimits.ts has the default); past it the result is partial. */
  readonly timeBudgetMs?: number;
  /** Interpreter steps for the whole file (frontends/analysisLimits.ts has the default). */
  readonly stepBudget?: number;
  /** False for throwaway analyses (the warm-up): they must not evict the editor's kept statements. */
  readonly reuseStatements?: boolean;
  /** The longest the parse may run before the file is given up on; PARSE_TIME_LIMIT_MS by default. */
  readonly parseTimeLimitMs?: number;
  /** Told how long parsing and the interpretation took (the CLI's `--time`, benchmarks). */
  readonly onTimings?: (timings: AnalysisTimings) => void;
  /** Where the file's imports are read from; without it, imports of other files are not followed. */
  readonly imports?: ImportContext;
}

export interface AnalysisTimings {
  /** tree-sitter: a full parse, or the incremental re-parse of an edited document. */
  readonly parseMs: number;
  /** The front end: syntax copy, interpretation, models and diagnostics. */
  readonly interpretMs: number;
}

/** Maps a file name (or a VS Code language id) to the front end that reads it. */
export function languageOf(fileNameOrLanguageId: string): SourceLanguage | undefined {
  const name = fileNameOrLanguageId.toLowerCase();
  if (name === 'python' || name.endsWith('.py') || name.endsWith('.pyi')) return 'python';
  if (name === 'typescript' || name === 'typescriptreact' || /\.(ts|tsx|mts|cts)$/.test(name)) return 'typescript';
  if (name === 'javascript' || name === 'javascriptreact' || /\.(js|jsx|mjs|cjs)$/.test(name)) return 'javascript';
  return undefined;
}

function withTree<T>(parser: Parser, source: string, documentKey: string | undefined, limitMs: number, use: (tree: Tree, parseMs: number) => T): T {
  const started = performance.now();
  if (documentKey !== undefined) {
    const kept = parseDocument(parser, documentKey, source, limitMs);
    return use(kept, performance.now() - started);
  }
  const tree = parseBefore(parser, source, started + limitMs);
  if (!tree) throw new ParseTimeoutError(limitMs);
  try {
    return use(tree, performance.now() - started);
  } finally {
    tree.delete();
  }
}

export async function analyzeSource(source: string, language: SourceLanguage, options: AnalyzeOptions = {}): Promise<FileAnalysis> {
  const parser = await loadParser(language, options.grammarDir);
  const parseScript = language !== 'python' && options.imports ? await scriptParser(options) : undefined;
  try {
    return withTree(parser, source, options.documentKey, options.parseTimeLimitMs ?? PARSE_TIME_LIMIT_MS, (tree, parseMs) => {
      const started = performance.now();
      const analysis = language === 'python' ? analyzePython(tree, source, pythonOptions(parser, options)) : analyzeTfjs(tree, source, language, { ...options, parseScript });
      options.onTimings?.({ parseMs, interpretMs: performance.now() - started });
      return analysis;
    });
  } catch (error) {
    if (!(error instanceof ParseTimeoutError)) throw error;
    return unparsedFile(language, error);
  }
}

/** Imported Python files are parsed by the same parser, each within the parse time limit. */
function pythonOptions(parser: Parser, options: AnalyzeOptions): AnalyzeOptions & { parsePython?: (text: string) => Tree | undefined } {
  if (!options.imports) return options;
  const limitMs = options.parseTimeLimitMs ?? PARSE_TIME_LIMIT_MS;
  return { ...options, parsePython: (text) => parseBefore(parser, text, performance.now() + limitMs) ?? undefined };
}

/** Parses the TypeScript and JavaScript modules a TF.js file imports, each within the parse time limit. */
async function scriptParser(options: AnalyzeOptions): Promise<ScriptParser> {
  const parsers = { typescript: await loadParser('typescript', options.grammarDir), javascript: await loadParser('javascript', options.grammarDir) };
  const limitMs = options.parseTimeLimitMs ?? PARSE_TIME_LIMIT_MS;
  return (text, language) => parseBefore(parsers[language], text, performance.now() + limitMs);
}

/** What a file that could not be parsed in time shows: nothing analysed, and why, at its start. */
function unparsedFile(language: SourceLanguage, error: ParseTimeoutError): FileAnalysis {
  const start = { line: 0, column: 0 };
  return { language, models: [], diagnostics: [{ range: { start, end: start }, severity: 'info', code: 'parse-timeout', message: error.message }], partial: true };
}
