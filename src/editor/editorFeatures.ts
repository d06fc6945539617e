/**
 * Builds and registers every editor feature (hovers, inlay hints, quick fixes, diagnostics,
 * status bar) over one analysis cache. extension.ts creates this object and registers the
 * commands over its cache; tests reach the cache through the extension's exports.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_IDS } from '../constants';
import { Disposable } from '../disposable';
import type { FileAnalysis } from '../engine/report';
import { LayerQuickFixProvider } from './codeActions';
import { DiagnosticsPublisher } from './diagnostics';
import type { Analyzer } from './documentAnalysisCache';
import { DocumentAnalysisCache, inProcessAnalyzer } from './documentAnalysisCache';
import { AnalysisStoppedError, AnalysisWorkerClient } from './analysisWorkerClient';
import { LayerHoverProvider } from './hoverProvider';
import { LayerInlayHintsProvider } from './inlayHints';
import { ModelStatusBar } from './statusBar';
import { PythonImports } from './pythonImports';

/** Languages we read; any scheme, so virtual workspaces and untitled files work. */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  ...LANGUAGE_IDS.map((language) => ({ language })),
  // The cells of Jupyter notebooks in VS Code's notebook editor (the language entry above covers them too; this says so).
  { notebookType: 'jupyter-notebook', language: 'python' },
];

/** What activate() returns: enough for the integration tests to wait for analyses. */
export interface ConvInspectorApi {
  analysisFor(document: vscode.TextDocument): Promise<FileAnalysis | undefined>;
  readonly onDidAnalyze: vscode.Event<{ readonly document: vscode.TextDocument; readonly analysis: FileAnalysis | undefined }>;
  statusBarText(): string;
  /** Why a document was not analysed (over maxFileSizeKB, or its analysis stopped), if it was skipped. */
  skipReason(uri: vscode.Uri): string | undefined;
}

export class EditorFeatures extends Disposable {
  readonly cache: DocumentAnalysisCache;
  private readonly statusBar: ModelStatusBar;

  constructor() {
    super();
    const imports = this._register(new PythonImports());
    this.cache = this._register(new DocumentAnalysisCache(this.createAnalyzer(), undefined, imports));
    const cache = this.cache;
    this._register(new DiagnosticsPublisher(cache));
    this.statusBar = this._register(new ModelStatusBar(cache));
    this._register(vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new LayerHoverProvider(cache)));
    const inlayHints = this._register(new LayerInlayHintsProvider(cache));
    this._register(vscode.languages.registerInlayHintsProvider(DOCUMENT_SELECTOR, inlayHints));
    this._register(vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new LayerQuickFixProvider(cache), LayerQuickFixProvider.metadata));
    // Files already open when we activate: analysed in the background, never during activate().
    for (const document of vscode.workspace.textDocuments) cache.schedule(document, 0);
  }

  /**
   * Analysis in a worker thread when the bundle has one (dist/analysisWorker.js), so the
   * extension host is never blocked by a large file; on the host's thread otherwise.
   */
  private createAnalyzer(): Analyzer {
    const workerFile = path.join(__dirname, 'analysisWorker.js');
    if (!existsSync(workerFile)) return inProcessAnalyzer;
    const client = new AnalysisWorkerClient({ workerFile, timeLimitMs: 20_000 });
    this._register(client);
    let workerWorks: boolean | undefined;
    return async (source, language, options, key) => {
      if (workerWorks === false) return inProcessAnalyzer(source, language, options, key);
      // Starting the worker thread takes a while: never inside the caller's synchronous
      // path (the panel asks for an analysis while activate() runs).
      if (workerWorks === undefined) await new Promise((resolve) => setImmediate(resolve));
      try {
        const analysis = await client.analyze(key, source, language, options);
        workerWorks = true;
        return analysis;
      } catch (error) {
        // A host where workers cannot start at all: analyse in-process from now on. A run
        // stopped over time or memory says nothing about the host: that one is the file's
        // fault, and in-process it would take the extension host down.
        if (workerWorks === undefined && !(error instanceof AnalysisStoppedError)) {
          workerWorks = false;
          console.warn('[conv-inspector] analysis worker unavailable, analysing in the extension host', error);
          return inProcessAnalyzer(source, language, options, key);
        }
        throw error;
      }
    };
  }

  get api(): ConvInspectorApi {
    return {
      analysisFor: (document) => this.cache.get(document),
      onDidAnalyze: this.cache.onDidAnalyze,
      statusBarText: () => this.statusBar.text,
      skipReason: (uri) => this.cache.skipReason(uri),
    };
  }
}
