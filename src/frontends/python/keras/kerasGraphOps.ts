/**
 * The graph nodes of tensor operations on Keras symbolic tensors: the operators (`x + y`),
 * `keras.ops.*` (`add`, `concatenate`, `reshape`, reductions, ...), `tf.concat` and the
 * element-wise activation functions (`keras.activations.relu(x)`, as an `Activation` layer
 * twin). Arguments are resolved as the graph contract lists them (axes non-negative); an
 * op without a kernel kind keeps its Keras name and a note, so its branch stops by name.
 */
import type { BoundArgs } from '../../../engine/types';
import type { TfOpSite } from '../../../engine/tf/tfGraph';
import type { AnalysisContext } from '../core/context';
import type { PyNode } from '../core/syntax';
import type { PyTensor, Value } from '../core/values';
import { intOf, isTensor, numberOf, sequenceOf } from '../core/values';
import { existingKerasSession } from './kerasSession';

const operatorKinds: Readonly<Record<string, string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow', '@': 'matmul' };

/** The keras.ops function each operator on a KerasTensor calls (its Operation's auto name). */
const operatorOps: Readonly<Record<string, string>> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'true_divide',
  '//': 'floor_divide',
  '%': 'mod',
  '**': 'power',
  '@': 'matmul',
};

/** `keras.ops` names and the op kind each is. */
const opsKinds: Readonly<Record<string, string>> = {
  add: 'add',
  subtract: 'sub',
  multiply: 'mul',
  divide: 'div',
  true_divide: 'div',
  power: 'pow',
  maximum: 'maximum',
  minimum: 'minimum',
  matmul: 'matmul',
  negative: 'neg',
  abs: 'abs',
  exp: 'exp',
  log: 'log',
  sqrt: 'sqrt',
  rsqrt: 'rsqrt',
  reshape: 'reshape',
  expand_dims: 'reshape',
  squeeze: 'reshape',
  mean: 'mean',
  sum: 'sum',
  max: 'amax',
  min: 'amin',
  transpose: 'permute',
  cast: 'identity',
  convert_to_tensor: 'identity',
  stop_gradient: 'identity',
};

/** Activation functions that are an `Activation` layer (`keras.ops.relu`, `tf.nn.sigmoid`, `keras.activations.gelu`). */
const activationNames = new Set([
  'relu',
  'relu6',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
  'selu',
  'gelu',
  'swish',
  'silu',
  'leaky_relu',
  'softplus',
  'hard_sigmoid',
  'hard_swish',
  'log_softmax',
]);

function axisOf(value: Value | undefined, rank: number): number | undefined {
  const axis = value === undefined ? undefined : intOf(value);
  if (axis === undefined || axis < -rank || axis >= rank) return undefined;
  return axis < 0 ? axis + rank : axis;
}

/** Arguments of a binary op: a number operand goes into `other` (`reversed` when it is on the left). */
function binaryArgs(operands: readonly Value[]): BoundArgs | null {
  const [left, right] = operands;
  if (isTensor(left) && isTensor(right)) return {};
  const scalar = numberOf(isTensor(left) ? right : left);
  return scalar === undefined ? null : { other: scalar, reversed: !isTensor(left) };
}

/** Reduction axes made non-negative (null: all axes). */
function reductionArgs(input: PyTensor, axisValue: Value | undefined, keepdims: Value | undefined): BoundArgs | null {
  const rank = input.shape?.length ?? 0;
  const keepdim = keepdims === true;
  if (axisValue === undefined || axisValue === null) return { dim: null, keepdim };
  const axes = (sequenceOf(axisValue) ?? [axisValue]).map((v) => axisOf(v, rank));
  return axes.every((a): a is number => a !== undefined) ? { dim: axes, keepdim } : null;
}

function opArgs(kind: string, input: PyTensor, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): BoundArgs | null {
  switch (kind) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'pow':
      return binaryArgs([args[0] ?? kwargs.get('x1') ?? null, args[1] ?? kwargs.get('x2') ?? null]);
    case 'mean':
    case 'sum':
    case 'amax':
    case 'amin':
      return reductionArgs(input, args[1] ?? kwargs.get('axis'), args[2] ?? kwargs.get('keepdims'));
    case 'permute': {
      const rank = input.shape?.length ?? 0;
      const axesValue = args[1] ?? kwargs.get('axes');
      if (axesValue === undefined || axesValue === null) return { dims: Array.from({ length: rank }, (_, i) => rank - 1 - i) };
      const axes = (sequenceOf(axesValue) ?? []).map((v) => axisOf(v, rank));
      return axes.length === rank && axes.every((a): a is number => a !== undefined) ? { dims: axes } : null;
    }
    default:
      return {};
  }
}

