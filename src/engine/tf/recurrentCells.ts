/**
 * Keras's and TensorFlow.js's recurrent layers, for both dialects: SimpleRNN, LSTM and GRU,
 * their cells (SimpleRNNCell, LSTMCell, GRUCell), StackedRNNCells and the generic RNN over a
 * cell or a list of cells. Every one is a chain of cells; a cell has one `units`-wide block
 * per gate in its kernels and returns one or two states. The frameworks differ in GRU's bias
 * (Keras 3 defaults to `reset_after=True`: two bias rows; TF.js refuses it), in the order of
 * a stack's states (TF.js lists the last cell's first) and in what calling a cell alone does.
 */
import type { EngineIssue, ParamTensor, Shape } from '../types';
import { multiplyCounts } from '../exactCount';
import type { TfLayer } from './layerModel';
import { boolArgOrDefault, issue, rankMismatch, requiredIntArg, tfShapeText } from './layerModel';
import type { FamilyResult } from './familyResult';

/** Gates per cell: the kernel holds one `units`-wide block per gate. */
const cellGates: Readonly<Record<string, number>> = { SimpleRNNCell: 1, LSTMCell: 4, GRUCell: 3 };
/** The cell class each recurrent layer runs. */
const layerCell: Readonly<Record<string, string>> = { SimpleRNN: 'SimpleRNNCell', LSTM: 'LSTMCell', GRU: 'GRUCell' };

/** True for the classes this file models. */
export function isRecurrentKind(kind: string): boolean {
  return isCellKind(kind) || kind in layerCell || kind === 'RNN';
}

/** True for a cell (what `RNN` and `StackedRNNCells` take), as opposed to a layer over a sequence. */
export function isCellKind(kind: string): boolean {
  return kind in cellGates || kind === 'StackedRNNCells' || kind === 'ConvLSTM2DCell';
}

/** The argument holding a layer's nested cells, if it takes any. */
export function nestedCellArg(kind: string): string | undefined {
  return kind === 'RNN' ? 'cell' : kind === 'StackedRNNCells' ? 'cells' : undefined;
}

/** Keras's check of `units`, made by every cell's constructor (TF.js's is in tfjsChecks). */
export function kerasUnitsIssue(layer: TfLayer): EngineIssue | undefined {
  if (layer.dialect !== 'keras' || !(layer.kind in cellGates || layer.kind in layerCell)) return undefined;
  const units = layer.args.units;
  if (typeof units !== 'number' || units > 0) return undefined;
  return issue('error', 'tf.bad-count', `Received an invalid value for argument \`units\`, expected a positive integer, got ${units}.`, 'units');
}

/** One cell of a chain: its width, its states' widths, and its weights for an input width. */
interface Cell {
  readonly units: number;
  readonly states: readonly number[];
  readonly gates: number;
  readonly resetAfter: boolean;
  readonly useBias: boolean;
}

function cellOf(kind: string, layer: TfLayer): Cell {
  const units = requiredIntArg(layer.args, 'units');
  return {
    units,
    states: kind === 'LSTMCell' ? [units, units] : [units],
    gates: cellGates[kind],
    resetAfter: kind === 'GRUCell' && boolArgOrDefault(layer.args, 'reset_after', layer.dialect === 'keras'),
    useBias: boolArgOrDefault(layer.args, 'use_bias', true),
  };
}

function cellWeights(cell: Cell, inputWidth: number): ParamTensor[] {
  const width = cell.units * cell.gates;
  const tensors: ParamTensor[] = [
    { name: 'kernel', shape: [inputWidth, width], trainable: true },
    { name: 'recurrent_kernel', shape: [cell.units, width], trainable: true },
  ];
  if (cell.useBias) tensors.push({ name: 'bias', shape: cell.resetAfter ? [2, width] : [width], trainable: true });
  return tensors;
}

/** The cells a layer runs, in order: its own, its nested ones (RNN, StackedRNNCells), or null when a nested cell is unknown. */
function cellsOf(layer: TfLayer): Cell[] | null {
  if (layer.kind in layerCell) return [cellOf(layerCell[layer.kind], layer)];
  if (layer.kind in cellGates) return [cellOf(layer.kind, layer)];
  if (!layer.inner || layer.inner.length === 0) return null;
  const chains = layer.inner.map(cellsOf);
  return chains.every((c): c is Cell[] => c !== null) ? chains.flat() : null;
}

interface ChainResult {
  readonly output: number;
  /** Each state's width, in the order the framework returns them. */
  readonly states: number[];
  readonly paramTensors: ParamTensor[];
  /** Multiply-accumulates of one step of one batch item. */
  readonly stepMacs: number;
}

