/**
 * The `# conv-inspector: input=(1, 3, 224, 224)` comment directive (`//` in TypeScript and
 * JavaScript): its text, and where to write or update it above a model. Pure; the editor
 * applies the plan in editor/writeInputDirective.ts. The front ends read the directive.
 */
import type { Shape } from '../engine/types';
import type { SourceLanguage } from '../engine/report';

/** The directive line for `shape`, in the comment syntax of `language`: the only writer of its text. */
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

/**
 * The line of the directive that sets the input of the model starting at `modelLine` (on that
 * line or in the comment/decorator block right above it), or undefined when there is none:
 * the line "reset to detected" removes.
 */
export function findDirectiveLine(lines: readonly string[], modelLine: number): number | undefined {
  if (DIRECTIVE_PATTERN.test(lines[modelLine] ?? '')) return modelLine;
  for (let line = modelLine - 1; line >= 0; line -= 1) {
    const current = lines[line] ?? '';
    if (DIRECTIVE_PATTERN.test(current)) return line;
    if (!/^\s*(#|\/\/|@)/.test(current)) return undefined;
  }
  return undefined;
}
