/**
 * Max, average and adaptive pooling over 1 to 3 spatial dims (NCHW), with PyTorch's
 * `ceil_mode` (the last window is dropped when it would start in the right padding),
 * `count_include_pad` and `divisor_override` semantics.
 */
import type { ArgValue, BoundArgs } from '../types';
import type { HeavyKernels } from './heavyKernels';
import { KernelError, boolArg, numberArg, tupleArg, type Tensor } from './tensor';

interface Window3 {
  readonly kernel: number[];
  readonly stride: number[];
  readonly pad: number[];
  readonly dilation: number[];
}

function pooledSize(size: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = size + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= size + p) out -= 1;
  if (out <= 0) throw new KernelError(`Given input size: (${size}). Calculated output size: (${out}). Output size is too small`);
  return out;
}

function to3(values: number[], neutral: number): number[] {
  return [...new Array<number>(3 - values.length).fill(neutral), ...values];
}

function readWindow(dims: number, args: BoundArgs, withDilation: boolean): Window3 & { spatialKernel: number[] } {
  const kernel = tupleArg(args, 'kernel_size', dims);
  const strideArg = args.stride;
  const stride = strideArg === null || strideArg === undefined || (Array.isArray(strideArg) && strideArg.length === 0) ? kernel : tupleArg(args, 'stride', dims);
  const pad = tupleArg(args, 'padding', dims, 0);
  const dilation = withDilation ? tupleArg(args, 'dilation', dims, 1) : kernel.map(() => 1);
  if (stride.some((s) => s <= 0)) throw new KernelError('stride should be greater than zero');
  pad.forEach((p, axis) => {
    if (p > kernel[axis] / 2) throw new KernelError('pad should be at most half of kernel size');
  });
  return { kernel: to3(kernel, 1), stride: to3(stride, 1), pad: to3(pad, 0), dilation: to3(dilation, 1), spatialKernel: kernel };
}

function checkRank(input: Tensor, dims: number): void {
  if (input.shape.length !== dims + 2) {
    throw new KernelError(`Expected ${dims + 2}D (batched) input for ${dims}-D pooling, but got input of size: [${input.shape.join(', ')}]`);
  }
}

/** Runs `MaxPool{dims}d` or `AvgPool{dims}d`; 2-D max pooling goes to `kernels.maxPool2d` when they have it. */
export function runPool(dims: number, kind: 'max' | 'avg', args: BoundArgs, input: Tensor, kernels?: HeavyKernels): Tensor {
  checkRank(input, dims);
  const w = readWindow(dims, args, kind === 'max');
  const ceil = boolArg(args, 'ceil_mode', false);
  const includePad = boolArg(args, 'count_include_pad', true);
  const divisorOverride = args.divisor_override === null || args.divisor_override === undefined ? 0 : numberArg(args, 'divisor_override');
  const spatial = input.shape.slice(2);
  const in3 = to3(spatial, 1);
  const out3 = in3.map((size, a) => pooledSize(size, w.kernel[a], w.stride[a], w.pad[a], w.dilation[a], ceil));
  const planes = input.shape[0] * input.shape[1];
  const inPlane = in3[0] * in3[1] * in3[2];
  const outPlane = out3[0] * out3[1] * out3[2];
  const shape = [input.shape[0], input.shape[1], ...out3.slice(3 - dims)];
  if (kind === 'max' && dims === 2 && kernels?.maxPool2d) {
    const [, kh, kw] = w.kernel;
    const [, sh, sw] = w.stride;
    const [, dh, dw] = w.dilation;
    const g = { inChannels: 1, outChannels: 1, groups: 1, inHeight: in3[1], inWidth: in3[2], outHeight: out3[1], outWidth: out3[2] };
    const window = { kernelHeight: kh, kernelWidth: kw, strideHeight: sh, strideWidth: sw, padTop: w.pad[1], padLeft: w.pad[2], dilationHeight: dh, dilationWidth: dw };
    return { shape, data: kernels.maxPool2d({ ...g, ...window }, planes, input.data) };
  }
  const out = new Float32Array(planes * outPlane);
  // Scalars only in the loops below: an array per output pixel made pooling a large share of a ResNet forward.
  const [kd, kh, kw] = w.kernel;
  const [sd, sh, sw] = w.stride;
  const [pd, ph, pw] = w.pad;
  const [dd, dh, dw] = w.dilation;
  const [id, ih, iw] = in3;
  const data = input.data;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * inPlane;
    for (let oz = 0; oz < out3[0]; oz++) {
      const z0 = oz * sd - pd;
      for (let oy = 0; oy < out3[1]; oy++) {
        const y0 = oy * sh - ph;
        for (let ox = 0; ox < out3[2]; ox++, o++) {
          const x0 = ox * sw - pw;
          if (kind === 'max') {
            let best = -Infinity;
            for (let kz = 0; kz < kd; kz++) {
              const z = z0 + kz * dd;
              if (z < 0 || z >= id) continue;
              for (let ky = 0; ky < kh; ky++) {
                const y = y0 + ky * dh;
                if (y < 0 || y >= ih) continue;
                const row = base + (z * ih + y) * iw;
                for (let kx = 0; kx < kw; kx++) {
                  const x = x0 + kx * dw;
                  if (x < 0 || x >= iw) continue;
                  const v = data[row + x];
                  if (v > best || Number.isNaN(v)) best = v;
                }
              }
            }
            out[o] = best;
          } else {
            // PyTorch: the window end is clipped to the padded input before counting pad cells.
            const z1 = Math.min(z0 + kd, id + pd);
            const y1 = Math.min(y0 + kh, ih + ph);
            const x1 = Math.min(x0 + kw, iw + pw);
            const padded = (z1 - z0) * (y1 - y0) * (x1 - x0);
            const zLo = Math.max(z0, 0);
            const yLo = Math.max(y0, 0);
            const xLo = Math.max(x0, 0);
            const zHi = Math.min(z1, id);
            const yHi = Math.min(y1, ih);
            const xHi = Math.min(x1, iw);
            let sum = 0;
            for (let z = zLo; z < zHi; z++) {
              for (let y = yLo; y < yHi; y++) {
                const row = base + (z * ih + y) * iw;
                for (let x = xLo; x < xHi; x++) sum += data[row + x];
              }
            }
            const inside = (zHi - zLo) * (yHi - yLo) * (xHi - xLo);
            const divisor = divisorOverride || (includePad ? padded : inside);
            out[o] = sum / divisor;
          }
        }
      }
    }
  }
  return { shape, data: out };
}

