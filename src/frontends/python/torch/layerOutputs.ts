/**
 * The value a leaf layer's call gives back to the interpreter. Most layers return one
 * tensor; RNN, LSTM, GRU and LSTMCell return tuples (`(output, h_n)`,
 * `(output, (h_n, c_n))`), built here so that `out, (h, c) = self.lstm(x)` unpacks shapes
 * exactly as PyTorch does. The first output keeps the receptive field of the input chain.
 */
import type { Shape } from '../../../engine/types';
import type { OutputShapes } from '../../../engine/torch/layerResults';
import { torchLayerReturnsTuple } from '../../../engine/torch/layers';
import { makeTensor } from '../core/tensorOps';
import type { PyTensor, Value } from '../core/values';
import { isTensor, tuple, unknown } from '../core/values';

/** The arguments of a layer call, beyond the layer itself. */
export interface LayerCallArgs {
  readonly args: readonly Value[];
  readonly kwargs: ReadonlyMap<string, Value>;
}

/**
 * Shapes of the tensor arguments after the first (`attn(q, k, v)`, `bilinear(x1, x2)`), up to
 * the first one that is not a tensor of known shape: a rule missing an input leaves its
 * result unknown.
 */
export function otherInputShapes(args: readonly Value[]): Shape[] {
  const shapes: Shape[] = [];
  for (const arg of args.slice(1)) {
    if (!isTensor(arg) || !arg.shape) break;
    shapes.push(arg.shape);
  }
  return shapes;
}

/**
 * MultiheadAttention's weights follow `need_weights` and `average_attn_weights` (None, or
 * one map per head): with either given, the weights are left unknown rather than guessed.
 */
function weightsDependOnCall(kind: string, call: LayerCallArgs): boolean {
  return kind === 'MultiheadAttention' && (call.args.length > 4 || call.kwargs.has('need_weights') || call.kwargs.has('average_attn_weights'));
}

const isShape = (entry: OutputShapes): entry is Shape => entry.every((item) => typeof item === 'number');

function outputValue(entry: OutputShapes): Value {
  return isShape(entry) ? makeTensor(entry) : tuple((entry as readonly Shape[]).map((shape) => makeTensor(shape)));
}

/** The call's result: the first output as given, or a tuple of it and the other outputs. */
export function layerCallValue(kind: string, output: PyTensor, outputs: readonly OutputShapes[] | undefined, call?: LayerCallArgs): Value {
  if (outputs && call && weightsDependOnCall(kind, call)) return tuple([output, unknown('attn_weights with need_weights or average_attn_weights given')]);
  if (outputs) return tuple([output, ...outputs.slice(1).map(outputValue)]);
  // A tuple-returning layer whose outputs are unknown (unknown input, a failing call): never one tensor.
  return torchLayerReturnsTuple(kind) ? unknown(`the outputs of nn.${kind}`) : output;
}

/** Every output of a tuple-returning call, flat, for the layer record (absent for one output). */
export function flatOutputs(outputs: readonly OutputShapes[] | undefined): Shape[] | undefined {
  return outputs?.flatMap((entry) => (isShape(entry) ? [entry] : [...(entry as readonly Shape[])]));
}
