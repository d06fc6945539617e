/**
 * Layer paths shortened in the middle for a narrow layer column, on the paths of real
 * torchvision models (tools/golden/panel_paths.py): the tail is kept, cuts fall at dots, and
 * two different paths of one table never read the same.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PathShortener } from '../../../webview/pathEllipsis';

const truth = JSON.parse(readFileSync(join(__dirname, 'truth/torchvisionPaths.json'), 'utf8')) as { models: Record<string, string[]> };
const byLength = (text: string): number => Array.from(text).length;
/** A proportional font: narrow dots and `i`, wide `m` and `w`, digits one `ch`. */
const proportional = (text: string): number => Array.from(text).reduce((sum, char) => sum + (/[.il1]/.test(char) ? 0.45 : /[mw_]/.test(char) ? 1.4 : 1), 0);

/** Whether `text` is `path` with runs left out, each run read as one `…`. */
const isShorteningOf = (text: string, path: string): boolean =>
  new RegExp(
    `^${text
      .split('…')
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+')}$`,
  ).test(path);

describe('panel path ellipsis', () => {
  it('keeps a path that fits as it is', () => {
    const shortener = new PathShortener(['layer1.0.conv1'], byLength);
    assert.equal(shortener.shorten('layer1.0.conv1', 14), 'layer1.0.conv1');
  });

  it('keeps the tail and cuts at dots: the downsample convs of resnet50 stay apart', () => {
    const paths = truth.models.resnet50;
    const shortener = new PathShortener(paths, byLength);
    const texts = ['layer2.0.downsample.0', 'layer3.0.downsample.0', 'layer3.0.downsample.1'].map((path) => shortener.shorten(path, 12));
    assert.deepEqual(texts, ['layer2.0…0', 'layer3.0…0', '…3.0…ample.1']);
    // Wider: the layer's own name is kept whole before the block.
    assert.equal(shortener.shorten('layer3.0.downsample.0', 20), 'layer3…downsample.0');
  });

  it('keeps the digits that tell dense blocks and layers apart, and the layer name whole', () => {
    const shortener = new PathShortener(truth.models.densenet121, byLength);
    assert.equal(shortener.shorten('features.denseblock3.denselayer12.conv2', 14), '…3…12.conv2');
    assert.equal(shortener.shorten('features.denseblock2.denselayer12.conv2', 14), '…2…12.conv2');
    assert.equal(shortener.shorten('features.denseblock2.denselayer1.norm1', 14), '…2…1.norm1');
    const efficient = new PathShortener(truth.models.efficientnet_b0, byLength);
    assert.equal(efficient.shorten('features.6.2.block.1.0', 14), '…6.2.block.1.0');
    assert.equal(efficient.shorten('features.6.2.block.1.0', 10), '…6.2…1.0');
    // A long last name loses its start, never the block's indices.
    assert.equal(efficient.shorten('features.6.2.stochastic_depth', 12), '…6.2…c_depth');
  });

  for (const [model, paths] of Object.entries(truth.models)) {
    it(`${model}: at 10 to 40 characters, and in a proportional font, no two of its ${paths.length} paths read the same`, () => {
      for (const [measure, widths] of [
        [byLength, [10, 12, 14, 16, 20, 24, 30, 40]],
        [proportional, [9, 11, 13, 15, 18]],
      ] as const) {
        for (const width of widths) {
          const shortener = new PathShortener(paths, measure);
          const texts = paths.map((path) => shortener.shorten(path, width));
          const seen = new Map<string, string>();
          texts.forEach((text, i) => {
            const path = paths[i];
            assert.ok(measure(text) <= width, `${path} as ${text} fits ${width}`);
            assert.ok(text === path || isShorteningOf(text, path), `${text} shortens ${path}`);
            assert.ok(text === path || text.includes('…'), text);
            assert.equal(seen.get(text), undefined, `${width}: ${text} reads both ${seen.get(text)} and ${path}`);
            seen.set(text, path);
          });
        }
      }
    });
  }
});
