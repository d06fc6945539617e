/**
 * The pooling-like layers beyond Max/Avg/Adaptive pooling: LPPool1d/2d (an average pool of
 * x^p, so its shapes and checks are AvgPool's), Unfold/Fold (ATen's im2col/col2im), the
 * fractional max pools and MaxUnpool{1,2,3}d. None has parameters; all count 0 MACs, like
 * the other pools. Messages are PyTorch 1.13's, quirks included (LPPool1d refuses a tuple
 * kernel only after pooling, when it multiplies by it).
 */
import type { BoundArgs, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { intTuple, pythonValueRepr, torchError, torchShapeText, torchSpatialRank } from './args';
import { applyPool } from './pool';

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);
const ok = (output: Shape): ApplyResult => ({ output, macs: ZERO_COUNT, steps: null, issues: [] });
const pair = (values: readonly number[]): string => `(${values.join(', ')})`;

/** `F.lp_pool{1,2}d`: `avg_pool(x^p)` without padding, then a multiplication by the kernel size. */
export function applyLpPool(layer: TorchLayer, input: Shape): ApplyResult {
  const n = torchSpatialRank(layer.kind);
  const kernel = layer.args.kernel_size;
  if (n === 2 && Array.isArray(kernel) && kernel.length !== 2) {
    const message = kernel.length > 2 ? 'too many values to unpack (expected 2)' : `not enough values to unpack (expected 2, got ${kernel.length})`;
    return fail('torch.lppool-kernel', message, 'kernel_size');
  }
  if (n === 2 && input.length < 3) return fail('torch.dim-range', `Dimension out of range (expected to be in range of [${-input.length}, ${input.length - 1}], but got -3)`);
  const avgArgs: BoundArgs = { kernel_size: kernel, stride: layer.args.stride, padding: 0, ceil_mode: layer.args.ceil_mode, count_include_pad: true, divisor_override: null };
  const pooled = applyPool({ kind: `AvgPool${n}d`, args: avgArgs, params: [] }, input);
  if (pooled.output && n === 1 && Array.isArray(kernel)) return fail('torch.lppool-kernel', "mul(): argument 'other' (position 1) must be Tensor, not tuple", 'kernel_size');
  return pooled;
}

interface BlockSpec {
  readonly kernel: number[];
  readonly dilation: number[];
  readonly padding: number[];
  readonly stride: number[];
}

function blockSpec(args: BoundArgs): BlockSpec | null {
  const [kernel, dilation, padding, stride] = ['kernel_size', 'dilation', 'padding', 'stride'].map((name) => intTuple(args[name], 2));
  return kernel && dilation && padding && stride ? { kernel, dilation, padding, stride } : null;
}

/** The checks im2col and col2im share, on the block arguments (null when they pass). */
function blockArgsIssue(spec: BlockSpec): ApplyResult | null {
  const { kernel, stride, dilation, padding } = spec;
  if (kernel.some((k) => k <= 0))
    return fail('torch.kernel-size', `kernel size should be greater than zero, but got kernel_height: ${kernel[0]} kernel_width: ${kernel[1]}`, 'kernel_size');
  if (stride.some((s) => s <= 0))
    return fail('torch.non-positive-stride', `stride should be greater than zero, but got stride_height: ${stride[0]} stride_width: ${stride[1]}`, 'stride');
  if (dilation.some((d) => d <= 0))
    return fail('torch.dilation', `dilation should be greater than zero, but got dilation_height: ${dilation[0]} dilation_width: ${dilation[1]}`, 'dilation');
  // Negative padding has its own check whose order against the others is not recorded: unknown.
  return padding.some((p) => p < 0) ? UNKNOWN_APPLY : null;
}

/** Sliding-block counts along height and width. */
function blockCounts(spec: BlockSpec, size: readonly number[]): number[] {
  return [0, 1].map((axis) => Math.floor((size[axis] + 2 * spec.padding[axis] - spec.dilation[axis] * (spec.kernel[axis] - 1) - 1) / spec.stride[axis]) + 1);
}

