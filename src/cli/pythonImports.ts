/**
 * Where the CLI finds what a Python file imports: the file's own folder, the folders given
 * with `--python-path` (in order), `PYTHONPATH`, then the system's dist-packages and
 * site-packages. Files are read from disk; nothing is run.
 */
import { resolve } from 'node:path';
import type { ImportContext } from '../frontends/sourceFiles';
import { NodeSourceFiles } from '../pythonEnvironment/nodeSourceFiles';
import { pythonPathFolders, searchFolders, systemPackageFolders } from '../pythonEnvironment/pythonSearchPaths';

/** One host for the whole CLI run: `check` over many files reads each imported module once. */
const files = new NodeSourceFiles();

/** The import context of a Python file analysed by the CLI. */
export function cliImportContext(file: string, pythonPaths: readonly string[], environment: NodeJS.ProcessEnv = process.env): ImportContext {
  return {
    filePath: resolve(file),
    files,
    pythonSearchPaths: searchFolders(
      pythonPaths.map((folder) => resolve(folder)),
      pythonPathFolders(environment.PYTHONPATH).map((folder) => resolve(folder)),
      systemPackageFolders(),
    ),
  };
}
