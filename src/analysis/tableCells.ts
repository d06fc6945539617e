/**
 * The cell and row writers of every CSV and Markdown table the extension saves (Export
 * Model Summary and the panel's export buttons), so quoting, escaping and the guard
 * against spreadsheet formula injection are written once. Pure.
 */

/** What a spreadsheet may run as a formula, or reads as a control character, at a cell's start (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that starts like a formula but is plain data: a decimal number such as `-1`,
 * `-0.5` or `-1e-3` (a spreadsheet reads it as that number and no formula fits in it),
 * or a lone `-`, the tables' placeholder for "does not apply".
 */
const DATA_NOT_FORMULA = /^(-?\d+(\.\d+)?(e[-+]?\d+)?|-)$/i;

/**
 * `text` with a leading `'` when a spreadsheet would run it as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return), as OWASP recommends; the quote shows the
 * text as it is instead. Numbers and the `-` placeholder stay as they are (see
 * DATA_NOT_FORMULA), so `-1` still sorts as a number while `-1+cmd|...` is neutralised.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !DATA_NOT_FORMULA.test(text) ? `'${text}` : text;
}

/** One CSV field (RFC 4180): formula-guarded, quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, without the line break (the callers choose `\n` or `\r\n`). */
export function csvRow(cells: readonly (string | number)[]): string {
  return cells.map((cell) => csvCell(cell)).join(',');
}

/**
 * Text inside a Markdown table or heading: backslashes and pipes escaped (a pipe would split
 * the cell), line breaks as `<br>`. No formula guard: headings are not cells.
 */
export function markdownText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/**
 * One Markdown table cell: escaped as markdownText and formula-guarded like a CSV field,
 * because a table copied from the rendered Markdown pastes into a spreadsheet cell by cell.
 */
export function markdownCell(value: string | number): string {
  return markdownText(typeof value === 'number' ? String(value) : neutraliseFormula(value));
}

/** One Markdown table row: `| a | b |`. */
export function markdownRow(cells: readonly (string | number)[]): string {
  return `| ${cells.map((cell) => markdownCell(cell)).join(' | ')} |`;
}
