// The hover's grid: a PNG data URI of the first channels, thumbnails of about 32 px.
import * as assert from 'node:assert/strict';
import { decode } from 'fast-png';
import type { Tensor } from '../../../src/engine/kernels/tensor';
import { HOVER_CHANNELS, hoverGrid } from '../../../src/featureMaps/hoverGrid';

const ramp = (shape: number[]): Tensor => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i % 97) });

describe('hover grid of a layer', () => {
  it('draws the first 16 channels of a 64-channel 112x112 layer, shrunk to 28 px thumbnails, as a PNG data URI', () => {
    const grid = hoverGrid(ramp([1, 64, 112, 112]));
    assert.equal(grid.channelsShown, HOVER_CHANNELS);
    assert.equal(grid.channelsTotal, 64);
    assert.match(grid.dataUri, /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/);
    const png = decode(Buffer.from(grid.dataUri.slice(grid.dataUri.indexOf(',') + 1), 'base64'));
    // 112 / ceil(112 / 32) = 28 px thumbnails, 8 columns x 2 rows with 1 px gaps.
    assert.deepEqual([png.width, png.height], [8 * 28 + 7, 2 * 28 + 1]);
    assert.deepEqual([grid.width, grid.height], [png.width, png.height]);
    assert.ok(grid.dataUri.length < 40_000, `${grid.dataUri.length} characters`);
  });

  it('enlarges small planes and keeps fewer channels as they are', () => {
    const grid = hoverGrid(ramp([1, 3, 5, 5]));
    assert.equal(grid.channelsShown, 3);
    // 5 px planes enlarged 6x (32 / 5), 3 columns.
    assert.deepEqual([grid.width, grid.height], [3 * 30 + 2, 30]);
  });
});
