// The feature-map messages stay under the per-message cap for a ResNet-18-size run at 224x224
// (every layer selected in turn, and a zoom), for a 1,000-layer model and for a huge layer;
// pictures are downsampled with a box filter; the per-layer scaling and the strip's tiles.
import * as assert from 'node:assert/strict';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import { shrinkPlanes } from '../../../src/engine/image/downsample';
import { viridisTable } from '../../../src/engine/image/featureGrid';
import type { FeatureMapOutcome } from '../../../src/featureMaps/workerProtocol';
import { FEATURE_MAP_MESSAGE_BYTES, messageBytes } from '../../../src/panel/featureMapBudget';
import { buildFeatureMapZoom, buildFeatureMapsView } from '../../../src/panel/featureMapView';
import { resnet18OutputShapes } from '../../support/resnet18Outputs';

/** Deterministic values in [-1, 1): the budget depends on shapes, the colours on values. */
function noise(shape: number[]): Tensor {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let state = 12345;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    data[i] = state / 1073741824 - 1;
  }
  return { shape, data };
}

/** torchvision's resnet18 leaf outputs at 224x224, in execution order (relu#2: a block's second ReLU call). */
function resnet18Outputs(): FeatureMapOutcome['outputs'] {
  const shared = new Map<string, Tensor>();
  const tensor = (shape: number[]): Tensor => {
    const key = shape.join('x');
    if (!shared.has(key)) shared.set(key, noise(shape));
    return shared.get(key) as Tensor;
  };
  return resnet18OutputShapes().map(([key, shape]) => ({ key, tensor: tensor(shape) }));
}

const outcomeOf = (outputs: FeatureMapOutcome['outputs'], input?: Tensor): FeatureMapOutcome => ({
  outputs,
  input,
  cancelled: false,
  reused: 0,
  notes: ['image: sample.png'],
  milliseconds: 1,
});

