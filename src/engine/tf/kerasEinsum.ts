/**
 * Keras 3's EinsumDense (a kernel contracted with the input by an einsum equation) and Dot
 * (a batched dot product of two inputs), with Keras's shape analysis and messages. The
 * einsum analysis is shared with the attention layers, whose projections are EinsumDense.
 */
import type { ArgValue, Shape } from '../types';
import type { ExactCount } from '../types';
import { multiplyCounts } from '../exactCount';
import type { TfLayer } from './layerModel';
import { ArgProblem, issue, pyTuple, tfShapeText } from './layerModel';
import type { FamilyResult } from './familyResult';

/** Python's repr of a resolved value, lists as lists (`[1, 'a']`), as f-strings print them. */
export function pyRepr(value: ArgValue | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${(value as readonly ArgValue[]).map(pyRepr).join(', ')}]`;
  return '<unknown>';
}

/** A dimension as Python prints it: an open (NaN) size is `None`. */
export const pyDim = (d: number): string => (Number.isNaN(d) ? 'None' : String(d));

/** A Keras error raised while building or calling a layer. */
export function kerasError(code: string, message: string): ArgProblem {
  return new ArgProblem(issue('error', code, message));
}

/** What Keras's `_analyze_einsum_string` derives: the weights' shapes and the full output shape. */
export interface EinsumAnalysis {
  readonly kernel: Shape;
  readonly bias: Shape | null;
  readonly output: Shape;
  /** Multiply-adds: one per product term, i.e. output elements x the sizes summed over. */
  readonly macs: ExactCount;
}

/**
 * Keras's analysis of an EinsumDense equation on `input` (batch first) with the partial
 * `outputShape` (a null entry stays open). Throws its exact `ValueError` texts.
 */
export function analyzeEinsum(equation: string, biasAxes: string | null, input: Shape, outputShape: readonly (number | null)[]): EinsumAnalysis {
  // Python's re.match anchors at the start only; "..." is first replaced by "0".
  const text = equation.replace(/\.\.\./g, '0');
  const plain = /^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)/.exec(text);
  const left = plain ? null : /^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)/.exec(text);
  const right = plain || left ? null : /^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0/.exec(text);
  const match = plain ?? left ?? right;
  if (!match) {
    throw kerasError('tf.einsum-equation', `Invalid einsum equation '${equation}'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....`);
  }
  const [, inputSpec, weightSpec, outputSpec] = match;
  const leftElided = left !== null;
  const elided = input.length - inputSpec.length;
  const output: number[] = [input[0], ...outputShape.map((d) => (d === null ? Number.NaN : d))];
  if (elided > 0 && leftElided) for (let i = 1; i < elided; i++) output.splice(1, 0, input[i]);
  else if (elided > 0) for (let i = input.length - elided; i < input.length; i++) output.push(input[i]);
  // Python indexes the output shape list: a partial shape of too few entries is an IndexError.
  const outputAt = (at: number): number => {
    if (at >= output.length) throw kerasError('tf.einsum-shape', 'list index out of range');
    return output[at];
  };
  const inputIndex = (i: number): number => (leftElided ? i + elided : i);
  const inputDims = new Map([...inputSpec].map((dim, i) => [dim, input.at(inputIndex(i) - (leftElided ? input.length : 0))!]));
  const outputDims = new Map([...outputSpec].map((dim, i) => [dim, inputIndex(i)]));
  for (const dim of inputSpec) {
    // Python indexes the input shape here: an input of too low a rank is an IndexError.
    if (inputDims.get(dim) === undefined) throw kerasError('tf.bad-axis', 'tuple index out of range');
    const at = outputDims.get(dim);
    if (at === undefined) continue;
    if (!Number.isNaN(outputAt(at)) && output[at] !== inputDims.get(dim)) {
      throw kerasError(
        'tf.einsum-shape',
        `Input shape and output shape do not match at shared dimension '${dim}'. Input shape is ${pyDim(inputDims.get(dim)!)}, and output shape is ${pyDim(output[at])}.`,
      );
    }
  }
  for (const dim of outputSpec) {
    if (!inputSpec.includes(dim) && !weightSpec.includes(dim)) {
      // Keras names the output spec where it means the weight spec.
      throw kerasError(
        'tf.einsum-shape',
        `Dimension '${dim}' was specified in the output '${outputSpec}' but has no corresponding dim in the input spec '${inputSpec}' or weight spec '${outputSpec}'`,
      );
    }
  }
  const kernel = [...weightSpec].map((dim) => {
    const at = outputDims.get(dim);
    if (at !== undefined) return outputAt(at);
    const size = inputDims.get(dim);
    if (size !== undefined) return size;
    throw kerasError(
      'tf.einsum-shape',
      `Weight dimension '${dim}' did not have a match in either the input spec '${inputSpec}' or the output spec '${outputSpec}'. For this layer, the weight must be fully specified.`,
    );
  });
  let bias: number[] | null = null;
  if (biasAxes !== null) {
    const offset = leftElided ? elided : 0;
    for (const char of biasAxes) {
      if (!outputSpec.includes(char)) throw kerasError('tf.einsum-bias', `Bias dimension '${char}' was requested, but is not part of the output spec '${outputSpec}'`);
    }
    const first = Math.min(...[...biasAxes].map((char) => outputSpec.indexOf(char)));
    // Keras maps every output letter to its size before it reads the bias axes.
    [...outputSpec].forEach((_char, i) => outputAt(i + offset));
    bias = [...outputSpec.slice(first)].map((char, i) => (biasAxes.includes(char) ? output[first + i + offset] : 1));
    if (!leftElided) for (let i = 0; i < elided; i++) bias.push(1);
  }
  // Summed-over letters: in the input or the kernel but not in the output.
  const summed = [...new Set([...inputSpec, ...weightSpec])].filter((dim) => !outputSpec.includes(dim));
  const summedSizes = summed.map((dim) => inputDims.get(dim) ?? kernel[weightSpec.indexOf(dim)]);
  return { kernel, bias, output, macs: multiplyCounts(...output, ...summedSizes) };
}

/** A variable shape must be fully known when Keras creates it (its words). */
export function checkDefined(layer: TfLayer, name: string, shape: Shape): void {
  if (shape.some((d) => Number.isNaN(d))) {
    throw kerasError(
      'tf.open-weight',
      `Shapes used to initialize variables must be fully-defined (no \`None\` dimensions). Received: shape=${pyTuple(shape.map(pyDim))} for variable path='${layer.name}/${name}'`,
    );
  }
}

