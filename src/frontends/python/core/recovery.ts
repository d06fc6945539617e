/**
 * Syntax-error recovery by top-level statement. An unclosed bracket while typing makes
 * tree-sitter swallow everything after it into one broken node; but a line that starts
 * at column 0 with a name or keyword always begins a new top-level statement in valid
 * Python. So a broken top-level node is cut at such lines and each piece is parsed on its
 * own (tree-sitter's included ranges keep the positions absolute): the statements after
 * the error are read again, the syntax error itself is still reported.
 */
import type { Language, Parser as TsParser, Tree } from '@vscode/tree-sitter-wasm';
import type { PyNode, PySyntax } from './syntax';
import { convertTree } from './syntax';
import { parseBefore, PARSE_TIME_LIMIT_MS } from '../../treeSitter';
import { performance } from 'node:perf_hooks';

const continuation = /^(else|elif|except|finally)\b/;
const statementStart = /^[A-Za-z_@]/;
const parsers = new WeakMap<Language, TsParser>();

function parserFor(language: Language): TsParser {
  let parser = parsers.get(language);
  if (!parser) {
    // The runtime is initialized already: the caller parsed the tree with it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Parser } = require('@vscode/tree-sitter-wasm') as { Parser: new () => TsParser };
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(language, parser);
  }
  return parser;
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let index = source.indexOf('\n'); index >= 0; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** Cut points (line numbers) inside a broken top-level node where a new statement starts. */
function cutLines(source: string, starts: readonly number[], node: PyNode): number[] {
  const cuts: number[] = [];
  for (let line = node.range.start.line + 1; line <= node.range.end.line && line < starts.length; line++) {
    const text = source.slice(starts[line], starts[line] + 16);
    if (statementStart.test(text) && !continuation.test(text)) cuts.push(line);
  }
  return cuts;
}

/** `syntax` with broken top-level statements re-read piece by piece; unchanged when the file parses cleanly. */
export function recoverStatements(tree: Tree, syntax: PySyntax): PySyntax {
  if (syntax.problems.length === 0) return syntax;
  const { source } = syntax;
  const starts = lineStartsOf(source);
  const deadline = performance.now() + PARSE_TIME_LIMIT_MS;
  const problemLines = syntax.problems.map((problem) => problem.range.start.line);
  const children: PyNode[] = [];
  const replaced: [number, number][] = [];
  const recoveredCalls: PyNode[] = [];
  const recoveredTooDeep: PyNode[] = [];
  for (const node of syntax.root.children) {
    const broken = problemLines.some((line) => line >= node.range.start.line && line <= node.range.end.line);
    const cuts = broken ? cutLines(source, starts, node) : [];
    if (cuts.length === 0) {
      children.push(node);
      continue;
    }
    replaced.push([node.start, node.end]);
    const bounds = [node.start, ...cuts.map((line) => starts[line]), node.end];
    for (let piece = 0; piece + 1 < bounds.length; piece++) {
      const from = bounds[piece];
      const to = bounds[piece + 1];
      if (to <= from) continue;
      const fromLine = piece === 0 ? node.range.start.line : cuts[piece - 1];
      const fromColumn = piece === 0 ? node.range.start.column : 0;
      const toLine = piece + 1 < bounds.length - 1 ? cuts[piece] : node.range.end.line;
      const toColumn = piece + 1 < bounds.length - 1 ? 0 : node.range.end.column;
      const pieceTree = parseBefore(parserFor(tree.language), source, deadline, null, [
        { startIndex: from, endIndex: to, startPosition: { row: fromLine, column: fromColumn }, endPosition: { row: toLine, column: toColumn } },
      ]);
      // Out of time: the file keeps its broken statements as tree-sitter first read them.
      if (!pieceTree) return syntax;
      try {
        const pieceSyntax = convertTree(pieceTree, source, { reuse: false });
        children.push(...pieceSyntax.root.children);
        recoveredCalls.push(...pieceSyntax.calls);
        recoveredTooDeep.push(...pieceSyntax.tooDeep);
      } finally {
        pieceTree.delete();
      }
    }
  }
  if (replaced.length === 0) return syntax;
  const outside = (call: PyNode): boolean => !replaced.some(([from, to]) => call.start >= from && call.end <= to);
  const calls = [...syntax.calls.filter(outside), ...recoveredCalls].sort((a, b) => a.start - b.start);
  const root: PyNode = { ...syntax.root, children, range: syntax.root.range };
  const tooDeep = [...syntax.tooDeep.filter(outside), ...recoveredTooDeep];
  return { ...syntax, root, calls, tooDeep };
}
