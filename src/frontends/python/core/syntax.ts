/**
 * A plain-object copy of tree-sitter's Python syntax tree. The interpreter visits the
 * same nodes many times (loops, helper functions, several instances of a class), and
 * every property read on a tree-sitter node crosses into wasm; one cursor walk up front
 * keeps the interpretation in plain JS and linear in the file size.
 */
import type { Language, Tree } from '@vscode/tree-sitter-wasm';
import type { SourceRange } from '../../../engine/report';
import { walkTree } from '../../walkCursor';
import { maxSyntaxDepth } from '../../analysisLimits';

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
  /** Every `call` node, in source order (constructor checks visit only these). */
  readonly calls: readonly PyNode[];
  readonly source: string;
  readonly comments: readonly PyComment[];
  readonly problems: readonly SyntaxProblem[];
  /** Nodes nested deeper than the interpreter follows (analysisLimits.ts), kept without their children. */
  readonly tooDeep: readonly PyNode[];
}

const errorSymbol = 65535;
const noChildren: readonly PyNode[] = Object.freeze([]);
const noTokens: readonly string[] = Object.freeze([]);
/** The type of a node nested too deep: its children are not copied, the interpreter finds it unknown. */
export const tooDeepType = 'nesting_too_deep';
/** Only these node types need their anonymous operator tokens. */
const operatorNodes = new Set(['binary_operator', 'unary_operator', 'boolean_operator', 'comparison_operator', 'augmented_assignment', 'not_operator']);

/** Line starts of a source text, for offset -> position. */
class LineTable {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let index = source.indexOf('\n'); index >= 0; index = source.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: offset - starts[low] };
  }
}

/**
 * Where the nodes of imported files report their range: a range of the analysed file (the
 * line whose call led into the imported code), set by the interpreter when it enters that
 * code. A range in another file is never reported as if it were in the analysed one.
 */
export const importedCodeAnchor: { range: SourceRange } = { range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } };

/** A node whose range is computed when asked: most nodes never need one. */
class SyntaxNode implements PyNode {
  private cachedRange: SourceRange | undefined;

  constructor(
    readonly type: string,
    readonly field: string | null,
    readonly children: readonly PyNode[],
    readonly tokens: readonly string[],
    readonly start: number,
    readonly end: number,
    /** Null for the nodes of an imported file: their range is the anchor's. */
    readonly lines: LineTable | null,
  ) {}

  get range(): SourceRange {
    if (this.lines === null) return importedCodeAnchor.range;
    this.cachedRange ??= { start: this.lines.position(this.start), end: this.lines.position(this.end) };
    return this.cachedRange;
  }
}

/**
 * A node of an imported file whose range stays the anchor's of this moment: a layer built by
 * imported code points at the analysed file's line that built it, as PyTorch's traceback's
 * innermost frame in that file does.
 */
export function anchoredNow(node: PyNode): PyNode {
  return Object.create(node, { range: { value: importedCodeAnchor.range } }) as PyNode;
}

/** True for a node of an imported file (another file than the analysed one). */
export function isImportedNode(node: PyNode): boolean {
  return node instanceof SyntaxNode && node.lines === null;
}

