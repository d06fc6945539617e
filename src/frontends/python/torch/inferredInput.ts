/**
 * The input of a model nothing feeds (no directive, no call, no setting): the channels of
 * its first layer, and the smallest spatial size for which the whole model is valid, solved
 * with the engine's shape arithmetic (engine/inputInference.ts) over the chain of layers a
 * probe run of the model goes through, up to the first Linear after a flatten.
 */
import type { Finding, LayerRecord } from '../../../engine/report';
import type { Shape } from '../../../engine/types';
import type { ShapeStep } from '../../../engine/inputInference';
import { smallestInputSize, torchShapeStep } from '../../../engine/inputInference';
import { elementwiseKinds } from '../../../engine/torch/elementwise';
import type { FunctionalCall, Recorder } from '../core/context';
import type { PyLayer } from '../core/values';

/** Where the first layer says what the model is fed: channels (or features) and spatial rank. */
export interface FirstLayerInput {
  /** Channels for a spatial model, features for a Linear one. */
  readonly channels: number;
  /** 0 for `[N, features]`. */
  readonly rank: number;
  /** What the channels are, for the input's source: `3 input channels`. */
  readonly what: string;
}

/**
 * The sizes a probe run tries, the next only when the previous one was too small for the chain
 * to be followed to its end: powers of two (so that stride-2 stacks divide them), large enough
 * for deep stacks of stride-2 layers (images) and for raw waveforms (1-d, 4 s at 16 kHz).
 */
export function probeSizes(rank: number): readonly number[] {
  return rank === 3 ? [128, 1024] : rank === 2 ? [1024, 16384] : [65536];
}

/**
 * The first layer that fixes the input: a convolution, Linear or BatchNorm. Undefined when it
 * has unknown channels (a parameter nobody passed): the input is then unknown, not guessed
 * from a later layer.
 */
export function firstLayerInput(leaves: readonly PyLayer[]): FirstLayerInput | undefined {
  for (const leaf of leaves) {
    const kind = leaf.layerKind;
    const rank = Number(/(\d)d$/.exec(kind)?.[1] ?? 0);
    if (/Conv/.test(kind) && rank > 0) {
      const channels = leaf.args.in_channels;
      return typeof channels === 'number' ? { channels, rank, what: `${channels} input channels` } : undefined;
    }
    if (kind === 'Linear') {
      const features = leaf.args.in_features;
      return typeof features === 'number' ? { channels: features, rank: 0, what: `${features} input features` } : undefined;
    }
    if (/^BatchNorm[123]d$/.test(kind)) {
      const features = leaf.args.num_features;
      const norm = Number(kind.slice(-2, -1));
      return typeof features === 'number' ? { channels: features, rank: norm === 1 ? 0 : norm, what: `${features} input channels` } : undefined;
    }
  }
  return undefined;
}

/** The input shape for spatial size `size`. */
export function inputAt(first: FirstLayerInput, size: number): Shape {
  return [1, first.channels, ...Array<number>(first.rank).fill(size)];
}

/** Errors that do not depend on the input's spatial size (channels come from the first layer). */
const sizeIndependent = new Set(['torch.channel-mismatch', 'torch.batchnorm-features', 'torch.prelu-channels', 'torch.input-rank', 'torch.type-error']);

/** Whether a finding of a model's run is caused by the input's spatial size. */
export function dependsOnSize(finding: Finding): boolean {
  return (finding.severity === 'error' && !sizeIndependent.has(finding.code)) || finding.code === 'torch.batchnorm-single-value';
}

function stepOf(layer: PyLayer, record: LayerRecord): ShapeStep | undefined {
  const channels = record.input![1];
  const withChannels = (shape: Shape): Shape => (shape.length > 2 ? [shape[0], channels, ...shape.slice(2)] : shape);
  const step = layer.layer ? torchShapeStep(layer.layer) : layer.passThrough?.apply;
  return step ? (shape) => step(withChannels(shape)) : undefined;
}

/**
 * Layers that give their input's shape at every size and never reject one (activations,
 * dropout, the pass-through layers): the solver can leave them out of the chain. Not
 * BatchNorm (one value per channel) nor any convolution or pooling (a kernel must fit).
 */
