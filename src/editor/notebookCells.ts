/**
 * Jupyter notebooks in VS Code's notebook editor: each cell is its own text document
 * (`vscode-notebook-cell:` uri), but the analysis reads the notebook as Jupyter runs it,
 * all code cells as one program. This finds a cell's notebook, builds the program from the
 * cells' current text, analyses it once per program text (every cell asks; one run serves
 * them all) and gives each cell the analysis in its own coordinates.
 */
import * as vscode from 'vscode';
import type { EditorAnalyzeOptions } from '../pythonEnvironment/importRequest';
import type { CellPosition, NotebookProgram } from '../analysis/notebook';
import { analysisOfCell, cellPositionOfCellLine, joinNotebookCells, programLineOf, withNotebookInputSources } from '../analysis/notebook';
import type { FileAnalysis, SourceLanguage, SourceRange } from '../engine/report';

/** The notebook a cell document belongs to, and the cell's index in it. */
export interface NotebookCellPlace {
  readonly notebook: vscode.NotebookDocument;
  readonly index: number;
}

/** Where a document sits in an open notebook; undefined for an ordinary file. */
export function notebookCellOf(document: vscode.TextDocument): NotebookCellPlace | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((candidate) => candidate.document === document);
    if (cell) return { notebook, index: cell.index };
  }
  return undefined;
}

/** The notebook's program from its cells' current text: Python code cells only. */
export function notebookProgramOf(notebook: vscode.NotebookDocument): NotebookProgram {
  return joinNotebookCells(
    notebook.getCells().map((cell) => ({ code: cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'python', text: cell.document.getText() })),
  );
}

type ProgramAnalyzer = (source: string, language: SourceLanguage, options: EditorAnalyzeOptions, key: string) => Promise<FileAnalysis>;

/** One analysis per notebook program text, shared by the cells that ask for it. */
export class NotebookProgramAnalyses {
  private readonly latest = new Map<string, { source: string; options: string; running: Promise<FileAnalysis> }>();

  /** The analysis of the cell's notebook, in the cell's coordinates. */
  async analyzeCell(place: NotebookCellPlace, analyzer: ProgramAnalyzer, options: EditorAnalyzeOptions): Promise<FileAnalysis> {
    const program = notebookProgramOf(place.notebook);
    const key = place.notebook.uri.toString();
    const optionsKey = JSON.stringify(options);
    let kept = this.latest.get(key);
    if (!kept || kept.source !== program.source || kept.options !== optionsKey) {
      // The notebook's uri names the program: the worker re-parses it incrementally and keeps its statements.
      kept = { source: program.source, options: optionsKey, running: analyzer(program.source, 'python', options, key) };
      this.latest.set(key, kept);
      const started = kept;
      started.running.catch(() => {
        if (this.latest.get(key) === started) this.latest.delete(key);
      });
    }
    const analysis = await kept.running;
    return analysisOfCell(withNotebookInputSources(analysis, program), program, place.index);
  }

  /**
   * The whole notebook's analysis in program coordinates (input sources said as cells) with
   * its program, once a cell has asked for the notebook's current text; else undefined.
   */
  async programAnalysis(notebook: vscode.NotebookDocument): Promise<{ analysis: FileAnalysis; program: NotebookProgram } | undefined> {
    const program = notebookProgramOf(notebook);
    const kept = this.latest.get(notebook.uri.toString());
    if (!kept || kept.source !== program.source) return undefined;
    return { analysis: withNotebookInputSources(await kept.running, program), program };
  }

  forget(notebook: vscode.NotebookDocument): void {
    this.latest.delete(notebook.uri.toString());
  }
}

/**
 * For a code cell of a notebook: where each line of the cell's analysis really is, its own
 * cell or (for a model or layer of another cell, which the cell's analysis places past its
 * last line) that other cell, with the line in it. Undefined for an ordinary file.
 */
export function cellPlacesOf(document: vscode.TextDocument): ((line: number) => CellPosition) | undefined {
  const place = notebookCellOf(document);
  if (!place) return undefined;
  const program = notebookProgramOf(place.notebook);
  if (programLineOf(program, place.index, 0) === undefined) return undefined;
  return (line) => cellPositionOfCellLine(program, place.index, line);
}

/**
 * The document and line where a line of a cell's analysis really is (see `cellPlacesOf`).
 * Ordinary files come back unchanged.
 */
export function documentLineOf(document: vscode.TextDocument, line: number): { document: vscode.TextDocument; line: number } {
  const places = cellPlacesOf(document);
  const notebook = places && notebookCellOf(document)?.notebook;
  if (!places || !notebook) return { document, line };
  const target = places(line);
  return { document: notebook.cellAt(target.cell).document, line: target.line };
}

/** The text of a line of a document's analysis: in a notebook cell, a line of another cell is read in that cell. */
export function documentLineText(cellOrFile: vscode.TextDocument, line: number): string {
  const { document, line: target } = documentLineOf(cellOrFile, line);
  return target < document.lineCount ? document.lineAt(target).text : '';
}

/**
 * The document and range where a range of a cell's analysis really is (a layer of another
 * cell opens in that cell, on its own line); ordinary files keep document and range.
 */
export function documentRangeOf(document: vscode.TextDocument, range: SourceRange): { document: vscode.TextDocument; range: vscode.Range } {
  const target = documentLineOf(document, range.start.line);
  const end = target.line + range.end.line - range.start.line;
  return { document: target.document, range: new vscode.Range(target.line, range.start.column, end, range.end.column) };
}