describe('feature-map messages stay under the cap', () => {
  const outputs = resnet18Outputs();
  const run = { outcome: outcomeOf(outputs, noise([1, 3, 224, 224])) };
  const layerPaths = outputs.map((output) => output.key.replace(/#\d+$/, ''));

  it(`a ResNet-18 run at 224x224: every layer's message is at most ${FEATURE_MAP_MESSAGE_BYTES} bytes, with all ${outputs.length} layers in the strip`, () => {
    assert.equal(outputs.length, 60);
    outputs.forEach((output, index) => {
      const view = buildFeatureMapsView(index, output.key, run, { layerPaths });
      const bytes = messageBytes({ type: 'featureMaps', view });
      assert.ok(bytes <= FEATURE_MAP_MESSAGE_BYTES, `${output.key}: ${bytes} bytes`);
      assert.ok(view.grid && view.input && view.strip, output.key);
      assert.equal(view.strip.tiles.length, outputs.length);
    });
    // conv1's 64 planes of 112x112 are shrunk, not posted at full resolution (3.2 MB of RGBA).
    const conv1 = buildFeatureMapsView(0, 'conv1', run, { layerPaths });
    assert.ok((conv1.grid?.downsampled ?? 0) > 1);
    assert.equal(conv1.grid?.channelsShown, 64);
    assert.ok((conv1.input?.width ?? 0) <= 128 && (conv1.input?.height ?? 0) <= 128);
  });

  it('a zoom gives full-resolution channels, as many as one message holds, and pages on', () => {
    const zoom = buildFeatureMapZoom('conv1', run, 0);
    assert.ok(zoom);
    assert.equal(zoom.downsampled, 1);
    assert.equal(zoom.cellWidth, 112);
    assert.ok(zoom.channelsShown > 1 && zoom.channelsShown < 64, String(zoom.channelsShown));
    assert.ok(messageBytes({ type: 'featureMapZoom', index: 0, grid: zoom }) <= FEATURE_MAP_MESSAGE_BYTES);
    const next = buildFeatureMapZoom('conv1', run, zoom.channelsShown);
    assert.equal(next?.firstChannel, zoom.channelsShown);
    assert.equal(buildFeatureMapZoom('conv1', run, 64), undefined, 'past the last channel');
    // One plane larger than a message is shrunk until it fits.
    const huge = buildFeatureMapZoom('big', { outcome: outcomeOf([{ key: 'big', tensor: noise([1, 1, 1024, 1024]) }]) }, 0);
    assert.ok(huge && huge.downsampled > 1);
    assert.ok(messageBytes({ type: 'featureMapZoom', index: 0, grid: huge }) <= FEATURE_MAP_MESSAGE_BYTES);
  });

  it('a 1,000-layer model and a 2,048-channel layer still fit', () => {
    const small = noise([1, 8, 32, 32]);
    const many = Array.from({ length: 1000 }, (_, i) => ({ key: `l${i}`, tensor: small }));
    const view = buildFeatureMapsView(999, 'l999', { outcome: outcomeOf(many) });
    assert.ok(messageBytes({ type: 'featureMaps', view }) <= FEATURE_MAP_MESSAGE_BYTES);
    assert.equal(view.strip?.layersTotal, 1000);
    assert.ok((view.strip?.tiles.length ?? 0) > 0);
    const wide = buildFeatureMapsView(0, 'wide', { outcome: outcomeOf([{ key: 'wide', tensor: noise([1, 2048, 64, 64]) }]) });
    assert.ok(messageBytes({ type: 'featureMaps', view: wide }) <= FEATURE_MAP_MESSAGE_BYTES);
  });

  it('strip tiles name their layer and its record (a second call: the path#2 record)', () => {
    const view = buildFeatureMapsView(0, 'conv1', run, { layerPaths: outputs.map((output) => output.key.replace(/#\d+$/, '')), stripChannel: 3 });
    const tiles = view.strip?.tiles ?? [];
    assert.deepEqual(
      tiles.slice(0, 2).map((tile) => [tile.path, tile.index]),
      [
        ['conv1', 0],
        ['bn1', 1],
      ],
    );
    const secondRelu = tiles.find((tile) => tile.path === 'layer1.0.relu#2');
    assert.equal(
      secondRelu?.index,
      outputs.findIndex((output) => output.key === 'layer1.0.relu#2'),
    );
    assert.equal(view.strip?.channel, 3);
    assert.ok(tiles.every((tile, i) => i === 0 || tile.x > tiles[i - 1].x));
  });
});

describe('feature-map pictures', () => {
  it('shrinkPlanes averages each block (partial blocks over what they hold)', () => {
    const plane: Tensor = { shape: [1, 1, 3, 3], data: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]) };
    const small = shrinkPlanes(plane, 2);
    assert.deepEqual(small.shape, [1, 1, 2, 2]);
    // By hand: (0+1+3+4)/4, (2+5)/2, (6+7)/2, 8.
    assert.deepEqual(Array.from(small.data), [2, 3.5, 6.5, 8]);
  });

  it('per-layer scaling uses one range for all channels; per-channel each its own', () => {
    // Channel 0 spans 0..1, channel 1 spans 0..100.
    const data = new Float32Array(8);
    data.set([0, 0, 0, 1], 0);
    data.set([0, 0, 0, 100], 4);
    const run = { outcome: outcomeOf([{ key: 'c', tensor: { shape: [1, 2, 2, 2], data } }]) };
    const lastPixelOfChannel0 = (view: ReturnType<typeof buildFeatureMapsView>): number[] => {
      const grid = view.grid;
      assert.ok(grid);
      const at = ((grid.cellHeight - 1) * grid.width + grid.cellWidth - 1) * 4;
      return [...grid.rgba.slice(at, at + 3)];
    };
    const yellow = [...viridisTable.slice(255 * 3)];
    assert.deepEqual(lastPixelOfChannel0(buildFeatureMapsView(0, 'c', run, { scaling: 'channel' })), yellow);
    // 1 of 0..100 is level round(2.55) = 3 of 255: near the dark end.
    assert.deepEqual(lastPixelOfChannel0(buildFeatureMapsView(0, 'c', run, { scaling: 'layer' })), [...viridisTable.slice(9, 12)]);
    assert.deepEqual(buildFeatureMapsView(0, 'c', run, { scaling: 'layer' }).grid?.ranges, [
      { min: 0, max: 1 },
      { min: 0, max: 100 },
    ]);
  });

  it('the input picture is the normalized tensor as RGB, one range for all channels', () => {
    // Two pixels: R, G, B planes; the range is -2 .. 2.
    const input: Tensor = { shape: [1, 3, 1, 2], data: Float32Array.from([-2, 2, 0, 0, 2, -2]) };
    const view = buildFeatureMapsView(0, 'x', { outcome: outcomeOf([], input) });
    assert.deepEqual([...(view.input?.rgba ?? [])], [0, 128, 255, 255, 255, 128, 0, 255]);
    assert.equal(view.input?.caption, '[1, 3, 1, 2] · values -2 … 2');
  });
});
