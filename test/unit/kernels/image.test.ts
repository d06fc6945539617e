import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage } from '../../../src/engine/image/decodeImage';
import { encodeRgbaPng, renderChannelGrid, renderLayerStrip, viridisTable } from '../../../src/engine/image/featureGrid';
import { prepareInput } from '../../../src/engine/image/prepareInput';
import { runLayer } from '../../../src/engine/kernels/runLayer';
import { defaultLayerWeights } from '../../../src/engine/weights/defaultInit';
import { compareTensors, tolerance } from './goldenFixtures';

const dir = join(__dirname, '..', '..', 'fixtures', 'kernels', 'images');
const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  {
    width: number;
    height: number;
    channels: number;
    pixels: number[];
    shape: number[];
    values: number[];
  }
>;

describe('image decoding matches PIL', () => {
  for (const name of ['rgb.png', 'gray8.png', 'gray1.png', 'rgba.png', 'palette.png', 'photo.jpg']) {
    it(name, () => {
      const image = decodeImage(read(name), name);
      const truth = expected[name];
      assert.equal(image.width, truth.width);
      assert.equal(image.height, truth.height);
      assert.equal(image.channels, truth.channels);
      // JPEG decoders may differ by IDCT rounding; PNG must be exact.
      const slack = name.endsWith('.jpg') ? 4 : 0;
      let worst = 0;
      truth.pixels.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(image.data[i] - v));
      });
      assert.ok(worst <= slack, `worst pixel difference ${worst}`);
    });
  }
  it('refuses a file that is not an image', () => {
    assert.throws(() => decodeImage(new TextEncoder().encode('GIF89a....'), 'x.gif'), /x\.gif: not a PNG or JPEG file/);
    assert.throws(() => decodeImage(read('rgb.png').slice(0, 60), 'cut.png'), /cut\.png: cannot decode/);
  });
});

describe('prepared input', () => {
  it('matches PyTorch bilinear resize + ImageNet normalization', () => {
    const { tensor, notes } = prepareInput(decodeImage(read('rgb.png')), { channels: 3, height: 7, width: 10 });
    const truth = expected.prepared_rgb_7x10;
    assert.deepEqual([...tensor.shape], truth.shape);
    const { maxError, scale } = compareTensors(tensor, { shape: truth.shape, data: Float32Array.from(truth.values) });
    assert.ok(maxError <= tolerance(scale), `max error ${maxError}`);
    assert.ok(notes.some((n) => n.includes('resized from 13x9 to 10x7')));
    assert.ok(notes.some((n) => n.includes('ImageNet default')));
  });
  // A 4x2 gray image whose columns are 10, 20, 30, 40, fitted into a 2x2 input (mean 0, std 1/255: values stay 0..255).
  const stripes = { width: 4, height: 2, channels: 1 as const, data: Uint8Array.from([10, 20, 30, 40, 10, 20, 30, 40]) };
  const raw = { channels: 1, height: 2, width: 2, mean: [0], std: [1 / 255] };
  it('crops a wider image to its centre instead of stretching it', () => {
    const { tensor, notes } = prepareInput(stripes, raw);
    assert.deepEqual(Array.from(tensor.data, Math.round), [20, 30, 20, 30]);
    assert.ok(notes.some((note) => note.includes('centre 2x2 of the 4x2 image kept')));
  });
  it('letterboxes it on request, padding with the mean', () => {
    const { tensor, notes } = prepareInput(stripes, { ...raw, fit: 'letterbox' });
    // The whole image in 2x1 (bilinear, half-pixel centres: 15 and 35), the other row the mean (0).
    assert.deepEqual(Array.from(tensor.data, Math.round), [15, 35, 0, 0]);
    assert.ok(notes.some((note) => note.startsWith('letterboxed')));
  });
  it('says what it did to the channels', () => {
    const gray = prepareInput(decodeImage(read('gray8.png')), { channels: 3, height: 9, width: 13 });
    assert.ok(gray.notes.includes('grayscale image repeated into 3 channels'));
    const plane = 9 * 13;
    assert.ok(Math.abs(gray.tensor.data[7] * 0.229 + 0.485 - (gray.tensor.data[plane + 7] * 0.224 + 0.456)) < 1e-6, 'R and G planes hold the same gray');
    const rgba = prepareInput(decodeImage(read('rgba.png')), { channels: 3, height: 9, width: 13 });
    assert.ok(rgba.notes.includes('alpha channel dropped (not composited)'));
    const luminance = prepareInput(decodeImage(read('rgb.png')), { channels: 1, height: 9, width: 13, mean: [0], std: [1] });
    assert.ok(luminance.notes[0].startsWith('RGB converted to 1 channel by luminance'));
    const image = decodeImage(read('rgb.png'));
    const [r, g, b] = [image.data[0], image.data[1], image.data[2]];
    assert.ok(Math.abs(luminance.tensor.data[0] - (0.299 * r + 0.587 * g + 0.114 * b) / 255) < 1e-6);
    const nhwc = prepareInput(image, { channels: 3, height: 9, width: 13, layout: 'NHWC', mean: [0], std: [1] });
    assert.deepEqual([...nhwc.tensor.shape], [1, 9, 13, 3]);
    assert.ok(Math.abs(nhwc.tensor.data[1] - g / 255) < 1e-6);
  });
});

