/**
 * Turns a decoded image into the model's input tensor: channel adaptation (said out
 * loud in `notes`), the image fitted to the input's aspect ratio without stretching (a centre
 * crop, or a letterbox padded with the mean), bilinear resize with half-pixel centres
 * (torchvision's Resize without antialias), scaling to [0, 1] and normalization (ImageNet
 * mean/std by default; see normalization.ts for the presets).
 */
import type { Tensor } from '../kernels/tensor';
import type { DecodedImage } from './decodeImage';
import { NORMALIZATION_PRESETS, statsForChannels } from './normalization';

export interface InputSpec {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** Per-channel mean and std after scaling to [0, 1]; repeated cyclically if shorter than `channels`. */
  readonly mean?: readonly number[];
  readonly std?: readonly number[];
  /** How the notes name `mean`/`std` (`CIFAR-10`, `custom`); absent: the numbers only. */
  readonly normalizationLabel?: string;
  /** `NCHW` (PyTorch, default) or `NHWC` (Keras / TF.js). */
  readonly layout?: 'NCHW' | 'NHWC';
  /**
   * How an image of another aspect ratio fits: `crop` (default) keeps its centre, as
   * torchvision's Resize + CenterCrop do; `letterbox` keeps all of it and pads with the mean.
   */
  readonly fit?: ImageFit;
}

export type ImageFit = 'crop' | 'letterbox';

/** A rectangle of pixels. */
interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where the image goes: the part of it that is read (`source`) and the part of the input it
 * fills (`target`), so that the aspect ratio is kept.
 */
function fitBoxes(width: number, height: number, spec: InputSpec): { source: Box; target: Box } {
  const whole = (w: number, h: number): Box => ({ x: 0, y: 0, width: w, height: h });
  const imageRatio = width / height;
  const inputRatio = spec.width / spec.height;
  if (Math.abs(imageRatio - inputRatio) < 1e-9) return { source: whole(width, height), target: whole(spec.width, spec.height) };
  if ((spec.fit ?? 'crop') === 'crop') {
    const cropWidth = imageRatio > inputRatio ? Math.max(1, Math.round(height * inputRatio)) : width;
    const cropHeight = imageRatio > inputRatio ? height : Math.max(1, Math.round(width / inputRatio));
    return {
      source: { x: Math.floor((width - cropWidth) / 2), y: Math.floor((height - cropHeight) / 2), width: cropWidth, height: cropHeight },
      target: whole(spec.width, spec.height),
    };
  }
  const targetWidth = imageRatio > inputRatio ? spec.width : Math.max(1, Math.round(spec.height * imageRatio));
  const targetHeight = imageRatio > inputRatio ? Math.max(1, Math.round(spec.width / imageRatio)) : spec.height;
  return {
    source: whole(width, height),
    target: { x: Math.floor((spec.width - targetWidth) / 2), y: Math.floor((spec.height - targetHeight) / 2), width: targetWidth, height: targetHeight },
  };
}

/** The `box` of a plane `width` pixels wide, as a plane of its own. */
function cropPlane(plane: Float32Array, width: number, box: Box): Float32Array {
  if (box.x === 0 && box.y === 0 && box.width === width && box.height * width === plane.length) return plane;
  const out = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) out.set(plane.subarray((box.y + y) * width + box.x, (box.y + y) * width + box.x + box.width), y * box.width);
  return out;
}

export interface PreparedInput {
  readonly tensor: Tensor;
  /** What was done to the image, in words, for the panel and the CLI. */
  readonly notes: string[];
}

