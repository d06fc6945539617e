/**
 * The inspector webview view: shows the model under the cursor as a table with the layer
 * under the cursor highlighted (what is followed lives in panelSelection.ts), and answers the
 * webview's requests (detail, variants, reveal, input shape, export). The webview end
 * (panelWebview.ts) checks every incoming message with `parseFromPanel`; the last state is
 * replayed after each `ready` (webview views are torn down when hidden and load again when
 * shown).
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { ViewId } from '../constants';
import type { FileAnalysis, ModelReport } from '../engine/report';
import type { FeatureMapsView, FromPanel, LayerDetailView, PanelState, ToPanel, VariantsView } from '../protocol';
import { PanelWebview } from './panelWebview';
import { initialModelIndex } from './tableModel';
import { buildLayerDetail } from './layerDetail';
import type { FeatureMapSource, SectionRunResult } from './featureMapSection';
import { FeatureMapSection } from './featureMapSection';
import { buildVariants, exportPngToFile, exportSvgToFile, exportTableToFile, recordAt, revealLayer, writeInputShape } from './panelActions';
import { buildGraphView } from './graphModel';
import { modelGraphOf } from '../analysis/graphFromRecords';
import type { PanelAnalysisCache } from './panelSelection';
import { PanelSelection } from './panelSelection';

export class InspectorPanel extends Disposable implements vscode.WebviewViewProvider {
  /** The view's webview; messages from it arrive parsed at `handle`. */
  private readonly webview: PanelWebview;
  /** The followed file, its analysis, the model shown and the row under the cursor. */
  private readonly selection: PanelSelection;
  private state: PanelState | undefined;
  private detail: LayerDetailView | undefined;
  private variants: VariantsView | undefined;
  /** The row the variants table is about, to rebuild it when the file changes. */
  private variantsIndex: number | undefined;
  /** The feature-map section, once the feature-map service is attached. */
  private featureMaps: FeatureMapSection | undefined;
  /** Resolves when the next state reaches the webview; tests and the benchmark wait on it. */
  private readonly stateEmitter = this._register(new vscode.EventEmitter<PanelState>());
  readonly onDidPostState = this.stateEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly cache: PanelAnalysisCache,
  ) {
    super();
    this.selection = new PanelSelection(cache);
    this.webview = new PanelWebview(extensionUri, (message) => this.handle(message));
    this._register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) void this.follow(editor);
      }),
    );
    this._register(vscode.window.onDidChangeTextEditorSelection((event) => this.onCursor(event.textEditor)));
    this._register(
      cache.onDidAnalyze(({ document, analysis }) => {
        if (document === this.selection.document) this.setAnalysis(analysis);
      }),
    );
    if (vscode.window.activeTextEditor) void this.follow(vscode.window.activeTextEditor);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.webview.resolve(view);
  }

  /** Shows the panel (the view's built-in focus command). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${ViewId.Inspector}.focus`);
  }

  /** Selects the layer at a position and shows its detail (the inspectLayer command's entry). */
  async inspectAt(document: vscode.TextDocument, position: vscode.Position): Promise<boolean> {
    return (await this.showLayerAt(document, position)) !== undefined;
  }

  /** Opens the compare-variants table for the layer at a position (the compareVariants command's entry). */
  async compareVariantsAt(document: vscode.TextDocument, position: vscode.Position): Promise<boolean> {
    return (await this.showLayerAt(document, position, (index) => this.requestVariants(index))) !== undefined;
  }

  /** Shows the file, selects the layer at the position and reveals the panel; its row index, or undefined when there is no layer there. */
  private async showLayerAt(document: vscode.TextDocument, position: vscode.Position, beforeReveal?: (index: number) => void): Promise<number | undefined> {
    const analysis = await this.cache.get(document);
    if (!analysis) return undefined;
    const place = this.selection.locate(document, analysis, position);
    const index = place.highlighted;
    if (index === null) return undefined;
    await this.showLayer(document, analysis, place.modelIndex, index, beforeReveal);
    return index;
  }

  /** Shows `document` (of the current version `analysis`) with layer `index` of model `modelIndex` selected, and reveals the panel. */
  private async showLayer(document: vscode.TextDocument, analysis: FileAnalysis, modelIndex: number, index: number, beforeReveal?: (index: number) => void): Promise<void> {
    this.selection.focus(document, analysis, modelIndex, index);
    this.publishState();
    this.selectLayer(index);
    beforeReveal?.(index);
    await this.reveal();
  }

  /** Adds the "Feature maps" section (the service is built after the panel, over the same cache). */
  attachFeatureMaps(service: FeatureMapSource): void {
    this.featureMaps = this._register(
      new FeatureMapSection(service, {
        document: () => this.selection.document,
        analysedVersion: () => this.selection.analysedVersion,
        model: () => this.currentModel(),
        // The selected row, else the row under the cursor, else the model's first layer.
        selectedIndex: () => this.detail?.index ?? this.selection.highlighted ?? (this.currentModel()?.layers.length ? 0 : undefined),
        post: (message) => this.post(message),
      }),
    );
    this.featureMaps.refresh();
  }

  /**
   * Shows the file, selects the layer at the position (else the model's last layer), reveals
   * the panel and computes the feature maps there (the Preview Feature Maps command's entry).
   */
  async showFeatureMapsAt(
    document: vscode.TextDocument,
    position: vscode.Position | undefined,
  ): Promise<{ result: SectionRunResult; index: number; layer?: string; view?: FeatureMapsView } | undefined> {
    const section = this.featureMaps;
    if (!section) return undefined;
    let index = position ? await this.showLayerAt(document, position) : undefined;
    if (index === undefined) {
      const analysis = await this.cache.get(document);
      const modelIndex = analysis ? initialModelIndex(analysis, position?.line ?? 0) : -1;
      const layers = analysis?.models[modelIndex]?.layers.length ?? 0;
      if (!analysis || layers === 0) return undefined;
      index = layers - 1;
      await this.showLayer(document, analysis, modelIndex, index);
    }
    const result = await section.compute(index);
    return { result, index, layer: this.currentModel()?.layers[index]?.path, view: section.current };
  }

  /** The state last sent (or about to be sent) to the webview. */
  get currentState(): PanelState | undefined {
    return this.state;
  }

  private post(message: ToPanel): void {
    this.webview.post(message);
  }

  private async handle(message: FromPanel): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.replay();
        return;
      case 'selectModel':
        if (this.selection.selectModel(message.modelIndex)) {
          this.detail = undefined;
          this.variants = undefined;
          this.publishState();
          this.featureMaps?.reset();
        }
        return;
      case 'selectLayer':
        this.selectLayer(message.index);
        return;
      case 'revealLayer': {
        const { document, analysis, modelIndex, column } = this.selection;
        const record = recordAt(analysis, modelIndex, message.index);
        // The clicked row stays highlighted when the cursor lands on a line other calls share.
        if (record && this.selection.highlighted !== message.index) {
          this.selection.highlighted = message.index;
          this.publishState();
        }
        if (record && document) await revealLayer(document, record, column);
        return;
      }
      case 'requestVariants':
        this.requestVariants(message.index);
        return;
      case 'computeFeatureMaps':
        await this.featureMaps?.compute(message.index);
        return;
      case 'cancelFeatureMaps':
        this.featureMaps?.cancel();
        return;
      case 'zoomFeatureMap':
        this.featureMaps?.zoom(message.index, message.firstChannel);
        return;
      case 'featureMapOptions':
        this.featureMaps?.setOptions(message.scaling, message.stripChannel);
        return;
      case 'setInputShape': {
        const model = this.currentModel();
        const document = this.selection.document;
        const problem = model && document ? await writeInputShape(document, model, message.text) : 'No model to set the input of';
        this.post({ type: 'inputShapeResult', ok: problem === undefined, ...(problem ? { message: problem } : {}) });
        return;
      }
      case 'export':
        if (this.state) await exportTableToFile(this.selection.document, this.state, message.format);
        return;
      case 'exportPng':
        if (this.state) await exportPngToFile(this.selection.document, this.state, message.dataUrl);
        return;
      case 'revealGraphNode': {
        const model = this.currentModel();
        const node = model && modelGraphOf(model).nodes.find((candidate) => candidate.id === message.id);
        if (node?.range && this.selection.document) await revealLayer(this.selection.document, { range: node.range }, this.selection.column);
        return;
      }
      case 'exportSvg':
        if (this.state) await exportSvgToFile(this.selection.document, this.state, message.svg);
        return;
      case 'log':
        console.warn(`[conv-inspector] panel webview: ${message.message}`);
        return;
    }
  }

  private replay(): void {
    if (!this.state) this.publishState();
    else this.post({ type: 'state', state: this.state });
    if (this.detail) this.post({ type: 'detail', detail: this.detail });
    if (this.variants) this.post({ type: 'variants', variants: this.variants });
    const featureMaps = this.featureMaps?.current;
    if (featureMaps && featureMaps.index === this.detail?.index) this.post({ type: 'featureMaps', view: featureMaps });
  }

  private currentModel(): ModelReport | undefined {
    return this.selection.model;
  }

  private selectLayer(index: number): void {
    const model = this.currentModel();
    const detail = model ? buildLayerDetail(model, index) : undefined;
    if (!detail) return;
    this.detail = detail;
    this.post({ type: 'detail', detail });
    this.featureMaps?.show(index);
  }

  private requestVariants(index: number): void {
    const record = recordAt(this.selection.analysis, this.selection.modelIndex, index);
    if (!record) return;
    this.variantsIndex = index;
    this.variants = buildVariants(record);
    this.post({ type: 'variants', variants: this.variants });
  }

  private async follow(editor: vscode.TextEditor): Promise<void> {
    if (!this.selection.follow(editor)) return;
    const document = editor.document;
    this.detail = undefined;
    this.variants = undefined;
    this.publishState();
    // After the state: the webview clears the section when the file changes.
    this.featureMaps?.reset();
    const analysis = await this.cache.get(document);
    if (this.selection.document === document) this.setAnalysis(analysis);
  }

  private setAnalysis(analysis: FileAnalysis | undefined): void {
    this.selection.setAnalysis(analysis);
    const model = this.currentModel();
    if (this.detail) this.detail = model ? buildLayerDetail(model, this.detail.index) : undefined;
    this.publishState();
    if (this.detail) this.post({ type: 'detail', detail: this.detail });
    // The maps follow the new version: a stale run is cancelled, a new one started when following.
    this.featureMaps?.refresh();
    // The variants follow the edit too (a changed kernel or channel count), or go when their layer is gone.
    if (this.variants && this.variantsIndex !== undefined) {
      if (recordAt(this.selection.analysis, this.selection.modelIndex, this.variantsIndex)) this.requestVariants(this.variantsIndex);
      else this.variants = undefined;
    }
  }

  private onCursor(editor: vscode.TextEditor): void {
    if (editor.document !== this.selection.document) return;
    const previousModel = this.selection.modelIndex;
    if (!this.selection.placeCursor(editor)) return;
    const highlighted = this.selection.highlighted;
    if (previousModel !== this.selection.modelIndex) {
      this.detail = undefined;
      this.variants = undefined;
      this.publishState();
    } else if (this.state) {
      this.state = { ...this.state, highlighted };
      this.post({ type: 'highlight', index: highlighted });
    }
    if (highlighted !== null) this.selectLayer(highlighted);
  }

  private publishState(): void {
    this.state = this.selection.buildState();
    const model = this.currentModel();
    if (model && this.state.rows.length > 0) this.state = { ...this.state, graph: buildGraphView(model) };
    this.post({ type: 'state', state: this.state });
    this.stateEmitter.fire(this.state);
  }
}

/**
 * Registers the inspector webview view; everything ends up in `context.subscriptions`.
 * Returns the panel so commands can reveal it or open the variants table.
 */
export function registerInspectorPanel(context: vscode.ExtensionContext, cache: PanelAnalysisCache): InspectorPanel {
  const panel = new InspectorPanel(context.extensionUri, cache);
  context.subscriptions.push(panel, vscode.window.registerWebviewViewProvider(ViewId.Inspector, panel));
  return panel;
}
