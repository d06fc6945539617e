/**
 * Which of an analysis's findings the editor shows, and how loudly. Errors and warnings are
 * promises about the framework and always show. Of the notes about what could not be followed,
 * the Problems panel gets one per root cause: an import that was not found, a budget that ran
 * out, a layer nobody models, and, for a model with unknown parts and no such cause, the first
 * note inside it. Every other note becomes a hint (a faint mark in the editor, kept out of the
 * Problems panel) where it touches a model, and nothing where it does not: argument parsing,
 * data loading and training loops are not what the tool is about. An error or warning that
 * repeats an earlier one word for word (a helper called for every block, a bad channel count
 * passed on to the next layers) is the same cause again: the first is in the Problems panel,
 * the repeats are hints on their lines.
 */
import type { FileAnalysis, Finding, ModelReport, SourceRange } from '../engine/report';

export type PresentedSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface PresentedFinding {
  readonly finding: Finding;
  readonly severity: PresentedSeverity;
}

/** Notes that name a cause the user can act on: each one is a root cause of its own. */
const ROOT_CAUSE_CODES = /^(?:unresolved-import|budget|parse-timeout|nesting|too-large|internal|tf\.unknown-layer|keras\.no-input|keras\.unknown-output|tf\.custom-layer)$/;

/** The interpreter's note for a use of a name whose import was not found. */
const COMES_FROM_IMPORT = /\(not found\)/;

function linesOverlap(a: SourceRange, b: SourceRange): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

/** Whether a finding is about a model: inside its definition or on a line that builds or calls one of its layers. */
function touchesModel(range: SourceRange, model: ModelReport): boolean {
  return linesOverlap(range, model.range) || model.layers.some((record) => linesOverlap(range, record.range));
}

function hasUnknownParts(model: ModelReport): boolean {
  return model.output === null || (model.unknownParamLayers ?? 0) > 0 || model.layers.some((record) => record.output === null);
}

/** The findings to show, each with the severity it is shown with (see the file comment). */
export function presentFindings(analysis: Pick<FileAnalysis, 'models' | 'diagnostics'>): PresentedFinding[] {
  const notes = analysis.diagnostics.filter((finding) => finding.severity === 'info' && !ROOT_CAUSE_CODES.test(finding.code));
  const promoted = new Set<Finding>();
  for (const model of analysis.models) {
    if (!hasUnknownParts(model)) continue;
    const inside = analysis.diagnostics.filter((finding) => finding.severity === 'info' && touchesModel(finding.range, model));
    if (inside.some((finding) => ROOT_CAUSE_CODES.test(finding.code))) continue;
    // A note about using what an unresolved import gave has that import's info as its cause, shown already.
    const first = notes.find((finding) => inside.includes(finding) && !COMES_FROM_IMPORT.test(finding.message));
    if (first) promoted.add(first);
  }
  const presented: PresentedFinding[] = [];
  const promises = new Set<string>();
  for (const finding of analysis.diagnostics) {
    if (finding.severity === 'error' || finding.severity === 'warning') {
      const key = `${finding.severity}\n${finding.code}\n${finding.message}`;
      presented.push({ finding, severity: promises.has(key) ? 'hint' : finding.severity });
      promises.add(key);
    } else if (finding.severity !== 'info' || ROOT_CAUSE_CODES.test(finding.code) || promoted.has(finding)) {
      presented.push({ finding, severity: finding.severity });
    } else if (analysis.models.some((model) => touchesModel(finding.range, model))) {
      presented.push({ finding, severity: 'hint' });
    }
  }
  return presented;
}
