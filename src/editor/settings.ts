/**
 * Typed access to the `convInspector.*` settings, read fresh each time (VS Code caches the
 * configuration object, so this is cheap) so a settings change applies without a reload.
 */
import * as vscode from 'vscode';
import { ConfigKey } from '../constants';
import type { Shape } from '../engine/types';
import type { MacsUnit } from '../analysis/describeLayer';
import type { ParameterFreeHints } from './inlineHintText';
import type { AnalyzeOptions } from '../analysis/analyzeSource';
import { parseShapeText } from '../analysis/shapeText';
import { defaultTimeBudgetMs } from '../frontends/analysisLimits';

export interface Settings {
  readonly defaultInputShape: Shape | undefined;
  readonly defaultSpatialSize: number;
  readonly inlineHintsEnabled: boolean;
  /** What a layer without parameters shows inline: its output shape, or nothing. */
  readonly parameterFreeHints: ParameterFreeHints;
  readonly diagnosticsEnabled: boolean;
  readonly macsUnit: MacsUnit;
  readonly maxFileSizeKB: number;
  /** Largest single float32 activation a feature-map preview may compute, in MB. */
  readonly featureMapMemoryBudgetMB: number;
  /** How a preview image of another aspect ratio fits the model's input: its centre, or all of it letterboxed. */
  readonly featureMapImageFit: 'crop' | 'letterbox';
  /** The normalization preset of preview images (`imagenet`, `cifar`, `none`, `custom`); see `resolveNormalization`. */
  readonly featureMapNormalization: string;
  /** The `custom` normalization's per-channel mean and std, as written in the settings (checked by `resolveNormalization`). */
  readonly featureMapNormalizationMean: unknown;
  readonly featureMapNormalizationStd: unknown;
  /** Weight files by `MODEL` or `file.py#MODEL`: absolute, or relative to the workspace folder. */
  readonly weightFiles: Readonly<Record<string, string>>;
  /** Wall time one file's interpretation may take before its result is partial, in ms. */
  readonly analysisTimeBudgetMs: number;
}

/** All `convInspector.*` settings of `scope` (a document's uri: its folder's values), defaults filled in. */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(ConfigKey.Section, scope);
  const unit = config.get<string>(ConfigKey.MacsUnit, 'both');
  const shapeSetting = config.get<unknown>(ConfigKey.DefaultInputShape, '');
  // Accept a list of numbers too: people write settings.json by hand.
  const shapeText = Array.isArray(shapeSetting) ? shapeSetting.join(',') : typeof shapeSetting === 'string' ? shapeSetting : '';
  return {
    defaultInputShape: parseShapeText(shapeText),
    defaultSpatialSize: Math.max(1, config.get<number>(ConfigKey.DefaultSpatialSize, 224)),
    inlineHintsEnabled: config.get<boolean>(ConfigKey.InlineHintsEnabled, true),
    parameterFreeHints: config.get<string>(ConfigKey.InlineHintsParameterFree, 'shape') === 'none' ? 'none' : 'shape',
    diagnosticsEnabled: config.get<boolean>(ConfigKey.DiagnosticsEnabled, true),
    macsUnit: unit === 'MACs' || unit === 'FLOPs' ? unit : 'both',
    maxFileSizeKB: Math.max(1, config.get<number>(ConfigKey.MaxFileSizeKB, 1024)),
    featureMapMemoryBudgetMB: Math.max(1, config.get<number>(ConfigKey.FeatureMapMemoryBudgetMB, 256)),
    featureMapImageFit: config.get<string>(ConfigKey.FeatureMapImageFit, 'crop') === 'letterbox' ? 'letterbox' : 'crop',
    featureMapNormalization: config.get<string>(ConfigKey.FeatureMapNormalization, 'imagenet'),
    featureMapNormalizationMean: config.get<unknown>(ConfigKey.FeatureMapNormalizationMean, []),
    featureMapNormalizationStd: config.get<unknown>(ConfigKey.FeatureMapNormalizationStd, []),
    weightFiles: config.get<Record<string, string>>(ConfigKey.WeightFiles, {}),
    analysisTimeBudgetMs: Math.max(100, config.get<number>(ConfigKey.AnalysisTimeBudgetMs, defaultTimeBudgetMs)),
  };
}

/** The analysis options the settings imply. */
export function analyzeOptions(settings: Settings): AnalyzeOptions {
  const shared = { defaultSpatialSize: settings.defaultSpatialSize, timeBudgetMs: settings.analysisTimeBudgetMs };
  return settings.defaultInputShape ? { defaultInputShape: settings.defaultInputShape, ...shared } : shared;
}

/** True when a configuration change touches one of our settings (or `key` under them). */
export function affectsUs(event: vscode.ConfigurationChangeEvent, key?: ConfigKey): boolean {
  return event.affectsConfiguration(key ? `${ConfigKey.Section}.${key}` : ConfigKey.Section);
}
