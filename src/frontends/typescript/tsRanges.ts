/** Source ranges of tree-sitter nodes in the report's 0-based form. */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { SourceRange } from '../../engine/report';

export function rangeOf(node: Node): SourceRange {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}
