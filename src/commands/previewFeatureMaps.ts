/**
 * `Conv Inspector: Preview Feature Maps`: shows the feature maps of the layer at the cursor
 * in the inspector panel (no editor tab): the panel selects that layer, computes the model on
 * the preview image with progress and Cancel, and from then on follows the active file and
 * layer. Without the panel (no webview views), the maps are computed under a progress
 * notification and the result is returned.
 */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import type { FeatureMapService, FeatureMapSnapshot } from '../featureMaps/featureMapService';
import type { InspectorSurface } from './commandContext';
import { resolveTarget } from './commandContext';
import type { FeatureMapPreviewResult } from './featureMapRun';
import { computeWithProgress } from './featureMapRun';

function resultOf(model: string, snapshot: FeatureMapSnapshot, layer?: string): FeatureMapPreviewResult {
  const outcome = snapshot.outcome;
  const problem = snapshot.error ?? (outcome?.failure ? `${outcome.failure.path}: ${outcome.failure.message}` : undefined);
  return { model, layer, layersComputed: outcome?.outputs.length ?? 0, notes: outcome?.notes ?? [], problem };
}

async function previewFeatureMaps(
  cache: DocumentAnalysisCache,
  service: FeatureMapService,
  inspector: InspectorSurface | undefined,
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
  let shown = await inspector?.showFeatureMapsAt(target.document, position);
  // The panel's own follow-up (the analysis of the file arriving) may supersede this run: the
  // command then answers with the run that replaced it, as long as the file is unchanged.
  const version = target.document.version;
  for (let retry = 0; shown && shown.result.kind === 'superseded' && target.document.version === version && retry < 2; retry++) {
    shown = await inspector?.showFeatureMapsAt(target.document, position);
  }
  if (shown) {
    if (shown.result.kind !== 'done') return undefined;
    const view = shown.view;
    return {
      ...resultOf(model.name, shown.result.snapshot, shown.layer),
      panel: { index: shown.index, status: view?.status ?? 'idle', shape: view?.shape, channels: view?.grid?.channelsTotal, problem: view?.problem },
    };
  }
  const snapshot = await computeWithProgress(service, target.document, model);
  return snapshot ? resultOf(model.name, snapshot) : undefined;
}

/** `(uri?, line?, column?)` as hover links pass them; returns what was computed and what the panel shows. */
export function registerPreviewFeatureMaps(cache: DocumentAnalysisCache, service: FeatureMapService, inspector: InspectorSurface | undefined): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.PreviewFeatureMaps, (uri?: unknown, line?: unknown, column?: unknown) =>
    previewFeatureMaps(cache, service, inspector, uri, line, column),
  );
}
