/**
 * Where the editor's analyses find what a Python document imports, without running Python:
 * the workspace folders, PYTHONPATH, the environment the user selected (the Python
 * extension's public environments API when it is installed and active,
 * `python.defaultInterpreterPath`, a `.venv`/`venv`/`env` folder of the workspace,
 * CONDA_PREFIX), then the system's dist-packages. Open documents with unsaved changes go
 * with each request: their text wins over the disk. Everything here only reads, so it also
 * works in untrusted workspaces.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { ImportRequest, OpenDocument } from '../pythonEnvironment/importRequest';
import { prefixOfInterpreter, pythonPathFolders, searchFolders, sitePackagesOfPrefix, systemPackageFolders } from '../pythonEnvironment/pythonSearchPaths';
import { languageOf } from '../analysis/analyzeSource';

/** The part of the Python extension's public API read here (`ms-python.python`'s `environments`). */
interface PythonEnvironmentsApi {
  readonly environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { readonly path: string };
    resolveEnvironment(environment: { readonly path: string }): Promise<{ readonly executable: { readonly sysPrefix?: string } } | undefined>;
    readonly onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
}

function pythonExtensionApi(): PythonEnvironmentsApi | undefined {
  const extension = vscode.extensions.getExtension<PythonEnvironmentsApi>('ms-python.python');
  // Never activated from here: only read when the user's setup already runs it.
  return extension?.isActive ? extension.exports : undefined;
}

/** The selected environment's site-packages for a workspace folder (or none). */
async function selectedEnvironmentFolders(folder: vscode.WorkspaceFolder | undefined): Promise<string[]> {
  const prefixes: string[] = [];
  const environments = pythonExtensionApi()?.environments;
  if (environments) {
    try {
      const resolved = await environments.resolveEnvironment(environments.getActiveEnvironmentPath(folder?.uri));
      if (resolved?.executable.sysPrefix) prefixes.push(resolved.executable.sysPrefix);
    } catch {
      // An API that changed shape or an environment that vanished: the other sources remain.
    }
  }
  const interpreter = vscode.workspace.getConfiguration('python', folder?.uri).get<string>('defaultInterpreterPath');
  if (interpreter && path.isAbsolute(interpreter)) prefixes.push(prefixOfInterpreter(interpreter));
  for (const name of ['.venv', 'venv', 'env']) if (folder?.uri.scheme === 'file') prefixes.push(path.join(folder.uri.fsPath, name));
  if (process.env.CONDA_PREFIX) prefixes.push(process.env.CONDA_PREFIX);
  return prefixes.flatMap(sitePackagesOfPrefix);
}

/** Builds the import part of each Python document's analysis request. */
export class PythonImports extends Disposable {
  private readonly searchPaths = new Map<string, Promise<string[]>>();
  private readonly changedEmitter = this._register(new vscode.EventEmitter<void>());
  /** The environment or the search folders changed: every Python document needs a new analysis. */
  readonly onDidChange = this.changedEmitter.event;

  constructor() {
    super();
    const changed = (): void => {
      this.searchPaths.clear();
      this.changedEmitter.fire();
    };
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(changed));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => (event.affectsConfiguration('python.defaultInterpreterPath') ? changed() : undefined)));
    const subscription = pythonExtensionApi()?.environments?.onDidChangeActiveEnvironmentPath?.(changed);
    if (subscription) this._register(subscription);
  }

  /** The imports of a Python document saved on disk, or undefined (untitled and virtual documents import nothing). */
  async requestFor(document: vscode.TextDocument): Promise<ImportRequest | undefined> {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'vscode-notebook-cell') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const key = folder?.uri.toString() ?? '';
    let paths = this.searchPaths.get(key);
    if (!paths) {
      paths = this.computeSearchPaths(folder);
      this.searchPaths.set(key, paths);
    }
    const openDocuments: OpenDocument[] = vscode.workspace.textDocuments
      .filter((open) => open.isDirty && languageOf(open.languageId) !== undefined && open.uri.scheme === 'file' && open !== document)
      .map((open) => ({ path: open.uri.fsPath, text: open.getText(), version: `editor:${open.version}` }));
    return { filePath: document.uri.fsPath, pythonSearchPaths: await paths, openDocuments };
  }

  private async computeSearchPaths(folder: vscode.WorkspaceFolder | undefined): Promise<string[]> {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((root) => root.uri.scheme === 'file').map((root) => root.uri.fsPath);
    return searchFolders(roots, pythonPathFolders(process.env.PYTHONPATH), await selectedEnvironmentFolders(folder), systemPackageFolders());
  }
}