function keepsShape(record: LayerRecord, layers: ReadonlyMap<number, PyLayer>): boolean {
  const layer = layers.get(record.layerId);
  if (!layer) return false;
  if (!layer.layer) return layer.passThrough !== undefined && layer.passThrough !== null;
  return elementwiseKinds.includes(record.kind) && record.kind !== 'Flatten' && record.kind !== 'Upsample';
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, axis) => dim === b[axis]);
}

function sameSpatial(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, axis) => axis === 0 || (axis === 1 && a.length > 2) || dim === b[axis]);
}

interface ChainLink {
  readonly input: Shape | null;
  readonly output: Shape | null;
  readonly step: ShapeStep | undefined;
  readonly record?: LayerRecord;
  /** The layer keeps every shape and rejects none: the solver leaves it out. */
  readonly shapeless?: boolean;
}

/** The layer records and the functional calls between them, in execution order. */
function linksOf(records: readonly LayerRecord[], layers: ReadonlyMap<number, PyLayer>, functional: readonly FunctionalCall[]): ChainLink[] {
  const links: ChainLink[] = [];
  let next = 0;
  const addFunctional = (before: number): void => {
    for (; next < functional.length && functional[next].before <= before; next++) links.push({ ...functional[next], step: functional[next].apply });
  };
  records.forEach((record, index) => {
    addFunctional(index);
    const layer = layers.get(record.layerId);
    const shapeless = record.input !== null && record.output !== null && keepsShape(record, layers) && sameShape(record.input, record.output);
    links.push({ input: record.input, output: record.output, step: layer && record.input ? stepOf(layer, record) : undefined, record, shapeless });
  });
  addFunctional(records.length);
  return links;
}

/** The chain a probe run went through: the layers each reading the previous one's spatial size, and the first Linear after it. */
function chainOf(links: readonly ChainLink[], probe: Shape): { steps: ShapeStep[]; linear?: LayerRecord } | undefined {
  const steps: ShapeStep[] = [];
  let current = probe;
  for (const link of links) {
    // An unknown shape (an argument nobody gave, a construct not followed): the chain cannot be solved.
    if (!link.input) return undefined;
    // The Linear rejects the probe's flattened size, so only its input is known.
    if (link.record?.kind === 'Linear' && link.input.length === 2) {
      const flattened = current.slice(1).reduce((total, dim) => total * dim, 1);
      return { steps, linear: steps.length > 0 && link.input[1] === flattened ? link.record : undefined };
    }
    // A branch (a shortcut's projection, a skip connection's input) reads another size: not the chain.
    if (!sameSpatial(link.input, current)) continue;
    if (!link.output || !link.step) return undefined;
    if (!link.shapeless) steps.push(link.step);
    current = link.output;
  }
  return { steps };
}

export interface SolvedInput {
  readonly input: Shape;
  readonly inputSource: string;
}

/** Solves for the smallest valid input from a probe run's records; undefined when no size qualifies. */
export function solveInput(first: FirstLayerInput, probe: Recorder, probeSize: number): SolvedInput | undefined {
  const links = linksOf(probe.records, probe.calledLayers, probe.functionalCalls ?? []);
  const chain = chainOf(links, inputAt(first, probeSize));
  if (!chain) return undefined;
  const { steps, linear } = chain;
  const inFeatures = linear?.args.in_features;
  const target = typeof inFeatures === 'number' ? inFeatures : undefined;
  const size = smallestInputSize(steps, (candidate) => inputAt(first, candidate), target, probeSize);
  if (size === undefined) return undefined;
  const inputSource = target !== undefined ? `inferred from ${linear!.path} (in_features=${target})` : 'smallest valid size';
  return { input: inputAt(first, size), inputSource };
}

/** What an error caused by a guessed input gets appended when it is reported as a warning: how to give the real input. */
export function guessedInputNote(input: Shape): string {
  const axes = [[], ['L'], ['H', 'W'], ['D', 'H', 'W']][input.length - 2] ?? [];
  const placeholder = [...input.slice(0, 2).map(String), ...axes].join(', ');
  return (
    ` (the input [${input.join(', ')}] is a guess: no input size was found for which the model is valid; ` +
    `give the real one with a \`# conv-inspector: input=(${placeholder})\` comment above the model or the convInspector.defaultInputShape setting)`
  );
}
