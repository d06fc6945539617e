/**
 * Feature maps for a document's model, computed in the worker thread: remembers the
 * weight file per model and the preview image, posts one request at a time (a newer one
 * cancels the older), and publishes the latest result through `onDidUpdate` (for the
 * panel and the hover). After an edit, a document that has feature maps is recomputed in
 * the background; the worker reuses the unchanged leading layers.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { affectsUs, readSettings } from '../editor/settings';
import { ConfigKey } from '../constants';
import type { FileAnalysis, ModelReport } from '../engine/report';
import { FeatureMapWorkerClient } from './featureMapWorkerClient';
import { imageInputSpec, pickModel, planModelRun } from './modelLayers';
import { jobLayers } from './featureMapCompute';
import { resolveNormalization, statsForChannels } from '../engine/image/normalization';
import type { FeatureMapJob, FeatureMapOutcome } from './workerProtocol';

const weightFilesStateKey = 'convInspector.weightFiles';
const previewImageStateKey = 'convInspector.previewImage';

/** The latest feature maps of one document's model. */
export interface FeatureMapSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly modelName: string;
  /** Absent when the run failed before any layer (unreadable weights, over budget): see `error`. */
  readonly outcome?: FeatureMapOutcome;
  readonly error?: string;
  readonly weightFile?: string;
  readonly imageFile: string;
}

/** What a run needs of a cancellation token (vscode.CancellationToken fits). */
export interface CancelSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): unknown };
}

export interface ComputeProgress {
  report(done: number, total: number, layerPath: string): void;
}

/** Analyses a document (or returns the cached analysis) so its feature maps can be computed. */
export type AnalyzeDocument = (document: vscode.TextDocument) => Promise<FileAnalysis | undefined>;

