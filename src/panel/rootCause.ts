/**
 * The one sentence the panel shows above a model with unknowns (or a file with no model):
 * why part of it is unknown, in plain words, with what would help. It is taken from what the
 * analysis already reports, in the order a user can act on it: an import that was not
 * found, then an error in one of the model's layers (the framework stops there), then the
 * first construct inside the model the analysis could not follow, then a value read from the
 * command line, then an input nothing gives (a model the file builds but never calls). Pure.
 */
import type { FileAnalysis, Finding, ModelReport, SourceRange } from '../engine/report';

/** True when some count or shape of the model is unknown. */
export function hasUnknowns(model: ModelReport): boolean {
  return (model.unknownParamLayers ?? 0) > 0 || (model.unknownMacLayers ?? 0) > 0 || model.input === null || model.layers.some((layer) => layer.output === null);
}

const within = (inner: SourceRange, outer: SourceRange): boolean => inner.start.line >= outer.start.line && inner.end.line <= outer.end.line;

const lineOf = (finding: Finding): string => `line ${finding.range.start.line + 1}`;

/**
 * `X is imported from y, which was not found ... (looked in: ...). What it provides is
 * unknown.` → one sentence with the fix. A star import names no layer: the first name the
 * model could not call (`Down`) is named instead, which is what the user looks for.
 */
function importSentence(finding: Finding, missingName: string | undefined): string {
  let cause = finding.message
    .replace(/\s*\(looked in:[^)]*\)/, '')
    .replace(/\.?\s*What it provides is unknown\.?$/, '')
    .replace(/;.*$/, '');
  const whole = /^`([^`]+)` was not found (.*)$/.exec(cause);
  if (whole && missingName) cause = `\`${missingName}\` is imported from \`${whole[1]}\`, which was not found ${whole[2]}`;
  return `${cause} (${lineOf(finding)}); open the folder that holds it, or select a Python environment that has it.`;
}

/**
 * `Conv Inspector cannot follow X; what depends on it is unknown` → the same with its line;
 * when the model's input is what is unknown, the directive that sets it by hand is the fix.
 */
function unsupportedSentence(finding: Finding, inputUnknown: boolean): string {
  const followed = /^(.*?)(?:;\s*what depends on it is unknown|:\s*shapes after it are unknown)\.?$/.exec(finding.message);
  const cause = followed ? `${followed[1]} (${lineOf(finding)}), so what depends on it is unknown` : `${finding.message.replace(/\.$/, '')} (${lineOf(finding)})`;
  return inputUnknown ? `${cause}; a \`# conv-inspector: input=(...)\` comment above the model sets its input.` : `${cause}.`;
}

/** An input that comes from nowhere: the model's name, why, and the directive that sets it. */
function inputSentence(model: ModelReport): string {
  const why = model.inputSource.replace(/^unknown:?\s*/, '');
  return `The input of ${model.name} is not known${why ? ` (${why})` : ''}; a \`# conv-inspector: input=(...)\` comment above the model sets it.`;
}

/** The root cause for `model` (or for a file with no model), or undefined when nothing is unknown. */
export function rootCause(analysis: FileAnalysis, model: ModelReport | undefined): string | undefined {
  if (model && !hasUnknowns(model)) return undefined;
  const first = (code: string): Finding | undefined => analysis.diagnostics.find((finding) => finding.code === code);
  // A construct the analysis could not follow counts only inside the model (a training
  // loop's os.makedirs is no reason for unknown shapes).
  const unsupported = model && analysis.diagnostics.find((finding) => finding.code === 'unsupported' && within(finding.range, model.range));
  const unresolved = first('unresolved-import');
  if (unresolved) return importSentence(unresolved, /the name '([^']+)'/.exec(unsupported?.message ?? '')?.[1]);
  // An error where one of the model's layers is built or called: the framework stops there.
  const error = model && analysis.diagnostics.find((finding) => finding.severity === 'error' && model.layers.some((layer) => within(finding.range, layer.range)));
  if (error) return `The model stops at the error on ${lineOf(error)}, as the framework does, so what comes after it is unknown; fix it to see the rest.`;
  if (unsupported) return unsupportedSentence(unsupported, model.input === null);
  const commandLine = first('command-line');
  if (commandLine) return `${commandLine.message} (${lineOf(commandLine)}); edit the default to see another configuration.`;
  if (model?.input === null) return inputSentence(model);
  return undefined;
}
