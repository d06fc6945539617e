/**
 * How a layer path too long for its column is shortened: in the middle, at dot boundaries,
 * keeping the tail (the layer's own name and the indices just before it), and never to a
 * text that another path of the same table could also be shortened to. Pure (no DOM): the
 * table view measures, this module decides, so the rules are unit-tested on real models.
 *
 * `layer3.1.downsample.0` and `layer3.0.downsample.0` must stay apart at side-bar width, so
 * the choice looks at the whole table: a shortened text is a pattern (`…` stands for what was
 * left out), and it is only used when no other path of the table fits that pattern. Two rows
 * then never read the same, since each row's text is a pattern only its own path fits.
 */

const ELLIPSIS = '…';

/** Most segments before the last whose every subset is tried (2^12 candidates at most). */
const MAX_SUBSET_SEGMENTS = 12;
/** Candidates that fit but match another path, tried before cutting inside segments. */
const MAX_SEGMENT_TRIES = 32;

/** A shortened path: which characters are kept; each run of left-out ones reads `…`. */
type Kept = readonly boolean[];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text a kept-mask reads, and the pattern of every path that reads the same: a gap that
 * left out only letters and dots stands for letters and dots only, so `…2…1.norm1` (block 2,
 * layer 1) is not also a shortening of block 2, layer 11.
 */
function render(chars: readonly string[], kept: Kept): { text: string; readonly pattern: RegExp } {
  let text = '';
  let source = '^';
  for (let i = 0; i < chars.length;) {
    if (kept[i]) {
      text += chars[i];
      source += escapeRegExp(chars[i]);
      i++;
      continue;
    }
    let end = i;
    while (end < chars.length && !kept[end]) end++;
    text += ELLIPSIS;
    source += chars.slice(i, end).some((char) => /\d/.test(char)) ? '.+' : '\\D+';
    i = end;
  }
  // Built when asked: most candidates are only measured.
  let pattern: RegExp | undefined;
  return {
    text,
    get pattern(): RegExp {
      return (pattern ??= new RegExp(`${source}$`, 's'));
    },
  };
}

/** Shortens the paths of one table; build one per list of paths (it caches its answers). */
export class PathShortener {
  private readonly paths: readonly string[];
  private readonly cache = new Map<string, string>();

  /** `measure` gives a text's width in the unit of the widths later asked for (px, ch). */
  constructor(
    paths: readonly string[],
    private readonly measure: (text: string) => number,
  ) {
    this.paths = [...new Set(paths)];
  }

  /**
   * `path` as it shows in `maxWidth`: itself when it fits; else the dot-boundary shortening
   * that keeps the most of the tail, fits and is the table's only path of that shape
   * (`…1.downsample.0`, `layer3.1…0`); else one that also leaves out the letters of the
   * segments before the last, keeping their digits (`…3…12.conv2`); else the same with the
   * start of the last segment cut too (`…6.2…_depth`). Only when no unique text fits at all
   * can two rows read alike.
   */
  shorten(path: string, maxWidth: number): string {
    const width = Math.floor(maxWidth);
    const key = `${width}\n${path}`;
    let text = this.cache.get(key);
    if (text === undefined) {
      text = this.choose(path, width);
      this.cache.set(key, text);
    }
    return text;
  }

  private choose(path: string, maxWidth: number): string {
    if (this.measure(path) <= maxWidth) return path;
    const chars = Array.from(path);
    const lastStart = chars.lastIndexOf('.') + 1;
    // Every shortening keeps the last segment whole: only paths ending the same can match.
    const last = chars.slice(lastStart).join('');
    const others = this.paths.filter((other) => other !== path && other.endsWith(last));
    const unique = (pattern: RegExp): boolean => !others.some((other) => pattern.test(other));
    const bySegments = this.bySegments(chars, lastStart, maxWidth, unique);
    if (bySegments !== undefined) return bySegments;
    const inside = this.insideSegments(chars, lastStart, unique);
    const insideText = render(chars, inside).text;
    return this.measure(insideText) <= maxWidth ? this.regrow(chars, inside, maxWidth) : this.cutLastSegment(path, chars, lastStart, inside, maxWidth);
  }

  /**
   * Gives back, while the text still fits, the letters just before each piece that starts
   * inside a word: `…2.0…t.1` becomes `…2.0…cut.1` (a piece starting with an index stays). Showing more of the path only makes
   * its pattern narrower, so the text stays unique.
   */
  private regrow(chars: readonly string[], kept: Kept, maxWidth: number): string {
    const grown = [...kept];
    for (let i = chars.length - 1; i > 0; i--) {
      // `i` starts a piece inside a segment; stop when the gap before it would close.
      if (!grown[i] || grown[i - 1] || chars[i - 1] === '.' || /\d/.test(chars[i])) continue;
      for (let at = i - 1; at > 0 && !grown[at - 1] && chars[at] !== '.'; at--) {
        grown[at] = true;
        if (this.measure(render(chars, grown).text) > maxWidth) {
          grown[at] = false;
          break;
        }
      }
    }
    return render(chars, grown).text;
  }