/** Runs the chain once: each cell takes the previous one's output. */
function runChain(cells: readonly Cell[], inputWidth: number, dialect: TfLayer['dialect']): ChainResult {
  let width = inputWidth;
  let stepMacs = 0;
  const paramTensors: ParamTensor[] = [];
  for (const cell of cells) {
    paramTensors.push(...cellWeights(cell, width));
    stepMacs += (width + cell.units) * cell.units * cell.gates;
    width = cell.units;
  }
  // TF.js's StackedRNNCells lists the states of its last cell first.
  const ordered = dialect === 'tfjs' ? [...cells].reverse() : cells;
  return { output: width, states: ordered.flatMap((c) => [...c.states]), paramTensors, stepMacs };
}

/** The note on a layer that returns a list of tensors: the front ends bind each to a name when the code unpacks it. */
export function listNote(layer: TfLayer, outputs: readonly Shape[], what: string): EngineIssue {
  const listed = outputs.map((s) => tfShapeText(s, layer.dialect)).join(', ');
  const unpack = layer.dialect === 'tfjs' ? '`const [out, ...states] = layer.apply(x)`' : '`out, *states = layer(x)`';
  return issue('info', 'tf.multi-output', `${layer.kind} with ${what} returns ${outputs.length} tensors (${listed}); unpack them (${unpack}) to follow each.`);
}

/** TF.js cannot apply a cell outside `rnn`: its refusal, at the stage TF.js makes it. */
function tfjsCellAlone(layer: TfLayer, inputs: readonly Shape[]): FamilyResult {
  if (layer.kind === 'StackedRNNCells' && inputs.length > 1) {
    // TF.js runs a stack on [x, ...states], with reported shapes that differ from what it computes: not followed.
    return { output: null, steps: null, issues: [issue('info', 'tf.unsupported', 'Conv Inspector does not follow a TF.js StackedRNNCells called outside rnn; shapes stop here.')] };
  }
  const states =
    layer.kind === 'LSTMCell' || layer.kind === 'ConvLSTM2DCell'
      ? '3 input Tensors (inputs, h, c)'
      : layer.kind === 'GRUCell'
        ? '2 input Tensors (inputs, h, c)'
        : '2 input Tensors';
  const message =
    inputs.length > 1
      ? `Expected exactly 1 Shape; got ${inputs.length}`
      : layer.kind === 'StackedRNNCells'
        ? 'states.splice is not a function'
        : `${layer.kind} expects ${states}, got undefined.`;
  return { output: null, steps: null, issues: [issue('error', 'tf.cell-alone', message)] };
}

/** A Keras cell called on its own, `cell(x, states)`: the new output and states. */
function applyCell(layer: TfLayer, inputs: readonly Shape[], cells: readonly Cell[]): FamilyResult {
  if (inputs.length < 2) return { output: null, steps: null, issues: [issue('error', 'tf.missing-arg', "missing a required argument: 'states'")] };
  const x = inputs[0];
  const chain = runChain(cells, x[x.length - 1], layer.dialect);
  const batch = x[0];
  const outputs = [[batch, chain.output], ...chain.states.map((s) => [batch, s])];
  const macs = multiplyCounts(batch, chain.stepMacs);
  return { output: null, outputs, macs, steps: null, issues: [listNote(layer, outputs, 'its states')], paramTensors: chain.paramTensors, builtAxis: x.length - 1 };
}

/** Applies a recurrent layer or cell (see `isRecurrentKind`) to its input(s). */
export function applyRecurrent(layer: TfLayer, inputs: readonly Shape[]): FamilyResult {
  const cell = isCellKind(layer.kind);
  if (cell && layer.dialect === 'tfjs') return tfjsCellAlone(layer, inputs);
  const input = inputs[0];
  if (!cell && input.length !== 3) {
    // Keras's RNN declares no input rank: it fails or misbehaves later, in ways not modelled.
    if (layer.kind === 'RNN' && layer.dialect === 'keras')
      return { output: null, steps: null, issues: [issue('info', 'tf.unsupported', `Conv Inspector models RNN on (batch, time, features) inputs only; shapes stop here.`)] };
    return { output: null, steps: null, issues: [rankMismatch(layer, 3, input)] };
  }
  const cells = cellsOf(layer);
  if (cells === null) {
    return { output: null, steps: null, issues: [issue('info', 'tf.unknown-arg', `${layer.kind}'s cells could not be resolved; shapes stop here.`, nestedCellArg(layer.kind))] };
  }
  if (cell) return applyCell(layer, inputs, cells);
  const [batch, steps, features] = input;
  const chain = runChain(cells, features, layer.dialect);
  const sequence = boolArgOrDefault(layer.args, 'return_sequences', false) ? [batch, steps, chain.output] : [batch, chain.output];
  const macs = multiplyCounts(batch, steps, chain.stepMacs);
  const base = { macs, steps: null, paramTensors: chain.paramTensors, builtAxis: 2 };
  if (!boolArgOrDefault(layer.args, 'return_state', false)) return { ...base, output: sequence, issues: [] };
  const outputs = [sequence, ...chain.states.map((s) => [batch, s])];
  // A list of tensors: the single-tensor flow stops here rather than follow the wrong one.
  return { ...base, output: null, outputs, issues: [listNote(layer, outputs, layer.dialect === 'tfjs' ? 'returnState' : 'return_state=True')] };
}