const describeBlocks = (spec: BlockSpec): string => `kernel_size=${pair(spec.kernel)}, dilation=${pair(spec.dilation)}, padding=${pair(spec.padding)}`;

/** `nn.Unfold` (im2col): (N, C, H, W) -> (N, C x kh x kw, blocks). */
export function applyUnfold(layer: TorchLayer, input: Shape): ApplyResult {
  const spec = blockSpec(layer.args);
  if (!spec) return UNKNOWN_APPLY;
  const argsIssue = blockArgsIssue(spec);
  if (argsIssue) return argsIssue;
  if ((input.length !== 3 && input.length !== 4) || input.slice(input.length - 3).some((size) => size === 0)) {
    return fail('torch.input-rank', `Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${torchShapeText(input)}`);
  }
  const spatial = input.slice(-2);
  const blocks = blockCounts(spec, spatial);
  if (blocks.some((count) => count < 1)) {
    return fail(
      'torch.output-too-small',
      `Given input with spatial size ${pair(spatial)}, ${describeBlocks(spec)}, calculated shape of the array of sliding blocks as ${pair(blocks)}, but its components must be at least one.`,
    );
  }
  const channels = input[input.length - 3] * spec.kernel[0] * spec.kernel[1];
  return ok([...input.slice(0, -3), channels, blocks[0] * blocks[1]]);
}

/** `nn.Fold` (col2im): (N, C x kh x kw, blocks) -> (N, C, output_size). */
export function applyFold(layer: TorchLayer, input: Shape): ApplyResult {
  const spec = blockSpec(layer.args);
  const outputSize = intTuple(layer.args.output_size, 2);
  if (!spec || !outputSize) return UNKNOWN_APPLY;
  const argsIssue = blockArgsIssue(spec);
  if (argsIssue) return argsIssue;
  if ((input.length !== 2 && input.length !== 3) || input.slice(input.length - 2).some((size) => size === 0)) {
    return fail(
      'torch.input-rank',
      `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: ${torchShapeText(input)}`,
    );
  }
  const [columns, length] = input.slice(-2);
  const kernelArea = spec.kernel[0] * spec.kernel[1];
  const blocks = blockCounts(spec, outputSize);
  // The batched messages name dimensions 1 and 2; the unbatched ones are not recorded: unknown.
  const mismatch = columns % kernelArea !== 0 || blocks.some((count) => count < 1) || blocks[0] * blocks[1] !== length;
  if (mismatch && input.length === 2) return UNKNOWN_APPLY;
  if (columns % kernelArea !== 0) {
    return fail(
      'torch.fold-channels',
      `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${columns} and kernel_size=${pair(spec.kernel)}.`,
      'kernel_size',
    );
  }
  if (blocks.some((count) => count < 1)) return UNKNOWN_APPLY;
  if (blocks[0] * blocks[1] !== length) {
    return fail(
      'torch.fold-blocks',
      `Given output_size=${pair(outputSize)}, ${describeBlocks(spec)}, stride=${pair(spec.stride)}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${blocks[0]} * ${blocks[1]} = ${blocks[0] * blocks[1]}, but got input.size(2)=${length}.`,
    );
  }
  return ok([...input.slice(0, -2), columns / kernelArea, ...outputSize]);
}

/** `FractionalMaxPool{2,3}d.__init__`: exactly one of output_size and output_ratio, a ratio in (0, 1). */
export function constructFractionalPool(kind: string, args: BoundArgs): ConstructResult {
  const n = torchSpatialRank(kind);
  const refuse = (message: string, arg: string): ConstructResult => ({ layer: null, issues: [torchError('torch.fractional-pool-args', message, arg)] });
  const { output_size: size, output_ratio: ratio } = args;
  if (size === null && ratio === null) return refuse(`${kind} requires specifying either an output size, or a pooling ratio`, 'output_size');
  if (size !== null && ratio !== null) return refuse('only one of output_size and output_ratio may be specified', 'output_ratio');
  const ratios = ratioTuple(ratio, n);
  if (ratios && ratios.some((r) => !(r > 0 && r < 1))) return refuse(`output_ratio must be between 0 and 1 (got ${pythonValueRepr(ratio ?? null)})`, 'output_ratio');
  return { layer: { kind, args, params: [] }, issues: [] };
}

