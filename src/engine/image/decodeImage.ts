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

function fail(message: string): never {
  throw new ImageError(message);
}

/** PNG's first chunk is IHDR: width and height, big-endian, at bytes 16 and 20. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The first start-of-frame marker (SOF0-SOF15 but DHT, JPG and DAC) holds height, then width. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image, or scan data before any frame
    const length = view.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return at + 9 <= bytes.length ? { height: view.getUint16(at + 5), width: view.getUint16(at + 7) } : undefined;
    }
    at += 2 + length;
  }
  return undefined;
}

/**
 * Refuses an image by the dimensions its header declares, before a byte of it is decoded:
 * decoding first would allocate the whole picture (a 1 MB PNG can declare 20000x20000).
 */
function checkDeclaredSize(size: { width: number; height: number } | undefined, fileName: string): void {
  if (!size) return; // the decoder reports what is wrong with the file
  const { width, height } = size;
  if (width === 0 || height === 0) throw new ImageError(`${fileName}: the image is ${width}x${height}; it needs at least 1 pixel in each direction`);
  const megapixels = (width * height) / 1e6;
  if (megapixels > maxImageMegapixels) {
    throw new ImageError(`${fileName}: the image is ${width}x${height} (${megapixels.toFixed(1)} megapixels), over the ${maxImageMegapixels}-megapixel limit`);
  }
}

function fromPng(bytes: Uint8Array): DecodedImage {
  const png = decodePng(bytes);
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
    if (isPng(bytes)) {
      // The PNG specification puts IHDR first; a file that does not is refused unread.
      checkDeclaredSize(pngSize(bytes) ?? fail(`${fileName}: cannot decode (the PNG does not start with its IHDR header)`), fileName);
      return fromPng(bytes);
    }
    if (isJpeg(bytes)) {
      checkDeclaredSize(jpegSize(bytes), fileName);
      return fromJpeg(bytes);
    }
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError(`${fileName}: cannot decode (${(error as Error).message})`);
  }
  throw new ImageError(`${fileName}: not a PNG or JPEG file`);
}
