/**
 * A notebook as Jupyter runs it: its code cells in document order joined into one Python
 * program, with IPython's shell lines (`!pip install`), line magics (`%matplotlib inline`)
 * and non-Python cell magics (`%%bash`) blanked so that every line keeps its place. The
 * position map goes both ways between program lines and (cell, line in cell), and the
 * analysis of the program is mapped back onto one cell. Cell indices count every cell of
 * the notebook (markdown and raw cells too), as nbformat's `cells` array does. Pure.
 */
import type { FileAnalysis, Finding, LayerRecord, ModelReport, SourcePosition, SourceRange } from '../engine/report';
import type { NotebookCellSource } from './notebookJson';

/** The program the analysis reads, and where each cell sits in it. */
export interface NotebookProgram {
  readonly source: string;
  /** Per cell of the notebook: the program line of its first line; -1 for a cell that is not code. */
  readonly firstLines: readonly number[];
  /** Per program line: the cell it belongs to. */
  readonly lineCells: readonly number[];
}

/** A position in the notebook: the cell's index and the 0-based line and column in it. */
export interface CellPosition {
  readonly cell: number;
  readonly line: number;
  readonly column: number;
}

/** Cell magics whose body is Python that IPython runs in the notebook's namespace. */
const PYTHON_CELL_MAGICS = new Set(['time', 'capture', 'prun']);

/** A line IPython rewrites before Python sees it: a shell escape, a magic, a help request. */
const IPYTHON_LINE = /^\s*(?:[!%]|\?)|^\s*[\w.]+\?{1,2}\s*$/;

/**
 * The cell's text as Python: IPython-only lines become indentation plus `pass` (or blank when
 * that would not fit), so a magic inside a block keeps the block valid; a non-Python cell
 * magic blanks the whole cell. Line count and every other line are unchanged.
 */
export function blankIPythonSyntax(text: string): string {
  const lines = text.split('\n');
  const cellMagic = /^\s*%%(\w+)/.exec(lines.find((line) => line.trim() !== '') ?? '');
  if (cellMagic && !PYTHON_CELL_MAGICS.has(cellMagic[1])) return lines.map(() => '').join('\n');
  return lines
    .map((line) => {
      if (!IPYTHON_LINE.test(line)) return line;
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      return indent.length > 0 ? `${indent}pass` : '';
    })
    .join('\n');
}

/** Joins the code cells (IPython syntax blanked) into one program, each cell starting on a fresh line. */
export function joinNotebookCells(cells: readonly NotebookCellSource[]): NotebookProgram {
  const parts: string[] = [];
  const firstLines: number[] = [];
  const lineCells: number[] = [];
  cells.forEach((cell, index) => {
    if (!cell.code) {
      firstLines.push(-1);
      return;
    }
    const lines = blankIPythonSyntax(cell.text.replace(/\r\n?/g, '\n')).split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    firstLines.push(lineCells.length);
    for (const line of lines) {
      parts.push(line);
      lineCells.push(index);
    }
  });
  return { source: parts.length > 0 ? `${parts.join('\n')}\n` : '', firstLines, lineCells };
}

/** Where a program position is in the notebook (a line past the end stays in the last cell). */
export function cellPositionOf(program: NotebookProgram, position: SourcePosition): CellPosition {
  const line = Math.max(0, Math.min(position.line, program.lineCells.length - 1));
  const cell = program.lineCells[line] ?? 0;
  return { cell, line: position.line - Math.max(program.firstLines[cell] ?? 0, 0), column: position.column };
}

/** A place in the notebook as the user finds it: `cell 5:3` (cell index, 1-based line in the cell). */
export function cellLineLabel(place: Pick<CellPosition, 'cell' | 'line'>): string {
  return `cell ${place.cell}:${place.line + 1}`;
}

