/**
 * Re-parsing with the previous tree must give exactly the analysis a fresh parse gives,
 * whatever the edit: an insertion, a deletion, a change of a number mid-file, non-ASCII text.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { editBetween, forgetDocument } from '../../../src/analysis/incrementalParse';

const resnet = readFileSync(join(__dirname, '../../fixtures/pytorch/models/resnet.py'), 'utf8');

describe('incremental re-parse', () => {
  after(() => forgetDocument('resnet'));

  it('finds the single edit between two texts, in UTF-16 code units', () => {
    const edit = editBetween('ab\ncdé\nf', 'ab\ncXdé\nf');
    assert.deepEqual([edit.startIndex, edit.oldEndIndex, edit.newEndIndex], [4, 4, 5]);
    assert.deepEqual(edit.startPosition, { row: 1, column: 1 });
    assert.deepEqual(edit.newEndPosition, { row: 1, column: 2 });
  });

  const edits: [string, (text: string) => string][] = [
    ['a channel count changed mid-file', (text) => text.replace('nn.Conv2d(3, 64', 'nn.Conv2d(3, 48').replace('nn.BatchNorm2d(64)', 'nn.BatchNorm2d(48)')],
    ['a line inserted', (text) => text.replace('\nclass ', '\n# a comment with é and 漢字\nclass ')],
    ['a block deleted', (text) => text.slice(0, text.indexOf('def resnet50')) + text.slice(text.indexOf('if __name__'))],
    ['a syntax error typed', (text) => text.replace('def forward(self, x):', 'def forward(self, x')],
    ['the syntax error fixed again', (text) => text],
  ];

  it('gives the same analysis as a fresh parse after each edit', async () => {
    let current = resnet;
    await analyzeSource(current, 'python', { documentKey: 'resnet' });
    for (const [what, edit] of edits) {
      current = what === 'the syntax error fixed again' ? resnet : edit(current);
      const incremental = await analyzeSource(current, 'python', { documentKey: 'resnet' });
      const fresh = await analyzeSource(current, 'python');
      assert.deepEqual(JSON.parse(JSON.stringify(incremental)), JSON.parse(JSON.stringify(fresh)), what);
    }
  });
});
