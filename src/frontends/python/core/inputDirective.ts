/**
 * The `# conv-inspector: input=(...)` directive that names a model's input shape, read
 * from the comments on or above a definition; torch and Keras models both honour it.
 */
import type { Shape } from '../../../engine/types';
import type { AnalysisContext } from './context';
import type { PyNode } from './syntax';

const directivePattern = /conv-inspector\s*:\s*input\s*=\s*[([]?\s*(\d+(?:\s*,\s*\d+)*)\s*,?\s*[)\]]?/i;

/** The `# conv-inspector: input=(...)` directive on the model's line or in the comments right above it. */
export function directiveInput(context: AnalysisContext, node: PyNode): Shape | undefined {
  const byLine = context.directiveLines();
  const lines = context.sourceLines();
  for (let line = node.range.start.line; line >= 0; line--) {
    const text = byLine.get(line);
    if (text) {
      const match = directivePattern.exec(text);
      if (match) return match[1].split(',').map((part) => Number(part.trim()));
    }
    const trimmed = (lines[line] ?? '').trim();
    if (line < node.range.start.line && !(trimmed.startsWith('#') || trimmed.startsWith('@'))) break;
  }
  return undefined;
}
