/**
 * The panel's "Feature maps" section on the host side. Once the user asked for maps (the
 * Compute button, Preview Feature Maps), the section follows the panel: the active file,
 * its selected layer and every new version of it. A new file or version cancels the run
 * under way and starts one for what is shown now, with progress and Cancel in the panel;
 * maps computed for another file or an older version are never posted. The full-resolution
 * maps stay in the service; the webview gets downsampled pictures and asks for zoom pages.
 * No `vscode` at runtime, so the cancel logic is unit-tested in plain node.
 */
import type * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { ModelReport } from '../engine/report';
import type { CancelSignal, FeatureMapService, FeatureMapSnapshot } from '../featureMaps/featureMapService';
import type { FeatureMapScaling, FeatureMapsView, ToPanel } from '../protocol';
import { buildFeatureMapZoom, buildFeatureMapsView, pendingFeatureMapsView } from './featureMapView';
import { mainPath } from '../engine/graph/mainPath';
import type { ModelGraph } from '../engine/graph/modelGraph';

/** The strip's nodes per graph: an analysis keeps its graph object, selection changes reuse the path. */
const mainPaths = new WeakMap<ModelGraph, { id: string; kind: string }[]>();

function mainPathOf(graph: ModelGraph): { id: string; kind: string }[] {
  let path = mainPaths.get(graph);
  if (!path) {
    path = mainPath(graph).map(({ id, kind }) => ({ id, kind }));
    mainPaths.set(graph, path);
  }
  return path;
}

/** The parts of the feature-map service the panel uses. */
export type FeatureMapSource = Pick<FeatureMapService, 'compute' | 'cancel' | 'latest' | 'onDidUpdate'>;

/** What the section reads from the panel: its document, model and selected layer. */
export interface FeatureMapSectionHost {
  document(): vscode.TextDocument | undefined;
  /** The document version `model()` was analysed from: a run starts only from the current version's model. */
  analysedVersion(): number | undefined;
  model(): ModelReport | undefined;
  selectedIndex(): number | undefined;
  post(message: ToPanel): void;
}

/** A cancellation signal the section owns (vscode.CancellationTokenSource without `vscode`). */
class RunSignal implements CancelSignal {
  isCancellationRequested = false;
  private readonly listeners = new Set<() => void>();
  onCancellationRequested(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  cancel(): void {
    if (this.isCancellationRequested) return;
    this.isCancellationRequested = true;
    for (const listener of [...this.listeners]) listener();
  }
}

/** How a run ended, for callers that wait on it (the Preview Feature Maps command, tests). */
export type SectionRunResult = { readonly kind: 'done'; readonly snapshot: FeatureMapSnapshot } | { readonly kind: 'cancelled' } | { readonly kind: 'superseded' };

export class FeatureMapSection extends Disposable {
  private view: FeatureMapsView | undefined;
  private running: { readonly signal: RunSignal; readonly uri: string; readonly version: number } | undefined;
  /** True once the user asked for maps: the section then computes for whatever the panel shows. */
  private following = false;
  private scaling: FeatureMapScaling = 'channel';
  private stripChannel = 0;

  constructor(
    private readonly service: FeatureMapSource,
    private readonly host: FeatureMapSectionHost,
  ) {
    super();
    this._register(
      service.onDidUpdate((snapshot) => {
        // A run of the shown file (the Load Weights command's, say): shown when it is of the current version.
        if (this.isCurrent(snapshot) && !this.running) this.show(this.host.selectedIndex());
      }),
    );
    this._register({ dispose: () => this.running?.signal.cancel() });
  }

  /** The view last posted, for the panel's replay after `ready`. */
  get current(): FeatureMapsView | undefined {
    return this.view;
  }

  /**
   * Posts the section for layer `index`: the maps of the shown file's current version, or,
   * when following and there are none yet, a new run (which cancels a stale one).
   */
  show(index: number | undefined): void {
    const model = this.host.model();
    const record = index === undefined ? undefined : model?.layers[index];
    if (index === undefined || !record) return;
    const document = this.host.document();
    if (this.running && document && this.running.uri === document.uri.toString() && this.running.version === document.version) {
      // The run under way is for what is shown: keep its progress, about the newly selected layer.
      this.publish(this.view?.status === 'running' ? { ...this.view, index } : pendingFeatureMapsView(index, 'Starting…'));
      return;
    }
    const snapshot = this.snapshotFor(model);
    if (snapshot) this.publish(buildFeatureMapsView(index, record.path, snapshot, this.display(model)));
    else if (this.following) void this.compute(index);
    else this.publish(pendingFeatureMapsView(index));
  }

