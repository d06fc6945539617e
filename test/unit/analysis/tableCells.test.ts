import { strict as assert } from 'node:assert';
import { csvCell, csvRow, markdownCell, markdownRow, markdownText, neutraliseFormula } from '../../../src/analysis/tableCells';

describe('table cells (CSV and Markdown)', () => {
  it('prefixes a quote to text a spreadsheet would run as a formula', () => {
    for (const evil of ['=1+1', '+1+1', '-1+1', "-2+3+cmd|' /C calc'!A0", '@SUM(A1:A2)', '\t=1', '\r=1', '=HYPERLINK("http://x")', '-x', '+']) {
      assert.equal(neutraliseFormula(evil), `'${evil}`, evil);
    }
  });

  it('leaves numbers, the "-" placeholder and ordinary text alone', () => {
    for (const data of ['-1', '-0.5', '-1e-3', '-2E+5', '42', '-', '[1, 3, 224, 224]', '7x7', 'conv1', 'a = b', '', "'=already"]) {
      assert.equal(neutraliseFormula(data), data, data);
    }
  });

  it('CSV: RFC 4180 quoting after the guard, numbers as they are', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('Net, "big"'), '"Net, ""big"""');
    assert.equal(csvCell('two\r\nlines'), '"two\r\nlines"');
    assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    assert.equal(csvCell('-1+1,2'), '"\'-1+1,2"');
    assert.equal(csvCell(-1), '-1');
    assert.equal(csvCell(-Infinity), '-Infinity');
    assert.equal(csvCell('[1, 3, 224, 224]'), '"[1, 3, 224, 224]"');
    assert.equal(csvRow(['a', 1, '=x', '']), "a,1,'=x,");
  });

  it('Markdown: escapes pipes, backslashes and line breaks, and guards cells but not headings', () => {
    assert.equal(markdownText('a | b\\c\nd'), 'a \\| b\\\\c<br>d');
    assert.equal(markdownText('=not a cell'), '=not a cell');
    assert.equal(markdownCell('=1+1'), "'=1+1");
    assert.equal(markdownCell('@x | y'), "'@x \\| y");
    assert.equal(markdownCell(-3), '-3');
    assert.equal(markdownRow(['conv1', '-', 9408, '']), '| conv1 | - | 9408 |  |');
  });
});
