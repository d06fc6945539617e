/**
 * Quick fixes for two errors where the right value is known: `groups` that does not divide
 * the channels (-> the nearest divisor of both) and a Linear whose `in_features` does not
 * match what arrives (-> the number the analysis found). Pure: works on the document text
 * with offsets; the code-action provider turns the result into a WorkspaceEdit.
 */
import type { BoundArgs } from '../engine/types';

export interface TextFix {
  readonly title: string;
  /** Offsets into the document text. */
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface CallText {
  readonly name: string;
  /** Offset of the call's first character (the callee name). */
  readonly start: number;
  /** Offset just after the closing parenthesis. */
  readonly end: number;
  readonly args: readonly CallArgument[];
}

export interface CallArgument {
  readonly keyword: string | undefined;
  /** Offsets of the value expression (without the `name=` part and surrounding blanks). */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly value: string;
}

const CALL_PATTERN = /\b((?:[A-Za-z_][\w.]*)?(?:Conv\w*|Linear|Dense|conv\w*|dense))\s*\(/g;

/** The innermost layer constructor call (`...Conv...(`, `Linear(`, `Dense(`) containing `offset`. */
export function findCallAround(text: string, offset: number): CallText | undefined {
  let found: CallText | undefined;
  CALL_PATTERN.lastIndex = Math.max(0, offset - 2000);
  for (let match = CALL_PATTERN.exec(text); match && match.index <= offset; match = CALL_PATTERN.exec(text)) {
    const call = parseCall(text, match.index, match.index + match[0].length, match[1] ?? '');
    if (call && call.end >= offset && (!found || call.start >= found.start)) found = call;
  }
  return found;
}

function parseCall(text: string, start: number, openEnd: number, name: string): CallText | undefined {
  const args: CallArgument[] = [];
  let depth = 0;
  let argStart = openEnd;
  let quote: string | undefined;
  for (let i = openEnd; i < text.length && i < openEnd + 5000; i += 1) {
    const char = text[i] as string;
    if (quote) {
      if (char === quote && text[i - 1] !== '\\') quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[' || char === '{') depth += 1;
    else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth -= 1;
    else if ((char === ',' || char === ')') && depth === 0) {
      const argument = splitArgument(text, argStart, i);
      if (argument) args.push(argument);
      if (char === ')') return { name, start, end: i + 1, args };
      argStart = i + 1;
    }
  }
  return undefined;
}

function splitArgument(text: string, from: number, to: number): CallArgument | undefined {
  const raw = text.slice(from, to);
  if (raw.trim() === '') return undefined;
  const keywordMatch = /^\s*([A-Za-z_]\w*)\s*[=:](?!=)\s*/.exec(raw);
  const valueFrom = from + (keywordMatch ? keywordMatch[0].length : raw.length - raw.trimStart().length);
  const valueText = text.slice(valueFrom, to).trimEnd();
  return { keyword: keywordMatch?.[1], valueStart: valueFrom, valueEnd: valueFrom + valueText.length, value: valueText };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** The divisor of both channel counts closest to `groups` (the smaller one on a tie). */
export function nearestCommonDivisor(inChannels: number, outChannels: number, groups: number): number {
  const common = greatestCommonDivisor(inChannels, outChannels);
  let best = 1;
  for (let divisor = 1; divisor <= common; divisor += 1) {
    if (common % divisor === 0 && Math.abs(divisor - groups) < Math.abs(best - groups)) best = divisor;
  }
  return best;
}

function numberFrom(args: BoundArgs | undefined, name: string, call: CallText, position: number): number | undefined {
  const bound = args?.[name];
  if (typeof bound === 'number') return bound;
  const argument = call.args.find((arg) => arg.keyword === name) ?? call.args.filter((arg) => arg.keyword === undefined)[position];
  return argument && /^\d+$/.test(argument.value) ? Number(argument.value) : undefined;
}

/** `groups=4` with 6 -> 9 channels becomes `groups=3`; undefined when the numbers are not known. */
export function groupsFix(text: string, offset: number, args?: BoundArgs): TextFix | undefined {
  const call = findCallAround(text, offset);
  if (!call) return undefined;
  const groupsArgument = call.args.find((arg) => arg.keyword === 'groups');
  const inChannels = numberFrom(args, 'in_channels', call, 0);
  const outChannels = numberFrom(args, 'out_channels', call, 1);
  const groups = numberFrom(args, 'groups', call, 6);
  if (!groupsArgument || inChannels === undefined || outChannels === undefined || groups === undefined) return undefined;
  const divisor = nearestCommonDivisor(inChannels, outChannels, groups);
  if (divisor === groups) return undefined;
  return {
    title: `Use groups=${divisor} (nearest divisor of ${inChannels} and ${outChannels})`,
    start: groupsArgument.valueStart,
    end: groupsArgument.valueEnd,
    newText: String(divisor),
  };
}

/** The features that really arrive, from PyTorch's `mat1 and mat2 shapes cannot be multiplied (1x1568 and 100x10)`. */
export function featuresFromMessage(message: string): number | undefined {
  const match = /mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)/.exec(message);
  return match ? Number(match[2]) : undefined;
}

/** Replaces the Linear's `in_features` (keyword or first positional) with the number found. */
export function inFeaturesFix(text: string, offset: number, message: string): TextFix | undefined {
  const features = featuresFromMessage(message);
  const call = findCallAround(text, offset);
  if (features === undefined || !call) return undefined;
  const argument = call.args.find((arg) => arg.keyword === 'in_features') ?? call.args.find((arg) => arg.keyword === undefined);
  if (!argument || argument.value === String(features)) return undefined;
  return { title: `Set in_features to ${features}`, start: argument.valueStart, end: argument.valueEnd, newText: String(features) };
}
