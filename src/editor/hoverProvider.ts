/** Layer hovers: the provider only finds the target and wraps hoverContent's Markdown. */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from './documentAnalysisCache';
import { buildBlockHover, buildLayerHover, buildModelHover } from './hoverContent';
import { containsPosition, locateTarget, rangesOverlap } from './layerLocator';
import { readSettings } from './settings';
import { commandLink, fromPosition, toRange } from './vscodeRanges';

export class LayerHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: DocumentAnalysisCache) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const analysis = await this.cache.get(document);
    if (!analysis || token.isCancellationRequested) return undefined;
    const target = locateTarget(analysis, (line) => (line < document.lineCount ? document.lineAt(line).text : ''), fromPosition(position));
    if (!target) return undefined;
    const settings = readSettings(document.uri);
    const location = [document.uri.toString(), position.line, position.character];
    const openInspectorLink = commandLink(CommandId.OpenInspector, location);
    let text: string;
    if (target.type === 'model') {
      text = buildModelHover(target.model, { macsUnit: settings.macsUnit, openInspectorLink });
    } else if (target.blockName) {
      text = buildBlockHover(target.blockName, target.records, { macsUnit: settings.macsUnit });
    } else {
      const first = target.records[0];
      const compareLocation = first ? [document.uri.toString(), first.range.start.line, first.range.start.column] : location;
      text = buildLayerHover(target.records, target.model, {
        macsUnit: settings.macsUnit,
        language: analysis.language,
        openInspectorLink,
        compareVariantsLink: commandLink(CommandId.CompareVariants, compareLocation),
        findings: first ? analysis.diagnostics.filter((finding) => rangesOverlap(first.range, finding.range)) : [],
        shownDiagnostics: new Set(
          settings.diagnosticsEnabled ? analysis.diagnostics.filter((finding) => containsPosition(finding.range, fromPosition(position))).map((finding) => finding.message) : [],
        ),
      });
    }
    if (!text) return undefined;
    const markdown = new vscode.MarkdownString(text);
    // Only our own two commands may run from a hover link.
    markdown.isTrusted = { enabledCommands: [CommandId.OpenInspector, CommandId.CompareVariants] };
    return new vscode.Hover(markdown, toRange(target.range));
  }
}