/** ITU-R BT.601 luma, the weights PIL's convert('L') uses. */
const luma = (r: number, g: number, b: number): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** Planar float channels 0..255 of the image adapted to `channels`, with a note on what changed. */
function adaptChannels(image: DecodedImage, channels: number, notes: string[]): Float32Array[] {
  const pixels = image.width * image.height;
  const plane = (pick: (i: number) => number): Float32Array => Float32Array.from({ length: pixels }, (_, i) => pick(i));
  const at = (i: number, c: number): number => image.data[i * image.channels + c];
  const hasAlpha = image.channels === 2 || image.channels === 4;
  if (hasAlpha) notes.push('alpha channel dropped (not composited)');
  const gray = image.channels <= 2;
  const rgb = gray ? [0, 0, 0].map(() => plane((i) => at(i, 0))) : [0, 1, 2].map((c) => plane((i) => at(i, c)));
  if (channels === 1) {
    if (gray) return [rgb[0]];
    notes.push('RGB converted to 1 channel by luminance (0.299 R + 0.587 G + 0.114 B)');
    return [plane((i) => luma(rgb[0][i], rgb[1][i], rgb[2][i]))];
  }
  if (gray) notes.push(`grayscale image repeated into ${channels} channels`);
  if (channels === 3) return rgb;
  notes.push(`the model expects ${channels} channels: R, G, B repeated cyclically`);
  return Array.from({ length: channels }, (_, c) => rgb[c % 3]);
}

function resizeBilinear(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  if (sw === dw && sh === dh) return src;
  const out = new Float32Array(dw * dh);
  const sy = sh / dh;
  const sx = sw / dw;
  for (let y = 0; y < dh; y++) {
    const fy = Math.max((y + 0.5) * sy - 0.5, 0);
    const y0 = Math.min(Math.floor(fy), sh - 1);
    const y1 = Math.min(y0 + 1, sh - 1);
    const ly = fy - y0;
    for (let x = 0; x < dw; x++) {
      const fx = Math.max((x + 0.5) * sx - 0.5, 0);
      const x0 = Math.min(Math.floor(fx), sw - 1);
      const x1 = Math.min(x0 + 1, sw - 1);
      const lx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - lx) + src[y0 * sw + x1] * lx;
      const bottom = src[y1 * sw + x0] * (1 - lx) + src[y1 * sw + x1] * lx;
      out[y * dw + x] = top * (1 - ly) + bottom * ly;
    }
  }
  return out;
}

/** Prepares a batch-1 input tensor for a model from a decoded image. */
export function prepareInput(image: DecodedImage, spec: InputSpec): PreparedInput {
  const notes: string[] = [];
  const planes = adaptChannels(image, spec.channels, notes);
  const { source, target } = fitBoxes(image.width, image.height, spec);
  if (source.width !== image.width || source.height !== image.height) {
    notes.push(`centre ${source.width}x${source.height} of the ${image.width}x${image.height} image kept (cropped to the input's aspect ratio)`);
  }
  if (target.width !== spec.width || target.height !== spec.height) {
    notes.push(`letterboxed: the whole image in ${target.width}x${target.height}, the rest padded with the mean`);
  }
  if (source.width !== target.width || source.height !== target.height) {
    notes.push(`resized from ${source.width}x${source.height} to ${target.width}x${target.height} (bilinear)`);
  }
  const defaults = statsForChannels(NORMALIZATION_PRESETS.imagenet, spec.channels);
  const mean = spec.mean ?? defaults.mean;
  const std = spec.std ?? defaults.std;
  const label = spec.mean ? (spec.normalizationLabel ? ` (${spec.normalizationLabel})` : '') : ' (ImageNet default)';
  notes.push(`scaled to [0, 1], normalized with mean [${mean.join(', ')}] and std [${std.join(', ')}]${label}`);
  const plane = spec.width * spec.height;
  // Padding is the mean: 0 after normalization.
  const data = new Float32Array(spec.channels * plane);
  const channelsLast = spec.layout === 'NHWC';
  planes.forEach((full, c) => {
    const resized = resizeBilinear(cropPlane(full, image.width, source), source.width, source.height, target.width, target.height);
    const m = mean[c % mean.length];
    const s = std[c % std.length];
    for (let y = 0; y < target.height; y++) {
      for (let x = 0; x < target.width; x++) {
        const i = (target.y + y) * spec.width + target.x + x;
        data[channelsLast ? i * spec.channels + c : c * plane + i] = (resized[y * target.width + x] / 255 - m) / s;
      }
    }
  });
  const shape = channelsLast ? [1, spec.height, spec.width, spec.channels] : [1, spec.channels, spec.height, spec.width];
  return { tensor: { shape, data }, notes };
}
