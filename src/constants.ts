/**
 * Every id the extension shares with package.json, in one place, so a rename is one edit
 * and a typo is a compile error.
 */

/** Command ids as contributed in package.json (`contributes.commands`). */
export const enum CommandId {
  OpenInspector = 'convInspector.openInspector',
  InspectLayer = 'convInspector.inspectLayer',
  SetInputShape = 'convInspector.setInputShape',
  CompareVariants = 'convInspector.compareVariants',
  ExportSummary = 'convInspector.exportSummary',
  ToggleInlineHints = 'convInspector.toggleInlineHints',
  PreviewFeatureMaps = 'convInspector.previewFeatureMaps',
  LoadWeights = 'convInspector.loadWeights',
  ChoosePreviewImage = 'convInspector.choosePreviewImage',
}

/** Setting keys below the `convInspector` section. */
export const enum ConfigKey {
  Section = 'convInspector',
  DefaultInputShape = 'defaultInputShape',
  DefaultSpatialSize = 'defaultSpatialSize',
  InlineHintsEnabled = 'inlineHints.enabled',
  InlineHintsParameterFree = 'inlineHints.parameterFreeLayers',
  DiagnosticsEnabled = 'diagnostics.enabled',
  MacsUnit = 'macsUnit',
  MaxFileSizeKB = 'maxFileSizeKB',
  FeatureMapMemoryBudgetMB = 'featureMaps.memoryBudgetMB',
  FeatureMapImageFit = 'featureMaps.imageFit',
  FeatureMapNormalization = 'featureMaps.normalization',
  FeatureMapNormalizationMean = 'featureMaps.normalizationMean',
  FeatureMapNormalizationStd = 'featureMaps.normalizationStd',
  WeightFiles = 'weightFiles',
  AnalysisTimeBudgetMs = 'analysis.timeBudgetMs',
}

/** View ids (the inspector panel registers its own; kept here so the commands can reveal it). */
export const enum ViewId {
  Inspector = 'convInspector.inspector',
}

/**
 * The VS Code language ids the extension serves. The providers' document selector is
 * built from this list; package.json's `activationEvents` and the command palette's
 * `when` clauses repeat it (a unit test keeps them equal).
 */
export const LANGUAGE_IDS = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

/** The `source` of every diagnostic we publish, so users can filter on it. */
export const DIAGNOSTIC_SOURCE = 'conv-inspector';

/** Logged by activate(); the end-to-end harness waits for this exact line. */
export const ACTIVATION_LOG_LINE = '[conv-inspector] activated';
