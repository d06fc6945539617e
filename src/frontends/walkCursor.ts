/**
 * A cursor for walking a whole syntax tree once, as fast as the binding allows.
 *
 * web-tree-sitter's TreeCursor keeps its state in JS and copies it into the wasm transfer
 * buffer before every call and back after every move (eight DataView accesses through a
 * generic `setValue`/`getValue`). Copying the tree of a 5,000-line file makes about 600,000
 * such calls, and the copying costs more than the walk. The binding's own wasm functions
 * (`ts_tree_cursor_*_wasm`) read the cursor from that buffer and write it back after a move,
 * so a walk that owns the buffer from start to end can call them directly.
 *
 * This leans on the binding's internals (the emscripten module object and a tree's address
 * in `tree[0]`), so package.json pins @vscode/tree-sitter-wasm exactly, and it is checked
 * when used: if anything is missing, the public TreeCursor is used instead.
 * test/unit/frontends/walkCursor.test.ts checks that both walk alike.
 * While a direct walk is under way, nothing else may call into tree-sitter: the transfer
 * buffer holds the walk's cursor.
 */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { runtimeBinding } from './treeSitter';

export interface WalkCursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  readonly nodeTypeId: number;
  /** 0 when the node has no field name. */
  readonly currentFieldId: number;
  /** UTF-16 offsets, as JS strings index them. */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly nodeIsMissing: boolean;
  delete(): void;
}

type CursorCall = (treeAddress: number) => number;

interface CursorExports {
  readonly gotoFirstChild: CursorCall;
  readonly gotoNextSibling: CursorCall;
  readonly gotoParent: CursorCall;
  readonly typeId: CursorCall;
  readonly fieldId: CursorCall;
  readonly startIndex: CursorCall;
  readonly endIndex: CursorCall;
  readonly isMissing: CursorCall;
  readonly remove: CursorCall;
}

const exportNames: Record<keyof CursorExports, string> = {
  gotoFirstChild: '_ts_tree_cursor_goto_first_child_wasm',
  gotoNextSibling: '_ts_tree_cursor_goto_next_sibling_wasm',
  gotoParent: '_ts_tree_cursor_goto_parent_wasm',
  typeId: '_ts_tree_cursor_current_node_type_id_wasm',
  fieldId: '_ts_tree_cursor_current_field_id_wasm',
  startIndex: '_ts_tree_cursor_start_index_wasm',
  endIndex: '_ts_tree_cursor_end_index_wasm',
  isMissing: '_ts_tree_cursor_current_node_is_missing_wasm',
  remove: '_ts_tree_cursor_delete_wasm',
};

/** Looked up once per loaded runtime. */
const exportsByBinding = new WeakMap<object, CursorExports | null>();

/** The binding's cursor functions, or undefined when this runtime does not have them all. */
function cursorExports(): CursorExports | undefined {
  const module = runtimeBinding();
  if (!module) return undefined;
  let found = exportsByBinding.get(module);
  if (found === undefined) {
    found = lookUpExports(module);
    exportsByBinding.set(module, found);
  }
  return found ?? undefined;
}

function lookUpExports(module: Readonly<Record<string, unknown>>): CursorExports | null {
  const found: Partial<Record<keyof CursorExports, CursorCall>> = {};
  for (const [key, name] of Object.entries(exportNames) as [keyof CursorExports, string][]) {
    const candidate = module[name];
    if (typeof candidate !== 'function') return null;
    found[key] = candidate as CursorCall;
  }
  return found as CursorExports;
}

/** Calls the binding directly; the cursor's state stays in the transfer buffer throughout. */
class DirectCursor implements WalkCursor {
  constructor(
    private readonly calls: CursorExports,
    private readonly treeAddress: number,
  ) {}

  gotoFirstChild(): boolean {
    return this.calls.gotoFirstChild(this.treeAddress) === 1;
  }
  gotoNextSibling(): boolean {
    return this.calls.gotoNextSibling(this.treeAddress) === 1;
  }
  gotoParent(): boolean {
    return this.calls.gotoParent(this.treeAddress) === 1;
  }
  get nodeTypeId(): number {
    return this.calls.typeId(this.treeAddress);
  }
  get currentFieldId(): number {
    return this.calls.fieldId(this.treeAddress);
  }
  get startIndex(): number {
    return this.calls.startIndex(this.treeAddress);
  }
  get endIndex(): number {
    return this.calls.endIndex(this.treeAddress);
  }
  get nodeIsMissing(): boolean {
    return this.calls.isMissing(this.treeAddress) === 1;
  }
  /** Frees the cursor the buffer holds now (its stack may have moved since `walk()`). */
  delete(): void {
    this.calls.remove(this.treeAddress);
  }
}

/** A cursor at the root of `tree`; `direct: false` forces the public TreeCursor. */
export function walkTree(tree: Tree, options: { readonly direct?: boolean } = {}): WalkCursor {
  const calls = options.direct === false ? undefined : cursorExports();
  const treeAddress = (tree as unknown as Record<number, unknown>)[0];
  // `walk()` leaves the new cursor in the transfer buffer, where the direct calls find it.
  const cursor = tree.walk();
  if (!calls || typeof treeAddress !== 'number' || treeAddress === 0) return cursor;
  return new DirectCursor(calls, treeAddress);
}
