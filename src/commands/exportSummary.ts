/** `Conv Inspector: Export Model Summary...`: Markdown, CSV or JSON, saved where the user says. */
import * as vscode from 'vscode';
import { CommandId } from '../constants';
import type { DocumentAnalysisCache } from '../editor/documentAnalysisCache';
import { EXPORT_FORMATS, isExportFormat } from '../analysis/exportFormats';
import { formatSummary } from '../editor/summaryExport';
import { fileNameOf, resolveTarget } from './commandContext';
import { offerToOpen } from '../editor/savedFileMessage';
import { notebookCellOf } from '../editor/notebookCells';

/** `(format?, targetUri?)` skip the pickers (tests); returns the saved file's uri. */
export function registerExportSummary(cache: DocumentAnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ExportSummary, async (formatArg?: unknown, targetArg?: unknown) => {
    const target = await resolveTarget(cache);
    if (!target) return undefined;
    const format = isExportFormat(formatArg)
      ? formatArg
      : (
          await vscode.window.showQuickPick(
            [
              { label: EXPORT_FORMATS.markdown.label, format: 'markdown' as const },
              { label: EXPORT_FORMATS.csv.label, format: 'csv' as const },
              { label: EXPORT_FORMATS.json.label, format: 'json' as const, description: vscode.l10n.t('same contract as conv-inspector analyze --json') },
            ],
            { title: vscode.l10n.t('Export model summary as') },
          )
        )?.format;
    if (!format) return undefined;
    // From a notebook cell: the whole notebook, every model and diagnostic placed in its cell.
    const notebook = await cache.notebookAnalysis(target.document);
    const fileUri = notebookCellOf(target.document)?.notebook.uri ?? target.document.uri;
    const fileName = fileNameOf(target.document);
    const { extension, label } = EXPORT_FORMATS[format];
    const defaultUri = vscode.Uri.joinPath(fileUri, '..', `${fileName.replace(/\.[^.]+$/, '')}.summary.${extension}`);
    const destination = typeof targetArg === 'string' ? vscode.Uri.parse(targetArg) : await vscode.window.showSaveDialog({ defaultUri, filters: { [label]: [extension] } });
    if (!destination) return undefined;
    const content = notebook ? formatSummary(notebook.analysis, fileName, format, notebook.program) : formatSummary(target.analysis, fileName, format);
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(content));
    void offerToOpen(destination, vscode.l10n.t('summary'));
    return destination.toString();
  });
}
