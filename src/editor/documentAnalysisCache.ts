/**
 * One analysis per document version. Typing schedules an analysis after a short pause
 * (debounce); a newer version makes older scheduled or finished-too-late analyses
 * irrelevant (they are dropped, not published); providers asking for the current version
 * get it right away (sharing a run already under way). Files over `maxFileSizeKB` are
 * skipped with one message per file, not analysed slowly. A version whose analysis was
 * stopped (out of memory or time: it brought its worker down) is marked so and never tried
 * again; the next edit makes a new attempt. A notebook's cells are analysed together (see
 * notebookCells.ts): an edit in one cell makes every cell's analysis current again.
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { ConfigKey } from '../constants';
import type { FileAnalysis, SourceLanguage } from '../engine/report';
import type { NotebookProgram } from '../analysis/notebook';
import type { EditorAnalyzeOptions } from '../pythonEnvironment/importRequest';
import { toAnalyzeOptions } from '../pythonEnvironment/importRequest';
import type { PythonImports } from './pythonImports';
import { analyzeSource, languageOf } from '../analysis/analyzeSource';
import { AnalysisStoppedError, WorkerTimeoutError, type StopCause } from './analysisWorkerClient';
import { ANALYSIS_OLD_GENERATION_MB } from './analysisWorkerProcess';
import { affectsUs, analyzeOptions, readSettings } from './settings';
import { NotebookProgramAnalyses, notebookCellOf, notebookProgramOf } from './notebookCells';

/** `key` names the document, so an analyzer may collapse queued requests for it. */
export type Analyzer = (source: string, language: SourceLanguage, options: EditorAnalyzeOptions, key: string) => Promise<FileAnalysis>;

/** Analysis on the extension host's own thread (for hosts without worker threads, and tests). */
export const inProcessAnalyzer: Analyzer = (source, language, options, key) => analyzeSource(source, language, { ...toAnalyzeOptions(options), documentKey: key });

/** Published when the analysis of a document's latest version is ready (undefined: skipped or failed). */
export interface AnalysisReady {
  readonly document: vscode.TextDocument;
  readonly analysis: FileAnalysis | undefined;
}

interface Entry {
  version: number;
  /** For a notebook cell: the notebook's program text the analysis is of (other cells change it too). */
  stamp?: string;
  analysis?: FileAnalysis | undefined;
  done: boolean;
  running?: Promise<FileAnalysis | undefined>;
  /** When the running analysis started (Date.now()). */
  startedAt?: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** A document version whose analysis was stopped: it is not analysed again. */
export interface StoppedAnalysis {
  readonly version: number;
  readonly reason: StopCause;
}

const ANALYSIS_SETTINGS = [ConfigKey.DefaultInputShape, ConfigKey.DefaultSpatialSize, ConfigKey.MaxFileSizeKB];

/** Schemes whose documents are not the user's source (output channels, git, settings...). */
const IGNORED_SCHEMES = new Set(['output', 'git', 'vscode', 'vscode-userdata', 'debug']);

export class DocumentAnalysisCache extends Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly tooLargeNotified = new Set<string>();
  private readonly skipMessages = new Map<string, string>();
  /** Kept across new settings: the same text would bring a new worker down again. */
  private readonly stoppedVersions = new Map<string, StoppedAnalysis & { readonly message: string }>();
  private readonly readyEmitter = this._register(new vscode.EventEmitter<AnalysisReady>());
  /** Fires once per document version whose analysis finished (never for superseded versions). */
  readonly onDidAnalyze = this.readyEmitter.event;
  private readonly startEmitter = this._register(new vscode.EventEmitter<vscode.TextDocument>());
  /** Fires when an analysis of a document starts (the status bar shows slow ones). */
  readonly onDidStartAnalysis = this.startEmitter.event;
  private generation = 0;
  private readonly notebookPrograms = new NotebookProgramAnalyses();

