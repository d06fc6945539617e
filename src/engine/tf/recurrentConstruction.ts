/**
 * Building the layers a recurrent layer or wrapper takes as arguments (`RNN(cell=...)`,
 * `StackedRNNCells(cells=[...])`, `Bidirectional(layer, backward_layer=...)`,
 * `TimeDistributed(layer)`), and the constructor checks of the recurrent family that are
 * not about a single argument's value (TF.js's missing layer objects, GRU's `reset_after`).
 */
import type { ArgValue, BoundArgs, EngineIssue, LayerArgValue } from '../types';
import { isLayerArgValue } from '../types';
import type { TfDialect, TfLayer } from './layerModel';
import { issue } from './layerModel';
import { isCellKind, kerasUnitsIssue } from './recurrentCells';
import { spectralNormNotALayer } from './kerasSpectralNorm';

/** Constructs one nested layer: `constructTfLayer`, passed in to keep the import graph acyclic. */
export type InnerConstruct = (kind: string, args: BoundArgs, options: { dialect: TfDialect; autoName?: string }) => { layer: TfLayer | null; issues: EngineIssue[] };

/** A constructed layer as an argument of another (`Bidirectional(LSTM(4))`): its class and arguments, its name kept. */
export function layerArgOf(layer: TfLayer): LayerArgValue {
  return { layerClass: layer.kind, layerArgs: { ...layer.args, name: layer.name } };
}

/** True for a layer passed as an argument, or a list holding one (`RNN([LSTMCell(4)])`). */
export function holdsLayerArg(value: ArgValue): boolean {
  return isLayerArgValue(value) || (Array.isArray(value) && value.some(holdsLayerArg));
}

/** The layer objects an argument holds, or null when any of them is not a known layer. */
function layerValues(value: ArgValue | undefined): LayerArgValue[] | null {
  if (isLayerArgValue(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every(isLayerArgValue)) return value as LayerArgValue[];
  return null;
}

/** The nested layers' descriptions for a class, in the order their weights come. */
function nestedValues(kind: string, args: BoundArgs, dialect: TfDialect): LayerArgValue[] | null {
  switch (kind) {
    case 'RNN':
      return layerValues(args.cell);
    case 'StackedRNNCells':
      return layerValues(args.cells);
    case 'TimeDistributed':
    case 'SpectralNormalization':
      return isLayerArgValue(args.layer) ? [args.layer] : null;
    case 'Bidirectional': {
      if (!isLayerArgValue(args.layer)) return null;
      // Without a backward layer (TF.js takes none), a copy of the forward one runs backwards.
      const backward =
        isLayerArgValue(args.backward_layer) && dialect === 'keras'
          ? args.backward_layer
          : { layerClass: args.layer.layerClass, layerArgs: { ...args.layer.layerArgs, go_backwards: true } };
      return [args.layer, backward];
    }
    default:
      return null;
  }
}

/**
 * Constructs the nested layers of `kind` (none for other classes). `layers` is absent when
 * the class takes none or they could not be resolved; their constructor errors come first,
 * as Python raises them before the wrapper's own call.
 */
export function constructInnerLayers(kind: string, args: BoundArgs, name: string, dialect: TfDialect, construct: InnerConstruct): { layers?: TfLayer[]; issues: EngineIssue[] } {
  const values = nestedValues(kind, args, dialect);
  if (values === null) return { issues: notALayerIssues(kind, args, dialect) };
  const layers: TfLayer[] = [];
  const issues: EngineIssue[] = [];
  for (const value of values) {
    // Bidirectional shares its input spec with the forward layer: messages name the wrapper.
    const built = construct(value.layerClass, value.layerArgs, { dialect, autoName: kind === 'Bidirectional' ? name : undefined });
    issues.push(...built.issues);
    if (!built.layer) return { issues };
    layers.push(built.layer);
  }
  const notCell = layers.find((l) => !isCellKind(l.kind));
  if ((kind === 'RNN' || kind === 'StackedRNNCells') && notCell) {
    if (dialect === 'keras') issues.push(notACellIssue(kind, values.length > 1 || Array.isArray(args.cell), notCell));
    return { issues };
  }
  return { layers, issues };
}

/** Keras's refusal of a layer without a `state_size` where a cell belongs (its repr names it: `<Dense name=d, built=False>`). */
function notACellIssue(kind: string, stacked: boolean, layer: TfLayer): EngineIssue {
  const repr = `<${layer.kind} name=${layer.name}, built=False>`;
  const message =
    kind === 'RNN' && !stacked
      ? `The RNN cell should have a \`state_size\` attribute (single integer or list of integers, one integer per RNN state). Received: cell=${repr}`
      : `All cells must have a \`state_size\` attribute. Received cell without a \`state_size\`: ${repr}`;
  return issue('error', 'tf.not-a-cell', message, kind === 'RNN' ? 'cell' : 'cells');
}

/** Keras's refusal of a wrapper given a plain value (a number, a string) instead of a layer. */
function notALayerIssues(kind: string, args: BoundArgs, dialect: TfDialect): EngineIssue[] {
  const value = args.layer;
  if (kind === 'SpectralNormalization') return spectralNormNotALayer(value);
  if (dialect !== 'keras' || (kind !== 'Bidirectional' && kind !== 'TimeDistributed') || !(typeof value === 'number' || typeof value === 'string')) return [];
  return [issue('error', 'tf.not-a-layer', `Please initialize \`${kind}\` layer with a \`keras.layers.Layer\` instance. Received: ${value}`, 'layer')];
}

/** TF.js's refusals of a recurrent layer's configuration, in its words. */
function tfjsRecurrentIssue(layer: TfLayer): EngineIssue | undefined {
  const { kind, args } = layer;
  if ((kind === 'GRU' || kind === 'GRUCell') && args.reset_after === true) {
    return issue('error', 'tf.unsupported-arg', 'GRUCell does not support reset_after parameter set to true.', 'reset_after');
  }
  if (kind === 'ConvLSTM2DCell' && args.kernel_size === null) return issue('error', 'tf.missing-arg', "Cannot read properties of undefined (reading 'length')", 'kernel_size');
  if (kind === 'RNN' && args.cell === null) return issue('error', 'tf.missing-arg', 'cell property is missing for the constructor of RNN.', 'cell');
  if (kind === 'Bidirectional' && args.layer === null) return issue('error', 'tf.missing-arg', "Cannot read properties of undefined (reading 'getConfig')", 'layer');
  return undefined;
}

/** The recurrent family's constructor checks for the layer's dialect. */
export function recurrentConstructorIssues(layer: TfLayer): EngineIssue[] {
  const found = layer.dialect === 'keras' ? kerasUnitsIssue(layer) : tfjsRecurrentIssue(layer);
  return found ? [found] : [];
}
