import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShapeText, SHAPE_TEXT_HINT, validateShapeText } from '../../../src/analysis/shapeText';

/** Every form the parser must read and every near miss it must refuse. */
const accepted: readonly [string, readonly number[]][] = [
  ['1,3,224,224', [1, 3, 224, 224]],
  [' (1, 3, 224, 224) ', [1, 3, 224, 224]],
  ['[1, 28, 28, 1]', [1, 28, 28, 1]],
  ['1x3x32x32', [1, 3, 32, 32]],
  ['1 x 3 x 32 x 32', [1, 3, 32, 32]],
  ['1 3 224 224', [1, 3, 224, 224]],
  ['(1, 64,)', [1, 64]],
  ['[1, 64 ]', [1, 64]],
  ['(1, 64', [1, 64]],
  ['1,2,3,4,5,6', [1, 2, 3, 4, 5, 6]],
  ['007, 3', [7, 3]],
  ['999999999999999, 1', [999999999999999, 1]],
];
const refused: readonly string[] = [
  '',
  '   ',
  'abc',
  '1, -3, 4',
  '1, 0, 4',
  '1.5, 3',
  '7',
  '(7)',
  '1,2,3,4,5,6,7',
  '1,,3',
  '1,3,',
  ',1,3',
  '1, x, 3',
  '1X3',
  '((1, 3))',
  '1,x,3',
  '1e3, 2',
  '1000000000000000, 1',
  '1, 3; 4',
  '=1, 3',
  '1, 3)]',
  '(1, 3) 4',
  '1\u00d73',
];

describe('shape text', () => {
  it('reads the ways people write a shape', () => {
    for (const [text, shape] of accepted) {
      assert.deepEqual(parseShapeText(text), shape, text);
      assert.equal(validateShapeText(text), undefined, text);
    }
  });

  it("refuses what is not a shape, with the input boxes' hint", () => {
    for (const text of refused) {
      assert.equal(parseShapeText(text), undefined, text);
      assert.equal(validateShapeText(text), SHAPE_TEXT_HINT, text);
    }
  });

  it("package.json's defaultInputShape pattern accepts exactly what the parser reads", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { pattern: string }> } };
    };
    const source = manifest.contributes.configuration.properties['convInspector.defaultInputShape'].pattern;
    // VS Code's settings editor and JSON validation compile the pattern with and without the u flag.
    for (const pattern of [new RegExp(source), new RegExp(source, 'u')]) {
      for (const [text] of accepted) assert.ok(pattern.test(text), `pattern refuses ${JSON.stringify(text)}`);
      // Blank is the one extra: it means "no setting", not a shape.
      for (const text of refused) assert.equal(pattern.test(text), /^\s*$/.test(text), `pattern accepts ${JSON.stringify(text)}`);
      // A seeded sweep over near-shapes finds any other disagreement.
      let seed = 12;
      const pieces = ['1', '3', '0', '22', ',', ', ', ' ', 'x', '(', ')', '[', ']', '\t', '-'];
      for (let trial = 0; trial < 5000; trial += 1) {
        let text = '';
        for (let length = 1 + (trial % 12); length > 0; length -= 1) {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          text += pieces[seed % pieces.length];
        }
        const blank = /^\s*$/.test(text);
        assert.equal(pattern.test(text), blank || parseShapeText(text) !== undefined, JSON.stringify(text));
      }
    }
  });
});
