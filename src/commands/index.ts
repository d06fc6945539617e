/**
 * Registers every command the extension contributes, in one place: extension.ts calls
 * `registerCommands` once and hands the disposables to VS Code. Each command lives in its
 * own file beside this one; the editor features and the panel register none.
 */
import type * as vscode from 'vscode';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import type { FeatureMapService } from '../featureMaps/featureMapService';
import type { InspectorSurface } from './commandContext';
import { registerChoosePreviewImage } from './choosePreviewImage';
import { registerCompareVariants } from './compareVariants';
import { registerExportSummary } from './exportSummary';
import { registerInspectLayer } from './inspectLayer';
import { registerLoadWeights } from './loadWeights';
import { registerOpenInspector } from './openInspector';
import { registerPreviewFeatureMaps } from './previewFeatureMaps';
import { registerSetInputShape } from './setInputShape';
import { registerToggleInlineHints } from './toggleInlineHints';

/** What the commands act on and through. */
export interface CommandServices {
  readonly context: vscode.ExtensionContext;
  readonly cache: DocumentAnalysisCache;
  readonly featureMaps: FeatureMapService;
  /** The panel; without one, Open Inspector and Compare Conv Variants show Markdown documents. */
  readonly inspector?: InspectorSurface;
}

/** Registers all commands of package.json's `contributes.commands`; returns their registrations. */
export function registerCommands(services: CommandServices): vscode.Disposable[] {
  const { cache, featureMaps, inspector } = services;
  return [
    registerOpenInspector(cache, inspector),
    registerInspectLayer(cache, inspector),
    registerSetInputShape(cache),
    registerCompareVariants(cache, inspector),
    registerExportSummary(cache),
    registerToggleInlineHints(),
    registerPreviewFeatureMaps(cache, featureMaps, inspector),
    registerLoadWeights(cache, featureMaps),
    registerChoosePreviewImage(featureMaps),
  ];
}
