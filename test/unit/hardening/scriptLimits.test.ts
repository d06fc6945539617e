/**
 * Hostile TF.js files that used to abort the process (`Array.from({length: 1e9})`), overflow
 * the stack, throw out of the analysis (counts of Infinity) or run for seconds: each now
 * ends quickly, with what the file shows and one plain info where evaluation stopped.
 */
import * as assert from 'node:assert/strict';
import type { FileAnalysis } from '../../../src/engine/report';
import { multiplyCounts, addCounts } from '../../../src/engine/exactCount';
import { analyzeTfjsSource } from '../../support/analyze';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturesRoot } from '../../support/paths';

const quickMs = 3000;
const header = "import * as tf from '@tensorflow/tfjs';\n";
const model = 'const net = tf.sequential();\nnet.add(tf.layers.dense({units: 4, inputShape: [8]}));\n';

async function timed(source: string): Promise<{ analysis: FileAnalysis; ms: number }> {
  const started = Date.now();
  const analysis = await analyzeTfjsSource(header + source, 'javascript');
  return { analysis, ms: Date.now() - started };
}

function messages(analysis: FileAnalysis): string[] {
  return analysis.diagnostics.map((finding) => finding.message);
}

describe('hardening: TypeScript/JS evaluator limits', function () {
  this.timeout(60_000);
  it('`Array.from({length: 1e9})` is unknown with one info (it aborted the process)', async () => {
    const { analysis, ms } = await timed(`const a = Array.from({length: 1e9});\nconst b = Array.from({length: 1e9}).fill(0);\n${model}`);
    assert.ok(ms < quickMs, `${ms} ms`);
    assert.equal(messages(analysis).filter((m) => /does not build an array this large \(1,000,000,000/.test(m)).length, 2);
    assert.equal(analysis.models.length, 1);
  });

  it('spreads, push, concat and strings are sized before they are built', async () => {
    const source = `let a = [1];\nfor (let i = 0; i < 40; i++) a = [...a, ...a];\nlet b = [1];\nfor (let i = 0; i < 40; i++) b.push(...b);\nlet c = [1];\nfor (let i = 0; i < 40; i++) c = c.concat(c);\nlet s = 'ab';\nfor (let i = 0; i < 40; i++) s = s + s;\nconst t = \`\${s}\${s}\`;\nconst big = [];\nbig[1e9] = 0;\n${model}`;
    const { analysis, ms } = await timed(source);
    assert.ok(ms < quickMs, `${ms} ms`);
    const tooLarge = analysis.diagnostics.filter((d) => /this large/.test(d.message)).map((d) => d.range.start.line);
    for (const line of [2, 4, 6, 8]) assert.ok(tooLarge.includes(line), `too-large on ${tooLarge.join(', ')}`);
    assert.ok(!messages(analysis).some((m) => /could not interpret/.test(m)), messages(analysis).join('\n'));
    assert.equal(analysis.models.length, 1);
  });

  it('a runaway m.add loop stops within the budget (it took 6-14 s), partial', async () => {
    const { analysis, ms } = await timed(`${model}while (true) { net.add(tf.layers.dense({units: 4})); }\n`);
    assert.ok(ms < quickMs, `${ms} ms`);
    assert.ok(analysis.partial === true || messages(analysis).some((m) => /loop stopped/.test(m)));
  });

  it('deeply nested expressions: one nesting info, no stack overflow', async () => {
    const { analysis, ms } = await timed(
      `const x = ${'('.repeat(5000)}1${')'.repeat(5000)};\nconst f = ${'() => '.repeat(100000)}1;\nconst y = [${'['.repeat(3000)}${']'.repeat(3000)}];\n${model}`,
    );
    assert.ok(ms < quickMs * 2, `${ms} ms`);
    assert.ok(messages(analysis).some((m) => /nesting too deep/.test(m)));
    assert.equal(analysis.models.length, 1);
  });

  it('TF.js counts reaching Infinity are unknown, not thrown', async () => {
    const { analysis } = await timed('const m = tf.sequential();\nm.add(tf.layers.dense({units: 1e308, inputShape: [1e308]}));\nm.add(tf.layers.dense({units: 1e308}));\n');
    assert.ok(!messages(analysis).some((m) => /BigInt|must be an integer|could not interpret/.test(m)), messages(analysis).join('\n'));
    assert.equal(multiplyCounts(Infinity, 3).unknown, true);
    assert.equal(addCounts({ value: Infinity, exact: false }, 1).unknown, true);
  });

  it('hostile sizes (kernels and dilations of 2^31-1, NaN, 1e-320) end at once (the gridding loop ran for minutes)', async () => {
    const source = readFileSync(path.join(fixturesRoot, 'hardening', 'hugeKernelAfterDilation.ts'), 'utf8');
    const started = Date.now();
    const analysis = await analyzeTfjsSource(source, 'typescript');
    const ms = Date.now() - started;
    assert.ok(ms < quickMs, `${ms} ms`);
    assert.ok(!messages(analysis).some((m) => /could not interpret/.test(m)), messages(analysis).join('\n'));
  });

  it('the time budget is an option', async () => {
    const source = `${header}${model}while (true) { net.add(tf.layers.dense({units: 4})); }\n`;
    await analyzeSource('', 'javascript');
    const started = Date.now();
    const analysis = await analyzeSource(source, 'javascript', { timeBudgetMs: 150 });
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
    assert.equal(analysis.partial, true);
  });
});
