import { strict as assert } from 'node:assert';
import { HINT_LENGTH_CAP, endOfCallExpression, errorStatusText, hintLabel, inlineHints, statusText } from '../../../src/editor/inlineHintText';
import { fileAnalysis, layerRecord, modelReport, range } from '../../support/records';

const stem = layerRecord({
  kind: 'Conv2d',
  args: {},
  range: range(3, 20, 3, 60),
  input: [1, 3, 224, 224],
  output: [1, 64, 112, 112],
  params: 9408,
  macs: 118013952,
  paramTensors: [{ name: 'weight', shape: [64, 3, 7, 7], trainable: true }],
});
const relu = layerRecord({ kind: 'ReLU', args: {}, layerId: 2, range: range(1, 4, 1, 13), output: [1, 64, 112, 112] });

describe('inline hint text', () => {
  it('reads like the issue: → shape · short params', () => {
    assert.equal(hintLabel([stem]), '→ [1, 64, 112, 112] · 9.41K');
  });

  it('says ? for an unknown shape and unknown params, and flags errors', () => {
    const broken = layerRecord({
      kind: 'Conv2d',
      args: {},
      params: 120,
      paramTensors: [{ name: 'weight', shape: [120], trainable: true }],
      issues: [{ severity: 'error', code: 'x', message: 'boom' }],
    });
    assert.equal(hintLabel([broken]), '→ ? · 120 · error');
    const unknown = layerRecord({ kind: 'Conv2d', args: {}, output: [1, 8, 4, 4], paramsUnknown: true });
    assert.equal(hintLabel([unknown]), '→ [1, 8, 4, 4] · ?');
  });

  it("gives a block built by one call (an imported module's Down) its own parameters, each layer once, not its first layer's", () => {
    // U-Net's Down(64, 128): MaxPool2d, then Conv2d(64, 128, 3, bias=False) = 73,728 and BatchNorm2d(128) = 256, all anchored at the call.
    const pool = layerRecord({ kind: 'MaxPool2d', args: {}, layerId: 10 });
    const conv = layerRecord({ kind: 'Conv2d', args: {}, layerId: 11, params: 73728, paramTensors: [{ name: 'weight', shape: [128, 64, 3, 3], trainable: true }] });
    const norm = layerRecord({ kind: 'BatchNorm2d', args: {}, layerId: 12, params: 256, paramTensors: [{ name: 'weight', shape: [128], trainable: true }] });
    assert.equal(hintLabel([pool, conv, norm, conv]), '→ ? · 74K');
    const open = layerRecord({ kind: 'Conv2d', args: {}, layerId: 13, paramsUnknown: true });
    assert.equal(hintLabel([pool, conv, open]), '→ ? · ≥ 73.7K');
    assert.equal(hintLabel([pool, open]), '→ ? · ?');
  });

  it('gives a parameter-free layer its shape only, never "· 0 params"', () => {
    assert.equal(hintLabel([relu]), '→ [1, 64, 112, 112]');
  });

  it('stays under the editor length cap by dropping whole parts, never cutting a number', () => {
    const wide = layerRecord({ ...stem, output: [16, 1024, 1024, 1024, 10240], params: 123456789 });
    const other = { ...wide, layerId: 3, output: [16, 512, 512, 512, 512] };
    const label = hintLabel([wide, other]);
    assert.ok(label.length < HINT_LENGTH_CAP, label);
    assert.equal(label, '→ [16,1024,1024,1024,10240] (+1) · 123M');
    const huge = layerRecord({ ...stem, output: [1, 123456789, 123456789, 123456789, 123456789] });
    assert.equal(hintLabel([huge]), '→ 5-d');
  });

  it('puts one hint at the end of each call, once for a layer called twice, and can leave parameter-free layers out', () => {
    const second = { ...stem, input: [1, 3, 64, 64], output: [1, 64, 32, 32] };
    const analysis = fileAnalysis([modelReport('Net', [stem, second, relu])]);
    const hints = inlineHints(analysis);
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.position.column]),
      [
        [1, 13],
        [3, 60],
      ],
    );
    assert.equal(hints[1]?.label, ' → [1, 64, 112, 112] (+1) · 9.41K');
    assert.match(hints[1]?.tooltip ?? '', /9,408 params/);
    assert.deepEqual(
      inlineHints(analysis, { parameterFree: 'none' }).map((hint) => hint.position.line),
      [3],
    );
  });

  it('puts a Keras functional hint after the call of the layer, not inside the expression', () => {
    const line = 'x = layers.Conv2D(32, 3)(inputs)  # conv';
    const dense = layerRecord({
      kind: 'Conv2D',
      args: {},
      range: range(0, 4, 0, 24),
      output: [1, 30, 30, 32],
      params: 896,
      paramTensors: [{ name: 'kernel', shape: [3, 3, 3, 32], trainable: true }],
    });
    const [hint] = inlineHints(fileAnalysis([modelReport('m', [dense])]), { parameterFree: 'shape', getLine: () => line });
    assert.deepEqual(hint?.position, { line: 0, column: line.indexOf('  #') });
    assert.deepEqual(endOfCallExpression('nn.Conv2d(3, 8, 3)', { line: 2, column: 18 }), { line: 2, column: 18 });
    assert.deepEqual(endOfCallExpression('Dense(4)(f(x)', { line: 0, column: 8 }), { line: 0, column: 8 });
  });

  it('writes the status bar text for each macsUnit', () => {
    const model = modelReport('ResNet', [stem]);
    assert.equal(statusText(model, 'MACs'), 'ResNet: 9.41 K params · 118.01 M MACs');
    assert.equal(statusText(model, 'FLOPs'), 'ResNet: 9.41 K params · 236.03 M FLOPs');
    assert.equal(statusText(model, 'both'), 'ResNet: 9.41 K params · 118.01 M MACs · 236.03 M FLOPs');
  });

  it('never shows unknown parts as a number in the status bar', () => {
    const partial = modelReport('ResNet', [stem], range(0, 0, 9, 0), { unknownParamLayers: 3, unknownMacLayers: 2 });
    assert.equal(statusText(partial, 'MACs'), 'ResNet: ≥ 9.41 K params · ≥ 118.01 M MACs (3 layers unknown)');
    const nothing = modelReport('Bottleneck', [], range(0, 0, 9, 0), { unknownParamLayers: 1, unknownMacLayers: 1 });
    assert.equal(statusText(nothing, 'MACs'), 'Bottleneck: ? params · ? MACs (1 layer unknown)');
    assert.equal(errorStatusText(partial, 85), 'ResNet: error on line 86');
  });
});
