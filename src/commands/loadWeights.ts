/**
 * `Conv Inspector: Load Weights...`: remembers a weight file for the model at the cursor
 * (per workspace) and reads it at once, so a malformed or hostile file is refused, not kept.
 */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import type { FeatureMapService } from '../featureMaps/featureMapService';
import { resolveTarget } from './commandContext';
import type { FeatureMapPreviewResult } from './featureMapRun';
import { computeWithProgress, fileArgumentOrPick } from './featureMapRun';

async function loadWeights(cache: DocumentAnalysisCache, service: FeatureMapService, weightsUri?: unknown, uriText?: unknown): Promise<FeatureMapPreviewResult | undefined> {
  const target = await resolveTarget(cache, uriText);
  if (!target) return undefined;
  const model = await service.modelAt(target.document, target.hasPosition ? target.position : undefined);
  if (!model) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Conv Inspector found no model with layers in this file.'));
    return undefined;
  }
  const file = await fileArgumentOrPick(weightsUri, {
    openLabel: vscode.l10n.t('Load Weights'),
    title: vscode.l10n.t('Weights for {0}', model.name),
    filters: { [vscode.l10n.t('PyTorch or safetensors weights')]: ['pt', 'pth', 'safetensors'] },
  });
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
  const summary = (notes.find((note) => note.startsWith('weights:')) ?? '').replace(/^weights: /, '');
  // Like PyTorch's load_state_dict(strict=False): missing and unexpected tensors are named, as a warning.
  const mismatches = notes.filter((note) => /^ {2}(missing|unexpected|shape mismatch)/.test(note)).map((note) => note.trim());
  if (mismatches.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Weights for {0}: {1}. {2}', model.name, summary, mismatches.join('; ')));
  } else {
    void vscode.window.showInformationMessage(vscode.l10n.t('Weights for {0}: {1}', model.name, summary));
  }
  return { model: model.name, layersComputed: snapshot.outcome?.outputs.length ?? 0, notes, problem: snapshot.outcome?.failure?.message };
}

/** `(weights?, uri?)` skip the dialog and name the model's file (tests); returns what the run read. */
export function registerLoadWeights(cache: DocumentAnalysisCache, service: FeatureMapService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.LoadWeights, (weights?: unknown, uri?: unknown) => loadWeights(cache, service, weights, uri));
}