  /** The panel shows another file, model or version: follow it (or forget what was shown). */
  refresh(): void {
    const document = this.host.document();
    if (this.running && (!document || this.running.uri !== document.uri.toString() || this.running.version !== document.version)) this.stop();
    this.show(this.host.selectedIndex());
  }

  /** Runs the model on the preview image for what the panel shows, and follows the panel from now on. */
  async compute(index: number): Promise<SectionRunResult> {
    const document = this.host.document();
    const model = this.host.model();
    if (!document || !model || !model.layers[index]) return { kind: 'superseded' };
    this.following = true;
    if (this.host.analysedVersion() !== document.version) {
      // The model is of an older version (an edit is being analysed): its maps would be labelled
      // with the new version. The panel's next analysis refreshes the section, which runs then.
      this.publish(pendingFeatureMapsView(index, 'waiting for the analysis of the edit…'));
      return { kind: 'superseded' };
    }
    this.running?.signal.cancel();
    const signal = new RunSignal();
    const run = { signal, uri: document.uri.toString(), version: document.version };
    this.running = run;
    const isShown = (): boolean => this.running === run && this.host.document() === document && document.version === run.version;
    this.publish(pendingFeatureMapsView(index, 'Starting…'));
    try {
      const report = (done: number, total: number, layerPath: string): void => {
        if (isShown()) this.publish(pendingFeatureMapsView(this.host.selectedIndex() ?? index, `${done}/${total} ${layerPath}`, done, total));
      };
      const snapshot = await this.service.compute(document, model, { report }, signal);
      if (signal.isCancellationRequested) return { kind: 'cancelled' };
      if (this.running !== run || this.host.document() !== document) return { kind: 'superseded' };
      this.running = undefined;
      if (!snapshot) {
        this.publish({ ...pendingFeatureMapsView(this.host.selectedIndex() ?? index), problem: 'Superseded by a newer run.' });
        return { kind: 'superseded' };
      }
      // The maps when they are of the version shown; else (the file changed during the run) a run for that version.
      const current = document.version === run.version;
      this.show(this.host.selectedIndex() ?? index);
      return current ? { kind: 'done', snapshot } : { kind: 'superseded' };
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  /** The Cancel button: stops the run; the section stays put until the user computes again. */
  cancel(): void {
    const index = this.view?.index ?? this.host.selectedIndex();
    this.following = false;
    this.stop();
    // Also a run the section did not start (Load Weights..., Preview Feature Maps without the panel).
    this.service.cancel();
    if (index !== undefined) this.publish({ ...pendingFeatureMapsView(index), problem: 'Cancelled.' });
  }

  /** The scaling toggle or the strip's channel changed: the same maps, drawn again. */
  setOptions(scaling: FeatureMapScaling, stripChannel: number): void {
    this.scaling = scaling;
    this.stripChannel = stripChannel;
    if (this.view?.status === 'done') this.show(this.view.index);
  }

  /** Posts one page of layer `index`'s channels at full resolution, if the shown file's maps have it. */
  zoom(index: number, firstChannel: number): void {
    const model = this.host.model();
    const record = model?.layers[index];
    const snapshot = this.snapshotFor(model);
    const grid = record && snapshot ? buildFeatureMapZoom(record.path, snapshot, firstChannel, this.scaling) : undefined;
    if (grid) this.host.post({ type: 'featureMapZoom', index, grid });
  }

  /** A new document or model: forget the section, stop a run for another file (its maps stay in the service). */
  reset(): void {
    this.view = undefined;
    this.refresh();
  }

  private stop(): void {
    const running = this.running;
    this.running = undefined;
    running?.signal.cancel();
  }

  private display(model: ModelReport | undefined) {
    const graph = model?.graph;
    return {
      scaling: this.scaling,
      stripChannel: this.stripChannel,
      layerPaths: model?.layers.map((layer) => layer.path) ?? [],
      ...(graph ? { mainPath: mainPathOf(graph) } : {}),
    };
  }

  private isCurrent(snapshot: FeatureMapSnapshot): boolean {
    const document = this.host.document();
    return document !== undefined && snapshot.uri === document.uri.toString() && snapshot.version === document.version;
  }

  /** The maps of the shown file at its current version and model; never another file's or an older version's. */
  private snapshotFor(model: ModelReport | undefined): FeatureMapSnapshot | undefined {
    const document = this.host.document();
    const snapshot = document ? this.service.latest(document.uri) : undefined;
    return snapshot && model && snapshot.modelName === model.name && this.isCurrent(snapshot) ? snapshot : undefined;
  }

  private publish(view: FeatureMapsView): void {
    this.view = view;
    this.host.post({ type: 'featureMaps', view });
  }
}