export class FeatureMapService extends Disposable {
  private readonly client: FeatureMapWorkerClient;
  private readonly snapshots = new Map<string, FeatureMapSnapshot>();
  private readonly updateEmitter = this._register(new vscode.EventEmitter<FeatureMapSnapshot>());
  /** Fires when a document's feature maps were (re)computed, also when that failed. */
  readonly onDidUpdate = this.updateEmitter.event;
  /** The latest run per document, for the runs it supersedes. */
  private readonly runs = new Map<string, Promise<FeatureMapSnapshot | undefined>>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly analysisFor: AnalyzeDocument,
    onDidAnalyze?: vscode.Event<{ readonly document: vscode.TextDocument; readonly analysis: FileAnalysis | undefined }>,
    /** The worker bundle; next to the extension bundle by default. */
    workerFile = path.join(__dirname, 'featureMapWorker.js'),
  ) {
    super();
    this.client = new FeatureMapWorkerClient({ workerFile });
    this._register({ dispose: () => this.client.dispose() });
    if (onDidAnalyze) {
      this._register(
        onDidAnalyze(({ document, analysis }) => {
          const previous = this.snapshots.get(document.uri.toString());
          if (!previous || !analysis || previous.version === document.version) return;
          const model = analysis.models.find((m) => m.name === previous.modelName && m.layers.length > 0);
          if (model) void this.compute(document, model).catch(() => undefined);
        }),
      );
    }
    this._register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.snapshots.delete(document.uri.toString());
        this.runs.delete(document.uri.toString());
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        const inputSettings = [ConfigKey.FeatureMapImageFit, ConfigKey.FeatureMapNormalization, ConfigKey.FeatureMapNormalizationMean, ConfigKey.FeatureMapNormalizationStd];
        if (inputSettings.some((key) => affectsUs(event, key))) void this.recomputeShown();
      }),
    );
  }

  /** The latest feature maps of a document, if any were computed. */
  latest(uri: vscode.Uri): FeatureMapSnapshot | undefined {
    return this.snapshots.get(uri.toString());
  }

  /** The document's model at `position` (its definition contains it), or the file's first model with layers. */
  async modelAt(document: vscode.TextDocument, position?: vscode.Position): Promise<ModelReport | undefined> {
    const analysis = await this.analysisFor(document);
    if (!analysis) return undefined;
    const inside =
      position &&
      analysis.models.find(
        (model) => model.layers.length > 0 && new vscode.Range(model.range.start.line, model.range.start.column, model.range.end.line, model.range.end.column).contains(position),
      );
    try {
      return inside || pickModel(analysis);
    } catch {
      return undefined;
    }
  }

  /**
   * Runs the model's layers on the preview image. A run that a newer run of the same model
   * superseded (the recompute after an edit, a new image) resolves with that newer run's maps;
   * undefined when the user cancelled it or another model's run took over.
   */
  compute(document: vscode.TextDocument, model: ModelReport, progress?: ComputeProgress, token?: CancelSignal): Promise<FeatureMapSnapshot | undefined> {
    const key = document.uri.toString();
    const run: Promise<FeatureMapSnapshot | undefined> = this.runOnce(document, model, progress, token).then(async (snapshot) => {
      if (snapshot || token?.isCancellationRequested) return snapshot;
      const newer = this.runs.get(key);
      if (!newer || newer === run) return undefined;
      const latest = await newer;
      return latest?.modelName === model.name ? latest : undefined;
    });
    this.runs.set(key, run);
    return run;
  }

  private async runOnce(document: vscode.TextDocument, model: ModelReport, progress?: ComputeProgress, token?: CancelSignal): Promise<FeatureMapSnapshot | undefined> {
    const version = document.version;
    const imageUri = this.previewImage() ?? vscode.Uri.joinPath(this.context.extensionUri, 'media', 'sample.png');
    const weightUri = this.weightFileFor(document, model.name);
    const base = { uri: document.uri.toString(), version, modelName: model.name, weightFile: weightUri?.fsPath, imageFile: imageUri.fsPath };
    let snapshot: FeatureMapSnapshot;
    try {
      const job = await this.buildJob(document, model, imageUri, weightUri);
      // Cancelled while the files were read: no run, no maps.
      if (token?.isCancellationRequested) return undefined;
      const subscription = token?.onCancellationRequested(() => this.client.cancel());
      try {
        const result = await this.client.run(job, (done, total, layerPath) => progress?.report(done, total, layerPath));
        if (result.kind === 'cancelled') return undefined;
        snapshot = { ...base, outcome: result.outcome };
      } finally {
        subscription?.dispose();
      }
    } catch (error) {
      snapshot = { ...base, error: error instanceof Error ? error.message : String(error) };
    }
    this.snapshots.set(base.uri, snapshot);
    this.updateEmitter.fire(snapshot);
    return snapshot;
  }

  /** Stops the run under way, if any. */
  cancel(): void {
    this.client.cancel();
  }

  /** The weight file remembered for this model (Load Weights... first, then the `convInspector.weightFiles` setting). */
  weightFileFor(document: vscode.TextDocument, modelName: string): vscode.Uri | undefined {
    const remembered = this.context.workspaceState.get<Record<string, string>>(weightFilesStateKey, {})[modelKey(document, modelName)];
    if (remembered) return vscode.Uri.parse(remembered);
    const setting = readSettings(document.uri).weightFiles;
    const fileName = path.basename(document.uri.path);
    const configured = setting[`${fileName}#${modelName}`] ?? setting[modelName];
    if (!configured) return undefined;
    if (path.isAbsolute(configured)) return vscode.Uri.file(configured);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri ?? vscode.Uri.joinPath(document.uri, '..');
    return vscode.Uri.joinPath(folder, configured);
  }

  /** Remembers (or forgets, with undefined) the weight file of a model in this workspace. */
  async setWeightFile(document: vscode.TextDocument, modelName: string, file: vscode.Uri | undefined): Promise<void> {
    const map = { ...this.context.workspaceState.get<Record<string, string>>(weightFilesStateKey, {}) };
    if (file) map[modelKey(document, modelName)] = file.toString();
    else delete map[modelKey(document, modelName)];
    await this.context.workspaceState.update(weightFilesStateKey, map);
  }

  /** The image chosen with Choose Preview Image... (undefined: the bundled sample). */
  previewImage(): vscode.Uri | undefined {
    const chosen = this.context.workspaceState.get<string>(previewImageStateKey);
    return chosen ? vscode.Uri.parse(chosen) : undefined;
  }

  async setPreviewImage(image: vscode.Uri | undefined): Promise<void> {
    await this.context.workspaceState.update(previewImageStateKey, image?.toString());
    await this.recomputeShown();
  }

  /** Computes again the maps shown now (a new image, a new fit): nothing stale stays on screen. */
  async recomputeShown(): Promise<void> {
    for (const snapshot of [...this.snapshots.values()]) {
      const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === snapshot.uri);
      const analysis = document && (await this.analysisFor(document));
      const model = analysis?.models.find((candidate) => candidate.name === snapshot.modelName && candidate.layers.length > 0);
      if (document && model) await this.compute(document, model).catch(() => undefined);
    }
  }

  private async buildJob(document: vscode.TextDocument, model: ModelReport, imageUri: vscode.Uri, weightUri: vscode.Uri | undefined): Promise<FeatureMapJob> {
    const settings = readSettings();
    const budgetMb = settings.featureMapMemoryBudgetMB;
    const inputSpec = imageInputSpec(model);
    const normalization = resolveNormalization(settings.featureMapNormalization, settings.featureMapNormalizationMean, settings.featureMapNormalizationStd);
    const stats = statsForChannels(normalization, inputSpec.channels);
    const normalizationLabel = normalization.problem ? `${normalization.label}: ${normalization.problem}` : normalization.label;
    const spec = { ...inputSpec, fit: settings.featureMapImageFit, ...stats, normalizationLabel };
    const image = { bytes: await vscode.workspace.fs.readFile(imageUri), name: path.basename(imageUri.path), spec };
    let weightFile: FeatureMapJob['weightFile'];
    if (weightUri) {
      const stat = await vscode.workspace.fs.stat(weightUri);
      weightFile = { bytes: await vscode.workspace.fs.readFile(weightUri), name: path.basename(weightUri.path), key: `${weightUri.toString()}|${stat.size}|${stat.mtime}` };
    }
    // Every model of the file: a Keras model used as a layer inside another lends it its weights.
    const reports = (await this.analysisFor(document))?.models ?? [model];
    const { layers, graph, weightLayers } = planModelRun(model, reports);
    return { layers: jobLayers(layers), ...(graph ? { graph } : {}), ...(weightLayers ? { weightLayers } : {}), image, weightFile, budgetMb };
  }
}

function modelKey(document: vscode.TextDocument, modelName: string): string {
  return `${document.uri.toString()}#${modelName}`;
}
