/**
 * MaxPool / AvgPool / AdaptiveAvgPool / AdaptiveMaxPool {1,2,3}d. Shapes follow ATen's
 * `pooling_output_shape` (ceil_mode drops a last window that would start in the right
 * padding); checks and messages follow the kernel PyTorch runs for each kind: MaxPool1d and
 * AvgPool1d run as 2-d pools over a height of 1, the 2-d/3-d pools share
 * `pool{2,3}d_shape_check`. Inside a model a pool's input requires grad; PyTorch's no-grad
 * CPU fast path for MaxPool1d (other messages, empty outputs allowed) is not modelled.
 */
import type { AxisStep, BoundArgs, EngineIssue, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { isUnknownValue } from '../types';
import { boolArgOrNull, floorDiv, torchShapeText, intArgOrNull, intTuple, torchSpatialRank, torchError } from './args';

/** Pooling constructors validate nothing; pools have no parameters. */
export function constructPool(kind: string, args: BoundArgs): ConstructResult {
  return { layer: { kind, args, params: [] }, issues: [] };
}

interface PoolSpec {
  readonly kernel: number[];
  readonly stride: number[];
  readonly padding: number[];
  readonly dilation: number[];
  readonly ceilMode: boolean;
}

function readPool(kind: string, args: BoundArgs, n: number): PoolSpec | null {
  const kernel = intTuple(args.kernel_size, n);
  const stride = args.stride === null || (Array.isArray(args.stride) && args.stride.length === 0) ? kernel : intTuple(args.stride, n);
  const padding = intTuple(args.padding, n);
  const dilation = kind.startsWith('Max') ? intTuple(args.dilation, n) : Array.from({ length: n }, () => 1);
  const ceilMode = boolArgOrNull(args, 'ceil_mode');
  if (!kernel || !stride || !padding || !dilation || ceilMode === null) return null;
  return { kernel, stride, padding, dilation, ceilMode };
}

/** ATen `pooling_output_shape_pad_lr` with equal padding on both sides. */
export function poolOutputSize(size: number, kernel: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number {
  let out = floorDiv(size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0), stride) + 1;
  // ensure that the last pooling starts inside the image
  if (ceilMode && (out - 1) * stride >= size + pad) out -= 1;
  return out;
}

/** ATen `pooling_output_shape`'s own checks for one axis. */
function axisIssue(kernel: number, pad: number, stride: number): EngineIssue | null {
  if (stride === 0) return torchError('torch.non-positive-stride', 'stride should not be zero', 'stride');
  if (pad < 0) return torchError('torch.negative-padding', `pad must be non-negative, but got pad: ${pad}`, 'padding');
  if (pad > Math.trunc(kernel / 2)) {
    return torchError('torch.pool-padding', `pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${kernel}`, 'padding');
  }
  return null;
}

function rankIssue(kind: string, n: number, input: Shape): EngineIssue | null {
  if (input.length === n + 1 || input.length === n + 2) return null;
  let message: string;
  if (kind === 'MaxPool1d') {
    message = `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:${torchShapeText(input)}`;
  } else if (kind === 'AvgPool1d') {
    message = `Expected 2 to 3 dimensions, but got ${input.length}-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)`;
  } else {
    message = `non-empty ${n + 1}D or ${n + 2}D (batch mode) tensor expected for input`;
  }
  return torchError('torch.input-rank', message);
}

/** MaxPool{n}d / AvgPool{n}d forward: output shape and the errors PyTorch raises. */
export function applyPool(layer: TorchLayer, input: Shape): ApplyResult {
  const n = torchSpatialRank(layer.kind);
  const spec = readPool(layer.kind, layer.args, n);
  if (!spec) return UNKNOWN_APPLY;
  const rank = rankIssue(layer.kind, n, input);
  if (rank) return failedApply([rank]);
  const spatial = input.slice(input.length - n);
  const channels = input[input.length - n - 1];
  if (layer.kind.startsWith('Avg') && n > 1 && layer.args.divisor_override === 0) {
    return failedApply([torchError('torch.divisor-zero', 'divisor must be not zero', 'divisor_override')]);
  }
  for (let axis = 0; axis < n; axis++) {
    const issue = axisIssue(spec.kernel[axis], spec.padding[axis], spec.stride[axis]);
    if (issue) return failedApply([issue]);
  }
  const out = spatial.map((size, i) => poolOutputSize(size, spec.kernel[i], spec.padding[i], spec.stride[i], spec.dilation[i], spec.ceilMode));
  if (layer.kind === 'AvgPool3d' && spatial.some((size, i) => size < spec.kernel[i])) {
    return failedApply([
      torchError(
        'torch.kernel-too-large',
        `input image (T: ${spatial[0]} H: ${spatial[1]} W: ${spatial[2]}) smaller than kernel size (kT: ${spec.kernel[0]} kH: ${spec.kernel[1]} kW: ${spec.kernel[2]})`,
        'kernel_size',
      ),
    ]);
  }
  if (out.some((size) => size < 1)) {
    // The 1-d pools run as 2-d pools over a height of 1.
    const inSizes = n === 1 ? [1, ...spatial] : spatial;
    const outSizes = n === 1 ? [1, ...out] : out;
    return failedApply([
      torchError(
        'torch.output-too-small',
        `Given input size: (${[channels, ...inSizes].join('x')}). Calculated output size: (${[channels, ...outSizes].join('x')}). Output size is too small`,
      ),
    ]);
  }
  const steps: AxisStep[] = spec.kernel.map((kernel, i) => ({
    kernel,
    dilation: spec.dilation[i],
    stride: spec.stride[i],
    padding: spec.padding[i],
  }));
  return { output: [...input.slice(0, input.length - n), ...out], macs: ZERO_COUNT, steps, issues: [] };
}

function adaptiveRankIssue(kind: string, n: number, input: Shape): EngineIssue | null {
  if (input.length === n + 1 || input.length === n + 2) return null;
  const op = `adaptive_${kind.startsWith('AdaptiveMax') ? 'max' : 'avg'}_pool${n}d`;
  if (n === 1) {
    return torchError('torch.input-rank', `Expected 2 to 3 dimensions, but got ${input.length}-dimensional tensor for argument #1 'self' (while checking arguments for ${op})`);
  }
  const colon = kind.startsWith('AdaptiveMax') ? ':' : '';
  return torchError('torch.input-rank', `${op}(): Expected ${n + 1}D or ${n + 2}D tensor, but got${colon} ${torchShapeText(input)}`);
}

/**
 * Adaptive pooling: the output size is given (None keeps the input size). Receptive-field
 * steps are exact only when the output divides the input (windows of in/out with stride
 * in/out); otherwise the windows vary and steps are null.
 */
export function applyAdaptivePool(layer: TorchLayer, input: Shape): ApplyResult {
  const n = torchSpatialRank(layer.kind);
  const raw = layer.args.output_size;
  if (isUnknownValue(raw)) return UNKNOWN_APPLY;
  const rank = adaptiveRankIssue(layer.kind, n, input);
  if (rank) return failedApply([rank]);
  const spatial = input.slice(input.length - n);
  let sizes: (number | null)[];
  if (Array.isArray(raw)) {
    sizes = raw.map((entry) => (entry === null ? null : typeof entry === 'number' ? entry : NaN));
    if (sizes.length === 1 && n > 1) sizes = Array.from({ length: n }, () => sizes[0]);
  } else {
    const single = intArgOrNull(layer.args, 'output_size');
    sizes = Array.from({ length: n }, () => single);
  }
  if (sizes.length !== n || sizes.some((size) => size !== null && !Number.isInteger(size))) return UNKNOWN_APPLY;
  const out = sizes.map((size, i) => (size === null ? spatial[i] : size));
  const divisible = out.every((size, i) => size > 0 && spatial[i] % size === 0);
  const steps: AxisStep[] | null = divisible ? out.map((size, i) => ({ kernel: spatial[i] / size, dilation: 1, stride: spatial[i] / size, padding: 0 })) : null;
  return { output: [...input.slice(0, input.length - n), ...out], macs: ZERO_COUNT, steps, issues: [] };
}