interface CachedStatement {
  readonly type: string;
  /** The statement's text; with its start offset, line and column it identifies the statement. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly node: PyNode;
  readonly comments: readonly PyComment[];
  readonly calls: readonly PyNode[];
}

/** Per grammar, whether each node type is named. */
const namedTypesByLanguage = new WeakMap<Language, readonly boolean[]>();

/** Asked before a walk, once per grammar: during the walk nothing else may call into tree-sitter (walkCursor.ts). */
function namedTypes(language: Language): readonly boolean[] {
  let named = namedTypesByLanguage.get(language);
  if (!named) {
    named = language.types.map((_, typeId) => language.nodeTypeIsNamed(typeId));
    namedTypesByLanguage.set(language, named);
  }
  return named;
}

/** The statements of the last conversion, by start offset (bounded: one file's worth). */
let statementCache = new Map<number, CachedStatement>();

/** Copies `tree` into plain objects, collecting comments and syntax errors on the way. */
export function convertTree(tree: Tree, source: string, options: { readonly reuse?: boolean; readonly imported?: boolean } = {}): PySyntax {
  const useCache = options.reuse !== false && options.imported !== true;
  const comments: PyComment[] = [];
  const problems: SyntaxProblem[] = [];
  const calls: PyNode[] = [];
  const tooDeep: PyNode[] = [];
  const language = tree.language;
  const typeNames = language.types;
  const fieldNames = language.fields;
  const named = namedTypes(language);
  const isNamed = (typeId: number): boolean => named[typeId] ?? false;
  const checkMissing = tree.rootNode.hasError;
  const lines = new LineTable(source);
  const nodeLines = options.imported === true ? null : lines;
  const cursor = walkTree(tree);
  // Children gather on one shared stack and leave it as one exact-size array per node:
  // far less garbage than growing an array per node.
  const pending: PyNode[] = [];
  // The walk recurses once per level: past the interpreter's depth limit a subtree is cut
  // off (its calls and comments unseen), so neither this walk nor the evaluator overflows.
  let depth = 0;
  // One report per top-level statement: the siblings cut at the same depth say nothing more.
  let statementCut = false;
  const visit = (fieldName: string | null, type: string): PyNode => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    if (depth >= maxSyntaxDepth) {
      const cut = new SyntaxNode(tooDeepType, fieldName, noChildren, noTokens, start, end, nodeLines);
      if (!statementCut) tooDeep.push(cut);
      statementCut = true;
      return cut;
    }
    depth++;
    const base = pending.length;
    let tokens = noTokens as string[];
    const keepTokens = operatorNodes.has(type);
    // Plain strings are read from their text; only f-strings need their interpolations.
    if ((type !== 'string' || isFormatString(source, start)) && cursor.gotoFirstChild()) {
      do {
        const typeId = cursor.nodeTypeId;
        // ERROR nodes have no entry in the type table (symbol 65535) but are named.
        if (typeId === errorSymbol || isNamed(typeId)) {
          const childType = typeNames[typeId] ?? 'ERROR';
          if (childType === 'comment') {
            const offset = cursor.startIndex;
            comments.push({ text: source.slice(offset, cursor.endIndex), line: lines.position(offset).line });
            continue;
          }
          if (checkMissing && cursor.nodeIsMissing) {
            const at = lines.position(cursor.startIndex);
            problems.push({ range: { start: at, end: at }, missing: childType });
          }
          const fieldId = cursor.currentFieldId;
          const childField = fieldId ? (fieldNames[fieldId] ?? null) : null;
          pending.push(type === 'module' ? statement(childField, childType) : visit(childField, childType));
        } else {
          if (checkMissing && cursor.nodeIsMissing) {
            const at = lines.position(cursor.startIndex);
            problems.push({ range: { start: at, end: at }, missing: typeNames[typeId] ?? '' });
          }
          if (keepTokens) {
            if (tokens === noTokens) tokens = [];
            tokens.push(typeNames[typeId] ?? '');
          }
        }
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    depth--;
    const children = pending.length === base ? noChildren : pending.slice(base);
    pending.length = base;
    const node = new SyntaxNode(type, fieldName, children, tokens, start, end, nodeLines);
    if (type === 'call') calls.push(node);
    else if (type === 'ERROR') problems.push({ range: node.range, missing: null });
    return node;
  };
  // Top-level statements whose text and position did not change since the last conversion
  // are reused: re-analysis after an edit copies only what the edit touched.
  const reuse = statementCache;
  const keep = new Map<number, CachedStatement>();
  const statement = (fieldName: string | null, type: string): PyNode => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const at = lines.position(start);
    const cached = useCache ? reuse.get(start) : undefined;
    // Compared in place: no key string is built from the statement's text.
    if (
      cached &&
      cached.type === type &&
      cached.line === at.line &&
      cached.column === at.column &&
      cached.node.field === fieldName &&
      cached.text.length === end - start &&
      source.startsWith(cached.text, start)
    ) {
      comments.push(...cached.comments);
      calls.push(...cached.calls);
      keep.set(start, cached);
      return cached.node;
    }
    const marks = [comments.length, calls.length, problems.length];
    statementCut = false;
    const node = visit(fieldName, type);
    if (problems.length === marks[2] && !statementCut) {
      const text = source.slice(start, end);
      keep.set(start, { type, text, line: at.line, column: at.column, node, comments: comments.slice(marks[0]), calls: calls.slice(marks[1]) });
    }
    return node;
  };
  try {
    const root = visit(null, typeNames[cursor.nodeTypeId] ?? 'module');
    if (useCache) statementCache = keep;
    // Calls were collected in post-order; source order reads better in diagnostics.
    calls.sort((a, b) => a.start - b.start);
    return { root, calls, source, comments, problems, tooDeep };
  } finally {
    cursor.delete();
  }
}

/** True when the string literal at `offset` has an `f` prefix. */
export function isFormatString(source: string, offset: number): boolean {
  for (let index = offset; index < offset + 3 && index < source.length; index++) {
    const char = source[index];
    if (char === 'f' || char === 'F') return true;
    if (char === '"' || char === "'") return false;
  }
  return false;
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
