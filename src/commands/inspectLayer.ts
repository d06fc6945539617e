/**
 * `Conv Inspector: Inspect Layer at Cursor`: selects the layer in the inspector panel (its
 * detail card); without a panel, the hover's details as a Markdown document.
 */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { buildBlockHover, buildLayerHover, buildModelHover } from '../editor/hoverContent';
import { locateTarget, rangesOverlap } from '../editor/layerLocator';
import { readSettings } from '../editor/settings';
import { fromPosition } from '../editor/vscodeRanges';
import type { InspectorSurface } from './commandContext';
import { resolveTarget, showMarkdownResult } from './commandContext';

/** Returns the hover's Markdown of the target, so tests can read what was inspected. */
export function registerInspectLayer(cache: DocumentAnalysisCache, inspector?: InspectorSurface): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.InspectLayer, async (uri?: unknown, line?: unknown, column?: unknown) => {
    const target = await resolveTarget(cache, uri, line, column);
    if (!target) return undefined;
    const { document, analysis } = target;
    const located = locateTarget(analysis, (index) => (index < document.lineCount ? document.lineAt(index).text : ''), fromPosition(target.position));
    const macsUnit = readSettings(document.uri).macsUnit;
    if (!located) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Conv Inspector: no layer at the cursor. Put it on a layer constructor or on self.NAME.'));
      return undefined;
    }
    const markdown =
      located.type === 'model'
        ? buildModelHover(located.model, { macsUnit })
        : located.blockName
          ? buildBlockHover(located.blockName, located.records, { macsUnit })
          : buildLayerHover(located.records, located.model, {
              macsUnit,
              language: analysis.language,
              findings: analysis.diagnostics.filter((finding) => located.records[0] && rangesOverlap(located.records[0].range, finding.range)),
            });
    const shownInPanel = located.type === 'layer' && inspector ? await inspector.inspectAt(document, target.position) : false;
    if (shownInPanel) return markdown;
    if (located.type === 'model' && inspector) {
      await inspector.reveal();
      return markdown;
    }
    await showMarkdownResult(markdown);
    return markdown;
  });
}
