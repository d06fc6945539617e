/**
 * The panel's "Feature maps" section on the host side: runs the feature-map service for the
 * panel's document and model when the webview asks (progress and Cancel in the panel), and
 * posts the selected layer's grid whenever the service has new maps for that document; the
 * service itself recomputes after an edit once maps were computed, so the grid follows edits.
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { ModelReport } from '../engine/report';
import type { FeatureMapService, FeatureMapSnapshot } from '../featureMaps/featureMapService';
import type { FeatureMapsView, ToPanel } from '../protocol';
import { buildFeatureMapsView, pendingFeatureMapsView } from './featureMapView';

/** The parts of the feature-map service the panel uses. */
export type FeatureMapSource = Pick<FeatureMapService, 'compute' | 'cancel' | 'latest' | 'onDidUpdate'>;

/** What the section reads from the panel: its document, model and selected layer. */
export interface FeatureMapSectionHost {
  document(): vscode.TextDocument | undefined;
  model(): ModelReport | undefined;
  selectedIndex(): number | undefined;
  post(message: ToPanel): void;
}

export class FeatureMapSection extends Disposable {
  private view: FeatureMapsView | undefined;
  private running: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly service: FeatureMapSource,
    private readonly host: FeatureMapSectionHost,
  ) {
    super();
    this._register(
      service.onDidUpdate((snapshot) => {
        if (snapshot.uri === this.host.document()?.uri.toString()) this.show(this.host.selectedIndex());
      }),
    );
    this._register({ dispose: () => this.running?.dispose() });
  }

  /** The view last posted, for the panel's replay after `ready`. */
  get current(): FeatureMapsView | undefined {
    return this.view;
  }

  /** Posts the section for layer `index` from the latest maps of the document (or the Compute button). */
  show(index: number | undefined): void {
    const model = this.host.model();
    const record = index === undefined ? undefined : model?.layers[index];
    if (index === undefined || !record) return;
    if (this.running && this.view?.status === 'running') {
      this.publish({ ...this.view, index });
      return;
    }
    const snapshot = this.snapshotFor(model);
    this.publish(snapshot ? buildFeatureMapsView(index, record.path, snapshot) : pendingFeatureMapsView(index));
  }

  /** Runs the model on the preview image; the result arrives through the service's update event. */
  async compute(index: number): Promise<void> {
    const document = this.host.document();
    const model = this.host.model();
    if (!document || !model || !model.layers[index]) return;
    this.running?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    this.publish(pendingFeatureMapsView(index, 'Starting…'));
    try {
      const snapshot = await this.service.compute(
        document,
        model,
        {
          report: (done, total, layerPath) => {
            if (this.running === source && this.host.document() === document)
              this.publish(pendingFeatureMapsView(this.host.selectedIndex() ?? index, `${done}/${total} ${layerPath}`));
          },
        },
        source.token,
      );
      if (this.running !== source || this.host.document() !== document) return;
      this.running = undefined;
      if (!snapshot) {
        const selected = this.host.selectedIndex() ?? index;
        this.publish({ ...pendingFeatureMapsView(selected), problem: source.token.isCancellationRequested ? 'Cancelled.' : 'Superseded by a newer run.' });
      } else {
        this.show(this.host.selectedIndex() ?? index);
      }
    } finally {
      source.dispose();
      if (this.running === source) this.running = undefined;
    }
  }

  cancel(): void {
    this.running?.cancel();
    this.service.cancel();
  }

  /** A new document or model: forget the section (its maps stay in the service). */
  reset(): void {
    this.view = undefined;
  }

  private snapshotFor(model: ModelReport | undefined): FeatureMapSnapshot | undefined {
    const document = this.host.document();
    const snapshot = document ? this.service.latest(document.uri) : undefined;
    return snapshot && model && snapshot.modelName === model.name ? snapshot : undefined;
  }

  private publish(view: FeatureMapsView): void {
    this.view = view;
    this.host.post({ type: 'featureMaps', view });
  }
}
