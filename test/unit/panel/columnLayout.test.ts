/**
 * The inspector table's width rules: which columns a side bar of a given width shows, the
 * middle ellipsis of layer paths and the compact argument cell.
 */
import * as assert from 'node:assert/strict';
import { COLUMN_WIDTH_CH, MIN_PATH_CH, chooseColumns, compactArgs, middleEllipsis } from '../../../webview/columnLayout';

const widthOf = (names: readonly string[]): number => names.reduce((sum, name) => sum + (name === 'path' ? MIN_PATH_CH : COLUMN_WIDTH_CH[name as keyof typeof COLUMN_WIDTH_CH]), 0);

describe('panel column layout', () => {
  it('a 300 px side bar (about 38 ch) shows the layer, its output and its params only', () => {
    assert.deepEqual(chooseColumns(38), ['path', 'output', 'params']);
  });

  it('columns join in order as the width grows: MACs, RF, then args and kind once the path has room, input last', () => {
    const seen: string[][] = [];
    for (let ch = 30; ch <= 200; ch++) {
      const names = chooseColumns(ch);
      if (seen.length === 0 || seen[seen.length - 1].join() !== names.join()) seen.push(names);
      // Never wider than the panel (the path keeps its minimum), except the three columns that always show.
      if (names.length > 3) assert.ok(widthOf(names) <= ch, `${ch} ch: ${names.join()}`);
    }
    assert.deepEqual(seen, [
      ['path', 'output', 'params'],
      ['path', 'output', 'params', 'macs'],
      ['path', 'output', 'params', 'macs', 'rf'],
      ['path', 'args', 'output', 'params', 'macs', 'rf'],
      ['path', 'kind', 'args', 'output', 'params', 'macs', 'rf'],
      ['path', 'kind', 'args', 'input', 'output', 'params', 'macs', 'rf'],
    ]);
    // A 900 px side bar (about 120 ch) shows everything.
    assert.equal(chooseColumns(120).length, 8);
  });

  it('shortens a path in the middle to the widest text that fits, keeping both ends', () => {
    const byLength = (text: string): number => text.length;
    assert.equal(middleEllipsis('layer1.0.conv1', 14, byLength), 'layer1.0.conv1');
    assert.equal(middleEllipsis('layer1.0.shortcut.0', 11, byLength), 'layer…cut.0');
    assert.equal(middleEllipsis('layer1.0.shortcut.0', 11, byLength).length, 11);
    assert.equal(middleEllipsis('abcdef', 1, byLength), '…');
    // A measure in pixels with wide letters: the result still fits.
    const pixels = (text: string): number => Array.from(text).reduce((sum, char) => sum + (char === 'm' ? 12 : 7), 0);
    const shortened = middleEllipsis('module.mmm.downsample.0', 100, pixels);
    assert.ok(pixels(shortened) <= 100 && pixels(shortened) > 100 - 12, shortened);
    assert.ok(shortened.startsWith('mod') && shortened.endsWith('.0'), shortened);
  });

  it('writes the arguments as one cell, `k3 s2 p1 d2 g4`, leaving out what is absent and the defaults d1 and g1', () => {
    assert.equal(compactArgs({ k: '3x3', s: '2x2', p: '1x1', d: '2x2', g: '4' }), 'k3 s2 p1 d2 g4');
    assert.equal(compactArgs({ k: '3', s: '1', p: '1', d: '1', g: '1' }), 'k3 s1 p1');
    assert.equal(compactArgs({ k: '3x1', s: '1', p: 'same', d: '1', g: '1' }), 'k3x1 s1 p=same');
    assert.equal(compactArgs({ k: '-', s: '-', p: '-', d: '-', g: '-' }), '');
  });
});