/** EinsumDense's `output_shape`: an int or a list whose None entries stay open. */
export function partialShapeArg(value: ArgValue | undefined, name: string): (number | null)[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((d) => typeof d === 'number' || d === null)) return value as (number | null)[];
  throw new ArgProblem(issue('info', 'tf.unknown-arg', `${name} could not be resolved`, name));
}

function applyEinsumDense(layer: TfLayer, input: Shape): FamilyResult {
  const equation = layer.args.equation;
  if (typeof equation !== 'string') throw new ArgProblem(issue('info', 'tf.unknown-arg', 'equation could not be resolved', 'equation'));
  const biasAxes = typeof layer.args.bias_axes === 'string' ? layer.args.bias_axes : null;
  const analysis = analyzeEinsum(equation, biasAxes, input, partialShapeArg(layer.args.output_shape, 'output_shape'));
  checkDefined(layer, 'kernel', analysis.kernel);
  const paramTensors = [{ name: 'kernel', shape: analysis.kernel, trainable: true }];
  if (analysis.bias) {
    checkDefined(layer, 'bias', analysis.bias);
    paramTensors.push({ name: 'bias', shape: analysis.bias, trainable: true });
  }
  return { output: analysis.output, macs: analysis.macs, steps: null, issues: [], paramTensors };
}

/** Dot's two axes: an int for both inputs (negative ones counted from each input's end), or a pair as given. */
function dotAxes(layer: TfLayer, a: Shape, b: Shape): [number, number] {
  const axes = layer.args.axes;
  if (typeof axes === 'number') return axes < 0 ? [mod(axes, a.length), mod(axes, b.length)] : [axes, axes];
  if (Array.isArray(axes) && axes.length === 2 && axes.every((x) => typeof x === 'number')) return [axes[0] as number, axes[1] as number];
  throw new ArgProblem(issue('info', 'tf.unknown-arg', 'axes could not be resolved', 'axes'));
}

const mod = (x: number, n: number): number => ((x % n) + n) % n;