function ratioTuple(value: BoundArgs[string], n: number): number[] | null {
  if (typeof value === 'number') return Array.from({ length: n }, () => value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'number'))
    return value.length === 1 ? Array.from({ length: n }, () => value[0] as number) : (value as number[]);
  return null;
}

/** `F.fractional_max_pool{2,3}d`: sizes from output_size or int(size x ratio), then ATen's window check. */
export function applyFractionalPool(layer: TorchLayer, input: Shape): ApplyResult {
  const n = torchSpatialRank(layer.kind);
  const kernel = intTuple(layer.args.kernel_size, n);
  const ratios = ratioTuple(layer.args.output_ratio, n);
  const given = layer.args.output_size === null ? null : intTuple(layer.args.output_size, n);
  if (!kernel || (!ratios && !given)) return UNKNOWN_APPLY;
  if (input.length !== n + 1 && input.length !== n + 2) {
    // The 2-d kernel's rank message is not recorded: unknown rather than guessed.
    return n === 3 ? fail('torch.input-rank', `fractional_max_pool3d_out(): Expected 4D or 5D tensor, but got: ${torchShapeText(input)}`) : UNKNOWN_APPLY;
  }
  const spatial = input.slice(-n);
  const out = given ?? spatial.map((size, axis) => Math.trunc(size * (ratios as number[])[axis]));
  const names = n === 3 ? ['time', 'height', 'width'] : ['height', 'width'];
  const prefix = n === 3 ? 'fractional_max_pool3d_out()' : 'fractional_max_pool2d()';
  for (let axis = 0; axis < n; axis += 1) {
    // ATen's 2-d kernel lets the last window end on the input's edge; the 3-d one does not.
    const end = out[axis] + kernel[axis] - 1;
    if (n === 3 ? end >= spatial[axis] : end > spatial[axis]) {
      return fail('torch.fractional-pool-window', `${prefix}: pool ${names[axis]} ${kernel[axis]} too large relative to input ${names[axis]} ${spatial[axis]}`, 'kernel_size');
    }
  }
  const output = [...input.slice(0, -n), ...out];
  return layer.args.return_indices === true ? { output, outputs: [output, output], macs: ZERO_COUNT, steps: null, issues: [] } : ok(output);
}

/** `F.max_unpool{1,2,3}d` with the default output size `(in - 1) x stride + kernel - 2 x padding`. */
export function applyMaxUnpool(layer: TorchLayer, input: Shape): ApplyResult {
  const n = torchSpatialRank(layer.kind);
  const kernel = intTuple(layer.args.kernel_size, n);
  const stride = layer.args.stride === null ? kernel : intTuple(layer.args.stride, n);
  const padding = intTuple(layer.args.padding, n);
  if (!kernel || !stride || !padding) return UNKNOWN_APPLY;
  // MaxUnpool1d runs as a 2-d unpool over a width of 1.
  const effectiveRank = n === 1 ? input.length + 1 : input.length;
  const kernelRank = n === 3 ? 3 : 2;
  if (effectiveRank !== kernelRank + 1 && effectiveRank !== kernelRank + 2) {
    const ranks = n === 3 ? '4d or 5d' : '3d or 4d';
    return fail('torch.input-rank', `Input to max_unpooling${kernelRank}d should be a ${ranks} Tensor, but got a tensor with ${effectiveRank} dimensions.`);
  }
  if (input.length < n) return UNKNOWN_APPLY;
  const out = input.slice(-n).map((size, axis) => (size - 1) * stride[axis] + kernel[axis] - 2 * padding[axis]);
  if (out.some((size) => size < 0)) return fail('torch.output-too-small', 'numel: integer multiplication overflow');
  return ok([...input.slice(0, -n), ...out]);
}
