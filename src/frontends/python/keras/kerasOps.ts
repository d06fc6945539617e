/**
 * `keras.ops` on symbolic tensors, as custom layers use them in `call()`: `ops.shape` (open
 * dimensions stay NaN, so `height * 2` stays open), `ops.reshape`, the axis moves shared with
 * numpy (kerasNumpy.ts), reductions, element-wise math and broadcasting
 * arithmetic; `keras.random.normal(shape=...)` makes a tensor of that shape. Shapes only.
 */
import type { AnalysisContext } from '../core/context';
import { opSite } from '../core/opSite';
import type { PyNode } from '../core/syntax';
import { broadcastTensors, makeTensor, reduceShape } from '../core/tensorOps';
import type { PyTensor, Value } from '../core/values';
import { intOf, isTensor, sequenceOf, tuple } from '../core/values';
import { inheritKerasAncestry, openDim } from './kerasSession';
import { moveAxes } from './kerasNumpy';
import { recordKerasOpsCall } from './kerasGraphOps';

const opsPath = /^(?:tensorflow\.)?keras\.(?:src\.)?ops\.(?:numpy\.|core\.|nn\.|math\.)?(\w+)$/;
const randomPath = /^(?:tensorflow\.)?keras\.(?:src\.)?random\.(normal|uniform|truncated_normal|randint)$/;

/** Ops whose output has the shape of their (first) input. */
const unary = new Set([
  'exp',
  'log',
  'sqrt',
  'rsqrt',
  'abs',
  'square',
  'negative',
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'relu',
  'relu6',
  'gelu',
  'silu',
  'swish',
  'softmax',
  'log_softmax',
  'softplus',
  'elu',
  'leaky_relu',
  'hard_sigmoid',
  'clip',
  'cast',
  'convert_to_tensor',
  'stop_gradient',
  'round',
  'floor',
  'ceil',
  'sign',
  'normalize',
  'erf',
]);

/** Element-wise binary ops: NumPy broadcasting. */
const binary: Readonly<Record<string, string>> = { add: '+', subtract: '-', multiply: '*', divide: '/', true_divide: '/', power: '**', maximum: '+', minimum: '+' };

const reductions = new Set(['mean', 'sum', 'max', 'min', 'prod', 'std', 'var', 'logsumexp', 'argmax', 'argmin']);

/** A dimension list as Keras takes it: numbers, `None` (open) and one `-1`. */
function dimsOf(value: Value | undefined): number[] | null {
  const items = value === undefined ? undefined : sequenceOf(value);
  if (!items) return null;
  const dims = items.map((item) => (item === null ? openDim : intOf(item)));
  return dims.every((d): d is number => d !== undefined) ? dims : null;
}

/** `ops.reshape(x, shape)`: one `-1` takes what is left; with an open size it stays open. */
function reshape(input: PyTensor, target: number[]): PyTensor {
  const shape = input.shape;
  if (!shape) return makeTensor(null, [input]);
  const size = shape.reduce((a, b) => a * b, 1);
  const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const resolved = target.map((d) => (d === -1 ? size / known : d));
  // A size that does not divide: Keras would fail at run time; the shape is not told here.
  if (resolved.some((d) => !Number.isNaN(d) && !Number.isInteger(d))) return makeTensor(null, [input]);
  return makeTensor(resolved, [input]);
}

function opsCall(context: AnalysisContext, name: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  const input = args[0] ?? kwargs.get('x') ?? null;
  const symbol = binary[name];
  if (symbol !== undefined) return broadcastTensors(symbol, input, args[1] ?? kwargs.get('x2') ?? null, opSite(context, site));
  if (!isTensor(input)) return undefined;
  if (unary.has(name)) return makeTensor(input.shape, [input]);
  if (reductions.has(name)) return reduceShape(input, args[1] ?? kwargs.get('axis') ?? null, (args[2] ?? kwargs.get('keepdims')) === true);
  const moved = moveAxes(input, name, args, kwargs);
  if (moved) return moved;
  switch (name) {
    case 'shape':
      return input.shape ? tuple([...input.shape]) : undefined;
    case 'reshape': {
      const target = dimsOf(args[1] ?? kwargs.get('newshape'));
      return target ? reshape(input, target) : makeTensor(null, [input]);
    }
    default:
      return undefined;
  }
}

/** `keras.ops.<name>(...)` and `keras.random.<name>(shape)`; undefined for other paths. */
export function callKerasOps(context: AnalysisContext, path: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  if (randomPath.test(path)) {
    const dims = dimsOf(args[0] ?? kwargs.get('shape'));
    return makeTensor(dims && dims.every((d) => d >= 0 || Number.isNaN(d)) ? dims : null);
  }
  const name = opsPath.exec(path)?.[1];
  if (name === undefined) return undefined;
  const result = opsCall(context, name, args, kwargs, site);
  // A tensor computed by ops from graph tensors depends on the layer calls they depend on.
  return result === undefined ? undefined : inheritKerasAncestry(context, recordKerasOpsCall(context, name, args, kwargs, result, site), args);
}
