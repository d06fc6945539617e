/**
 * Seeded mutations for the fuzz harness and the hardening unit test: text mutations for
 * model source files (cuts, duplications, hostile snippets, huge numbers, deep nesting) and
 * byte mutations for binary files (bit flips, overwritten length fields, truncation). The
 * same seed gives the same inputs, so a failure can be replayed.
 */
import { seededUniform } from '../../src/engine/weights/defaultInit';

/** The weights' seeded generator (mulberry32): the harness needs replayable, not secure. */
export const seededRandom = seededUniform;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Snippets that once broke the interpreters, or that probe their limits. */
const pythonSnippets = [
  'x = [0] * 10**9\n',
  'x = [0]\nfor i in range(30):\n    x = x + x\n',
  "s = 'a' * 10**10\n",
  'while True:\n    pass\n',
  'r = range(10**12)[7]\n',
  'y = s[1j]\n',
  'def f(n):\n    return f(n + 1)\nf(0)\n',
  'x = 1e308 * 1e308\n',
  'x = -1 // 0\n',
  'l = []\nfor i in range(10**6):\n    l.append(i)\n',
];
const scriptSnippets = [
  'const a = Array.from({length: 1e9});\n',
  'let a = [1];\nfor (let i = 0; i < 40; i++) a = [...a, ...a];\n',
  'while (true) {}\n',
  'const u = tf.layers.dense({units: 1e308, inputShape: [1e308]});\n',
  'const b = []; b[4294967294] = 1;\n',
  'function f(n) { return f(n + 1); }\nf(0);\n',
  'let s = "ab"; for (let i = 0; i < 40; i++) s += s;\n',
];
const hugeNumbers = ['0', '-1', '1e308', '2147483647', '4294967296', '9007199254740993', '1e-320', 'NaN', '10**12'];
const openers: Record<'python' | 'script', readonly [string, string][]> = {
  python: [
    ['(', ')'],
    ['[', ']'],
    ["{'k': ", '}'],
    ['nn.Sequential(', ')'],
    ['lambda: ', ''],
  ],
  script: [
    ['(', ')'],
    ['[', ']'],
    ['{k: ', '}'],
    ['() => ', ''],
  ],
};

/** One mutation of a model source file. */
export function mutateText(source: string, language: 'python' | 'script', random: () => number): string {
  const at = Math.floor(random() * (source.length + 1));
  const end = Math.min(source.length, at + Math.floor(random() * 200));
  switch (Math.floor(random() * 8)) {
    case 0:
      return source.slice(0, at) + source.slice(end);
    case 1:
      return source.slice(0, end) + source.slice(at, end).repeat(1 + Math.floor(random() * 50)) + source.slice(end);
    case 2: {
      const snippet = pick(random, language === 'python' ? pythonSnippets : scriptSnippets);
      const lineStart = source.lastIndexOf('\n', at - 1) + 1;
      return source.slice(0, lineStart) + snippet + source.slice(lineStart);
    }
    case 3:
      return source.replace(/\b\d+\b/g, (digits) => (random() < 0.3 ? pick(random, hugeNumbers) : digits));
    case 4: {
      const [open, close] = pick(random, openers[language]);
      const depth = 1 + Math.floor(random() * 3000);
      return `${source}\nx = ${open.repeat(depth)}1${close.repeat(depth)}\n`;
    }
    case 5:
      return source.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + source.slice(at);
    case 6: {
      const lines = source.split('\n');
      const line = Math.floor(random() * lines.length);
      lines.splice(line, 0, ...Array.from({ length: 1 + Math.floor(random() * 200) }, () => lines[line]));
      return lines.join('\n');
    }
    default:
      return source.slice(0, at) + source.slice(end, end + 50) + source.slice(at);
  }
}

/** One mutation of a binary file (weights, images). */
export function mutateBytes(bytes: Uint8Array, random: () => number): Uint8Array {
  const copy = new Uint8Array(bytes);
  if (copy.length === 0) return copy;
  const at = Math.floor(random() * copy.length);
  switch (Math.floor(random() * 5)) {
    case 0:
      for (let flips = 1 + Math.floor(random() * 8); flips > 0; flips--) copy[Math.floor(random() * copy.length)] ^= 1 << Math.floor(random() * 8);
      return copy;
    case 1: {
      // A length or size field overwritten with a huge or zero value.
      const value = pick(random, [0xffffffff, 0x7fffffff, 0, 0x80000000, 0x10000]);
      const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
      if (at + 4 <= copy.length) view.setUint32(at, value, random() < 0.5);
      return copy;
    }
    case 2:
      return copy.slice(0, at);
    case 3: {
      const end = Math.min(copy.length, at + Math.floor(random() * 64));
      const out = new Uint8Array(copy.length + (end - at));
      out.set(copy.subarray(0, end));
      out.set(copy.subarray(at), end);
      return out;
    }
    default:
      for (let index = at; index < Math.min(copy.length, at + 16); index++) copy[index] = Math.floor(random() * 256);
      return copy;
  }
}

/** One mutated webview message: a valid one with fields dropped, retyped or made huge. */
export function mutateMessage(message: Record<string, unknown>, random: () => number): unknown {
  const copy: Record<string, unknown> = { ...message };
  const keys = Object.keys(copy);
  const key = keys.length > 0 ? pick(random, keys) : 'type';
  const replacements: unknown[] = [undefined, null, 0, -1, 1e308, NaN, '', 'x'.repeat(100000), [], {}, { length: 1e9 }, [[[[[]]]]], true, '__proto__'];
  copy[key] = pick(random, replacements);
  if (random() < 0.2) return pick(random, [null, 42, 'text', [], copy]);
  return copy;
}