function adaptiveSizes(dims: number, value: ArgValue | undefined, spatial: readonly number[]): number[] {
  const list = Array.isArray(value) ? value : new Array<ArgValue>(dims).fill(value ?? null);
  if (list.length !== dims) throw new KernelError(`output_size must have ${dims} values`);
  return list.map((item, axis) => (item === null ? spatial[axis] : numberArg({ output_size: item }, 'output_size')));
}

/** Runs `AdaptiveAvgPool{dims}d` / `AdaptiveMaxPool{dims}d`: windows [floor(i*in/out), ceil((i+1)*in/out)). */
export function runAdaptivePool(dims: number, kind: 'max' | 'avg', args: BoundArgs, input: Tensor): Tensor {
  checkRank(input, dims);
  const spatial = input.shape.slice(2);
  const outSpatial = adaptiveSizes(dims, args.output_size, spatial);
  const in3 = to3(spatial, 1);
  const out3 = to3(outSpatial, 1);
  const planes = input.shape[0] * input.shape[1];
  const inPlane = in3[0] * in3[1] * in3[2];
  const out = new Float32Array(planes * out3[0] * out3[1] * out3[2]);
  const bounds = (i: number, a: number): [number, number] => [Math.floor((i * in3[a]) / out3[a]), Math.ceil(((i + 1) * in3[a]) / out3[a])];
  let o = 0;
  for (let p = 0; p < planes; p++) {
    for (let oz = 0; oz < out3[0]; oz++) {
      const [z0, z1] = bounds(oz, 0);
      for (let oy = 0; oy < out3[1]; oy++) {
        const [y0, y1] = bounds(oy, 1);
        for (let ox = 0; ox < out3[2]; ox++, o++) {
          const [x0, x1] = bounds(ox, 2);
          let acc = kind === 'max' ? -Infinity : 0;
          for (let z = z0; z < z1; z++) {
            for (let y = y0; y < y1; y++) {
              const row = p * inPlane + (z * in3[1] + y) * in3[2];
              for (let x = x0; x < x1; x++) {
                const v = input.data[row + x];
                acc = kind === 'max' ? (v > acc || Number.isNaN(v) ? v : acc) : acc + v;
              }
            }
          }
          out[o] = kind === 'max' ? acc : acc / ((z1 - z0) * (y1 - y0) * (x1 - x0));
        }
      }
    }
  }
  return { shape: [input.shape[0], input.shape[1], ...outSpatial], data: out };
}