  constructor(
    private readonly analyzer: Analyzer = inProcessAnalyzer,
    private readonly debounceMs = 150,
    private readonly imports?: PythonImports,
  ) {
    super();
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        this.schedule(event.document);
        // Another open document may import this one: its unsaved text goes with their next analysis.
        if (imports && DocumentAnalysisCache.isSupported(event.document)) this.scheduleOthers(event.document);
        // The notebook's other cells read the same program: their analyses change too.
        const place = notebookCellOf(event.document);
        for (const cell of place?.notebook.getCells() ?? []) if (cell.document !== event.document) this.schedule(cell.document, this.debounceMs, true);
      }),
    );
    this._register(vscode.workspace.onDidCloseNotebookDocument((notebook) => this.notebookPrograms.forget(notebook)));
    this._register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        // Only the settings that change the numbers; hints, diagnostics and units are display.
        if (ANALYSIS_SETTINGS.some((key) => affectsUs(event, key))) this.reanalyzeAll();
      }),
    );
    this._register({ dispose: () => this.entries.forEach((entry) => clearTimeout(entry.timer)) });
    if (imports) {
      // A source file changed on disk (saved here, edited elsewhere, checked out): open documents may import it.
      const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.{py,ts,tsx,mts,cts,js,jsx,mjs,cjs}'));
      const changed = (): void => this.scheduleOthers(undefined);
      this._register(watcher.onDidChange(changed));
      this._register(watcher.onDidCreate(changed));
      this._register(watcher.onDidDelete(changed));
      this._register(imports.onDidChange(() => this.reanalyzeAll()));
    }
  }

  /**
   * Analyses the open documents again (but `changed`) that may import `changed`: those of its
   * language family (Python, or TypeScript/JavaScript), or all of them for a change on disk.
   */
  private scheduleOthers(changed: vscode.TextDocument | undefined): void {
    const family = changed && importFamily(changed.languageId);
    for (const document of vscode.workspace.textDocuments) {
      if (document === changed || !this.entries.has(document.uri.toString())) continue;
      if (family === undefined || importFamily(document.languageId) === family) this.schedule(document, this.debounceMs, true);
    }
  }

  static isSupported(document: vscode.TextDocument): boolean {
    return !IGNORED_SCHEMES.has(document.uri.scheme) && languageOf(document.languageId) !== undefined;
  }

  /** The analysis of the document's current version, running it now if needed. */
  get(document: vscode.TextDocument): Promise<FileAnalysis | undefined> {
    if (!DocumentAnalysisCache.isSupported(document)) return Promise.resolve(undefined);
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version && entry.stamp === stampOf(document)) {
      if (entry.done) return Promise.resolve(entry.analysis);
      if (entry.running) return entry.running;
    }
    return this.run(document);
  }

  /**
   * For a notebook cell: the whole notebook's analysis and program (what exports write,
   * every cell's models and diagnostics at their cells); undefined for an ordinary file.
   */
  async notebookAnalysis(document: vscode.TextDocument): Promise<{ analysis: FileAnalysis; program: NotebookProgram } | undefined> {
    const place = notebookCellOf(document);
    if (!place || !(await this.get(document))) return undefined;
    return this.notebookPrograms.programAnalysis(place.notebook);
  }

  /** The newest finished analysis of a document, whatever its version (for quick, non-blocking uses). */
  peek(uri: vscode.Uri): FileAnalysis | undefined {
    return this.entries.get(uri.toString())?.analysis;
  }

  /** Since when (Date.now()) the document's current analysis has been running, if one is. */
  runningSince(uri: vscode.Uri): number | undefined {
    const entry = this.entries.get(uri.toString());
    return entry?.running ? entry.startedAt : undefined;
  }

  /** Why a document was not analysed (too large, or its analysis stopped), if it was skipped. */
  skipReason(uri: vscode.Uri): string | undefined {
    return this.skipMessages.get(uri.toString());
  }

  /** The stopped analysis of the document's current version, if it was stopped. */
  stopped(document: vscode.TextDocument): StoppedAnalysis | undefined {
    const stopped = this.stoppedVersions.get(document.uri.toString());
    return stopped?.version === document.version ? stopped : undefined;
  }

  /** Analyse after `delay` ms of quiet; a newer version resets the clock. */
  schedule(document: vscode.TextDocument, delay = this.debounceMs, force = false): void {
    if (!DocumentAnalysisCache.isSupported(document)) return;
    const key = document.uri.toString();
    const previous = this.entries.get(key);
    if (!force && previous?.version === document.version && (previous.done || previous.running)) return;
    clearTimeout(previous?.timer);
    const entry: Entry = { version: document.version, analysis: previous?.analysis, done: false };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.entries.get(key) === entry && !entry.running && !document.isClosed) void this.run(document);
    }, delay);
    this.entries.set(key, entry);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.entries.get(key)?.timer);
    this.entries.delete(key);
    this.skipMessages.delete(key);
    this.stoppedVersions.delete(key);
  }

  /** Settings changed: every open document is analysed again with the new options. */
  reanalyzeAll(): void {
    this.generation += 1;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
    this.skipMessages.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private run(document: vscode.TextDocument): Promise<FileAnalysis | undefined> {
    const key = document.uri.toString();
    const previous = this.entries.get(key);
    clearTimeout(previous?.timer);
    const entry: Entry = { version: document.version, stamp: stampOf(document), analysis: previous?.analysis, done: false };
    this.entries.set(key, entry);
    const generation = this.generation;
    entry.startedAt = Date.now();
    entry.running = this.analyze(document).then((analysis) => {
      // A newer version or new settings arrived meanwhile: this result is stale, do not publish it.
      const current = this.entries.get(key) === entry && generation === this.generation && document.version === entry.version && stampOf(document) === entry.stamp;
      if (current) {
        entry.analysis = analysis;
        entry.done = true;
        entry.running = undefined;
        this.readyEmitter.fire({ document, analysis });
      }
      return analysis;
    });
    this.startEmitter.fire(document);
    return entry.running;
  }

  private async analyze(document: vscode.TextDocument): Promise<FileAnalysis | undefined> {
    const language = languageOf(document.languageId);
    if (!language) return undefined;
    const settings = readSettings(document.uri);
    const text = document.getText();
    const sizeKB = Buffer.byteLength(text, 'utf8') / 1024;
    const key = document.uri.toString();
    if (sizeKB > settings.maxFileSizeKB) {
      const message = vscode.l10n.t(
        'Conv Inspector skipped {0}: {1} KB is over the {2} KB limit (setting convInspector.maxFileSizeKB).',
        vscode.workspace.asRelativePath(document.uri),
        Math.round(sizeKB),
        settings.maxFileSizeKB,
      );
      this.skipMessages.set(key, message);
      // Once per file: not on every keystroke.
      if (!this.tooLargeNotified.has(key)) {
        this.tooLargeNotified.add(key);
        void vscode.window.showInformationMessage(message);
      }
      return undefined;
    }
    const stopped = this.stoppedVersions.get(key);
    if (stopped?.version === document.version) {
      this.skipMessages.set(key, stopped.message);
      return undefined;
    }
    this.stoppedVersions.delete(key);
    this.skipMessages.delete(key);
    try {
      const importRequest = await this.imports?.requestFor(document);
      const options = importRequest ? { ...analyzeOptions(settings), importRequest } : analyzeOptions(settings);
      const place = notebookCellOf(document);
      if (place) return await this.notebookPrograms.analyzeCell(place, this.analyzer, options);
      return await this.analyzer(text, language, options, key);
    } catch (error) {
      if (error instanceof AnalysisStoppedError) {
        const message = stopMessage(vscode.workspace.asRelativePath(document.uri), error);
        this.stoppedVersions.set(key, { version: document.version, reason: error.reason, message });
        this.skipMessages.set(key, message);
        console.warn(`[conv-inspector] analysis of ${key} stopped: ${error.message}`);
        return undefined;
      }
      // A bug in a front end must not take the editor down; the hovers just stay quiet.
      console.error(`[conv-inspector] analysis of ${document.uri.toString()} failed`, error);
      return undefined;
    }
  }
}

