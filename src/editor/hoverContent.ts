/**
 * The Markdown of a layer hover, built from analysis records only. Pure (no vscode) so
 * that the exact text is unit-tested; the hover provider just wraps it.
 */
import type { LayerRecord, ModelReport, SourceLanguage } from '../engine/report';
import type { EngineIssue } from '../engine/types';
import { formatAxes, formatCount, formatKnown, formatShape, formatTotal } from '../analysis/format';
import { modelTotals, recordParams } from '../engine/modelTotals';
import { modelUse } from '../analysis/modelChoice';
import type { MacsUnit } from '../analysis/describeLayer';
import { describeLayerArgs, formatMacs, isChannelsLast, isConvKind, layerArg, layerFamily, perAxis, spatialRank } from '../analysis/describeLayer';
import { namedOutputs, sentence, shapeEffect } from '../analysis/shapeEffect';
import { outputSizeFormulas, variantNote } from '../analysis/layerFormulas';

export interface HoverContentOptions {
  readonly macsUnit: MacsUnit;
  readonly language: SourceLanguage;
  /** Command links: `command:` URIs with their arguments already encoded; omitted = no links. */
  readonly openInspectorLink?: string;
  readonly compareVariantsLink?: string;
  /** File-level findings on this layer's call (constructor errors live there, not in the record). */
  readonly findings?: readonly Pick<EngineIssue, 'severity' | 'message'>[];
  /**
   * Messages of the diagnostics whose squiggle is under the hovered position: VS Code shows
   * their text in the same hover, so this one names them without repeating them.
   */
  readonly shownDiagnostics?: ReadonlySet<string>;
}

/**
 * Which framework's words the error text is: shown before it so users know whom to trust.
 * The issue's code says whose rule raised it (`torch.*`, or `tf.*` / `keras.*`): class names
 * alone cannot, since Keras has an LSTM, a Resizing and a ReLU too.
 */
export function frameworkName(kind: string, language: SourceLanguage, code = ''): string {
  const tensorflow = language === 'python' ? 'Keras' : 'TensorFlow.js';
  if (code.startsWith('torch.')) return 'PyTorch';
  if (code.startsWith('tf.') || code.startsWith('keras.')) return tensorflow;
  return layerFamily(kind) === 'torch' ? 'PyTorch' : tensorflow;
}

/** `7x7` per axis: d·(k−1)+1, the span the dilated kernel covers. */
export function effectiveKernel(record: Pick<LayerRecord, 'kind' | 'args'>): number[] | undefined {
  const rank = spatialRank(record.kind);
  if (rank === 0) return undefined;
  const kernel = perAxis(layerArg(record.args, 'kernel'), rank);
  const dilation = perAxis(layerArg(record.args, 'dilation') ?? 1, rank);
  if (!kernel || !dilation) return undefined;
  return kernel.map((k, i) => (dilation[i] ?? 1) * (k - 1) + 1);
}

function shapeLine(record: LayerRecord): string {
  const layout = isChannelsLast(record) && record.input && record.input.length > 2 ? ' (channels last)' : '';
  return `\`${formatShape(record.input)} -> ${formatShape(record.output)}\`${layout}`;
}

function paramsLine(record: LayerRecord): string {
  if (record.paramsUnknown) return '**Params:** ? (the arguments are not known)';
  const tensors = record.paramTensors.map((tensor) => `${tensor.name} ${formatShape(tensor.shape)}`).join(', ');
  const frozen = record.trainableParams !== record.params ? `, ${formatCount(record.trainableParams)} trainable` : '';
  // exactCounts covers params and MACs together: flag only the count that really is past 2^53.
  const approximate = !record.exactCounts && record.params >= Number.MAX_SAFE_INTEGER ? ' (approximate: past 2^53)' : '';
  return `**Params:** ${formatCount(record.params)}${approximate}${tensors ? ` (${tensors}${frozen})` : frozen}`;
}

function computeLine(record: LayerRecord, unit: MacsUnit): string {
  // Without an output (unknown input, or a call that would raise) there is nothing to count.
  if (record.output === null || record.macsUnknown) return '**Compute:** ? (no output shape)';
  const approximate = !record.exactCounts && record.macs >= Number.MAX_SAFE_INTEGER / 2 ? ' (approximate: past 2^53)' : '';
  return `**Compute:** ${formatMacs(record.macs, unit)}${approximate}`;
}

