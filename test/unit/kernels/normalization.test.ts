// The normalization presets and custom mean/std, applied by prepareInput: checked on one pixel
// computed by hand ((value / 255 - mean) / std), not through the code's own formula.
import * as assert from 'node:assert/strict';
import type { DecodedImage } from '../../../src/engine/image/decodeImage';
import { NORMALIZATION_PRESETS, resolveNormalization, statsForChannels } from '../../../src/engine/image/normalization';
import { prepareInput } from '../../../src/engine/image/prepareInput';

/** A 1x1 RGB image with the pixel (200, 100, 50): no resize, so the tensor is that pixel normalized. */
const pixel: DecodedImage = { width: 1, height: 1, channels: 3, data: new Uint8Array([200, 100, 50]) };
const spec = { channels: 3, height: 1, width: 1 };

function normalizedPixel(preset: string, mean?: unknown, std?: unknown): number[] {
  const normalization = resolveNormalization(preset, mean, std);
  return Array.from(prepareInput(pixel, { ...spec, ...statsForChannels(normalization, 3), normalizationLabel: normalization.label }).tensor.data);
}

describe('input normalization', () => {
  it('imagenet: (200/255 - 0.485) / 0.229 and so on', () => {
    // By hand: 200/255 = 0.784314 -> (0.784314 - 0.485) / 0.229 = 1.307046;
    // 100/255 = 0.392157 -> (0.392157 - 0.456) / 0.224 = -0.285014; 50/255 = 0.196078 -> (0.196078 - 0.406) / 0.225 = -0.932985.
    const [r, g, b] = normalizedPixel('imagenet');
    assert.ok(Math.abs(r - 1.307046) < 1e-5, String(r));
    assert.ok(Math.abs(g - -0.285014) < 1e-5, String(g));
    assert.ok(Math.abs(b - -0.932985) < 1e-5, String(b));
  });
  it('cifar: (200/255 - 0.4914) / 0.2470', () => {
    // By hand: (0.784314 - 0.4914) / 0.2470 = 1.185887; (0.392157 - 0.4822) / 0.2435 = -0.369787.
    const [r, g] = normalizedPixel('cifar');
    assert.ok(Math.abs(r - 1.185887) < 1e-5, String(r));
    assert.ok(Math.abs(g - -0.369787) < 1e-5, String(g));
  });
  it('none: the pixel in [0, 1]', () => {
    const [r, g, b] = normalizedPixel('none');
    assert.ok(Math.abs(r - 200 / 255) < 1e-6 && Math.abs(g - 100 / 255) < 1e-6 && Math.abs(b - 50 / 255) < 1e-6);
  });
  it('custom: the mean/std pair given, and the notes name it', () => {
    // By hand: (0.784314 - 0.5) / 0.5 = 0.568627.
    const [r] = normalizedPixel('custom', [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);
    assert.ok(Math.abs(r - 0.568627) < 1e-5, String(r));
    const normalization = resolveNormalization('custom', [0.5], [0.25]);
    const { notes } = prepareInput(pixel, { ...spec, ...statsForChannels(normalization, 3), normalizationLabel: normalization.label });
    assert.ok(notes.includes('scaled to [0, 1], normalized with mean [0.5] and std [0.25] (custom)'), notes.join('\n'));
  });
  it('an unusable custom pair falls back to ImageNet and says why', () => {
    for (const [mean, std] of [
      [undefined, undefined],
      [[0.5], [0]],
      [['a'], [1]],
      [[], []],
    ] as const) {
      const resolved = resolveNormalization('custom', mean, std);
      assert.deepEqual(resolved.mean, NORMALIZATION_PRESETS.imagenet.mean);
      assert.match(resolved.problem ?? '', /custom normalization needs a mean and a std/);
    }
    assert.match(resolveNormalization('imagenett').problem ?? '', /unknown normalization 'imagenett'/);
  });
  it('a one-channel model gets the average of a 3-channel preset', () => {
    assert.deepEqual(statsForChannels(NORMALIZATION_PRESETS.imagenet, 1), { mean: [0.449], std: [0.226] });
    assert.deepEqual(statsForChannels(NORMALIZATION_PRESETS.none, 1), { mean: [0], std: [1] });
  });
});
