/**
 * The `# conv-inspector: input=(1, 3, 224, 224)` comment directive: parsing what a user
 * types, and where to write or update the directive above a model. Pure.
 */
import type { Shape } from '../engine/types';
import type { SourceLanguage } from '../engine/report';

/** `1,3,224,224`, `(1, 3, 224, 224)` or `[1, 3, 224, 224]` -> the shape; undefined when not valid. */
export function parseShapeText(text: string): Shape | undefined {
  const inner = text.trim().replace(/^[[(]\s*/, '').replace(/\s*,?\s*[\])]$/, '');
  if (inner === '') return undefined;
  const parts = inner.split(/\s*[,x]\s*|\s+/);
  const shape: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return undefined;
    const value = Number(part);
    if (value < 1 || !Number.isSafeInteger(value)) return undefined;
    shape.push(value);
  }
  return shape.length >= 2 && shape.length <= 6 ? shape : undefined;
}

/** Why the text is not a shape, for the input box; undefined when it is fine. */
export function validateShapeText(text: string): string | undefined {
  return parseShapeText(text) ? undefined : 'Type 2 to 6 positive integers, batch first, e.g. 1, 3, 224, 224';
}

export function directiveText(shape: Shape, language: SourceLanguage): string {
  const marker = language === 'python' ? '#' : '//';
  return `${marker} conv-inspector: input=(${shape.join(', ')})`;
}

const DIRECTIVE_PATTERN = /^\s*(#|\/\/)\s*conv-inspector:\s*input\s*=/;

export interface DirectiveEdit {
  /** 0-based line to replace (`replace: true`) or to insert before. */
  readonly line: number;
  readonly replace: boolean;
  /** The full new line, indentation included, without the line break. */
  readonly text: string;
}

/**
 * Where the directive for the model starting at `modelLine` goes: replaces an existing
 * directive in the comment/decorator block right above the model, else inserts a new line
 * right above it (above its decorators), with the model's indentation.
 */
export function planDirectiveEdit(lines: readonly string[], modelLine: number, shape: Shape, language: SourceLanguage): DirectiveEdit {
  const modelText = lines[modelLine] ?? '';
  const indentation = /^\s*/.exec(modelText)?.[0] ?? '';
  const text = indentation + directiveText(shape, language);
  if (DIRECTIVE_PATTERN.test(modelText)) return { line: modelLine, replace: true, text };
  let insertAt = modelLine;
  for (let line = modelLine - 1; line >= 0; line -= 1) {
    const current = lines[line] ?? '';
    if (DIRECTIVE_PATTERN.test(current)) return { line, replace: true, text };
    if (/^\s*(#|\/\/|@)/.test(current)) {
      if (/^\s*@/.test(current)) insertAt = line;
      continue;
    }
    break;
  }
  return { line: insertAt, replace: false, text };
}
