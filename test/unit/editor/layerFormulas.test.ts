import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgValue, Shape } from '../../../src/engine/types';
import { outputSizeFormulas, variantNote } from '../../../src/analysis/layerFormulas';
import { describeLayerArgs } from '../../../src/analysis/describeLayer';

interface FormulaCase {
  readonly kind: string;
  readonly args: Record<string, ArgValue>;
  readonly input: Shape;
  readonly output: Shape;
}

// Output sizes recorded from real PyTorch by tools/golden/editor_formula_cases.py.
const cases = (JSON.parse(readFileSync(join(__dirname, 'fixtures', 'formula_cases.json'), 'utf8')) as { cases: FormulaCase[] }).cases;
const AXES: Record<number, string[]> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/** The value each axis' formula line ends with (`= 112`, or `-> 224` for 'same'). */
function formulaResults(lines: string[], rank: number): number[] {
  const byAxis = new Map<string, number>();
  for (const line of lines) {
    const match = /^([A-Z](?:, [A-Z])*): .*(?:=|->) (\d+)$/.exec(line);
    assert.ok(match, `unexpected formula line: ${line}`);
    for (const axis of (match[1] as string).split(', ')) byAxis.set(axis, Number(match[2]));
  }
  return (AXES[rank] ?? []).map((axis) => byAxis.get(axis) ?? Number.NaN);
}

describe('output-size formulas against PyTorch', () => {
  it('has enough PyTorch cases', () => assert.ok(cases.length >= 50));
  for (const testCase of cases) {
    const rank = Number(/([123])d$/.exec(testCase.kind)?.[1]);
    it(`${testCase.kind} ${JSON.stringify(testCase.args)} on ${testCase.input.join('x')}`, () => {
      const lines = outputSizeFormulas({ kind: testCase.kind, args: testCase.args, input: testCase.input });
      assert.ok(lines.length > 0);
      assert.deepEqual(formulaResults(lines, rank), testCase.output.slice(testCase.output.length - rank));
    });
  }

  it('writes the conv formula with the numbers filled in', () => {
    const lines = outputSizeFormulas({ kind: 'Conv2d', args: { in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3, dilation: 1 }, input: [1, 3, 224, 224] });
    assert.deepEqual(lines, ['H, W: floor((224 + 2·3 − 1·(7 − 1) − 1) / 2) + 1 = 112']);
  });

  it('writes the transposed conv formula', () => {
    const lines = outputSizeFormulas({
      kind: 'ConvTranspose2d',
      args: { in_channels: 1, out_channels: 1, kernel_size: 3, stride: 1, padding: 0, output_padding: 0, dilation: 1 },
      input: [1, 1, 2, 2],
    });
    assert.deepEqual(lines, ['H, W: (2 − 1)·1 − 2·0 + 1·(3 − 1) + 0 + 1 = 4']);
  });

  it('names the axes separately when they differ', () => {
    const lines = outputSizeFormulas({ kind: 'Conv2d', args: { in_channels: 1, out_channels: 1, kernel_size: [3, 1], stride: 1, padding: 0, dilation: 1 }, input: [1, 1, 8, 8] });
    assert.equal(lines.length, 2);
    assert.match(lines[0] as string, /^H: .* = 6$/);
    assert.match(lines[1] as string, /^W: .* = 8$/);
  });

  it('uses TensorFlow rules for Keras layers (channels last)', () => {
    const same = outputSizeFormulas({ kind: 'Conv2D', args: { filters: 8, kernel_size: [3, 3], strides: [2, 2], padding: 'same', dilation_rate: [1, 1] }, input: [1, 7, 7, 3] });
    assert.deepEqual(same, ["H, W: padding 'same': ceil(7 / 2) = 4"]);
    const valid = outputSizeFormulas({ kind: 'Conv2D', args: { filters: 8, kernel_size: [3, 3], strides: [2, 2], padding: 'valid', dilation_rate: [1, 1] }, input: [1, 7, 7, 3] });
    assert.deepEqual(valid, ["H, W: padding 'valid': ceil((7 − 3 + 1) / 2) = 3"]);
  });

  it('leaves the input symbolic when it is unknown', () => {
    const lines = outputSizeFormulas({ kind: 'Conv1d', args: { in_channels: 1, out_channels: 1, kernel_size: 3, stride: 1, padding: 1, dilation: 1 }, input: null });
    assert.deepEqual(lines, ['L: floor((in + 2·1 − 1·(3 − 1) − 1) / 1) + 1']);
  });
});

describe('layer one-liners and variant notes', () => {
  it('describes a conv like the issue shows', () => {
    assert.equal(
      describeLayerArgs({ kind: 'Conv2d', args: { in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3, dilation: 1, groups: 1 } }),
      'Conv2d 3 -> 64, k 7x7, s 2, p 3, d 1, g 1',
    );
    assert.equal(describeLayerArgs({ kind: 'Linear', args: { in_features: 400, out_features: 120, bias: true } }), 'Linear 400 -> 120');
    assert.equal(describeLayerArgs({ kind: 'MaxPool2d', args: { kernel_size: 3, stride: 2, padding: 1, dilation: 1, ceil_mode: false } }), 'MaxPool2d k 3x3, s 2, p 1');
    assert.equal(
      describeLayerArgs({ kind: 'Conv2d', args: { in_channels: 8, out_channels: 8, kernel_size: [3, 3], stride: [1, 1], padding: 'same', dilation: [2, 2], groups: 8 } }),
      "Conv2d 8 -> 8, k 3x3, s 1, p 'same', d 2, g 8",
    );
  });

  it('explains grouped, depthwise, pointwise, dilated and transposed convs', () => {
    const conv = (args: Record<string, ArgValue>, kind = 'Conv2d'): string | undefined =>
      variantNote({ kind, args: { stride: 1, padding: 0, dilation: 1, groups: 1, ...args }, input: null });
    assert.equal(conv({ in_channels: 3, out_channels: 30, kernel_size: 10 }), undefined);
    assert.match(conv({ in_channels: 3, out_channels: 30, kernel_size: 10, groups: 3 }) ?? '', /^Depthwise/);
    assert.match(conv({ in_channels: 6, out_channels: 30, kernel_size: 10, groups: 3 }) ?? '', /^Grouped \(g = 3\).*divided by 3/);
    assert.match(conv({ in_channels: 3, out_channels: 30, kernel_size: 1 }) ?? '', /^Pointwise/);
    assert.match(conv({ in_channels: 3, out_channels: 30, kernel_size: 3, dilation: 2 }) ?? '', /Dilated \(d = 2\).*cover 5x5/);
    assert.match(conv({ in_channels: 3, out_channels: 30, kernel_size: 3, output_padding: 0 }, 'ConvTranspose2d') ?? '', /Transposed/);
  });
});
