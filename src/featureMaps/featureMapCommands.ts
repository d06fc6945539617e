/**
 * The feature-map commands: Load Weights..., Choose Preview Image..., Preview Feature Maps.
 * The preview writes nothing into the workspace: the selected layer's grid becomes a PNG
 * under the extension's global storage, opened in VS Code's image preview.
 */
import * as vscode from 'vscode';
import { featureMapPngs } from '../engine/kernels/computeFeatureMaps';
import type { LayerRecord, ModelReport } from '../engine/report';
import type { FeatureMapService, FeatureMapSnapshot } from './featureMapService';
import { fileSafePath } from './modelLayers';

/** Command ids of this feature, as contributed in package.json. */
export const enum FeatureMapCommandId {
  LoadWeights = 'convInspector.loadWeights',
  ChoosePreviewImage = 'convInspector.choosePreviewImage',
  PreviewFeatureMaps = 'convInspector.previewFeatureMaps',
}

/** What Preview Feature Maps returns (for tests and other commands). */
export interface FeatureMapPreviewResult {
  readonly model?: string;
  readonly layer?: string;
  /** The PNG that was opened, when a layer was computed. */
  readonly imageFile?: string;
  readonly layersComputed: number;
  readonly notes: readonly string[];
  /** The failure (branch, budget, unreadable weights), shown to the user too. */
  readonly problem?: string;
}

interface Target {
  readonly document: vscode.TextDocument;
  readonly position?: vscode.Position;
}

/** `(uri?, line?, column?)` as hover links pass them, or the active editor. */
async function resolveTarget(uriText?: unknown, line?: unknown, column?: unknown): Promise<Target | undefined> {
  if (typeof uriText === 'string') {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriText));
    return { document, position: typeof line === 'number' ? new vscode.Position(line, typeof column === 'number' ? column : 0) : undefined };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Conv Inspector: open a PyTorch model file first.'));
    return undefined;
  }
  return { document: editor.document, position: editor.selection.active };
}

/** Runs the model with a cancellable progress notification. */
function computeWithProgress(service: FeatureMapService, document: vscode.TextDocument, model: ModelReport): Thenable<FeatureMapSnapshot | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Conv Inspector: feature maps of {0}', model.name), cancellable: true },
    (progress, token) => {
      let reported = 0;
      return service.compute(document, model, {
        report: (done, total, layerPath) => {
          const percent = (done / total) * 100;
          progress.report({ increment: percent - reported, message: `${done}/${total} ${layerPath}` });
          reported = percent;
        },
      }, token);
    },
  );
}

/** The layer whose constructor call holds the cursor, else the last computed one. */
function pickLayer(model: ModelReport, snapshot: FeatureMapSnapshot, position?: vscode.Position): string | undefined {
  const computed = new Set(snapshot.outcome?.outputs.map((o) => o.key));
  const atCursor = position && model.layers.find((layer: LayerRecord) =>
    new vscode.Range(layer.range.start.line, layer.range.start.column, layer.range.end.line, layer.range.end.column).contains(position));
  if (atCursor && computed.has(atCursor.path)) return atCursor.path;
  return snapshot.outcome?.outputs.at(-1)?.key;
}