  /** The whole-segment shortening that fits and is unique, keeping the most of the tail. */
  private bySegments(chars: readonly string[], lastStart: number, maxWidth: number, unique: (pattern: RegExp) => boolean): string | undefined {
    const segments = segmentRanges(chars);
    const before = segments.length - 1;
    const candidates: { shown: ReturnType<typeof render>; width: number; tailWeight: number }[] = [];
    for (const chosen of keptSegmentSets(before)) {
      const kept = chars.map((_, i) => i >= lastStart || segments.some(([start, end], s) => chosen.has(s) && i >= start && i < end));
      // A dot stays only between two kept segments.
      for (let s = 0; s < before; s++) kept[segments[s][1]] = chosen.has(s) && (s + 1 === before || chosen.has(s + 1));
      const shown = render(chars, kept);
      const width = this.measure(shown.text);
      // Weights in powers of two: keeping a later segment outweighs keeping every earlier one.
      if (width <= maxWidth) candidates.push({ shown, width, tailWeight: [...chosen].reduce((sum, s) => sum + 2 ** s, 0) });
    }
    candidates.sort((a, b) => b.tailWeight - a.tailWeight || b.width - a.width);
    return candidates.slice(0, MAX_SEGMENT_TRIES).find((candidate) => unique(candidate.shown.pattern))?.shown.text;
  }

  /**
   * From the left, leaves out each run of non-digits before the last segment, or all but its
   * end, where that makes the text narrower and keeps it unique: `…3…12.conv2`. Returns the
   * kept characters.
   */
  private insideSegments(chars: readonly string[], lastStart: number, unique: (pattern: RegExp) => boolean): Kept {
    let kept: Kept = chars.map(() => true);
    let width = this.measure(chars.join(''));
    for (const [start, end] of nonDigitRuns(chars, lastStart)) {
      // The whole run, else all but its end (`…1.0…e.1` tells `downsample.1` from `bn1`).
      for (let keepEnd = end; keepEnd > start; keepEnd--) {
        if (keepEnd < end && !/[^\W\d_]/u.test(chars.slice(keepEnd, end).join(''))) continue;
        const trial = kept.map((keep, i) => keep && (i < start || i >= keepEnd));
        const shown = render(chars, trial);
        const trialWidth = this.measure(shown.text);
        if (trialWidth >= width || !unique(shown.pattern)) continue;
        kept = trial;
        width = trialWidth;
        break;
      }
    }
    return kept;
  }

  /**
   * `kept` with part of the last segment left out, as little as fits: its start (with the
   * dot before it, `…6.2…_depth`), else its middle (`…2.s…tion` apart from `…2.a…tion`);
   * unique when the table allows, else the first that fits.
   */
  private cutLastSegment(path: string, chars: readonly string[], lastStart: number, kept: Kept, maxWidth: number): string {
    let fallback: string | undefined;
    // `head` characters of the last segment stay before the cut (none: its start is cut).
    for (let head = 0; head <= 3 && lastStart + head < chars.length - 1; head++) {
      const from = head === 0 ? Math.max(lastStart - 1, 0) : lastStart + head;
      for (let cut = from; cut < chars.length - 1; cut++) {
        // Left out: from `from` up to `cut`.
        const trial = kept.map((keep, i) => keep && (i < from || i > cut));
        const shown = render(chars, trial);
        if (this.measure(shown.text) > maxWidth) continue;
        const tail = chars.slice(cut + 1).join('');
        if (!this.paths.some((other) => other !== path && other.endsWith(tail) && shown.pattern.test(other))) return shown.text;
        fallback ??= shown.text;
        break;
      }
    }
    return fallback ?? ELLIPSIS;
  }
}

/** `[start, end)` of each dot-separated segment; the dot after a segment is at `end`. */
function segmentRanges(chars: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  chars.forEach((char, i) => {
    if (char !== '.') return;
    ranges.push([start, i]);
    start = i + 1;
  });
  ranges.push([start, chars.length]);
  return ranges;
}

/**
 * Which of the `count` segments before the last are kept, for every shortening: each strict
 * subset when there are few, else only a head and a tail (the layer's own name is always kept).
 */
function* keptSegmentSets(count: number): Generator<Set<number>> {
  if (count <= MAX_SUBSET_SEGMENTS) {
    for (let mask = 0; mask < 2 ** count - 1; mask++) yield new Set(Array.from({ length: count }, (_, s) => s).filter((s) => mask & (2 ** s)));
    return;
  }
  for (let head = 0; head < count; head++)
    for (let tail = 0; head + tail < count; tail++) yield new Set([...Array.from({ length: head }, (_, s) => s), ...Array.from({ length: tail }, (_, s) => count - 1 - s)]);
}

/** `[start, end)` of each run of non-digit characters before `limit`, left to right. */
function nonDigitRuns(chars: readonly string[], limit: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= limit; i++) {
    const inRun = i < limit && !/\d/.test(chars[i]);
    if (inRun && start < 0) start = i;
    else if (!inRun && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}
