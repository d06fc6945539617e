/**
 * A plain-object copy of tree-sitter's Python syntax tree. The interpreter visits the
 * same nodes many times (loops, helper functions, several instances of a class), and
 * every property read on a tree-sitter node crosses into wasm; one cursor walk up front
 * keeps the interpretation in plain JS and linear in the file size.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import type { SourceRange } from '../../engine/report';

export interface PyNode {
  readonly type: string;
  /** Field name in the parent (`function`, `arguments`, `left`, ...), if any. */
  readonly field: string | null;
  /** Named children, comments excluded. */
  readonly children: readonly PyNode[];
  /** Anonymous tokens among the children, in order (`+`, `not`, `in`, `is`, ...). */
  readonly tokens: readonly string[];
  /** UTF-16 offsets into the source, as JS strings index it. */
  readonly start: number;
  readonly end: number;
  readonly range: SourceRange;
}

export interface PyComment {
  readonly text: string;
  readonly line: number;
}

export interface SyntaxProblem {
  readonly range: SourceRange;
  readonly missing: string | null;
}

export interface PySyntax {
  readonly root: PyNode;
  readonly source: string;
  readonly comments: readonly PyComment[];
  readonly problems: readonly SyntaxProblem[];
}

/** Copies `tree` into plain objects, collecting comments and syntax errors on the way. */
export function convertTree(tree: Tree, source: string): PySyntax {
  const comments: PyComment[] = [];
  const problems: SyntaxProblem[] = [];
  const cursor = tree.walk();
  const visit = (field: string | null): PyNode => {
    const type = cursor.nodeType;
    const startPosition = cursor.startPosition;
    const endPosition = cursor.endPosition;
    const range: SourceRange = {
      start: { line: startPosition.row, column: startPosition.column },
      end: { line: endPosition.row, column: endPosition.column },
    };
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const children: PyNode[] = [];
    const tokens: string[] = [];
    if (cursor.nodeIsMissing) problems.push({ range, missing: type });
    else if (type === 'ERROR') problems.push({ range, missing: null });
    if (cursor.gotoFirstChild()) {
      do {
        const childField = cursor.currentFieldName;
        if (cursor.nodeType === 'comment') {
          comments.push({ text: source.slice(cursor.startIndex, cursor.endIndex), line: cursor.startPosition.row });
        } else if (cursor.nodeIsNamed) {
          children.push(visit(childField));
        } else {
          if (cursor.nodeIsMissing) {
            const p = cursor.startPosition;
            problems.push({ range: { start: { line: p.row, column: p.column }, end: { line: p.row, column: p.column } }, missing: cursor.nodeType });
          }
          tokens.push(cursor.nodeType);
        }
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return { type, field, children, tokens, start, end, range };
  };
  try {
    return { root: visit(null), source, comments, problems };
  } finally {
    cursor.delete();
  }
}

/** The first child with this field name. */
export function field(node: PyNode, name: string): PyNode | undefined {
  for (const child of node.children) if (child.field === name) return child;
  return undefined;
}

/** Every child with this field name, in order. */
export function fields(node: PyNode, name: string): PyNode[] {
  return node.children.filter((child) => child.field === name);
}

/** The source text of a node. */
export function textOf(syntax: PySyntax, node: PyNode): string {
  return syntax.source.slice(node.start, node.end);
}

/** The dotted name of `a.b.c` or `a`, or undefined for anything else. */
export function dottedName(syntax: PySyntax, node: PyNode): string | undefined {
  if (node.type === 'identifier') return textOf(syntax, node);
  if (node.type === 'attribute') {
    const object = field(node, 'object');
    const attribute = field(node, 'attribute');
    if (!object || !attribute) return undefined;
    const head = dottedName(syntax, object);
    return head === undefined ? undefined : `${head}.${textOf(syntax, attribute)}`;
  }
  return undefined;
}
