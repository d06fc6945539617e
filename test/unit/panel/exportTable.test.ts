import * as assert from 'node:assert/strict';
import { exportTable } from '../../../src/panel/exportTable';
import { buildPanelState } from '../../../src/panel/tableModel';
import { sampleAnalysis } from './sampleRecords';

const state = buildPanelState({ fileName: 'models/net.py', analysis: sampleAnalysis(), modelIndex: 0, highlighted: null });

describe('panel table export', () => {
  it('Markdown: a header row, one line per layer, escaped pipes, totals', () => {
    const lines = exportTable(state, 'markdown').split('\n');
    assert.equal(lines[0], '# Net (models/net.py)');
    const tableLines = lines.filter((line) => line.startsWith('|'));
    assert.equal(tableLines.length, 2 + 4);
    assert.match(tableLines[0], /^\| path \| kind \| k \| s \| p \| d \| g \| input \| output \| params \| MACs \| RF \| line \| issues \|$/);
    assert.match(tableLines[4], /a warning \\\| with a pipe<br>in_channels must be divisible by groups/);
    // Every row has as many cells as the header (escaped pipes do not split cells).
    const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    for (const line of tableLines) assert.equal(cells(line), cells(tableLines[0]));
    assert.ok(lines.includes('Total params: 73,642 (trainable 73,642)'));
    assert.ok(lines.includes('MACs: 773,568, FLOPs: 1,547,136'));
  });

  it('CSV: RFC 4180 quoting and CRLF rows', () => {
    const csv = exportTable(state, 'csv');
    const rows = csv.trimEnd().split('\r\n');
    assert.equal(rows.length, 1 + 4);
    assert.equal(rows[0], 'path,kind,k,s,p,d,g,input,output,params,MACs,RF,line,issues');
    assert.equal(rows[1], '0,Conv2d,3,1,1,1,1,"[1, 3, 32, 32]","[1, 16, 32, 32]",448,442368,3x3,4,');
    assert.ok(csv.includes('"a warning | with a pipe\nin_channels must be divisible by groups"'));
  });

  it('CSV: cells a spreadsheet would run as formulas are neutralised', () => {
    const evil = { ...state, rows: [{ ...state.rows[0], path: '=HYPERLINK("http://x")' }] };
    assert.match(exportTable(evil, 'csv').split('\r\n')[1], /^"'=HYPERLINK\(""http:\/\/x""\)"/);
  });

  it('JSON: parses back, 1-based lines, totals included', () => {
    const parsed = JSON.parse(exportTable(state, 'json')) as { model: string; layers: { line: number; path: string }[]; totals: { params: number } };
    assert.equal(parsed.model, 'Net');
    assert.deepEqual(
      parsed.layers.map((layer) => layer.line),
      [4, 5, 6, 7],
    );
    assert.equal(parsed.totals.params, 73642);
  });
});
