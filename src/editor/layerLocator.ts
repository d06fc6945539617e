/**
 * Finds which layer (or model) a position in the source talks about. Simple, honest rules:
 * 1. inside a layer's constructor call: that call's records;
 * 2. on `self.NAME` / `this.NAME` inside a model: the records of that model whose path ends
 *    in NAME (a leaf layer), or starts with `NAME.` (a block: a Sequential, a sub-module);
 * 3. on a variable assigned a constructor call (`conv = nn.Conv2d(...)`): that call's records;
 * 4. on the first line of a model definition, or on the model's name where it is built
 *    (`model = UNet(...)`), or on a call of a builder from another module whose layers are
 *    all attributed to that call (`efficientnet_b0()`): the model;
 * 5. anywhere on the line whose call gave the model its input (`net(torch.randn(...))`): the model.
 * Pure: positions are 0-based like the records' ranges.
 */
import type { FileAnalysis, LayerRecord, ModelReport, SourcePosition, SourceRange } from '../engine/report';
import { callLineOf } from '../analysis/modelChoice';

export interface LayerTarget {
  readonly type: 'layer';
  readonly records: readonly LayerRecord[];
  readonly model: ModelReport | undefined;
  /** The word or call hovered, for the hover's highlight. */
  readonly range: SourceRange;
  /** For a block (`self.layer1` holding several layers): its name; undefined for a leaf. */
  readonly blockName?: string;
}

export interface ModelTarget {
  readonly type: 'model';
  readonly model: ModelReport;
  readonly range: SourceRange;
}

export type LocatedTarget = LayerTarget | ModelTarget;

export function containsPosition(range: SourceRange, position: SourcePosition): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.column >= range.start.column);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.column <= range.end.column);
  return afterStart && beforeEnd;
}

/**
 * Whether the records at one call were built by a call of a builder (`efficientnet_b0()`) rather
 * than by a layer constructor: a constructor makes one kind of layer, even when a block class
 * that holds it is built several times; a builder makes several kinds.
 */
function isBuilderCall(records: readonly LayerRecord[]): boolean {
  return new Set(records.map((record) => record.kind)).size > 1;
}

function rangeKey(range: SourceRange): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

function rangeSize(range: SourceRange): number {
  return (range.end.line - range.start.line) * 1e6 + (range.end.column - range.start.column);
}

/** Every record with the same constructor range (the calls of one layer, or the instances a helper built). */
export function recordsAtRange(analysis: FileAnalysis, range: SourceRange): { records: LayerRecord[]; model: ModelReport | undefined } {
  const key = rangeKey(range);
  const records: LayerRecord[] = [];
  let model: ModelReport | undefined;
  for (const candidate of analysis.models) {
    for (const record of candidate.layers) {
      if (rangeKey(record.range) === key && !records.some((seen) => seen.layerId === record.layerId && seen.path === record.path && seen.input === record.input)) {
        records.push(record);
        model ??= candidate;
      }
    }
  }
  return { records, model };
}

/** The identifier under `column` in `lineText` and the text right before it. */
export function wordAt(lineText: string, column: number): { word: string; start: number; end: number; prefix: string } | undefined {
  const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\w$]/.test(char);
  let start = column;
  while (start > 0 && isWordChar(lineText[start - 1])) start -= 1;
  let end = column;
  while (end < lineText.length && isWordChar(lineText[end])) end += 1;
  if (start === end || /^\d/.test(lineText[start] ?? '')) return undefined;
  return { word: lineText.slice(start, end), start, end, prefix: lineText.slice(0, start) };
}

/** The name a constructor call is assigned to on its own line (`self.conv1 = nn.Conv2d(`), if any. */
export function holderName(lineText: string, callColumn: number): string | undefined {
  const before = lineText.slice(0, callColumn);
  const match = /(?:^|[^\w$.])(?:self\.|this\.)?([A-Za-z_$][\w$]*)\s*(?::\s*[\w.[\], ]+)?=\s*$/.exec(before);
  return match?.[1];
}

