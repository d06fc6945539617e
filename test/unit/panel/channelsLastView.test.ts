/**
 * Pictures of channels-last (Keras, TF.js) feature maps: an NHWC tensor with distinct
 * channels is drawn exactly like its NCHW transpose (engine grid, panel grid, zoom, input
 * picture), the panel keeps the framework's NHWC shape in words, and the whole-model strip
 * follows the main path it is given, naming each node's id and kind.
 */
import * as assert from 'node:assert/strict';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import { channelsFirst, pictureTensor } from '../../../src/engine/image/channelsFirst';
import { renderChannelGrid, renderLayerStrip } from '../../../src/engine/image/featureGrid';
import type { FeatureMapOutcome } from '../../../src/featureMaps/workerProtocol';
import { buildFeatureMapZoom, buildFeatureMapsView } from '../../../src/panel/featureMapView';

/** A [1, C, H, W] tensor whose channel c holds c * 1000 + a pattern of its own (distinct per channel). */
function distinctChannels(channels: number, height: number, width: number): Tensor {
  const plane = height * width;
  const data = new Float32Array(channels * plane);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(i / plane) * 1000 + (((i % plane) * (Math.floor(i / plane) + 3)) % 17);
  return { shape: [1, channels, height, width], data };
}

/** The NHWC version of an NCHW tensor, written out by hand (the reference for `channelsFirst`). */
function toNhwc(tensor: Tensor): Tensor {
  const [n, c, h, w] = tensor.shape;
  const data = new Float32Array(tensor.data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[((b * h + y) * w + x) * c + ch] = tensor.data[((b * c + ch) * h + y) * w + x];
  return { shape: [n, h, w, c], data };
}

function outcome(outputs: FeatureMapOutcome['outputs'], extra: Partial<FeatureMapOutcome> = {}): FeatureMapOutcome {
  return { outputs, cancelled: false, reused: 0, notes: [], milliseconds: 1, ...extra };
}

describe('channels-last feature-map pictures', () => {
  const nchw = distinctChannels(5, 6, 4);
  const nhwc = toNhwc(nchw);

  it('channelsFirst undoes NHWC exactly; rank-2 tensors and channels-first layouts pass through', () => {
    assert.deepEqual(channelsFirst(nhwc), { shape: [1, 5, 6, 4], data: nchw.data });
    const flat: Tensor = { shape: [1, 7], data: new Float32Array(7) };
    assert.equal(channelsFirst(flat), flat);
    assert.equal(pictureTensor(nhwc, 'channels-first'), nhwc);
    assert.equal(pictureTensor(nhwc, 'channels-last'), pictureTensor(nhwc, 'channels-last'), 'reordered once per tensor');
  });

  it('an NHWC tensor renders the same grid and strip tile as its NCHW transpose', () => {
    const expected = renderChannelGrid(nchw);
    const actual = renderChannelGrid(pictureTensor(nhwc, 'channels-last'));
    assert.deepEqual([actual.width, actual.height, actual.channelsTotal], [expected.width, expected.height, 5]);
    assert.deepEqual(actual.rgba, expected.rgba);
    assert.deepEqual(renderLayerStrip([pictureTensor(nhwc, 'channels-last')], 3).rgba, renderLayerStrip([nchw], 3).rgba);
    // Read as if it were NCHW, the same data would give 6 planes of 4x5: a different picture.
    assert.notDeepEqual(renderChannelGrid(nhwc).rgba, expected.rgba);
  });

  it('the panel draws a channels-last run like the channels-first one, and gives the NHWC shape', () => {
    const last = buildFeatureMapsView(0, 'conv2d', { outcome: outcome([{ key: 'conv2d', tensor: nhwc }], { layout: 'channels-last', input: toNhwc(distinctChannels(3, 6, 4)) }) });
    const first = buildFeatureMapsView(0, 'conv2d', { outcome: outcome([{ key: 'conv2d', tensor: nchw }], { input: distinctChannels(3, 6, 4) }) });
    assert.equal(last.shape, '[1, 6, 4, 5]');
    assert.deepEqual(last.grid, first.grid);
    assert.deepEqual(last.input?.rgba, first.input?.rgba);
    assert.match(last.input?.caption ?? '', /^\[1, 6, 4, 3\]/);
    const zoomLast = buildFeatureMapZoom('conv2d', { outcome: outcome([{ key: 'conv2d', tensor: nhwc }], { layout: 'channels-last' }) }, 2);
    const zoomFirst = buildFeatureMapZoom('conv2d', { outcome: outcome([{ key: 'conv2d', tensor: nchw }]) }, 2);
    assert.deepEqual(zoomLast, zoomFirst);
  });

  it('the strip follows the main path it is given, in its order, with each node id and kind', () => {
    const run = outcome(
      [
        { key: 'conv2d', tensor: nhwc },
        { key: 'branch', tensor: nhwc },
        { key: 'concatenate', tensor: nhwc },
        { key: 'dense', tensor: { shape: [1, 10], data: new Float32Array(10) } },
      ],
      { layout: 'channels-last' },
    );
    const mainPath = [
      { id: 'conv2d', kind: 'Conv2D' },
      { id: 'concatenate', kind: 'Concatenate' },
      { id: 'not_computed', kind: 'Conv2D' },
      { id: 'dense', kind: 'Dense' },
    ];
    const view = buildFeatureMapsView(0, 'conv2d', { outcome: run }, { layerPaths: ['conv2d', 'branch', 'concatenate', 'dense'], mainPath });
    const tiles = view.strip?.tiles.map(({ path, kind, index }) => [path, kind, index]);
    assert.deepEqual(tiles, [
      ['conv2d', 'Conv2D', 0],
      ['concatenate', 'Concatenate', 2],
      ['dense', 'Dense', 3],
    ]);
    assert.equal(view.strip?.layersTotal, 3);
    // Without a main path: every output, no kinds.
    const all = buildFeatureMapsView(0, 'conv2d', { outcome: run }, { layerPaths: ['conv2d'] });
    assert.deepEqual(
      all.strip?.tiles.map((tile) => [tile.path, tile.kind]),
      [
        ['conv2d', undefined],
        ['branch', undefined],
        ['concatenate', undefined],
        ['dense', undefined],
      ],
    );
  });
});
