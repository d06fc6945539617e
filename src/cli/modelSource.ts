/**
 * The CLI's model input: a source file (Python, TypeScript, JavaScript) or a Jupyter
 * notebook, read safely and turned into the text one front end analyses. A notebook's code
 * cells become one Python program with its position map, so every command reports cells
 * and lines in cells.
 */
import { languageOf } from '../analysis/analyzeSource';
import type { NotebookProgram } from '../analysis/notebook';
import { joinNotebookCells } from '../analysis/notebook';
import { NotebookFormatError, parseNotebookJson } from '../analysis/notebookJson';
import type { SourceLanguage } from '../engine/report';
import { readRegularFile, readSourceFile, SourceFileError } from './readSourceFile';

/** Notebooks carry their outputs (plots, logs): far larger than source files, but never decoded. */
export const MAX_NOTEBOOK_BYTES = 256 * 1024 * 1024;

export interface ModelSource {
  readonly source: string;
  readonly language: SourceLanguage;
  /** For a notebook: where each program line sits in its cells. */
  readonly notebook?: NotebookProgram;
  /** Defects of a notebook that were read around, for the user to see. */
  readonly problems: readonly string[];
}

export const isNotebookFile = (file: string): boolean => file.toLowerCase().endsWith('.ipynb');

/** Reads FILE as its kind says; undefined when it is neither a source file nor a notebook. */
export async function readModelSource(file: string): Promise<ModelSource | undefined> {
  if (isNotebookFile(file)) {
    const bytes = await readRegularFile(file, { what: 'notebook', maxBytes: MAX_NOTEBOOK_BYTES });
    try {
      const parsed = parseNotebookJson(bytes.toString('utf8'));
      const notebook = joinNotebookCells(parsed.cells);
      return { source: notebook.source, language: 'python', notebook, problems: parsed.problems };
    } catch (error) {
      if (error instanceof NotebookFormatError) throw new SourceFileError(`${file}: ${error.message}`);
      throw error;
    }
  }
  const language = languageOf(file);
  if (!language) return undefined;
  return { source: await readSourceFile(file), language, problems: [] };
}
