/**
 * Imports described as plain data, so that they cross from the extension host to the
 * analysis worker: the analysed file's path, the folders to search, and the open documents
 * whose unsaved text wins over the disk. Where the analysis runs, they become an
 * `ImportContext` over one `NodeSourceFiles` per process (its text cache and the module
 * cache then serve every document analysed there).
 */
import type { AnalyzeOptions } from '../analysis/analyzeSource';
import type { ImportContext, SourceFile } from '../frontends/sourceFiles';
import { NodeSourceFiles } from './nodeSourceFiles';

/** An open document's text laid over the file on disk; its version is distinct from any disk stamp. */
export interface OpenDocument extends SourceFile {
  readonly path: string;
}

export interface ImportRequest {
  readonly filePath: string;
  readonly pythonSearchPaths: readonly string[];
  /** Open documents with unsaved changes (the others equal the disk). */
  readonly openDocuments: readonly OpenDocument[];
}

/** Analysis options as the editor sends them: the core's, with the imports as data. */
export type EditorAnalyzeOptions = Omit<AnalyzeOptions, 'imports'> & { readonly importRequest?: ImportRequest };

const files = new NodeSourceFiles();

/** The core's options for an editor request, its imports read through this process's host. */
export function toAnalyzeOptions(options: EditorAnalyzeOptions): AnalyzeOptions {
  const { importRequest, ...rest } = options;
  if (!importRequest) return rest;
  files.setOverlays(importRequest.openDocuments);
  const imports: ImportContext = { filePath: importRequest.filePath, files, pythonSearchPaths: importRequest.pythonSearchPaths };
  return { ...rest, imports };
}
