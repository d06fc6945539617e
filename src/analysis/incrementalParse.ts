/**
 * Parses a document again after an edit by handing tree-sitter the previous tree, so
 * only the edited region is re-parsed: on a 5,000-line file a fresh parse costs ~50 ms,
 * an incremental one a few. The edit is recovered from the two texts (common prefix and
 * suffix), since the worker receives whole texts, not change events.
 */
import type { Edit, Point, Tree } from '@vscode/tree-sitter-wasm';
import type { Parser } from '../frontends/treeSitter';
import { parseBefore, PARSE_TIME_LIMIT_MS, ParseTimeoutError } from '../frontends/treeSitter';
import { performance } from 'node:perf_hooks';

interface PreviousParse {
  readonly text: string;
  readonly tree: Tree;
  readonly parser: Parser;
}

/** Few documents are edited at once; older trees are freed. */
const maxDocuments = 8;
const previousParses = new Map<string, PreviousParse>();

function pointAt(text: string, index: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < index; at = text.indexOf('\n', at + 1)) {
    row += 1;
    lineStart = at + 1;
  }
  return { row, column: index - lineStart };
}

/** The single edit that turns `before` into `after`; indices and columns in UTF-16 code units, as web-tree-sitter counts them. */
export function editBetween(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd -= 1;
    newEnd -= 1;
  }
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(after, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

/**
 * Parses `text`, reusing the last tree of `documentKey` when the same parser made it.
 * The returned tree stays owned by this cache: callers must not delete it.
 */
export function parseDocument(parser: Parser, documentKey: string, text: string, limitMs = PARSE_TIME_LIMIT_MS): Tree {
  const previous = previousParses.get(documentKey);
  let tree: Tree | null;
  if (previous && previous.parser === parser) {
    if (previous.text === text) return previous.tree;
    const reused = previous.tree.copy();
    reused.edit(editBetween(previous.text, text));
    tree = parseBefore(parser, text, performance.now() + limitMs, reused);
    reused.delete();
  } else {
    tree = parseBefore(parser, text, performance.now() + limitMs);
  }
  if (!tree) throw new ParseTimeoutError(limitMs);
  previous?.tree.delete();
  previousParses.delete(documentKey);
  previousParses.set(documentKey, { text, tree, parser });
  while (previousParses.size > maxDocuments) {
    const [oldestKey, oldest] = previousParses.entries().next().value as [string, PreviousParse];
    oldest.tree.delete();
    previousParses.delete(oldestKey);
  }
  return tree;
}

/** Frees the cached tree of a closed document. */
export function forgetDocument(documentKey: string): void {
  previousParses.get(documentKey)?.tree.delete();
  previousParses.delete(documentKey);
}
