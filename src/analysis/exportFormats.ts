/**
 * The formats a table or summary is saved in (Markdown, CSV, JSON): the file extension and
 * the label each shows in buttons, pickers and save dialogs, and the check of untrusted
 * values, shared by Export Model Summary, the panel's export and the webview. Pure.
 */

/** A format to save a table or summary in. */
export type ExportFormat = 'markdown' | 'csv' | 'json';

/** File extension (without the dot) and display label of each format, in the order the UI lists them. */
export const EXPORT_FORMATS: Readonly<Record<ExportFormat, { readonly extension: string; readonly label: string }>> = {
  markdown: { extension: 'md', label: 'Markdown' },
  csv: { extension: 'csv', label: 'CSV' },
  json: { extension: 'json', label: 'JSON' },
};

/** True for one of the export formats (a command argument or a webview message field). */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, value);
}