/** TF.js's Dot: ranks up to 3, a pair of axes taken as given (JavaScript indexing), its own words. */
function applyTfjsDot(layer: TfLayer, inputs: readonly Shape[], listed: boolean): FamilyResult {
  if (!listed || inputs.length !== 2) throw kerasError('tf.merge-arity', 'A `Dot` layer should be called on a list of exactly 2 inputs.');
  const [a, b] = inputs;
  if (a.length > 3 || b.length > 3) throw kerasError('tf.dot-rank', 'Dot layer does not support tensors of 4D or higher rank yet.');
  const axes = layer.args.axes;
  // tfjs's interpretAxis adds the rank to a negative int; a pair is used as given.
  const interpret = (axis: number, rank: number): number => (axis < 0 ? mod(axis, rank) : axis);
  const [axisA, axisB] = Array.isArray(axes) ? dotAxes(layer, a, b) : [interpret(requiredAxis(axes), a.length), interpret(requiredAxis(axes), b.length)];
  const sizeA: number | undefined = a[axisA];
  const sizeB: number | undefined = b[axisB];
  if (sizeA !== sizeB) throw kerasError('tf.dot-mismatch', `Dimension incompatibility: ${String(sizeA)} !== ${String(sizeB)}`);
  // Array.splice counts a negative index from the end, as computeOutputShape does.
  const restA = [...a];
  restA.splice(axisA, 1);
  const restB = [...b];
  restB.splice(axisB, 1);
  restB.splice(0, 1);
  const output = [...restA, ...restB];
  if (output.length === 1) output.push(1);
  return { output, macs: multiplyCounts(...output, sizeA ?? Number.NaN), steps: null, issues: [] };
}

function requiredAxis(value: ArgValue | undefined): number {
  if (typeof value !== 'number') throw new ArgProblem(issue('info', 'tf.unknown-arg', 'axes could not be resolved', 'axes'));
  return value;
}

function applyDot(layer: TfLayer, inputs: readonly Shape[], listed: boolean): FamilyResult {
  if (layer.dialect === 'tfjs') return applyTfjsDot(layer, inputs, listed);
  if (!listed || inputs.length !== 2) {
    const received = listed ? `[${inputs.map((s) => tfShapeText(s, 'keras')).join(', ')}]` : tfShapeText(inputs[0], 'keras');
    throw kerasError('tf.merge-arity', `A \`Dot\` layer should be called on a list of 2 inputs. Received: input_shape=${received}`);
  }
  const [a, b] = inputs;
  const [axisA, axisB] = dotAxes(layer, a, b);
  // Python indexing: a negative axis from a given pair counts from the end.
  const sizeA = a.at(axisA);
  const sizeB = b.at(axisB);
  if (sizeA === undefined || sizeB === undefined) throw kerasError('tf.bad-axis', 'tuple index out of range');
  if (!(sizeA === sizeB || (Number.isNaN(sizeA) && Number.isNaN(sizeB)))) {
    throw kerasError(
      'tf.dot-mismatch',
      `Incompatible input shapes: axis values ${pyDim(sizeA)} (at axis ${axisA}) != ${pyDim(sizeB)} (at axis ${axisB}). Full input shapes: ${tfShapeText(a, 'keras')}, ${tfShapeText(b, 'keras')}`,
    );
  }
  const restA = a.filter((_d, i) => i !== mod(axisA, a.length));
  const restB = b.filter((_d, i) => i !== mod(axisB, b.length));
  // Keras pops the second input's batch axis: nothing left is Python's IndexError.
  if (restB.length === 0) throw kerasError('tf.bad-axis', 'pop from empty list');
  const output = [...restA, ...restB.slice(1)];
  if (output.length === 1) output.push(1);
  return { output, macs: multiplyCounts(...output, sizeA), steps: null, issues: [] };
}

/** Keras's constructor checks of Dot's `axes`. */
export function dotConstructorIssues(layer: TfLayer): ArgProblem | null {
  const axes = layer.args.axes;
  if (typeof axes === 'number' || !(Array.isArray(axes) || typeof axes === 'string' || typeof axes === 'boolean' || axes === null)) return null;
  const shown = pyRepr(axes).replace(/^'(.*)'$/, '$1');
  if (!Array.isArray(axes)) return kerasError('tf.bad-axes', `Invalid type for argument \`axes\`: it should be a list or an int. Received: axes=${shown}`);
  if (axes.length !== 2) return kerasError('tf.bad-axes', `Invalid format for argument \`axes\`: it should contain two elements. Received: axes=${shown}`);
  if (!axes.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    return kerasError('tf.bad-axes', `Invalid format for argument \`axes\`: list elements should be integers. Received: axes=${shown}`);
  }
  return null;
}

/** EinsumDense (one input) and Dot (a list of two); undefined for other kinds. */
export function applyEinsumFamily(layer: TfLayer, inputs: readonly Shape[], listed: boolean): FamilyResult | undefined {
  if (layer.kind === 'Dot') return applyDot(layer, inputs, listed);
  if (layer.kind !== 'EinsumDense') return undefined;
  if (inputs.length !== 1) throw kerasError('tf.arity', `Layer ${layer.name} expects 1 input, but it received ${inputs.length} input tensors.`);
  return applyEinsumDense(layer, inputs[0]);
}
