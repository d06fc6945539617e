/**
 * Reading `.ipynb` files defensively and joining their code cells into one program: bad
 * JSON, old formats, missing or odd sources and huge outputs get a plain message or are
 * read around; IPython's own syntax is blanked with every line kept in place.
 */
import { strict as assert } from 'node:assert';
import type { FileAnalysis, LayerRecord, ModelReport } from '../../../src/engine/report';
import { analysisOfCell, blankIPythonSyntax, cellPositionOf, joinNotebookCells, programLineOf, programLineOfCellLine } from '../../../src/analysis/notebook';
import { NotebookFormatError, parseNotebookJson, withoutCellOutputs } from '../../../src/analysis/notebookJson';

const notebookText = (cells: unknown[], extra: Record<string, unknown> = {}): string => JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5, ...extra });
const codeCell = (source: unknown, outputs: unknown[] = []) => ({ cell_type: 'code', metadata: {}, outputs, source });

describe('notebook files', () => {
  it('refuses text that is not JSON, with the parser position in the file', () => {
    assert.throws(
      () => parseNotebookJson('{"cells": [}'),
      (error: Error) => error instanceof NotebookFormatError && /not valid JSON/.test(error.message),
    );
  });

  it('refuses nbformat 3 and says how to convert it', () => {
    assert.throws(() => parseNotebookJson('{"nbformat": 3, "worksheets": []}'), /nbformat 3 notebooks are not read; open and save it in Jupyter/);
  });

  it('refuses JSON without a cells list, and kernels other than Python', () => {
    assert.throws(() => parseNotebookJson('[1, 2]'), /not a notebook/);
    assert.throws(() => parseNotebookJson('{"nbformat": 4}'), /no "cells" list/);
    assert.throws(() => parseNotebookJson(notebookText([], { metadata: { kernelspec: { language: 'javascript' } } })), /kernel is javascript; only Python/);
  });

  it('reads a source given as one string as well as a list of lines', () => {
    const parsed = parseNotebookJson(notebookText([codeCell('a = 1\nb = 2'), codeCell(['c = 3\n', 'd = 4'])]));
    assert.deepEqual(
      parsed.cells.map((cell) => cell.text),
      ['a = 1\nb = 2', 'c = 3\nd = 4'],
    );
    assert.deepEqual(parsed.problems, []);
  });

  it('reads a cell without source as empty and says so; non-text lines are left out and said', () => {
    const parsed = parseNotebookJson(notebookText([{ cell_type: 'code' }, codeCell(['x = 1\n', 7, null]), 'junk']));
    assert.deepEqual(
      parsed.cells.map((cell) => [cell.code, cell.text]),
      [
        [true, ''],
        [true, 'x = 1\n'],
        [false, ''],
      ],
    );
    assert.deepEqual(parsed.problems, [
      'cell 0 has no source; read as empty',
      'cell 1: 2 entries of its source are not text; they were left out',
      'cell 2 is not an object; skipped',
    ]);
  });

  it('skips outputs unread: their quotes, brackets and keys do not disturb the cells', () => {
    const tricky = { output_type: 'stream', text: ['"source": ["evil"] ] } \\" {', '\\\\'], data: { 'image/png': 'AAAA' } };
    const text = notebookText([codeCell(['x = 1'], [tricky]), codeCell('y = "outputs"', [])]);
    assert.equal(withoutCellOutputs(text).includes('evil'), false);
    assert.deepEqual(
      parseNotebookJson(text).cells.map((cell) => cell.text),
      ['x = 1', 'y = "outputs"'],
    );
  });

  it('reads a notebook with a 50 MB output blob quickly', () => {
    const blob = 'iVBORw0KGgo'.padEnd(50 * 1024 * 1024, 'A');
    const text = notebookText([codeCell('import torch', [{ output_type: 'display_data', data: { 'image/png': blob } }])]);
    const started = Date.now();
    const parsed = parseNotebookJson(text);
    assert.deepEqual(
      parsed.cells.map((cell) => cell.text),
      ['import torch'],
    );
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
});

describe('notebook program', () => {
  it('blanks shell lines and line magics, keeps an indented one as pass, and every line in place', () => {
    assert.equal(blankIPythonSyntax('!pip install torch\n%matplotlib inline\nimport torch\nif x:\n    %timeit f()\nmodel?'), '\n\nimport torch\nif x:\n    pass\n');
  });

  it('blanks a non-Python cell magic whole and keeps the body of %%time', () => {
    assert.equal(blankIPythonSyntax('%%bash\nls -la\necho hi'), '\n\n');
    assert.equal(blankIPythonSyntax('%%time\nx = 1'), '\nx = 1');
  });

  it('joins code cells in order, skips the others, and maps lines both ways', () => {
    const program = joinNotebookCells([
      { code: false, text: '# Title' },
      { code: true, text: 'import torch\n' },
      { code: true, text: 'a = 1\r\nb = 2' },
      { code: false, text: 'raw' },
      { code: true, text: '' },
      { code: true, text: 'c = 3' },
    ]);
    assert.equal(program.source, 'import torch\na = 1\nb = 2\n\nc = 3\n');
    assert.deepEqual(program.firstLines, [-1, 0, 1, -1, 3, 4]);
    assert.deepEqual(cellPositionOf(program, { line: 2, column: 4 }), { cell: 2, line: 1, column: 4 });
    assert.deepEqual(cellPositionOf(program, { line: 4, column: 0 }), { cell: 5, line: 0, column: 0 });
    assert.equal(programLineOf(program, 2, 1), 2);
    assert.equal(programLineOf(program, 3, 0), undefined);
  });

  it('makes an empty program of a notebook without code', () => {
    assert.deepEqual(joinNotebookCells([]), { source: '', firstLines: [], lineCells: [] });
  });
});

describe("one cell's view of the notebook's analysis", () => {
  const program = joinNotebookCells([
    { code: true, text: 'a\nb' },
    { code: false, text: '# md' },
    { code: true, text: 'c\nd\ne' },
  ]);
  const range = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 4 } });
  const layer = (line: number) => ({ range: range(line) }) as unknown as LayerRecord;
  const analysis: FileAnalysis = {
    language: 'python',
    models: [{ name: 'net', range: range(0), layers: [layer(1), layer(3)] } as unknown as ModelReport],
    diagnostics: [{ range: range(1), severity: 'error', code: 'x', message: 'in cell 0' }],
  };

  it("keeps the cell's own ranges from line 0 and puts the others past its end, never before line 0", () => {
    const cell2 = analysisOfCell(analysis, program, 2);
    assert.deepEqual(
      cell2.models[0].layers.map((entry) => entry.range.start.line),
      [3 + 1 + 1, 1],
    );
    assert.equal(cell2.models[0].range.start.line, 3 + 1 + 0);
    assert.deepEqual(cell2.diagnostics, []);
    assert.deepEqual(
      analysisOfCell(analysis, program, 0).diagnostics.map((finding) => finding.range.start.line),
      [1],
    );
    assert.deepEqual(analysisOfCell(analysis, program, 1).models, []);
  });

  it('maps a line of a cell view back to the program', () => {
    assert.equal(programLineOfCellLine(program, 2, 1), 3);
    assert.equal(programLineOfCellLine(program, 2, 3 + 1 + 1), 1);
    assert.equal(programLineOfCellLine(program, 0, 1), 1);
  });
});
