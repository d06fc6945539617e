/**
 * One cell's view of a notebook's analysis, as the editor's hovers and inline hints read it
 * (a cell of VS Code's notebook editor is a document of its own): a real notebook analysed
 * as one program, checked against PyTorch's calls (tools/golden/notebook_truth.py) placed at
 * (cell, line). The cell's own layers sit on its own lines; the other cells' layers sit past
 * its end, so position look-ups never find them in the cell, yet a block built from an
 * earlier cell's class still finds its layers.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { formatShape } from '../../../src/analysis/format';
import type { NotebookProgram } from '../../../src/analysis/notebook';
import { analysisOfCell, joinNotebookCells, programLineOfCellLine } from '../../../src/analysis/notebook';
import { parseNotebookJson } from '../../../src/analysis/notebookJson';
import type { FileAnalysis } from '../../../src/engine/report';
import { inlineHints } from '../../../src/editor/inlineHintText';
import { locateTarget } from '../../../src/editor/layerLocator';
import { fixturesRoot } from '../../support/paths';

interface TruthCall {
  cell: number;
  line: number;
  kind: string;
  output: number[];
}
const notebooksDir = path.join(fixturesRoot, 'notebooks');
const truth = JSON.parse(readFileSync(path.join(notebooksDir, 'truth.json'), 'utf8')) as { notebooks: Record<string, { calls: TruthCall[] }> };

const notebook = parseNotebookJson(readFileSync(path.join(notebooksDir, 'spread.ipynb'), 'utf8'));
const program: NotebookProgram = joinNotebookCells(notebook.cells);
const calls = truth.notebooks['spread.ipynb'].calls;
const cellLines = (cell: number): string[] => notebook.cells[cell].text.replace(/\n$/, '').split('\n');
const codeCells = notebook.cells.flatMap((cell, index) => (cell.code ? [index] : []));

describe("a notebook cell's view, against PyTorch", () => {
  let analysis: FileAnalysis;
  before(async () => {
    analysis = await analyzeSource(program.source, 'python');
  });

  it("puts inline hints on the cell's own layer lines only, with PyTorch's shapes; the others past its end", () => {
    assert.deepEqual(codeCells, [1, 2, 3, 5, 6]);
    for (const cell of codeCells) {
      const lineCount = cellLines(cell).length;
      const hints = inlineHints(analysisOfCell(analysis, program, cell));
      const own = hints.filter((hint) => hint.position.line < lineCount);
      const expected = [...new Set(calls.filter((call) => call.cell === cell).map((call) => call.line - 1))].sort((a, b) => a - b);
      assert.deepEqual(
        own.map((hint) => hint.position.line),
        expected,
        `cell ${cell}`,
      );
      for (const hint of own) {
        const first = calls.find((call) => call.cell === cell && call.line - 1 === hint.position.line);
        assert.ok(first && hint.label.includes(`→ ${formatShape(first.output)}`), `cell ${cell}: ${hint.label}`);
      }
      // Never inside the cell, never before its first line (VS Code refuses negative lines).
      assert.ok(
        hints.every((hint) => hint.position.line < lineCount || hint.position.line > lineCount),
        `cell ${cell}`,
      );
    }
  });

  it("maps every line of a cell's view back to the program line it came from", () => {
    const programLines = analysis.models.flatMap((model) => [model.range.start.line, ...model.layers.map((layer) => layer.range.start.line)]);
    for (const cell of codeCells) {
      const view = analysisOfCell(analysis, program, cell);
      const viewLines = view.models.flatMap((model) => [model.range.start.line, ...model.layers.map((layer) => layer.range.start.line)]);
      assert.deepEqual(
        viewLines.map((line) => programLineOfCellLine(program, cell, line)),
        programLines,
        `cell ${cell}`,
      );
    }
  });

  it("hovers a conv whose shapes come from later cells, and a block built from an earlier cell's class", () => {
    const lineOf = (cell: number, needle: string) => {
      const line = cellLines(cell).findIndex((text) => text.includes(needle));
      return { line, column: cellLines(cell)[line].indexOf(needle) };
    };
    const getLine = (cell: number) => (line: number) => cellLines(cell)[line] ?? '';
    const convAt = lineOf(3, 'nn.Conv2d');
    const conv = locateTarget(analysisOfCell(analysis, program, 3), getLine(3), { line: convAt.line, column: convAt.column + 4 });
    assert.ok(conv?.type === 'layer');
    const convTruth = calls.filter((call) => call.cell === 3 && call.line - 1 === convAt.line).map((call) => formatShape(call.output));
    assert.equal(convTruth.length, 2);
    assert.deepEqual(
      conv.records.map((record) => formatShape(record.output)),
      convTruth,
    );
    const blockAt = lineOf(5, 'self.b1');
    const block = locateTarget(analysisOfCell(analysis, program, 5), getLine(5), { line: blockAt.line, column: blockAt.column + 6 });
    assert.ok(block?.type === 'layer');
    assert.equal(block.blockName, 'b1');
    assert.deepEqual(
      block.records.map((record) => formatShape(record.output)),
      calls
        .filter((call) => call.cell === 3)
        .slice(0, 2)
        .map((call) => formatShape(call.output)),
    );
    // The conv's place in cell 3 is nothing in cell 5: the records past cell 5's end do not leak in.
    assert.equal(locateTarget(analysisOfCell(analysis, program, 5), getLine(5), { line: convAt.line, column: convAt.column + 4 }), undefined);
  });
});