describe('feature grid rendering', () => {
  it('colormap runs from viridis dark purple to yellow', () => {
    assert.deepEqual([...viridisTable.subarray(0, 3)], [68, 1, 84]);
    assert.deepEqual([...viridisTable.subarray(765, 768)], [253, 231, 37]);
  });
  it('renders conv feature maps of the sample image into a PNG', () => {
    const sample = decodeImage(new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'media', 'sample.png'))));
    const { tensor } = prepareInput(sample, { channels: 3, height: 64, width: 64 });
    const args = { in_channels: 3, out_channels: 6, kernel_size: 3, stride: 2, padding: 1 };
    const out = runLayer('Conv2d', args, tensor, defaultLayerWeights('Conv2d', args, 'conv1'));
    const grid = renderChannelGrid(out, { columns: 3, zoom: 2, gap: 1 });
    assert.equal(grid.width, 3 * 64 + 2);
    assert.equal(grid.height, 2 * 64 + 1);
    assert.equal(grid.ranges.length, 6);
    const plane = 32 * 32;
    const channel2 = out.data.subarray(2 * plane, 3 * plane);
    assert.equal(grid.ranges[2].min, Math.min(...channel2));
    assert.equal(grid.ranges[2].max, Math.max(...channel2));
    const png = encodeRgbaPng(grid.width, grid.height, grid.rgba);
    const back = decodeImage(png);
    assert.equal(back.width, grid.width);
    assert.equal(back.channels, 4);
    assert.deepEqual(back.data, new Uint8Array(grid.rgba.buffer));
  });
  it('renders a strip of one channel per layer', () => {
    const a = { shape: [1, 2, 4, 4], data: Float32Array.from({ length: 32 }, (_, i) => i) };
    const b = { shape: [1, 3, 2, 2], data: Float32Array.from({ length: 12 }, (_, i) => -i) };
    const strip = renderLayerStrip([a, b], 1, 8, 1);
    assert.equal(strip.width, 8 + 1 + 8);
    assert.equal(strip.height, 8);
    assert.deepEqual(strip.ranges, [
      { min: 16, max: 31 },
      { min: -7, max: -4 },
    ]);
  });
  it('shows 1-D and flat outputs as one row per channel', () => {
    const grid = renderChannelGrid({ shape: [1, 10], data: Float32Array.from({ length: 10 }, (_, i) => i) }, { zoom: 1, gap: 0 });
    assert.equal(grid.width, 10);
    assert.equal(grid.height, 1);
    assert.deepEqual([...grid.rgba.subarray(0, 3)], [68, 1, 84]);
    assert.deepEqual([...grid.rgba.subarray(36, 39)], [253, 231, 37]);
  });
});
