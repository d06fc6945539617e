/**
 * The mean/std an image is normalized with before it enters the model: named presets (the
 * values torchvision's reference scripts use for ImageNet and CIFAR-10, and `none`) or a
 * custom pair. Pure: the host reads the settings, the engine applies the result.
 */

/** Per-channel statistics after scaling pixels to [0, 1]. */
export interface Normalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
  /** How the notes name it: `ImageNet`, `CIFAR-10`, `none` or `custom`. */
  readonly label: string;
}

export type NormalizationPreset = 'imagenet' | 'cifar' | 'none' | 'custom';

export const NORMALIZATION_PRESETS: Readonly<Record<Exclude<NormalizationPreset, 'custom'>, Normalization>> = {
  imagenet: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], label: 'ImageNet' },
  cifar: { mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616], label: 'CIFAR-10' },
  none: { mean: [0], std: [1], label: 'none' },
};

/** True for a non-empty list of finite numbers (and, for a std, no zero: it divides). */
function isStatList(value: unknown, nonZero: boolean): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v) && (!nonZero || v !== 0));
}

/**
 * The normalization a setting names. `custom` uses `mean` and `std` (lists of numbers, one
 * per channel or one for all); a custom pair that is missing or unusable falls back to
 * ImageNet and says why in `problem`, so a typo in settings.json never stops a preview.
 */
export function resolveNormalization(preset: string, mean?: unknown, std?: unknown): Normalization & { readonly problem?: string } {
  if (preset === 'imagenet' || preset === 'cifar' || preset === 'none') return NORMALIZATION_PRESETS[preset];
  if (preset === 'custom') {
    if (isStatList(mean, false) && isStatList(std, true)) return { mean, std, label: 'custom' };
    return { ...NORMALIZATION_PRESETS.imagenet, problem: 'custom normalization needs a mean and a std (lists of numbers, no zero std): ImageNet used' };
  }
  return { ...NORMALIZATION_PRESETS.imagenet, problem: `unknown normalization '${preset}': ImageNet used` };
}

/**
 * The statistics for a `channels`-channel input: one-channel models get the average of a
 * 3-channel preset (ImageNet's gray mean 0.449, std 0.226); other counts repeat cyclically.
 */
export function statsForChannels(normalization: Normalization, channels: number): { mean: readonly number[]; std: readonly number[] } {
  const average = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  if (channels === 1 && normalization.mean.length > 1) return { mean: [round4(average(normalization.mean))], std: [round4(average(normalization.std))] };
  return { mean: normalization.mean, std: normalization.std };
}

const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;
