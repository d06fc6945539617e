/**
 * The direct cursor (walkCursor.ts) must walk exactly as web-tree-sitter's public
 * TreeCursor does: same nodes, fields, offsets and missing marks, in the same order, also
 * on broken code, and the tree must stay usable afterwards.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@vscode/tree-sitter-wasm';
import { loadParser } from '../../../src/frontends/treeSitter';
import type { WalkCursor } from '../../../src/frontends/walkCursor';
import { walkTree } from '../../../src/frontends/walkCursor';

function walkAll(tree: Tree, direct: boolean): { steps: string[]; directUsed: boolean } {
  const cursor: WalkCursor = walkTree(tree, { direct });
  const steps: string[] = [];
  try {
    for (;;) {
      steps.push(`${cursor.nodeTypeId}/${cursor.currentFieldId}/${cursor.startIndex}-${cursor.endIndex}${cursor.nodeIsMissing ? '!' : ''}`);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { steps, directUsed: cursor.constructor.name !== 'TreeCursor' };
        steps.push('^');
      }
    }
  } finally {
    cursor.delete();
  }
}

const fixtures = join(__dirname, '../../fixtures/pytorch');
const sources = [
  readFileSync(join(fixtures, 'big3000.py'), 'utf8'),
  ...readdirSync(join(fixtures, 'invalid'))
    .slice(0, 8)
    .map((name) => readFileSync(join(fixtures, 'invalid', name), 'utf8')),
  'class Net(nn.Module):\n    def __init__(self:\n        self.conv = nn.Conv2d(3, 8, ((\n\nx = [1, 2\n',
  'x = "caf\u00e9 \u{1F600}" + nn.Conv2d(3, 8, 3)\n',
];

describe('walkCursor', () => {
  it('walks like the public TreeCursor, on valid, invalid and non-ASCII code', async () => {
    const parser = await loadParser('python');
    for (const source of sources) {
      const tree = parser.parse(source)!;
      const direct = walkAll(tree, true);
      const reference = walkAll(tree, false);
      assert.ok(direct.directUsed, 'the direct binding calls were found');
      assert.ok(!reference.directUsed);
      assert.ok(reference.steps.length > 10);
      assert.deepEqual(direct.steps, reference.steps);
      // The tree and the parser stay usable after a direct walk.
      assert.equal(tree.rootNode.endIndex, source.length);
      tree.delete();
    }
  });
});