export function locateTarget(analysis: FileAnalysis, getLine: (line: number) => string, position: SourcePosition): LocatedTarget | undefined {
  // 1. Inside a constructor call: the smallest enclosing call wins (nested calls in a Sequential).
  let best: LayerRecord | undefined;
  for (const model of analysis.models) {
    for (const record of model.layers) {
      if (containsPosition(record.range, position) && (!best || rangeSize(record.range) < rangeSize(best.range))) best = record;
    }
  }
  if (best) {
    const { records, model } = recordsAtRange(analysis, best.range);
    // A builder from another module (`efficientnet_b0()`): its layers all sit on this one call.
    if (model && isBuilderCall(records)) return { type: 'model', model, range: best.range };
    return { type: 'layer', records, model, range: best.range };
  }
  const lineText = getLine(position.line);
  // 5. The call the model's input came from.
  const called = analysis.models.find((model) => callLineOf(model) === position.line + 1);
  if (called && lineText.trim() !== '') {
    const indent = lineText.length - lineText.trimStart().length;
    return { type: 'model', model: called, range: { start: { line: position.line, column: indent }, end: { line: position.line, column: lineText.trimEnd().length } } };
  }
  const word = wordAt(lineText, position.column);
  if (!word) return undefined;
  const wordRange: SourceRange = { start: { line: position.line, column: word.start }, end: { line: position.line, column: word.end } };
  const enclosing = analysis.models.filter((model) => containsPosition(model.range, position));
  // 2. `self.NAME` inside a model.
  if (/(?:self|this)\.$/.test(word.prefix)) {
    for (const model of enclosing) {
      const leaves = model.layers.filter((record) => record.path === word.word);
      if (leaves.length > 0) return { type: 'layer', records: dedupe(leaves), model, range: wordRange };
      const block = model.layers.filter((record) => record.path.startsWith(`${word.word}.`));
      if (block.length > 0) return { type: 'layer', records: block, model, range: wordRange, blockName: word.word };
    }
    // 2b. `self.NAME` in a building-block class (a ResNet block): the records built in the
    // same class whose path ends in NAME, one per instance of the block.
    const classLine = enclosingClassLine(getLine, position.line);
    if (classLine !== undefined) {
      const sameClass: LayerRecord[] = [];
      let owner: ModelReport | undefined;
      for (const model of analysis.models) {
        for (const record of model.layers) {
          if (record.path.endsWith(`.${word.word}`) && enclosingClassLine(getLine, record.range.start.line) === classLine) {
            sameClass.push(record);
            owner ??= model;
          }
        }
      }
      if (sameClass.length > 0) return { type: 'layer', records: sameClass, model: owner, range: wordRange };
    }
  }
  // 4. The model's own definition line (class name, `model = nn.Sequential(`).
  for (const model of analysis.models) {
    const definition = model.range.start.line === position.line && (model.name === word.word || model.name.endsWith(word.word));
    const construction = model.name === word.word && lineText.slice(word.end).trimStart().startsWith('(');
    if (definition || construction) {
      return { type: 'model', model, range: wordRange };
    }
  }
  // 3. A variable that holds a constructor call.
  for (const model of analysis.models) {
    for (const record of model.layers) {
      const holder = holderName(getLine(record.range.start.line), record.range.start.column);
      if (holder === word.word && !/(?:self|this)\.$/.test(word.prefix)) {
        const { records, model: owner } = recordsAtRange(analysis, record.range);
        return { type: 'layer', records, model: owner, range: wordRange };
      }
    }
  }
  return undefined;
}

/** Records of one leaf path: the calls of a shared layer, in execution order. */
function dedupe(records: readonly LayerRecord[]): LayerRecord[] {
  const first = records[0];
  return first ? records.filter((record) => record.layerId === first.layerId) : [];
}

/** True when two ranges share at least one position. */
export function rangesOverlap(a: SourceRange, b: SourceRange): boolean {
  return containsPosition(a, b.start) || containsPosition(a, b.end) || containsPosition(b, a.start);
}

/** The line of the `class` statement a line belongs to (the nearest one above with less indentation). */
export function enclosingClassLine(getLine: (line: number) => string, line: number): number | undefined {
  const classPattern = /^\s*(export\s+)?(default\s+)?class\s/;
  const first = getLine(line);
  if (classPattern.test(first)) return line;
  let limit = /^\s*/.exec(first)?.[0].length ?? 0;
  for (let current = line - 1; current >= 0 && limit > 0; current -= 1) {
    const text = getLine(current);
    if (text.trim() === '') continue;
    const indent = /^\s*/.exec(text)?.[0].length ?? 0;
    if (indent >= limit) continue;
    if (classPattern.test(text)) return current;
    limit = indent;
  }
  return undefined;
}
