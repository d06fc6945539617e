/** `Conv Inspector: Open Inspector`: the summary of every model in the file (Markdown until the panel lands). */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { summaryMarkdown } from '../editor/summaryExport';
import { fileNameOf, resolveTarget, showMarkdownResult } from './commandContext';

/** Returns the Markdown shown, so tests can read it. */
export function registerOpenInspector(cache: DocumentAnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.OpenInspector, async (uri?: unknown, line?: unknown, column?: unknown) => {
    const target = await resolveTarget(cache, uri, line, column);
    if (!target) return undefined;
    const markdown = summaryMarkdown(target.analysis, fileNameOf(target.document));
    await showMarkdownResult(markdown);
    return markdown;
  });
}
