/**
 * The one reader of shape text a person types: the `defaultInputShape` setting, the CLI's
 * `--input`, the Set Input Shape box and the panel's field (host and webview). Pure, and
 * free of Node and DOM APIs, so the webview bundle imports it too.
 */
import type { Shape } from '../engine/types';

/** A dimension: a positive integer of at most 15 significant digits, so it is exact as a number. */
const DIMENSION = String.raw`0*[1-9]\d{0,14}`;
/** Between dimensions: a comma or an `x`, with optional spaces around, or just spaces. */
const SEPARATOR = String.raw`(?:\s*[,x]\s*|\s+)`;

/**
 * The grammar of a shape as a regular expression source: 2 to 6 dimensions, optionally in
 * `(...)` or `[...]` (a trailing comma allowed before the bracket, as in a Python tuple).
 * `1,3,224,224`, `(1, 3, 224, 224)`, `[1, 3, 224, 224]`, `1x3x224x224` and `1 3 224 224`
 * all read as the same shape. package.json's `defaultInputShape` pattern is this source
 * (plus an empty alternative), and a unit test keeps the two in step.
 */
export const SHAPE_TEXT_PATTERN = String.raw`^\s*[[(]?\s*${DIMENSION}(?:${SEPARATOR}${DIMENSION}){1,5}(?:\s*,?\s*[\])])?\s*$`;

const SHAPE_TEXT = new RegExp(SHAPE_TEXT_PATTERN);

/** What the input boxes say when the text is not a shape. */
export const SHAPE_TEXT_HINT = 'Type 2 to 6 positive integers, batch first, e.g. 1, 3, 224, 224';

/** The shape `text` spells (see SHAPE_TEXT_PATTERN); undefined when it is not one. */
export function parseShapeText(text: string): Shape | undefined {
  if (!SHAPE_TEXT.test(text)) return undefined;
  return (text.match(/\d+/g) ?? []).map(Number);
}

/** Why the text is not a shape, for an input box; undefined when it is fine. */
export function validateShapeText(text: string): string | undefined {
  return parseShapeText(text) ? undefined : SHAPE_TEXT_HINT;
}
