/**
 * Images are refused by the dimensions their header declares, before decoding: over the
 * pixel limit, or empty in either direction. Each refusal names the limit and the size.
 */
import * as assert from 'node:assert/strict';
import { decodeImage, maxImageMegapixels } from '../../../src/engine/image/decodeImage';
import { refusedWithinBound, withinBound } from './bounded';
import { blackPng, jpegHeaderOnly } from './hostileFiles';

describe('hostile images are refused by their header', () => {
  it('a 400 KB PNG of 20000x20000 pixels is refused before decoding', async () => {
    const bytes = blackPng(20000, 20000);
    assert.ok(bytes.length < 1024 * 1024);
    await refusedWithinBound(
      () => decodeImage(bytes, 'huge.png'),
      new RegExp(`huge\\.png: the image is 20000x20000 \\(400\\.0 megapixels\\), over the ${maxImageMegapixels}-megapixel limit`),
    );
  });

  it('a JPEG frame header of 20000x20000 is refused before decoding', async () => {
    await refusedWithinBound(() => decodeImage(jpegHeaderOnly(20000, 20000), 'huge.jpg'), /huge\.jpg: the image is 20000x20000 \(400\.0 megapixels\), over the 50-megapixel limit/);
  });

  for (const [width, height] of [
    [0, 0],
    [0, 5],
    [5, 0],
  ]) {
    it(`a ${width}x${height} PNG is refused`, async () => {
      await refusedWithinBound(
        () => decodeImage(blackPng(width, height), 'empty.png'),
        new RegExp(`empty\\.png: the image is ${width}x${height}; it needs at least 1 pixel in each direction`),
      );
    });
  }

  it('a 0x0 JPEG is refused', async () => {
    await refusedWithinBound(() => decodeImage(jpegHeaderOnly(0, 0), 'empty.jpg'), /empty\.jpg: the image is 0x0; it needs at least 1 pixel in each direction/);
  });

  it('a PNG whose first chunk is not IHDR is refused unread', async () => {
    const bytes = blackPng(4, 4);
    bytes.set(new TextEncoder().encode('IDAT'), 12);
    await refusedWithinBound(() => decodeImage(bytes, 'odd.png'), /odd\.png: cannot decode \(the PNG does not start with its IHDR header\)/);
  });

  it('an image just under the limit still decodes', async () => {
    const image = await withinBound(() => decodeImage(blackPng(7000, 7000), 'big.png'), { milliseconds: 5000, megabytes: 400 });
    assert.deepEqual([image.width, image.height, image.channels], [7000, 7000, 1]);
  });
});
