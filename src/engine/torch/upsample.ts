/**
 * nn.Upsample = `F.interpolate`: checks in the order PyTorch raises them, output sizes
 * `floor(in * scale)` (or the given size), and the "greater than 0" check of the kernels.
 */
import type { ArgValue, BoundArgs, Shape } from '../types';
import type { ApplyResult } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { containsUnknown, torchShapeText, pythonFloat, pythonValueRepr, torchError } from './args';
import type { AxisStep } from '../types';

const MODE_RANK: Readonly<Record<string, number>> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };
const MODE_LIST = 'nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact';

/** nn.Upsample stores scale factors as floats (`tuple(float(f) for f in scale_factor)`). */
function floatTupleRepr(values: readonly number[]): string {
  const entries = values.map(pythonFloat);
  return entries.length === 1 ? `(${entries[0]},)` : `(${entries.join(', ')})`;
}

function numbers(value: ArgValue): number[] | null {
  if (typeof value === 'number') return null;
  if (!Array.isArray(value)) return null;
  const entries = value as readonly ArgValue[];
  return entries.every((entry) => typeof entry === 'number') ? (entries as number[]) : null;
}

export function applyUpsample(args: BoundArgs, input: Shape): ApplyResult {
  const { size, scale_factor: scale, mode, align_corners: alignCorners, recompute_scale_factor: recompute } = args;
  if (containsUnknown(size) || containsUnknown(scale) || typeof mode !== 'string') return UNKNOWN_APPLY;
  const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);
  if (['nearest', 'area', 'nearest-exact'].includes(mode) && alignCorners !== null && alignCorners !== undefined) {
    return fail('torch.upsample-align-corners', 'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear', 'align_corners');
  }
  const dim = input.length - 2;
  const spatial = input.slice(2);
  let outSizes: number[] | null = null;
  let factors: number[] | null = null;
  if (size !== null && scale !== null) return fail('torch.upsample-args', 'only one of size or scale_factor should be defined');
  if (size !== null) {
    const list = numbers(size);
    if (Array.isArray(size) && list && list.length !== dim) {
      return fail(
        'torch.upsample-rank',
        `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${torchShapeText(spatial)} and output size of ${pythonValueRepr(size)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
        'size',
      );
    }
    if (typeof size === 'number') outSizes = Array.from({ length: Math.max(dim, 0) }, () => size);
    else if (list) outSizes = list;
    else return UNKNOWN_APPLY;
  } else if (scale !== null) {
    const list = numbers(scale);
    if (Array.isArray(scale) && list && list.length !== dim) {
      return fail(
        'torch.upsample-rank',
        `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${torchShapeText(spatial)} and scale_factor of shape ${floatTupleRepr(list)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
        'scale_factor',
      );
    }
    if (typeof scale === 'number') factors = Array.from({ length: Math.max(dim, 0) }, () => scale);
    else if (list) factors = list;
    else return UNKNOWN_APPLY;
  } else {
    return fail('torch.upsample-args', 'either size or scale_factor should be defined');
  }
  if (recompute === true && size !== null) {
    return fail('torch.upsample-args', 'recompute_scale_factor is not meaningful with an explicit size.', 'recompute_scale_factor');
  }
  if (input.length < 3 || input.length > 5) {
    return fail('torch.input-rank', `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.length}D) for the modes: ${MODE_LIST} (got ${mode})`);
  }
  const needed = MODE_RANK[mode];
  if (needed !== undefined && needed !== input.length) {
    return fail('torch.input-rank', `Got ${input.length}D input, but ${mode} mode needs ${needed}D input`, 'mode');
  }
  const out = outSizes ?? spatial.map((extent, i) => Math.floor(extent * (factors as number[])[i]));
  if (out.some((extent) => extent <= 0) || spatial.some((extent) => extent <= 0)) {
    const names = ['D', 'H', 'W'].slice(3 - dim);
    const describe = (values: readonly number[]): string => values.map((v, i) => `${names[i]}: ${v}`).join(', ');
    const joiner = dim === 1 ? ' and output' : ' output';
    return fail('torch.output-too-small', `Input and output sizes should be greater than 0, but got input (${describe(spatial)})${joiner} (${describe(out)})`);
  }
  return {
    output: [input[0], input[1], ...out],
    macs: ZERO_COUNT,
    steps: mode === 'nearest' || mode === 'nearest-exact' ? upsampleAxisSteps(factors, spatial, out) : null,
    issues: [],
  };
}

/**
 * Nearest upsampling by an integer factor f is, for the receptive field, a transposed step
 * of kernel f and stride f (each output pixel comes from exactly one input pixel). Other
 * factors and modes have no exact step: null.
 */
function upsampleAxisSteps(factors: readonly number[] | null, spatial: readonly number[], out: readonly number[]): AxisStep[] | null {
  const ratios = factors ?? out.map((extent, i) => extent / spatial[i]);
  if (ratios.some((f) => !Number.isInteger(f) || f < 1)) return null;
  return ratios.map((f) => ({ kernel: f, dilation: 1, stride: f, padding: 0, transposed: true }));
}
