/**
 * PNG and JPEG decoding with small pure-JS libraries (fast-png, jpeg-js), so it runs
 * in the extension host, a worker and a browser alike. Output is 8-bit, interleaved,
 * with the file's own channel count (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA).
 */
import { convertIndexedToRgb, decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';

/** An 8-bit interleaved image. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  readonly data: Uint8Array;
}

/** Thrown for files that are not a PNG/JPEG we can read, or too large. */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageError';
  }
}

/** Images above this many megapixels are refused (a preview never needs more). */
export const maxImageMegapixels = 50;

function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function fromPng(bytes: Uint8Array): DecodedImage {
  const png = decodePng(bytes);
  if (png.width * png.height > maxImageMegapixels * 1e6) throw new ImageError(`image is ${png.width}x${png.height}, over ${maxImageMegapixels} megapixels`);
  let data = png.data;
  let channels = png.channels;
  if (png.palette) {
    data = convertIndexedToRgb(png);
    channels = png.palette[0]?.length ?? 3;
  }
  let bytes8: Uint8Array;
  if (data instanceof Uint16Array) {
    bytes8 = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) bytes8[i] = data[i] >> 8;
  } else if (png.depth < 8 && !png.palette) {
    // fast-png leaves sub-byte gray samples packed; widen them to 0..255.
    const levels = (1 << png.depth) - 1;
    const perRow = Math.ceil((png.width * channels * png.depth) / 8);
    bytes8 = new Uint8Array(png.width * png.height * channels);
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width * channels; x++) {
        const bit = x * png.depth;
        const byte = data[y * perRow + (bit >> 3)];
        const value = (byte >> (8 - png.depth - (bit & 7))) & levels;
        bytes8[y * png.width * channels + x] = Math.round((value * 255) / levels);
      }
    }
  } else {
    bytes8 = new Uint8Array(data.buffer, data.byteOffset, data.length);
  }
  if (channels < 1 || channels > 4) throw new ImageError(`PNG with ${channels} channels is not supported`);
  return { width: png.width, height: png.height, channels: channels as 1 | 2 | 3 | 4, data: bytes8 };
}

function fromJpeg(bytes: Uint8Array): DecodedImage {
  const jpeg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: maxImageMegapixels, maxMemoryUsageInMB: 1024 });
  const channels = jpeg.data.length / (jpeg.width * jpeg.height);
  if (channels !== 3 && channels !== 1) throw new ImageError(`JPEG decoded to ${channels} channels per pixel`);
  return { width: jpeg.width, height: jpeg.height, channels: channels as 1 | 3, data: jpeg.data };
}

/** Decodes a PNG or JPEG file by its signature. */
export function decodeImage(bytes: Uint8Array, fileName = 'image'): DecodedImage {
  try {
    if (isPng(bytes)) return fromPng(bytes);
    if (isJpeg(bytes)) return fromJpeg(bytes);
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError(`${fileName}: cannot decode (${(error as Error).message})`);
  }
  throw new ImageError(`${fileName}: not a PNG or JPEG file`);
}
