/** `Conv Inspector: Compare Conv Variants`: the seed table for the conv at the cursor. */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { locateTarget } from '../editor/layerLocator';
import { readSettings } from '../editor/settings';
import { fromPosition } from '../editor/vscodeRanges';
import { compareConvVariants } from '../analysis/compareVariants';
import { variantsMarkdown } from '../editor/variantsMarkdown';
import type { InspectorSurface } from './commandContext';
import { resolveTarget, showMarkdownResult } from './commandContext';

/** Shows the table in the panel (a Markdown document without one); returns the comparison for tests. */
export function registerCompareVariants(cache: DocumentAnalysisCache, inspector?: InspectorSurface): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.CompareVariants, async (uri?: unknown, line?: unknown, column?: unknown) => {
    const target = await resolveTarget(cache, uri, line, column);
    if (!target) return undefined;
    const { document, analysis } = target;
    const located = locateTarget(analysis, (index) => (index < document.lineCount ? document.lineAt(index).text : ''), fromPosition(target.position));
    const record = located?.type === 'layer' && !located.blockName ? located.records[0] : undefined;
    if (!record || !/Conv/.test(record.kind)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Conv Inspector: put the cursor on a conv layer to compare its variants.'));
      return undefined;
    }
    const inChannels = record.args['in_channels'];
    const spatial = readSettings(document.uri).defaultSpatialSize;
    const rank = Number(/([123])d$/.exec(record.kind)?.[1] ?? 2);
    // Without a known input, the default spatial size stands in (said in the table's header).
    const input = record.input ?? [1, typeof inChannels === 'number' ? inChannels : 1, ...Array.from({ length: rank }, () => spatial)];
    const comparison = compareConvVariants(record.kind, record.args, input);
    if (typeof comparison === 'string') {
      void vscode.window.showInformationMessage(comparison);
      return undefined;
    }
    const position = new vscode.Position(record.range.start.line, record.range.start.column);
    const shownInPanel = inspector ? await inspector.compareVariantsAt(document, position) : false;
    if (!shownInPanel) await showMarkdownResult(variantsMarkdown(record, comparison, record.input === null));
    return comparison;
  });
}
