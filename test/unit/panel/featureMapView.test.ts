import * as assert from 'node:assert/strict';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import type { FeatureMapOutcome } from '../../../src/featureMaps/workerProtocol';
import { MAX_PANEL_CHANNELS, buildFeatureMapsView, pendingFeatureMapsView } from '../../../src/panel/featureMapView';
import { viridisTable } from '../../../src/engine/image/featureGrid';

/** A [1, C, H, W] tensor whose channel c holds c * 1000 + position (distinct ranges per channel). */
function ramp(channels: number, height: number, width: number): Tensor {
  const plane = height * width;
  const data = new Float32Array(channels * plane);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(i / plane) * 1000 + (i % plane);
  return { shape: [1, channels, height, width], data };
}

function outcome(outputs: FeatureMapOutcome['outputs'], extra: Partial<FeatureMapOutcome> = {}): FeatureMapOutcome {
  return { outputs, cancelled: false, reused: 0, notes: ['weights: deterministic default init', 'image: sample.png resized to 8x8'], milliseconds: 1, ...extra };
}

describe('panel feature-map view (buildFeatureMapsView)', () => {
  it('draws every channel of the selected layer with geometry, ranges and notes', () => {
    const tensor = ramp(6, 5, 7);
    const view = buildFeatureMapsView(2, 'conv1', {
      outcome: outcome([
        { key: 'stem', tensor: ramp(3, 5, 7) },
        { key: 'conv1', tensor },
      ]),
    });
    assert.equal(view.status, 'done');
    assert.equal(view.index, 2);
    assert.equal(view.shape, '[1, 6, 5, 7]');
    assert.equal(view.problem, undefined);
    assert.deepEqual(view.notes, ['weights: deterministic default init', 'image: sample.png resized to 8x8']);
    const grid = view.grid;
    assert.ok(grid);
    assert.equal(grid.channelsShown, 6);
    assert.equal(grid.channelsTotal, 6);
    assert.equal(grid.width, grid.columns * grid.cellWidth + (grid.columns - 1) * grid.gap);
    assert.equal(grid.height, Math.ceil(6 / grid.columns) * grid.cellHeight + (Math.ceil(6 / grid.columns) - 1) * grid.gap);
    assert.equal(grid.cellWidth / 7, grid.cellHeight / 5, 'square pixels');
    assert.equal(grid.rgba.length, grid.width * grid.height * 4);
    assert.ok(grid.rgba instanceof Uint8Array);
    // Ranges straight from the data: channel c spans c*1000 .. c*1000 + 34.
    assert.deepEqual(
      grid.ranges,
      Array.from({ length: 6 }, (_, c) => ({ min: c * 1000, max: c * 1000 + 34 })),
    );
    // Per-channel scaling: the first pixel of every thumbnail is its channel's minimum (viridis' first colour),
    // the last one its maximum (viridis' last colour).
    for (let c = 0; c < 6; c++) {
      const x0: number = (c % grid.columns) * (grid.cellWidth + grid.gap);
      const y0: number = Math.floor(c / grid.columns) * (grid.cellHeight + grid.gap);
      const first: number = (y0 * grid.width + x0) * 4;
      const last: number = ((y0 + grid.cellHeight - 1) * grid.width + x0 + grid.cellWidth - 1) * 4;
      assert.deepEqual([...grid.rgba.slice(first, first + 3)], [...viridisTable.slice(0, 3)], `channel ${c} min`);
      assert.deepEqual([...grid.rgba.slice(last, last + 3)], [...viridisTable.slice(255 * 3, 256 * 3)], `channel ${c} max`);
    }
  });

  it(`draws at most ${MAX_PANEL_CHANNELS} channels and says how many there are`, () => {
    const view = buildFeatureMapsView(0, 'wide', { outcome: outcome([{ key: 'wide', tensor: ramp(100, 2, 2) }]) });
    assert.equal(view.grid?.channelsShown, MAX_PANEL_CHANNELS);
    assert.equal(view.grid?.channelsTotal, 100);
    assert.equal(view.grid?.ranges.length, MAX_PANEL_CHANNELS);
  });

  it('shows the refusal of a run that failed before any layer, with no grid', () => {
    const refusal = 'input: activation [1, 3, 8192, 8192] needs 768 MB (float32), over the 256 MB feature-map budget';
    const view = buildFeatureMapsView(0, 'conv1', { error: refusal });
    assert.equal(view.grid, undefined);
    assert.equal(view.problem, refusal);
  });

  it('gives the failure for a layer the run did not reach, and keeps it next to a computed layer', () => {
    const failure = { path: 'branch', message: 'a branch is not supported by the preview' };
    const run = { outcome: outcome([{ key: 'conv1', tensor: ramp(2, 3, 3) }], { failure }) };
    const missing = buildFeatureMapsView(4, 'fc', run);
    assert.equal(missing.grid, undefined);
    assert.equal(missing.problem, 'branch: a branch is not supported by the preview');
    const computed = buildFeatureMapsView(1, 'conv1', run);
    assert.equal(computed.grid?.channelsTotal, 2);
    assert.equal(computed.problem, 'Later layers not computed: branch: a branch is not supported by the preview');
    assert.match(buildFeatureMapsView(4, 'fc', { outcome: outcome([]) }).problem ?? '', /did not reach/);
  });

  it('describes the idle and running states', () => {
    assert.deepEqual(pendingFeatureMapsView(3), { index: 3, status: 'idle', notes: [] });
    assert.deepEqual(pendingFeatureMapsView(3, '2/4 conv2'), { index: 3, status: 'running', progress: '2/4 conv2', notes: [] });
  });
});
