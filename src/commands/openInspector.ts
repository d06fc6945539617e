/** `Conv Inspector: Open Inspector`: reveals the inspector panel (a Markdown summary when there is no panel). */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { summaryMarkdown } from '../editor/summaryExport';
import type { InspectorSurface } from './commandContext';
import { fileNameOf, resolveTarget, showMarkdownResult } from './commandContext';

/** Returns the file's summary as Markdown, so tests can read what the inspector shows. */
export function registerOpenInspector(cache: DocumentAnalysisCache, inspector?: InspectorSurface): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.OpenInspector, async (uri?: unknown, line?: unknown, column?: unknown) => {
    const target = await resolveTarget(cache, uri, line, column);
    if (!target) {
      // The panel explains itself (no file, file too large); still show it when asked.
      await inspector?.reveal();
      return undefined;
    }
    const markdown = summaryMarkdown(target.analysis, fileNameOf(target.document));
    if (inspector) await inspector.reveal();
    else await showMarkdownResult(markdown);
    return markdown;
  });
}
