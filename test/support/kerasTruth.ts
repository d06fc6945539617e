/**
 * Keras truth recorded by real Keras 3 (tools/golden/keras_truth.py) and its comparison with
 * an analysis: every layer call Keras recorded (matched by its Keras name) must have the same
 * output shape and parameter count, and every built model the same total and output. Used by
 * the Keras fixture tests and by the corpus score script, so both judge the same way.
 */
import type { FileAnalysis } from '../../src/engine/report';

/** A shape as Keras prints it: `null` for an open dimension (the batch, `None` sizes). */
export type KerasShape = (number | null)[];

export interface KerasTruthLayer {
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly output: KerasShape | KerasShape[] | null;
  readonly params: number;
  /** A call made inside a custom layer's `call()` while Keras inferred its output. */
  readonly nested?: boolean;
  /** Made by library code the file called (`keras.applications`, `clone_model`). */
  readonly direct?: boolean;
  /** A model called as a layer (a subclassed model on `keras.Input`, a nested Sequential). */
  readonly container?: boolean;
}

export interface KerasTruthModel {
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  /** `null` when Keras never built it (a subclassed model that wraps others). */
  readonly params: number | null;
  readonly output: KerasShape | KerasShape[] | null;
}

export interface KerasTruth {
  readonly file: string;
  readonly keras: string;
  readonly layers: readonly KerasTruthLayer[];
  readonly models: readonly KerasTruthModel[];
  readonly error?: { readonly type: string; readonly message: string; readonly line: number | null };
}

export interface KerasComparison {
  readonly layers: number;
  readonly layersMatched: number;
  readonly models: number;
  readonly modelsMatched: number;
  /** One line per difference, for assertion messages and the score script. */
  readonly mismatches: string[];
}

/** Our shape in Keras' terms: the batch is open (`None`), as are dimensions we keep open. */
function asKerasShape(shape: readonly number[] | null): KerasShape | null {
  if (!shape) return null;
  return shape.map((d, i) => (i === 0 || Number.isNaN(d) ? null : d));
}

const show = (shape: unknown): string => JSON.stringify(shape);

/**
 * Every layer call Keras recorded except models called as layers (compared as models) and
 * layers Keras' helpers made while it traced a custom layer's `call()` (`keras.layers.add`
 * there: the numpy backend traces a call several times, making a new, numbered Add each time,
 * so their number and names depend on the backend). The calls inside custom layers and
 * subclassed models, and helper-made layers of the model graph (`layers.add([a, b])`), count.
 */
export function comparableLayers(truth: KerasTruth): KerasTruthLayer[] {
  return truth.layers.filter((l) => !l.container && !(l.nested && l.direct === false));
}

/** The built models: those Keras built in the file, and models it called as layers. */
export function comparableModels(truth: KerasTruth): { name: string; line: number; params: number; output: KerasTruthModel['output'] }[] {
  const calls = truth.layers.filter((l) => l.container && !l.nested);
  // A subclassed model has no `outputs`; its call on a symbolic input says what it returns.
  const built = truth.models
    .filter((m): m is KerasTruthModel & { params: number } => m.params !== null)
    .map((m) => ({ ...m, output: m.output ?? calls.find((c) => c.name === m.name)?.output ?? null }));
  return [...built, ...calls.filter((c) => !built.some((m) => m.name === c.name))];
}

/** Compares an analysis with Keras' truth for the same file. */
export function compareWithKeras(analysis: FileAnalysis, truth: KerasTruth): KerasComparison {
  const mismatches: string[] = [];
  const ours = new Map<string, { kind: string; output: KerasShape | null; params: number }[]>();
  for (const model of analysis.models) {
    for (const layer of model.layers) {
      const list = ours.get(layer.path) ?? [];
      list.push({ kind: layer.kind, output: asKerasShape(layer.output), params: layer.params });
      ours.set(layer.path, list);
    }
  }
  const expectedLayers = comparableLayers(truth);
  let layersMatched = 0;
  for (const expected of expectedLayers) {
    const wanted = { kind: expected.kind, output: expected.output, params: expected.params };
    const candidates = ours.get(expected.name) ?? [];
    if (candidates.some((c) => show(c) === show(wanted))) layersMatched++;
    else mismatches.push(`layer ${expected.name} (line ${expected.line}): Keras ${show(wanted)}, ours ${candidates.length ? candidates.map(show).join(' | ') : 'missing'}`);
  }
  const expectedModels = comparableModels(truth);
  let modelsMatched = 0;
  for (const expected of expectedModels) {
    const model = analysis.models.find((m) => m.name === expected.name);
    const wanted = { params: expected.params, output: expected.output };
    const got = model ? { params: model.totalParams, output: asKerasShape(model.output) } : null;
    if (got && show(got) === show(wanted)) modelsMatched++;
    else mismatches.push(`model ${expected.name} (line ${expected.line}): Keras ${show(wanted)}, ours ${got ? show(got) : 'missing'}`);
  }
  return { layers: expectedLayers.length, layersMatched, models: expectedModels.length, modelsMatched, mismatches };
}