async function previewFeatureMaps(context: vscode.ExtensionContext, service: FeatureMapService, uriText?: unknown, line?: unknown, column?: unknown): Promise<FeatureMapPreviewResult | undefined> {
  const target = await resolveTarget(uriText, line, column);
  if (!target) return undefined;
  const model = await service.modelAt(target.document, target.position);
  if (!model) {
    const problem = vscode.l10n.t('Conv Inspector found no model with layers in this file.');
    void vscode.window.showWarningMessage(problem);
    return { layersComputed: 0, notes: [], problem };
  }
  const snapshot = await computeWithProgress(service, target.document, model);
  if (!snapshot) return undefined;
  const outcome = snapshot.outcome;
  const problem = snapshot.error ?? (outcome?.failure ? `${outcome.failure.path}: ${outcome.failure.message}` : undefined);
  if (problem) void (outcome?.outputs.length ? vscode.window.showWarningMessage(problem) : vscode.window.showErrorMessage(vscode.l10n.t('Feature maps: {0}', problem)));
  const layer = pickLayer(model, snapshot, target.position);
  const tensor = outcome?.outputs.find((o) => o.key === layer)?.tensor;
  let imageFile: vscode.Uri | undefined;
  if (layer && tensor) {
    const png = featureMapPngs(new Map([[layer, tensor]])).get(layer) as Uint8Array;
    const folder = vscode.Uri.joinPath(context.globalStorageUri, 'featureMaps');
    await vscode.workspace.fs.createDirectory(folder);
    imageFile = vscode.Uri.joinPath(folder, `${fileSafePath(model.name)}_${fileSafePath(layer)}.png`);
    await vscode.workspace.fs.writeFile(imageFile, png);
    await vscode.commands.executeCommand('vscode.open', imageFile, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }
  return { model: model.name, layer, imageFile: imageFile?.fsPath, layersComputed: outcome?.outputs.length ?? 0, notes: outcome?.notes ?? [], problem };
}

async function loadWeights(service: FeatureMapService, weightsUri?: unknown, uriText?: unknown): Promise<FeatureMapPreviewResult | undefined> {
  const target = await resolveTarget(uriText);
  if (!target) return undefined;
  const model = await service.modelAt(target.document, target.position);
  if (!model) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Conv Inspector found no model with layers in this file.'));
    return undefined;
  }
  let file = typeof weightsUri === 'string' ? vscode.Uri.parse(weightsUri) : weightsUri instanceof vscode.Uri ? weightsUri : undefined;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Load Weights'),
      title: vscode.l10n.t('Weights for {0}', model.name),
      filters: { [vscode.l10n.t('PyTorch or safetensors weights')]: ['pt', 'pth', 'safetensors'] },
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  const previous = service.weightFileFor(target.document, model.name);
  await service.setWeightFile(target.document, model.name, file);
  // Read the file now (in the worker) so a malformed or hostile one is reported at once and not kept.
  const snapshot = await computeWithProgress(service, target.document, model);
  if (!snapshot) return undefined;
  if (snapshot.error) {
    await service.setWeightFile(target.document, model.name, previous);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not load weights: {0}', snapshot.error));
    return { model: model.name, layersComputed: 0, notes: [], problem: snapshot.error };
  }
  const notes = snapshot.outcome?.notes ?? [];
  const summary = notes.find((note) => note.startsWith('weights:')) ?? '';
  void vscode.window.showInformationMessage(vscode.l10n.t('Weights for {0}: {1}', model.name, summary.replace(/^weights: /, '')));
  return { model: model.name, layersComputed: snapshot.outcome?.outputs.length ?? 0, notes, problem: snapshot.outcome?.failure?.message };
}

async function choosePreviewImage(service: FeatureMapService, imageUri?: unknown): Promise<string | undefined> {
  let file = typeof imageUri === 'string' ? vscode.Uri.parse(imageUri) : imageUri instanceof vscode.Uri ? imageUri : undefined;
  if (imageUri === null) {
    await service.setPreviewImage(undefined);
    return undefined;
  }
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Use for Previews'),
      filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg'] },
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  await service.setPreviewImage(file);
  return file.toString();
}

/** Registers the three commands; the returned disposable unregisters them. */
export function registerFeatureMapCommands(context: vscode.ExtensionContext, service: FeatureMapService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(FeatureMapCommandId.PreviewFeatureMaps, (uri?: unknown, line?: unknown, column?: unknown) => previewFeatureMaps(context, service, uri, line, column)),
    vscode.commands.registerCommand(FeatureMapCommandId.LoadWeights, (weights?: unknown, uri?: unknown) => loadWeights(service, weights, uri)),
    vscode.commands.registerCommand(FeatureMapCommandId.ChoosePreviewImage, (image?: unknown) => choosePreviewImage(service, image)),
  );
}
