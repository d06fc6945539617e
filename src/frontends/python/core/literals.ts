/**
 * Literals: strings (prefixes, escapes, f-strings with their interpolations) and integers
 * in any base.
 */
import type { AnalysisContext } from './context';
import { evaluate } from './evaluate';
import type { Scope } from './scope';
import type { PyNode } from './syntax';
import { field, textOf } from './syntax';
import type { Value } from './values';
import { unknown } from './values';
import { formatValue } from './valueConversions';

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The value of a string literal node. */
export function stringLiteral(context: AnalysisContext, node: PyNode, scope: Scope): Value {
  const text = textOf(context.syntax, node);
  const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
  if (prefix.includes('b')) return unknown('a bytes literal');
  if (prefix.includes('f')) {
    let result = '';
    for (const child of node.children) {
      if (child.type === 'string_content') result += textOf(context.syntax, child);
      else if (child.type === 'escape_sequence') result += escapes[textOf(context.syntax, child).slice(1)] ?? '';
      else if (child.type === 'interpolation') {
        const expression = field(child, 'expression') ?? child.children[0];
        const value = expression ? evaluate(context, expression, scope) : unknown('an f-string');
        const piece = formatValue(value);
        if (piece === undefined) return unknown(`the f-string ${text}`);
        result += piece;
      }
    }
    return result;
  }
  const body = text.slice(prefix.length);
  const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
  const inner = body.slice(quote, body.length - quote);
  if (prefix.includes('r')) return inner;
  return inner.replace(/\\(.)/g, (_, char: string) => escapes[char] ?? `\\${char}`);
}

/** The value of an integer literal (`0x10`, `1_000`, ...). */
export function integerLiteral(text: string): number {
  const clean = text.replace(/_/g, '').toLowerCase();
  if (clean.startsWith('0x')) return parseInt(clean.slice(2), 16);
  if (clean.startsWith('0o')) return parseInt(clean.slice(2), 8);
  if (clean.startsWith('0b')) return parseInt(clean.slice(2), 2);
  return Number(clean.replace(/l$/, ''));
}
