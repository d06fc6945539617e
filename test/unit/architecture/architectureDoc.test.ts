/**
 * docs/architecture.md is the map a newcomer trusts, so it must match the tree: every folder
 * or file path it names exists, and every folder of src/ appears in it.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

const docText = readFileSync(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8');

/** Backticked paths such as `src/engine/tf/` or `src/editor/analysisWorker.ts`. */
function namedPaths(text: string): string[] {
  const paths = new Set<string>();
  for (const match of text.matchAll(/`([^`\s]+)`/g)) {
    const candidate = match[1];
    if (/^(src|webview|media|assembly|examples|test|tools|docs|\.ci)(\/|$)/.test(candidate)) paths.add(candidate);
  }
  return [...paths];
}

function foldersBelow(relative: string): string[] {
  const folders: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, relative), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = `${relative}/${entry.name}`;
    folders.push(child, ...foldersBelow(child));
  }
  return folders;
}

describe('docs/architecture.md matches the tree', () => {
  it('names only folders and files that exist', () => {
    const named = namedPaths(docText);
    assert.ok(named.length > 40, `expected the code map to name many paths, found ${named.length}`);
    const missing = named.filter((relative) => !existsSync(path.join(repoRoot, relative)));
    assert.deepEqual(missing, [], `docs/architecture.md names paths that do not exist: ${missing.join(', ')}`);
  });

  it('names every folder of src/', () => {
    const unnamed = foldersBelow('src').filter((folder) => !docText.includes(`\`${folder}/\``));
    assert.deepEqual(unnamed, [], `folders of src/ missing from docs/architecture.md: ${unnamed.join(', ')}`);
  });
});
