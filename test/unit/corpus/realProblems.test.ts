/**
 * What a new user sees on the real public PyTorch files (test/fixtures/pytorch/real), as the
 * editor shows it: the findings after the editor's triage (what goes to the Problems panel and
 * what stays a faint hint), the inline hints, the status bar, the hovers and the panel's
 * root-cause banner. On every recorded file: at most one Problems entry per root cause, no
 * mark on a line outside every model (argument parsing, data loading, training loops), no
 * zero standing for an unknown count, and no internal jargon.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FileAnalysis, ModelReport, SourceRange } from '../../../src/engine/report';
import { presentFindings } from '../../../src/analysis/findingTriage';
import { recordParams } from '../../../src/engine/modelTotals';
import { buildLayerHover, buildModelHover } from '../../../src/editor/hoverContent';
import { inlineHints, statusText } from '../../../src/editor/inlineHintText';
import { rootCause } from '../../../src/panel/rootCause';
import { analyzeRealFile, realEntries } from '../../support/realCorpus';

/** Codes of the notes that name a cause of their own and sit where the cause is (an import line, the file). */
const CAUSE_AT_ITS_OWN_LINE = /^(?:unresolved-import|budget|parse-timeout|nesting|too-large|internal)$/;

/** Lines a model file has around its models: what the tool is not about. */
const NOT_A_MODEL_LINE = /add_argument|parse_args|DataLoader|\.backward\(|optimizer\.|for epoch|\.step\(\)|plt\.|save_image|print\(/;

/**
 * Files whose root causes are known, with how many Problems entries they make: ShuffleNet's
 * `mid_planes = out_planes/4` is a float in Python 3, and PyTorch stops at the first layer
 * built with it (its conv1): one error, which names the division; what it reaches stays unknown.
 */
const ROOT_CAUSES: Readonly<Record<string, { count: number; names: RegExp }>> = {
  'kuangliu__pytorch-cifar/models/shufflenet.py': { count: 1, names: /`out_planes\/4` \(line 27\) is true division.*use `\/\/`/ },
};

/** Words of the implementation, not of the user. */
const JARGON = /engine field|\bHDC\b|\bengine\b|interpreter/i;

const lineOf = (range: SourceRange): number => range.start.line + 1;

function touches(range: SourceRange, model: ModelReport): boolean {
  const overlaps = (other: SourceRange): boolean => range.start.line <= other.end.line && other.start.line <= range.end.line;
  return overlaps(model.range) || model.layers.some((record) => overlaps(record.range));
}

/** Every text the editor and the panel show for a file, labelled for the failure message. */
function shownTexts(analysis: FileAnalysis): [string, string][] {
  const texts: [string, string][] = [];
  for (const { finding } of presentFindings(analysis)) texts.push([`diagnostic line ${lineOf(finding.range)}`, finding.message]);
  for (const hint of inlineHints(analysis)) texts.push([`hint line ${hint.position.line + 1}`, `${hint.label}\n${hint.tooltip}`]);
  for (const model of analysis.models) {
    texts.push([`status bar of ${model.name}`, statusText(model, 'MACs')]);
    texts.push([`hover of ${model.name}`, buildModelHover(model, { macsUnit: 'MACs' })]);
    const cause = rootCause(analysis, model);
    if (cause) texts.push([`banner of ${model.name}`, cause]);
    for (const record of model.layers) {
      texts.push([`hover of ${record.path} (line ${lineOf(record.range)})`, buildLayerHover([record], model, { macsUnit: 'MACs', language: analysis.language })]);
    }
  }
  return texts;
}

describe('real PyTorch projects as a new user sees them', function () {
  this.timeout(120000);
  const entries = realEntries('pytorch');

  it('covers every recorded file', () => assert.ok(entries.length >= 40, `${entries.length} files`));

  for (const entry of entries) {
    it(`${entry.file}: one Problems entry per root cause, nothing outside the models, no zero for unknown, no jargon`, async () => {
      const analysis = await analyzeRealFile(entry);
      const lines = readFileSync(entry.absolutePath, 'utf8').split('\n');
      const presented = presentFindings(analysis);
      const problems = presented.filter(({ severity }) => severity !== 'hint');
      const failures: string[] = [];

      // One cause, one entry: no message twice, and at most one note per model that no import or budget explains.
      const messages = new Set<string>();
      for (const { finding } of problems) {
        if (messages.has(finding.message)) failures.push(`the same Problems entry twice: ${finding.message}`);
        messages.add(finding.message);
      }
      for (const model of analysis.models) {
        const notes = problems.filter(({ finding, severity }) => severity === 'info' && !CAUSE_AT_ITS_OWN_LINE.test(finding.code) && touches(finding.range, model));
        if (notes.length > 1)
          failures.push(`${model.name}: ${notes.length} notes in Problems: ${notes.map(({ finding }) => `${lineOf(finding.range)} ${finding.message}`).join(' | ')}`);
      }

      // Marks only where a model is, or where the cause named is (an import line); never on argparse, data or training lines.
      for (const { finding, severity } of presented) {
        const line = lineOf(finding.range);
        const away = !CAUSE_AT_ITS_OWN_LINE.test(finding.code) && !analysis.models.some((model) => touches(finding.range, model));
        if (away || NOT_A_MODEL_LINE.test(lines[line - 1] ?? '')) failures.push(`${severity} on line ${line} outside every model: ${lines[line - 1]?.trim()} (${finding.message})`);
      }

      // Unknown is `?`, never a 0.
      for (const model of analysis.models) {
        if ((model.unknownParamLayers ?? 0) > 0 && /(?<![\d.,])0 params/.test(statusText(model, 'MACs'))) failures.push(`status bar: ${statusText(model, 'MACs')}`);
        // With no input, no weighted layer's compute is known (U-Net's unet_model.py builds UNet but never calls it; a batch norm on a private base is a model of its own).
        if (model.input === null && (model.totalParams > 0 || (model.unknownParamLayers ?? 0) > 0) && /(?<![\d.,])0 MACs/.test(statusText(model, 'MACs')))
          failures.push(`status bar: ${statusText(model, 'MACs')}`);
        for (const hint of inlineHints(analysis)) {
          const unknownHere = model.layers.some((record) => recordParams(record) === null && record.range.end.line === hint.position.line);
          if (unknownHere && /· 0(?![\d.,])/.test(hint.label)) failures.push(`hint on line ${hint.position.line + 1}: ${hint.label}`);
        }
      }

      for (const [where, text] of shownTexts(analysis)) if (JARGON.test(text)) failures.push(`jargon in the ${where}: ${text.match(JARGON)?.[0]}`);

      const known = ROOT_CAUSES[entry.file];
      if (known && (problems.length !== known.count || !problems.some(({ finding }) => known.names.test(finding.message))))
        failures.push(
          `want ${known.count} Problems entries, one naming ${known.names}: ${problems.map(({ finding }) => `${lineOf(finding.range)} ${finding.message}`).join(' | ')}`,
        );

      assert.deepEqual(failures, []);
    });
  }
});
