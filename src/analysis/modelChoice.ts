/**
 * Which model of a file a surface shows first, and how models are told apart in a picker.
 * A file often defines building blocks (`Bottleneck`) next to the model it builds and calls
 * (`net = ResNet50(); net(torch.randn(...))`): the called one is what the user means, and a
 * class nobody calls, whose input is only a guess, is listed last and says so. Pure.
 */
import type { FileAnalysis, ModelReport } from '../engine/report';

/**
 * How a file uses a model: `called` (its input comes from a call in the file, a directive or
 * the user's setting), `declared` (a Keras or TF.js model with its own declared input), or
 * `unused` (a class nothing in the file calls: its input is a default, an inference or unknown).
 */
export type ModelUse = 'called' | 'declared' | 'unused';

// A notebook's call is said as a place in it: `call at cell 6, line 2`.
const CALLED = /^(call at (?:line|cell)|directive|setting )/;
const GUESSED = /^(unknown|default|smallest valid size|inferred from)/;

export function modelUse(model: Pick<ModelReport, 'inputSource'>): ModelUse {
  if (CALLED.test(model.inputSource)) return 'called';
  return GUESSED.test(model.inputSource) ? 'unused' : 'declared';
}

/** The 1-based line of the call a model's input came from, if it came from one. */
export function callLineOf(model: Pick<ModelReport, 'inputSource'>): number | undefined {
  const match = /^call at line (\d+)/.exec(model.inputSource);
  return match ? Number(match[1]) : undefined;
}

const contains = (model: ModelReport, line: number): boolean => model.range.start.line <= line && line <= model.range.end.line;

/** The innermost model among `models` whose definition spans `line`. */
function innermostAt(models: readonly ModelReport[], line: number): ModelReport | undefined {
  let best: ModelReport | undefined;
  for (const model of models) if (contains(model, line) && (!best || model.range.start.line >= best.range.start.line)) best = model;
  return best;
}

/**
 * The model a surface shows for a cursor line: a model the file calls (the one around the
 * cursor if several are called), then a declared model (the one around the cursor, else the
 * first); an unused class only when there is nothing else, the one around the cursor first.
 */
export function defaultModel(analysis: FileAnalysis, line: number): ModelReport | undefined {
  const called = analysis.models.filter((model) => modelUse(model) === 'called');
  if (called.length > 0) return innermostAt(called, line) ?? called[0];
  const used = analysis.models.filter((model) => modelUse(model) !== 'unused');
  return innermostAt(used, line) ?? used[0] ?? innermostAt(analysis.models, line) ?? analysis.models[0];
}

/** The first error a model's layers raise, or the first error finding inside its definition. */
export function firstModelError(analysis: FileAnalysis, model: ModelReport): { line: number; column: number; message: string } | undefined {
  for (const record of model.layers) {
    const issue = record.issues.find((candidate) => candidate.severity === 'error');
    if (issue) return { line: record.range.start.line, column: record.range.start.column, message: issue.message };
  }
  const finding = analysis.diagnostics.find(
    (candidate) =>
      candidate.severity === 'error' && (contains(model, candidate.range.start.line) || model.layers.some((record) => record.range.start.line === candidate.range.start.line)),
  );
  return finding ? { line: finding.range.start.line, column: finding.range.start.column, message: finding.message } : undefined;
}

/** One entry of a model picker: its label, and whether it is an unused class (listed last, marked). */
export interface ModelPickerEntry {
  readonly label: string;
  readonly unused: boolean;
}

/** `model = keras.Sequential(...)` when the line assigns a call, else undefined. */
function assignmentText(lineText: string): string | undefined {
  const match = /^\s*([A-Za-z_$][\w$.]*)\s*(?::[^=]+)?=\s*(?:new\s+)?([A-Za-z_$][\w$.]*)\s*\(/.exec(lineText);
  return match ? `${match[1]} = ${match[2]}(...)` : undefined;
}

/**
 * Picker labels that tell models apart: `ResNet (called at line 98)`, `model =
 * keras.Sequential(...) (line 38)`, `Bottleneck (line 12) · not used in this file`. Two
 * models that would read the same get their names, then `#2`, `#3`, ... `getLine` gives the
 * source lines (a model built by an assignment is named by it); without it names are used.
 * `lineLabel` says where a model starts where `line N` would mislead (`cell 5:1` in a notebook).
 */
export function modelPickerEntries(models: readonly ModelReport[], getLine?: (line: number) => string, lineLabel?: (line: number) => string): ModelPickerEntry[] {
  const drafts = models.map((model) => {
    const use = modelUse(model);
    const callLine = callLineOf(model);
    const where = callLine !== undefined ? `called at line ${callLine}` : lineLabel ? lineLabel(model.range.start.line) : `line ${model.range.start.line + 1}`;
    const assigned = getLine ? assignmentText(getLine(model.range.start.line)) : undefined;
    const unused = use === 'unused' ? ' · not used in this file' : '';
    return { model, use, plain: `${assigned ?? model.name} (${where})${unused}`, named: `${assigned ? `${assigned} · ${model.name}` : model.name} (${where})${unused}` };
  });
  const plainCount = new Map<string, number>();
  for (const draft of drafts) plainCount.set(draft.plain, (plainCount.get(draft.plain) ?? 0) + 1);
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const label = (plainCount.get(draft.plain) ?? 0) > 1 ? draft.named : draft.plain;
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return { label: count > 1 ? `${label} #${count}` : label, unused: draft.use === 'unused' };
  });
}

/** Model indices in picker order: used models in source order, then the unused ones. */
export function pickerOrder(models: readonly ModelReport[]): number[] {
  const indices = models.map((_, index) => index);
  return [...indices.filter((index) => modelUse(models[index]) !== 'unused'), ...indices.filter((index) => modelUse(models[index]) === 'unused')];
}
