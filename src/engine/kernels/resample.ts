/**
 * `Upsample` / `F.interpolate`: nearest, nearest-exact, linear, bilinear, trilinear,
 * with PyTorch's `align_corners` and scale semantics. Index arithmetic is done in
 * float32 (Math.fround) because PyTorch's CPU kernels compute it in float for float
 * tensors, and a rounding difference would pick another source pixel.
 */
import type { BoundArgs } from '../types';
import { KernelError, boolArg, numberArg, stringArg, type Tensor } from './tensor';

const f = Math.fround;

interface AxisMap {
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly lambda: Float32Array;
}

function scaleFor(inSize: number, outSize: number, scale: number | null, alignCorners: boolean): number {
  if (alignCorners) return outSize > 1 ? f((inSize - 1) / (outSize - 1)) : 0;
  return scale !== null && scale > 0 ? f(1 / scale) : f(inSize / outSize);
}

function nearestAxis(inSize: number, outSize: number, scale: number | null, exact: boolean): AxisMap {
  const low = new Int32Array(outSize);
  const s = scaleFor(inSize, outSize, scale, false);
  for (let o = 0; o < outSize; o++) {
    if (!exact && outSize === inSize) low[o] = o;
    else if (!exact && outSize === 2 * inSize) low[o] = o >> 1;
    else low[o] = Math.min(Math.floor(f((exact ? o + 0.5 : o) * s)), inSize - 1);
  }
  return { low, high: low, lambda: new Float32Array(outSize) };
}

function linearAxis(inSize: number, outSize: number, scale: number | null, alignCorners: boolean): AxisMap {
  const low = new Int32Array(outSize);
  const high = new Int32Array(outSize);
  const lambda = new Float32Array(outSize);
  const s = scaleFor(inSize, outSize, scale, alignCorners);
  for (let o = 0; o < outSize; o++) {
    const src = alignCorners ? f(s * o) : Math.max(f(f(s * f(o + 0.5)) - 0.5), 0);
    const i0 = Math.floor(src);
    low[o] = i0;
    high[o] = i0 + (i0 < inSize - 1 ? 1 : 0);
    lambda[o] = f(src - i0);
  }
  return { low, high, lambda };
}

const linearModes: Record<string, number> = { linear: 1, bilinear: 2, trilinear: 3 };

/** Runs `Upsample(size, scale_factor, mode, align_corners, recompute_scale_factor)`. */
export function runUpsample(args: BoundArgs, input: Tensor): Tensor {
  const mode = stringArg(args, 'mode', 'nearest');
  const dims = input.shape.length - 2;
  if (dims < 1 || dims > 3) throw new KernelError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.shape.length}D)`);
  const isLinear = mode in linearModes;
  if (isLinear && linearModes[mode] !== dims) {
    throw new KernelError(`Got ${input.shape.length}D input, but ${mode} mode needs ${linearModes[mode] + 2}D input`);
  }
  if (!isLinear && mode !== 'nearest' && mode !== 'nearest-exact') throw new KernelError(`no kernel for upsampling mode '${mode}'`);
  const alignCorners = boolArg(args, 'align_corners', false);
  if (alignCorners && !isLinear) {
    throw new KernelError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  }
  const spatial = input.shape.slice(2);
  let outSpatial: number[];
  let scales: (number | null)[];
  if (args.size !== null && args.size !== undefined) {
    outSpatial = Array.isArray(args.size) ? args.size.map((v, i) => numberArg({ [`size[${i}]`]: v }, `size[${i}]`)) : spatial.map(() => numberArg(args, 'size'));
    scales = spatial.map(() => null);
  } else {
    const factors = Array.isArray(args.scale_factor)
      ? args.scale_factor.map((v, i) => numberArg({ [`scale_factor[${i}]`]: v }, `scale_factor[${i}]`))
      : spatial.map(() => numberArg(args, 'scale_factor'));
    outSpatial = spatial.map((size, axis) => Math.floor(size * factors[axis]));
    scales = boolArg(args, 'recompute_scale_factor', false) ? spatial.map(() => null) : factors;
  }
  const in3 = [...new Array<number>(3 - dims).fill(1), ...spatial];
  const out3 = [...new Array<number>(3 - dims).fill(1), ...outSpatial];
  const scale3 = [...new Array<number | null>(3 - dims).fill(null), ...scales];
  const maps = in3.map((size, a) => (isLinear ? linearAxis(size, out3[a], scale3[a], alignCorners) : nearestAxis(size, out3[a], scale3[a], mode === 'nearest-exact')));
  const planes = input.shape[0] * input.shape[1];
  const inPlane = in3[0] * in3[1] * in3[2];
  const out = new Float32Array(planes * out3[0] * out3[1] * out3[2]);
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * inPlane;
    for (let z = 0; z < out3[0]; z++) {
      const zs = [maps[0].low[z], maps[0].high[z]];
      const zw = [1 - maps[0].lambda[z], maps[0].lambda[z]];
      for (let y = 0; y < out3[1]; y++) {
        const ys = [maps[1].low[y], maps[1].high[y]];
        const yw = [1 - maps[1].lambda[y], maps[1].lambda[y]];
        for (let x = 0; x < out3[2]; x++, o++) {
          if (!isLinear) {
            out[o] = input.data[base + (zs[0] * in3[1] + ys[0]) * in3[2] + maps[2].low[x]];
            continue;
          }
          const xs = [maps[2].low[x], maps[2].high[x]];
          const xw = [1 - maps[2].lambda[x], maps[2].lambda[x]];
          let sum = 0;
          for (let a = 0; a < 2; a++) {
            for (let b = 0; b < 2; b++) {
              const row = base + (zs[a] * in3[1] + ys[b]) * in3[2];
              sum += zw[a] * yw[b] * (xw[0] * input.data[row + xs[0]] + xw[1] * input.data[row + xs[1]]);
            }
          }
          out[o] = sum;
        }
      }
    }
  }
  return { shape: [input.shape[0], input.shape[1], ...outSpatial], data: out };
}
