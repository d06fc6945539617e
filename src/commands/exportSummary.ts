/** `Conv Inspector: Export Model Summary...`: Markdown, CSV or JSON, saved where the user says. */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import type { SummaryFormat } from '../editor/summaryExport';
import { formatSummary } from '../editor/summaryExport';
import { fileNameOf, resolveTarget } from './commandContext';

const EXTENSIONS: Readonly<Record<SummaryFormat, string>> = { markdown: 'md', csv: 'csv', json: 'json' };

function isFormat(value: unknown): value is SummaryFormat {
  return value === 'markdown' || value === 'csv' || value === 'json';
}

/** `(format?, targetUri?)` skip the pickers (tests); returns the saved file's uri. */
export function registerExportSummary(cache: DocumentAnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ExportSummary, async (formatArg?: unknown, targetArg?: unknown) => {
    const target = await resolveTarget(cache);
    if (!target) return undefined;
    const format = isFormat(formatArg) ? formatArg : (await vscode.window.showQuickPick([
      { label: 'Markdown', format: 'markdown' as const },
      { label: 'CSV', format: 'csv' as const },
      { label: 'JSON', format: 'json' as const, description: vscode.l10n.t('same contract as conv-inspector analyze --json') },
    ], { title: vscode.l10n.t('Export model summary as') }))?.format;
    if (!format) return undefined;
    const fileName = fileNameOf(target.document);
    const defaultUri = vscode.Uri.joinPath(target.document.uri, '..', `${fileName.replace(/\.[^.]+$/, '')}.summary.${EXTENSIONS[format]}`);
    const destination = typeof targetArg === 'string' ? vscode.Uri.parse(targetArg)
      : await vscode.window.showSaveDialog({ defaultUri, filters: { [format.toUpperCase()]: [EXTENSIONS[format]] } });
    if (!destination) return undefined;
    const content = formatSummary(target.analysis, fileName, format);
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(content));
    void vscode.window.showInformationMessage(vscode.l10n.t('Conv Inspector: summary saved to {0}', vscode.workspace.asRelativePath(destination)));
    return destination.toString();
  });
}
