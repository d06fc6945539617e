/**
 * Reads a Jupyter notebook file (`.ipynb`, nbformat 4) into its cells: kind and source text,
 * nothing else. The cells' outputs (images, logs: often megabytes) are skipped by a scanner
 * before the JSON is parsed, so they are never decoded into strings or objects. A malformed
 * notebook gets a `NotebookFormatError` with a plain reason; small defects (a cell without
 * `source`, non-string lines) are read as far as they go and reported as problems. Pure.
 */

/** One cell as the analysis needs it. */
export interface NotebookCellSource {
  /** Code cells are analysed; markdown and raw cells only keep their place in the numbering. */
  readonly code: boolean;
  readonly text: string;
}

export interface ParsedNotebook {
  /** Every cell of the notebook's `cells` array, in document order. */
  readonly cells: readonly NotebookCellSource[];
  /** Defects read around, one plain sentence each (`cell 3 has no source; read as empty`). */
  readonly problems: readonly string[];
}

/** A notebook that cannot be read at all; the message says why. */
export class NotebookFormatError extends Error {}

/** Cell keys whose values are skipped unread: outputs and attached images. */
const SKIPPED_CELL_KEYS: Readonly<Record<string, string>> = { outputs: '[]', attachments: '{}' };

/** Index just past the string that opens at `start` (a `"`), or -1 when it never closes. */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** Index just past the JSON value that starts at or after `start`; strings are jumped over whole. */
function endOfValue(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length;) {
    const char = text[at];
    if (char === '"') {
      const end = endOfString(text, at);
      if (end < 0) return text.length;
      at = end;
      if (depth === 0) return at;
      continue;
    }
    if (char === '[' || char === '{') depth += 1;
    else if (char === ']' || char === '}') {
      depth -= 1;
      if (depth <= 0) return depth < 0 ? at : at + 1;
    } else if (depth === 0 && (char === ',' || char === '}')) return at;
    at += 1;
  }
  return text.length;
}

/**
 * The notebook's text with every cell's `outputs` and `attachments` value replaced by an
 * empty one. Only the structure is followed (strings are jumped with `indexOf`), so a
 * 50 MB image costs one scan and no allocation.
 */
export function withoutCellOutputs(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  // The containers open at the cursor, and for each object the last key read.
  const stack: { readonly brace: boolean; key?: string; expectingKey: boolean }[] = [];
  for (let at = 0; at < text.length;) {
    const char = text[at];
    const top = stack[stack.length - 1];
    if (char === '"') {
      const end = endOfString(text, at);
      if (end < 0) break;
      if (top?.brace && top.expectingKey) {
        top.key = end - at < 40 ? text.slice(at + 1, end - 1) : undefined;
        top.expectingKey = false;
      }
      at = end;
      continue;
    }
    if (char === '{' || char === '[') stack.push({ brace: char === '{', expectingKey: char === '{' });
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',' && top?.brace) top.expectingKey = true;
    else if (char === ':' && stack.length === 3 && stack[0].key === 'cells' && !stack[1].brace && top.key !== undefined && top.key in SKIPPED_CELL_KEYS) {
      const end = endOfValue(text, at + 1);
      parts.push(text.slice(copiedUpTo, at + 1), SKIPPED_CELL_KEYS[top.key]);
      copiedUpTo = end;
      at = end;
      continue;
    }
    at += 1;
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** nbformat's multiline string: one string, or a list of lines (each keeps its own `\n`). */
function cellText(cell: Record<string, unknown>, index: number, problems: string[]): string {
  const source = cell.source;
  if (typeof source === 'string') return source;
  if (Array.isArray(source)) {
    const lines = source.filter((line): line is string => typeof line === 'string');
    if (lines.length < source.length) problems.push(`cell ${index}: ${source.length - lines.length} entries of its source are not text; they were left out`);
    return lines.join('');
  }
  problems.push(source === undefined ? `cell ${index} has no source; read as empty` : `cell ${index}: its source is not text; read as empty`);
  return '';
}

/** The kernel's language when the notebook names one (Python when it does not). */
function kernelLanguage(metadata: unknown): string {
  if (!isRecord(metadata)) return 'python';
  const kernelspec = isRecord(metadata.kernelspec) ? metadata.kernelspec.language : undefined;
  const languageInfo = isRecord(metadata.language_info) ? metadata.language_info.name : undefined;
  const language = typeof kernelspec === 'string' ? kernelspec : typeof languageInfo === 'string' ? languageInfo : 'python';
  return language.toLowerCase();
}

/** Reads a notebook's text; throws `NotebookFormatError` when it is not a notebook this reads. */
export function parseNotebookJson(text: string): ParsedNotebook {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let root: unknown;
  try {
    root = JSON.parse(withoutCellOutputs(json));
  } catch {
    // Parsed whole only now, so that the message's position is the file's own.
    try {
      root = JSON.parse(json);
    } catch (error) {
      throw new NotebookFormatError(`not a notebook: the file is not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isRecord(root)) throw new NotebookFormatError('not a notebook: the JSON is not an object with a "cells" list');
  if (typeof root.nbformat === 'number' && root.nbformat < 4) {
    throw new NotebookFormatError(`nbformat ${root.nbformat} notebooks are not read; open and save it in Jupyter to convert it to nbformat 4`);
  }
  if (!Array.isArray(root.cells)) throw new NotebookFormatError('not a notebook: it has no "cells" list');
  const language = kernelLanguage(root.metadata);
  if (language !== 'python') throw new NotebookFormatError(`the notebook's kernel is ${language}; only Python notebooks are analysed`);
  const problems: string[] = [];
  const cells = root.cells.map((cell: unknown, index): NotebookCellSource => {
    if (!isRecord(cell)) {
      problems.push(`cell ${index} is not an object; skipped`);
      return { code: false, text: '' };
    }
    return { code: cell.cell_type === 'code', text: cellText(cell, index, problems) };
  });
  return { cells, problems };
}
