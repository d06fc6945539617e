/**
 * `Conv Inspector: Preview Feature Maps`: runs the model at the cursor on the preview
 * image. It writes nothing into the workspace: the selected layer's grid becomes a PNG
 * under the extension's global storage, opened in VS Code's image preview.
 */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { featureMapPngs } from '../engine/kernels/computeFeatureMaps';
import type { LayerRecord, ModelReport } from '../engine/report';
import type { FeatureMapService, FeatureMapSnapshot } from '../featureMaps/featureMapService';
import { fileSafePath } from '../featureMaps/modelLayers';
import { resolveTarget } from './commandContext';
import type { FeatureMapPreviewResult } from './featureMapRun';
import { computeWithProgress } from './featureMapRun';

/** The layer whose constructor call holds the cursor, else the last computed one. */
function pickLayer(model: ModelReport, snapshot: FeatureMapSnapshot, position?: vscode.Position): string | undefined {
  const computed = new Set(snapshot.outcome?.outputs.map((o) => o.key));
  const atCursor =
    position &&
    model.layers.find((layer: LayerRecord) => new vscode.Range(layer.range.start.line, layer.range.start.column, layer.range.end.line, layer.range.end.column).contains(position));
  if (atCursor && computed.has(atCursor.path)) return atCursor.path;
  return snapshot.outcome?.outputs.at(-1)?.key;
}

/** Writes the layer's grid as a PNG under global storage and opens it beside the source. */
async function openGrid(context: vscode.ExtensionContext, modelName: string, layer: string, png: Uint8Array): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(context.globalStorageUri, 'featureMaps');
  await vscode.workspace.fs.createDirectory(folder);
  const imageFile = vscode.Uri.joinPath(folder, `${fileSafePath(modelName)}_${fileSafePath(layer)}.png`);
  await vscode.workspace.fs.writeFile(imageFile, png);
  await vscode.commands.executeCommand('vscode.open', imageFile, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  return imageFile;
}

async function previewFeatureMaps(
  context: vscode.ExtensionContext,
  cache: DocumentAnalysisCache,
  service: FeatureMapService,
  uriText?: unknown,
  line?: unknown,
  column?: unknown,
): Promise<FeatureMapPreviewResult | undefined> {
  const target = await resolveTarget(cache, uriText, line, column);
  if (!target) return undefined;
  const position = target.hasPosition ? target.position : undefined;
  const model = await service.modelAt(target.document, position);
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
  const layer = pickLayer(model, snapshot, position);
  const tensor = outcome?.outputs.find((o) => o.key === layer)?.tensor;
  let imageFile: vscode.Uri | undefined;
  if (layer && tensor) {
    const png = featureMapPngs(new Map([[layer, tensor]])).get(layer) as Uint8Array;
    imageFile = await openGrid(context, model.name, layer, png);
  }
  return { model: model.name, layer, imageFile: imageFile?.fsPath, layersComputed: outcome?.outputs.length ?? 0, notes: outcome?.notes ?? [], problem };
}

/** `(uri?, line?, column?)` as hover links pass them; returns what was computed and opened. */
export function registerPreviewFeatureMaps(context: vscode.ExtensionContext, cache: DocumentAnalysisCache, service: FeatureMapService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.PreviewFeatureMaps, (uri?: unknown, line?: unknown, column?: unknown) =>
    previewFeatureMaps(context, cache, service, uri, line, column),
  );
}
