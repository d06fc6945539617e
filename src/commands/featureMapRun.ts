/**
 * What the feature-map commands share: the result they return, a run of the model under
 * a cancellable progress notification, and a file taken from the arguments or picked.
 */
import * as vscode from 'vscode';
import type { ModelReport } from '../engine/report';
import type { FeatureMapService, FeatureMapSnapshot } from '../featureMaps/featureMapService';

/** What Preview Feature Maps and Load Weights... return (for tests and other commands). */
export interface FeatureMapPreviewResult {
  readonly model?: string;
  readonly layer?: string;
  readonly layersComputed: number;
  readonly notes: readonly string[];
  /** The failure (branch, budget, unreadable weights), shown to the user too. */
  readonly problem?: string;
  /** What the panel's feature-map section shows after Preview Feature Maps: the layer (record index) and its grid. */
  readonly panel?: { readonly index: number; readonly status: string; readonly shape?: string; readonly channels?: number; readonly problem?: string };
}

/** Runs the model with a cancellable progress notification; undefined when cancelled or superseded. */
export function computeWithProgress(service: FeatureMapService, document: vscode.TextDocument, model: ModelReport): Thenable<FeatureMapSnapshot | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Conv Inspector: feature maps of {0}', model.name), cancellable: true },
    (progress, token) => {
      let reported = 0;
      return service.compute(
        document,
        model,
        {
          report: (done, total, layerPath) => {
            const percent = (done / total) * 100;
            progress.report({ increment: percent - reported, message: `${done}/${total} ${layerPath}` });
            reported = percent;
          },
        },
        token,
      );
    },
  );
}

/** The file a command was given (uri or its text; tests pass one), else the one the user picks. */
export async function fileArgumentOrPick(argument: unknown, dialog: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
  const given = typeof argument === 'string' ? vscode.Uri.parse(argument) : argument instanceof vscode.Uri ? argument : undefined;
  if (given) return given;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, ...dialog });
  return picked?.[0];
}
