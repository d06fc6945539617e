import { strict as assert } from 'node:assert';
import { formatSummary, summaryCsv, summaryJson, summaryMarkdown } from '../../../src/editor/summaryExport';
import { toJsonReport } from '../../../src/analysis/jsonReport';
import { fileAnalysis, layerRecord, modelReport, range } from '../../support/records';

const stem = layerRecord({
  kind: 'Conv2d',
  path: 'conv1',
  args: {},
  range: range(3, 20, 4, 5),
  input: [1, 3, 224, 224],
  output: [1, 64, 112, 112],
  params: 9408,
  macs: 118013952,
  receptiveField: [7, 7],
  jump: [2, 2],
});
const analysis = {
  ...fileAnalysis([modelReport('Net, "big"', [stem], range(1, 0, 9, 0))]),
  diagnostics: [{ range: range(3, 20, 3, 30), severity: 'warning' as const, code: 'x', message: 'holes' }],
};

describe('summary export', () => {
  it('writes a Markdown table with totals and problems', () => {
    const text = summaryMarkdown(analysis, 'net.py');
    assert.ok(text.includes('| conv1 | Conv2d | [1, 3, 224, 224] | [1, 64, 112, 112] | 9,408 | 118,013,952 | 7x7 |'));
    assert.ok(text.includes('Total params: 9,408'));
    assert.ok(text.includes('- line 4, warning: holes'));
  });

  it('writes CSV with quoting and 1-based lines', () => {
    const lines = summaryCsv(analysis).trim().split('\n');
    assert.equal(lines[0], 'model,path,kind,line,input,output,params,trainable_params,macs,flops,receptive_field,jump');
    assert.equal(lines[1], '"Net, ""big""",conv1,Conv2d,4,"[1, 3, 224, 224]","[1, 64, 112, 112]",9408,9408,118013952,236027904,7x7,2x2');
  });

  it('guards the Markdown and CSV cells against formula injection', () => {
    const evil = fileAnalysis([modelReport('Net', [{ ...stem, path: '=cmd|x' }], range(1, 0, 9, 0))]);
    assert.ok(summaryMarkdown(evil, 'net.py').includes("| '=cmd\\|x | Conv2d |"));
    assert.ok(summaryCsv(evil).split('\n')[1].startsWith("Net,'=cmd|x,Conv2d,"));
  });

  it('writes the CLI JSON contract', () => {
    const report = JSON.parse(summaryJson(analysis, 'net.py'));
    assert.equal(report.file, 'net.py');
    assert.equal(report.models[0].line, 2);
    assert.deepEqual(report.models[0].layers[0], {
      path: 'conv1',
      kind: 'Conv2d',
      line: 4,
      endLine: 5,
      input: [1, 3, 224, 224],
      output: [1, 64, 112, 112],
      params: 9408,
      macs: 118013952,
      receptiveField: [7, 7],
      jump: [2, 2],
    });
    assert.equal(report.models[0].exactCounts, true);
    assert.deepEqual(report.diagnostics[0], { line: 4, endLine: 4, column: 21, severity: 'warning', code: 'x', message: 'holes' });
  });

  it("is byte for byte the CLI's analyze --json report", () => {
    assert.equal(summaryJson(analysis, 'net.py'), `${JSON.stringify(toJsonReport('net.py', analysis), null, 2)}\n`);
  });

  it('dispatches by format', () => {
    assert.ok(formatSummary(analysis, 'net.py', 'markdown').startsWith('# Conv Inspector summary'));
    assert.ok(formatSummary(analysis, 'net.py', 'csv').startsWith('model,'));
    assert.ok(formatSummary(analysis, 'net.py', 'json').startsWith('{'));
  });
});
