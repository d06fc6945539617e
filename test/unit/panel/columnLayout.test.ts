/**
 * The inspector table's width rules: which columns a side bar of a given width shows, what a
 * column choice shows there, and the compact argument cell.
 */
import * as assert from 'node:assert/strict';
import { COLUMN_WIDTH_CH, MIN_PATH_CH, chooseColumns, compactArgs, fitColumns, readColumnChoice, toggleColumn } from '../../../webview/columnLayout';

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

  it('with a choice, shows the chosen columns that fit and reports the others as left out for lack of width', () => {
    const everything = ['kind', 'args', 'input', 'output', 'params', 'macs', 'rf'] as const;
    // 300 px: the key figures win the width; the rest is reported, never overflowing.
    const narrow = fitColumns(38, everything);
    assert.deepEqual(narrow.shown, ['path', 'output', 'params']);
    assert.deepEqual(narrow.noRoom, ['kind', 'args', 'input', 'macs', 'rf']);
    assert.ok(widthOf(narrow.shown) <= 38);
    // MACs chosen instead of the output shape: it fits where it would not have joined by itself.
    assert.deepEqual(fitColumns(38, ['params', 'macs']), { shown: ['path', 'params', 'macs'], noRoom: [] });
    // A column too wide is skipped, a narrower one after it still joins.
    assert.deepEqual(fitColumns(10 + 16 + 11 + 8, ['output', 'params', 'input', 'macs']), { shown: ['path', 'output', 'params', 'macs'], noRoom: ['input'] });
    for (let ch = 20; ch <= 140; ch++) {
      const fit = fitColumns(ch, everything);
      assert.ok(widthOf(fit.shown) <= ch || fit.shown.length === 1, `${ch} ch: ${fit.shown.join()}`);
      assert.equal(fit.shown.length - 1 + fit.noRoom.length, everything.length);
    }
    assert.deepEqual(fitColumns(120, everything).noRoom, []);
    // No choice: the width decides, nothing is reported.
    assert.deepEqual(fitColumns(38, null), { shown: chooseColumns(38), noRoom: [] });
  });

  it('one tick changes one column, starting from what the width shows; a saved choice is read back or ignored', () => {
    assert.deepEqual(toggleColumn(null, ['path', 'output', 'params'], 'macs'), ['output', 'params', 'macs']);
    assert.deepEqual(toggleColumn(null, ['path', 'output', 'params', 'macs'], 'macs'), ['output', 'params']);
    assert.deepEqual(toggleColumn(['output', 'params', 'macs'], ['path', 'output', 'params'], 'rf'), ['output', 'params', 'macs', 'rf']);
    assert.deepEqual(readColumnChoice(['rf', 'path', 'bogus', 'macs']), ['macs', 'rf']);
    assert.equal(readColumnChoice(undefined), null);
    assert.equal(readColumnChoice('macs'), null);
  });

  it('writes the arguments as one cell, `k3 s2 p1 d2 g4`, leaving out what is absent and the defaults d1 and g1', () => {
    assert.equal(compactArgs({ k: '3x3', s: '2x2', p: '1x1', d: '2x2', g: '4' }), 'k3 s2 p1 d2 g4');
    assert.equal(compactArgs({ k: '3', s: '1', p: '1', d: '1', g: '1' }), 'k3 s1 p1');
    assert.equal(compactArgs({ k: '3x1', s: '1', p: 'same', d: '1', g: '1' }), 'k3x1 s1 p=same');
    assert.equal(compactArgs({ k: '-', s: '-', p: '-', d: '-', g: '-' }), '');
  });
});