/**
 * Registers `result` as made by `site` from `inputs`; a result that is one of its inputs is
 * copied first. `operation`: the auto name Keras 3 gives the op when it builds a functional
 * graph (an Operation named like a layer, from the same counter: `add`, `re_lu`); inside a
 * `call()` ops run on backend tensors and take none.
 */
function record(context: AnalysisContext, site: TfOpSite, inputs: readonly PyTensor[], result: Value, operation: string | undefined): Value {
  const session = existingKerasSession(context);
  // Only tensors of a Keras graph matter (the model's own layer calls or inputs lead to them).
  if (!session || !isTensor(result) || inputs.length === 0) return result;
  if (operation && session.callDepth === 0 && inputs.some((tensor) => session.isSymbolic(tensor))) session.autoName(operation);
  const output: PyTensor = inputs.includes(result) ? { ...result } : result;
  session.graph.op(site, inputs, [output], [output.shape ? [...output.shape] : null]);
  return output;
}

/** `x + y` and the other operators on Keras tensors. */
export function recordKerasOperator(context: AnalysisContext, result: Value, operands: readonly Value[], operator: string, site: PyNode | undefined): Value {
  const kind = operatorKinds[operator];
  const args = kind ? binaryArgs(operands) : null;
  const op: TfOpSite = {
    kind: kind ?? operator,
    origin: 'operator',
    args: args ?? {},
    range: site?.range ?? null,
    ...(args ? {} : { note: `no kernel for the operator ${operator} here` }),
  };
  return record(context, op, operands.filter(isTensor), result, operatorOps[operator]);
}

/** `keras.ops.<name>(...)` on Keras tensors. */
export function recordKerasOpsCall(context: AnalysisContext, name: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, result: Value, site: PyNode): Value {
  const input = [args[0], kwargs.get('x'), kwargs.get('x1')].find((value): value is PyTensor => value !== undefined && isTensor(value));
  const tensors = [...args, ...kwargs.values()].filter(isTensor);
  if (!input) return result;
  if (activationNames.has(name)) return recordKerasActivation(context, name, input, result, site, name);
  const kind = opsKinds[name];
  const resolved = kind ? opArgs(kind, input, args, kwargs) : null;
  const note = resolved ? undefined : kind ? `the arguments of keras.ops.${name} are not known` : `no kernel for keras.ops.${name}`;
  return record(context, { kind: kind ?? name, origin: 'function', args: resolved ?? {}, range: site.range, ...(note ? { note } : {}) }, tensors, result, name);
}

/** `keras.ops.concatenate(xs, axis)` / `tf.concat(xs, axis)` (`operation`: see `record`): a `cat` node with a non-negative axis. */
export function recordKerasConcat(context: AnalysisContext, parts: Value, axisValue: Value, result: Value, site: PyNode, operation: string | undefined): Value {
  const tensors = (sequenceOf(parts) ?? []).filter(isTensor);
  const rank = tensors[0]?.shape?.length ?? 0;
  const dim = axisOf(axisValue, rank);
  const op: TfOpSite = {
    kind: 'cat',
    origin: 'function',
    args: { dim: dim ?? null },
    range: site.range,
    ...(dim === undefined ? { note: 'the axis of this concatenation is not known' } : {}),
  };
  return record(context, op, tensors, result, operation);
}

/**
 * `keras.activations.relu(x)`, `keras.ops.relu(x)`, `tf.nn.relu(x)`: an `Activation` layer
 * twin, the result a new tensor (`operation`: see `record`).
 */
export function recordKerasActivation(context: AnalysisContext, name: string, input: PyTensor, result: Value, site: PyNode, operation: string | undefined): Value {
  return record(context, { kind: 'Activation', origin: 'function', args: { activation: name }, range: site.range }, [input], result, operation);
}
