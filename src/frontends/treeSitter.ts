/**
 * Loads VS Code's own build of the tree-sitter runtime and grammars
 * (`@vscode/tree-sitter-wasm`) once per process. Pure: no vscode, no DOM.
 *
 * The runtime finds `tree-sitter.wasm` by path, so the bundles (dist/extension.js,
 * dist/cli.js) ship the wasm files in `dist/grammars/` (tools/build.mjs copies them);
 * when running from source (tests, tsx) the package's own `wasm/` folder is used.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Language as TsLanguage, Parser as TsParser, ParseState, Range, Tree } from '@vscode/tree-sitter-wasm';

export type Parser = TsParser;
export type ParserLanguage = 'python' | 'typescript' | 'tsx' | 'javascript';

interface TreeSitterModule {
  readonly Parser: typeof TsParser;
  readonly Language: typeof TsLanguage;
}

let runtime: Promise<TreeSitterModule> | undefined;
let runtimeDir: string | undefined;
/** The options object given to `Parser.init`: emscripten fills it with the binding's exports (see walkCursor.ts). */
let binding: Record<string, unknown> | undefined;
const parsers = new Map<string, Promise<TsParser>>();

/** The folder holding `tree-sitter.wasm` and the `tree-sitter-<language>.wasm` grammars. */
export function defaultGrammarDir(): string {
  const besideBundle = path.join(__dirname, 'grammars');
  if (existsSync(path.join(besideBundle, 'tree-sitter.wasm'))) return besideBundle;
  // Running from source: resolve the package, whose main file sits in its wasm folder.
  // (A variable, not a literal: a bundle never takes this path and esbuild need not see it.)
  const packageName = '@vscode/tree-sitter-wasm';
  return path.dirname(require.resolve(packageName));
}

function loadRuntime(grammarDir: string): Promise<TreeSitterModule> {
  if (!runtime) {
    runtimeDir = grammarDir;
    runtime = (async () => {
      // A plain require keeps esbuild bundling the runtime's JS into the bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require('@vscode/tree-sitter-wasm') as TreeSitterModule;
      const options = { locateFile: (file: string) => path.join(runtimeDir ?? grammarDir, file) };
      await module.Parser.init(options);
      binding = options;
      return module;
    })();
    runtime.catch(() => {
      runtime = undefined;
    });
  }
  return runtime;
}

/**
 * A parser for `language`, created once and cached (per grammar folder). Parsers are not
 * reentrant, but analyses run synchronously after parsing, so sharing one is safe.
 */
export function loadParser(language: ParserLanguage, grammarDir?: string): Promise<Parser> {
  const dir = grammarDir ?? defaultGrammarDir();
  const key = `${dir}\0${language}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser = (async () => {
      const module = await loadRuntime(dir);
      const grammar = await module.Language.load(path.join(dir, `tree-sitter-${language}.wasm`));
      const created = new module.Parser();
      created.setLanguage(grammar);
      return created;
    })();
    parsers.set(key, parser);
    parser.catch(() => parsers.delete(key));
  }
  return parser;
}

/** The loaded runtime's emscripten module object (its raw exports), once a parser has loaded. */
export function runtimeBinding(): Readonly<Record<string, unknown>> | undefined {
  return binding;
}

/**
 * The longest one parse may run. tree-sitter's error recovery is far from linear on some
 * badly broken inputs (a mutated 100-line file took 26 s), and a parse cannot be stopped by
 * the interpreter's budget, which only starts once the tree exists.
 */
export const PARSE_TIME_LIMIT_MS = 3000;

/** A parse that ran past its deadline and was cancelled. */
export class ParseTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`Conv Inspector stopped reading this file: parsing it took longer than ${limitMs / 1000} s, which happens when the syntax is badly broken`);
    this.name = 'ParseTimeoutError';
  }
}

/**
 * Parses `text`, cancelling at `deadline` (a `performance.now()` time). Null when the parse
 * was cancelled; `oldTree` and `includedRanges` as in `Parser.parse`.
 */
export function parseBefore(parser: Parser, text: string, deadline: number, oldTree?: Tree | null, includedRanges?: Range[]): Tree | null {
  // The typings say the callback returns void, but tree-sitter cancels when it returns true.
  const progressCallback = (() => performance.now() > deadline) as unknown as (state: ParseState) => void;
  return parser.parse(text, oldTree ?? null, { includedRanges, progressCallback });
}