/** A 0-based program line as the user finds it: `12` (1-based) in a file, `cell 5:3` in a notebook. */
export function lineLabelOf(line: number, notebook: NotebookProgram | undefined): string {
  return notebook ? cellLineLabel(cellPositionOf(notebook, { line, column: 0 })) : String(line + 1);
}

/** The program line of a cell's line; undefined for a cell that is not code. */
export function programLineOf(program: NotebookProgram, cell: number, line: number): number | undefined {
  const first = program.firstLines[cell];
  return first === undefined || first < 0 ? undefined : first + line;
}

/** How many program lines a cell has (0 for a cell that is not code). */
function cellLineCount(program: NotebookProgram, cell: number): number {
  const first = program.firstLines[cell];
  if (first === undefined || first < 0) return 0;
  let end = first;
  while (program.lineCells[end] === cell) end += 1;
  return end - first;
}

/**
 * Where a program line goes in one cell's coordinates: its own lines from 0; every other
 * line past the cell's end (at `lines + 1 + program line`), where no position of the cell
 * is and VS Code still accepts it. `cellLineOf` undoes it.
 */
function toCellLine(program: NotebookProgram, cell: number, line: number): number {
  const first = program.firstLines[cell] ?? 0;
  return program.lineCells[line] === cell ? line - first : cellLineCount(program, cell) + 1 + line;
}

/** The program line of a line in a cell's coordinates (its own, or another cell's placed past its end). */
export function programLineOfCellLine(program: NotebookProgram, cell: number, line: number): number {
  const lines = cellLineCount(program, cell);
  return line <= lines ? (program.firstLines[cell] ?? 0) + line : line - lines - 1;
}

/** Where a line of a cell's coordinates really is: the cell itself, or another cell (placed past its end). */
export function cellPositionOfCellLine(program: NotebookProgram, cell: number, line: number): CellPosition {
  return cellPositionOf(program, { line: programLineOfCellLine(program, cell, line), column: 0 });
}

/**
 * The program's analysis as one cell's document sees it: the cell's own ranges with its
 * first line as line 0; the ranges of other cells past its last line, so position look-ups
 * in the cell find only its own while the models keep all their layers (totals and tables
 * stay whole). Diagnostics are the cell's own. An empty analysis for a cell that is not code.
 */
export function analysisOfCell(analysis: FileAnalysis, program: NotebookProgram, cell: number): FileAnalysis {
  if (programLineOf(program, cell, 0) === undefined) return { language: analysis.language, models: [], diagnostics: [] };
  const move = (range: SourceRange): SourceRange => {
    const start = toCellLine(program, cell, range.start.line);
    return { start: { line: start, column: range.start.column }, end: { line: start + range.end.line - range.start.line, column: range.end.column } };
  };
  const moveLayer = (layer: LayerRecord): LayerRecord => ({ ...layer, range: move(layer.range) });
  const moveModel = (model: ModelReport): ModelReport => ({ ...model, range: move(model.range), layers: model.layers.map(moveLayer) });
  const inCell = (finding: Finding): boolean => program.lineCells[finding.range.start.line] === cell;
  return {
    language: analysis.language,
    models: analysis.models.map(moveModel),
    diagnostics: analysis.diagnostics.filter(inCell).map((finding) => ({ ...finding, range: move(finding.range) })),
  };
}

/**
 * The program's analysis with the line numbers its input sources name (`call at line 25`)
 * said as places in the notebook (`call at cell 6, line 2`); ranges stay program ranges.
 */
export function withNotebookInputSources(analysis: FileAnalysis, program: NotebookProgram): FileAnalysis {
  const rename = (text: string): string =>
    text.replace(/\bat line (\d+)\b/, (_, line: string) => {
      const place = cellPositionOf(program, { line: Number(line) - 1, column: 0 });
      return `at cell ${place.cell}, line ${place.line + 1}`;
    });
  return { ...analysis, models: analysis.models.map((model) => ({ ...model, inputSource: rename(model.inputSource) })) };
}