/** What a document's analysis depends on besides its own version: for a notebook cell, the whole program. */
function stampOf(document: vscode.TextDocument): string | undefined {
  const place = notebookCellOf(document);
  return place ? notebookProgramOf(place.notebook).source : undefined;
}

/** The plain reason a stopped analysis gives (the panel and the commands show it), with the limit it hit. */
function stopMessage(file: string, error: AnalysisStoppedError): string {
  if (error instanceof WorkerTimeoutError) {
    return vscode.l10n.t('Conv Inspector stopped analysing {0}: too slow, the analysis took longer than {1} s. Edit the file to try again.', file, error.timeLimitMs / 1000);
  }
  if (error.reason === 'memory') {
    return vscode.l10n.t(
      'Conv Inspector stopped analysing {0}: too large, the analysis needed more than {1} MB of memory. Edit the file to try again.',
      file,
      ANALYSIS_OLD_GENERATION_MB,
    );
  }
  return vscode.l10n.t('Conv Inspector stopped analysing {0}: the analysis ended unexpectedly. Edit the file to try again.', file);
}

/** Python files import Python; TypeScript and JavaScript files import each other. */
function importFamily(languageId: string): 'python' | 'script' | undefined {
  const language = languageOf(languageId);
  return language === undefined ? undefined : language === 'python' ? 'python' : 'script';
}