function fieldLine(record: LayerRecord): string | undefined {
  const parts: string[] = [];
  if (record.receptiveField) parts.push(`**Receptive field:** ${formatAxes(record.receptiveField)}`);
  if (record.jump) parts.push(`**jump** ${formatAxes(record.jump)}`);
  const effective = effectiveKernel(record);
  if (effective && isConvKind(record.kind)) parts.push(`**kernel extent** ${effective.join('x')}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** Escapes the characters Markdown would interpret in framework messages and names. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (char) => `\\${char}`);
}

/**
 * Hover text for one layer. `records` are the calls of that layer (one for most layers,
 * several when forward() calls it more than once); the first one gives the details.
 */
export function buildLayerHover(records: readonly LayerRecord[], model: ModelReport | undefined, options: HoverContentOptions): string {
  const record = records[0];
  if (!record) return '';
  const lines: string[] = [];
  const where = model ? ` · ${escapeMarkdown(model.name)}` : '';
  lines.push(`**${escapeMarkdown(describeLayerArgs(record))}**  \n_${escapeMarkdown(record.path)}${where}_`);
  const effect = shapeEffect(record);
  const outputs = namedOutputs(record);
  lines.push([shapeLine(record), ...(outputs ? [`Returns \`${outputs}\``] : []), ...(effect ? [`_${escapeMarkdown(sentence(effect))}_`] : [])].join('  \n'));
  if (records.length > 1) {
    // One call line per use: a layer called twice, or one built by a helper for several blocks.
    const showParams = records.some((call) => call.params !== record.params);
    const samePath = records.every((call) => call.path === record.path);
    const calls = records.map((call, i) => {
      const name = samePath ? `call ${i + 1}` : escapeMarkdown(call.path);
      const params = showParams ? ` · ${formatKnown(recordParams(call))} params` : '';
      return `${name}: \`${formatShape(call.input)} -> ${formatShape(call.output)}\`${params}`;
    });
    lines.push(calls.join('  \n'));
  }
  // What is wrong comes before the numbers: VS Code caps a hover's height, and a warning below the fold is not read.
  lines.push(...issueLines(record, options));
  const block: string[] = [paramsLine(record), computeLine(record, options.macsUnit)];
  const field = fieldLine(record);
  if (field) block.push(field);
  lines.push(block.join('  \n'));
  const formulas = outputSizeFormulas(record);
  if (formulas.length > 0) lines.push(`**Output size**  \n${formulas.map((formula) => `\`${formula}\``).join('  \n')}`);
  const note = variantNote(record);
  if (note) lines.push(`_${escapeMarkdown(note)}_`);
  const links: string[] = [];
  if (options.openInspectorLink) links.push(`[Open in Inspector](${options.openInspectorLink})`);
  if (options.compareVariantsLink && isConvKind(record.kind)) links.push(`[Compare variants](${options.compareVariantsLink})`);
  if (links.length > 0) lines.push(links.join(' · '));
  return lines.join('\n\n');
}

/** What the hover says about a layer's problems, without repeating the diagnostics' text where VS Code shows it. */
function issueLines(record: LayerRecord, options: HoverContentOptions): string[] {
  const issues = [...record.issues];
  for (const finding of options.findings ?? []) {
    if (!issues.some((issue) => issue.message === finding.message)) issues.push({ ...finding, code: '' });
  }
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'gridding' || issue.message.startsWith('Gridding effect')) {
      // One sentence; the picture of the holes is in the inspector.
      const picture = options.openInspectorLink ? ` [See the picture](${options.openInspectorLink})` : '';
      lines.push(`**Gridding:** one output pixel does not see every input pixel inside its receptive field.${picture}`);
      continue;
    }
    const label = issue.severity === 'error' ? `${frameworkName(record.kind, options.language, issue.code)} error` : issue.severity === 'warning' ? 'Warning' : 'Note';
    if (options.shownDiagnostics?.has(issue.message)) lines.push(`**${label}** (its message is in this hover's problem section)`);
    else lines.push(`**${label}:** ${escapeMarkdown(issue.message)}`);
  }
  return lines;
}

/** Hover on a model definition: input/output and totals. */
export function buildModelHover(model: ModelReport, options: Pick<HoverContentOptions, 'macsUnit' | 'openInspectorLink'>): string {
  const trainable = model.trainableParams !== model.totalParams || !model.unknownParamLayers ? ` (${formatCount(model.trainableParams)} trainable)` : '';
  const paramsTotal = model.unknownParamLayers ? formatTotal(model.totalParams, model.unknownParamLayers) : `${formatCount(model.totalParams)}${trainable}`;
  const computeTotal = model.unknownMacLayers
    ? formatTotal(model.totalMacs, model.unknownMacLayers, (count) => formatMacs(count, options.macsUnit))
    : formatMacs(model.totalMacs, options.macsUnit);
  const lines = [
    `**${escapeMarkdown(model.name)}** (${model.layers.length} layer calls)`,
    `\`${formatShape(model.input)} -> ${formatShape(model.output)}\` (input: ${escapeMarkdown(model.inputSource)})`,
    `**Params:** ${paramsTotal}  \n**Compute:** ${computeTotal}`,
  ];
  if (modelUse(model) === 'unused') lines.push('_Nothing in this file calls it as a model, so its input is a guess._');
  if (options.openInspectorLink) lines.push(`[Open in Inspector](${options.openInspectorLink})`);
  return lines.join('\n\n');
}

/** Hover on `self.block` holding several layers (a Sequential, a sub-module): the flow through it. */
export function buildBlockHover(name: string, records: readonly LayerRecord[], options: Pick<HoverContentOptions, 'macsUnit'>): string {
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !last) return '';
  const totals = modelTotals(records);
  return [
    `**${escapeMarkdown(name)}** (${records.length} layer calls)`,
    `\`${formatShape(first.input)} -> ${formatShape(last.output)}\``,
    `**Params:** ${formatTotal(totals.totalParams, totals.unknownParamLayers)}  \n**Compute:** ${formatTotal(totals.totalMacs, totals.unknownMacLayers, (count) => formatMacs(count, options.macsUnit))}`,
  ].join('\n\n');
}
