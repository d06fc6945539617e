import { strict as assert } from 'node:assert';
import { buildBlockHover, buildLayerHover, buildModelHover, effectiveKernel, escapeMarkdown } from '../../../src/editor/hoverContent';
import { layerRecord, modelReport } from '../../support/records';

// ResNet's stem as PyTorch reports it: Conv2d(3, 64, 7, 2, 3, bias=False) on 1x3x224x224
// gives 1x64x112x112 with 9,408 params (fixtures/formula_cases.json, last case).
const stem = layerRecord({
  kind: 'Conv2d',
  path: 'conv1',
  args: { in_channels: 3, out_channels: 64, kernel_size: 7, stride: 2, padding: 3, dilation: 1, groups: 1, bias: false, padding_mode: 'zeros' },
  input: [1, 3, 224, 224],
  output: [1, 64, 112, 112],
  params: 9408,
  trainableParams: 9408,
  paramTensors: [{ name: 'weight', shape: [64, 3, 7, 7], trainable: true }],
  macs: 118013952,
  receptiveField: [7, 7],
  jump: [2, 2],
});

describe('hover content', () => {
  const text = buildLayerHover([stem], modelReport('ResNet', [stem]), {
    macsUnit: 'both',
    language: 'python',
    openInspectorLink: 'command:convInspector.openInspector?%5B%5D',
    compareVariantsLink: 'command:convInspector.compareVariants?%5B%5D',
  });

  it('starts with the kind and its arguments in one line', () => {
    assert.match(text, /^\*\*Conv2d 3 -\\> 64, k 7x7, s 2, p 3, d 1, g 1\*\*/);
  });
  it('shows input -> output like PyTorch prints sizes', () => assert.ok(text.includes('`[1, 3, 224, 224] -> [1, 64, 112, 112]`')));
  it('shows params with separators and the weight shape', () => assert.ok(text.includes('**Params:** 9,408 (weight [64, 3, 7, 7])')));
  it('labels MACs and FLOPs', () => assert.ok(text.includes('118,013,952 MACs · 236,027,904 FLOPs')));
  it('shows receptive field, jump and the kernel extent', () => assert.ok(text.includes('**Receptive field:** 7x7 · **jump** 2x2 · **kernel extent** 7x7')));
  it('fills in the output-size formula', () => assert.ok(text.includes('`H, W: floor((224 + 2·3 − 1·(7 − 1) − 1) / 2) + 1 = 112`')));
  it('links to the inspector and the variants', () => {
    assert.ok(text.includes('[Open in Inspector](command:convInspector.openInspector?%5B%5D)'));
    assert.ok(text.includes('[Compare variants](command:convInspector.compareVariants?%5B%5D)'));
  });

  it('honours macsUnit', () => {
    const macsOnly = buildLayerHover([stem], undefined, { macsUnit: 'MACs', language: 'python' });
    assert.ok(macsOnly.includes('118,013,952 MACs') && !macsOnly.includes('FLOPs'));
    const flopsOnly = buildLayerHover([stem], undefined, { macsUnit: 'FLOPs', language: 'python' });
    assert.ok(flopsOnly.includes('236,027,904 FLOPs') && !flopsOnly.includes('MACs'));
  });

  it('shows the framework error text, escaped, with the framework named', () => {
    const broken = layerRecord({
      kind: 'Conv2d',
      args: { in_channels: 6, out_channels: 9, kernel_size: 3, groups: 4 },
      issues: [{ severity: 'error', code: 'torch.groups-divide-in', message: 'in_channels must be divisible by groups' }],
    });
    const hover = buildLayerHover([broken], undefined, { macsUnit: 'both', language: 'python' });
    assert.ok(hover.includes('**PyTorch error:** in\\_channels must be divisible by groups'));
    const keras = layerRecord({ kind: 'Conv2D', args: { filters: 8 }, issues: [{ severity: 'error', code: 'keras.x', message: 'bad' }] });
    assert.ok(buildLayerHover([keras], undefined, { macsUnit: 'both', language: 'python' }).includes('**Keras error:** bad'));
    assert.ok(buildLayerHover([keras], undefined, { macsUnit: 'both', language: 'typescript' }).includes('**TensorFlow.js error:** bad'));
  });

  it('names the framework whose rule raised the error, for class names both frameworks have', () => {
    const kerasLstm = layerRecord({ kind: 'LSTM', args: { units: 4 }, issues: [{ severity: 'error', code: 'keras.rank', message: 'bad rank' }] });
    assert.ok(buildLayerHover([kerasLstm], undefined, { macsUnit: 'both', language: 'python' }).includes('**Keras error:** bad rank'));
    const resizing = layerRecord({ kind: 'Resizing', args: { height: 0 }, issues: [{ severity: 'error', code: 'tf.bad-arg', message: 'bad size' }] });
    assert.ok(buildLayerHover([resizing], undefined, { macsUnit: 'both', language: 'python' }).includes('**Keras error:** bad size'));
    const torchLstm = layerRecord({
      kind: 'LSTM',
      args: { hidden_size: 4 },
      issues: [{ severity: 'error', code: 'torch.rnn-input', message: 'input.size(-1) must be equal to input_size' }],
    });
    assert.ok(buildLayerHover([torchLstm], undefined, { macsUnit: 'both', language: 'python' }).includes('**PyTorch error:**'));
  });

  it('says channels last for Keras shapes', () => {
    const keras = layerRecord({
      kind: 'Conv2D',
      args: { filters: 8, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', dilation_rate: [1, 1] },
      input: [1, 28, 28, 1],
      output: [1, 26, 26, 8],
    });
    assert.ok(buildLayerHover([keras], undefined, { macsUnit: 'both', language: 'python' }).includes('`[1, 28, 28, 1] -> [1, 26, 26, 8]` (channels last)'));
  });

  it('lists every call of a layer used twice', () => {
    const second = { ...stem, input: [1, 3, 64, 64], output: [1, 64, 32, 32] };
    const hover = buildLayerHover([stem, second], undefined, { macsUnit: 'both', language: 'python' });
    assert.ok(hover.includes('call 1: `[1, 3, 224, 224] -> [1, 64, 112, 112]`'));
    assert.ok(hover.includes('call 2: `[1, 3, 64, 64] -> [1, 64, 32, 32]`'));
  });

  it('summarises a model and a block, counting a shared layer once', () => {
    const model = modelReport('Net', [stem, { ...stem }]);
    assert.ok(buildModelHover(model, { macsUnit: 'both' }).includes('**Params:** 9,408'));
    assert.ok(buildBlockHover('layer1', [stem, { ...stem }], { macsUnit: 'MACs' }).includes('**Params:** 9,408'));
  });

  it('computes the effective kernel of a dilated conv', () => {
    assert.deepEqual(effectiveKernel({ kind: 'Conv2d', args: { kernel_size: 3, dilation: 2 } }), [5, 5]);
  });

  it('escapes Markdown in names and messages', () => assert.equal(escapeMarkdown('a_b [c]'), 'a\\_b \\[c\\]'));
});

describe('hover content for a layer built by a helper for several blocks', () => {
  it('names each instance with its path and its own params', () => {
    const first = layerRecord({ kind: 'Conv2d', path: 'layer1.conv1', args: {}, input: [1, 64, 56, 56], output: [1, 64, 56, 56], params: 36864 });
    const second = layerRecord({ kind: 'Conv2d', path: 'layer2.conv1', layerId: 2, args: {}, input: [1, 64, 56, 56], output: [1, 128, 28, 28], params: 73728 });
    const hover = buildLayerHover([first, second], undefined, { macsUnit: 'both', language: 'python' });
    assert.ok(hover.includes('layer1.conv1: `[1, 64, 56, 56] -> [1, 64, 56, 56]` · 36,864 params'));
    assert.ok(hover.includes('layer2.conv1: `[1, 64, 56, 56] -> [1, 128, 28, 28]` · 73,728 params'));
  });
});

describe('hover content with file-level findings', () => {
  it("shows a constructor error found on the call once, in the framework's words", () => {
    const broken = layerRecord({ kind: 'Conv2d', args: { in_channels: 6, out_channels: 9, kernel_size: 3, groups: 4 } });
    const finding = { severity: 'error' as const, message: 'in_channels must be divisible by groups' };
    const hover = buildLayerHover([broken], undefined, { macsUnit: 'both', language: 'python', findings: [finding, finding] });
    assert.equal(hover.split('in\\_channels must be divisible by groups').length, 2);
  });
});

describe('hover content counts', () => {
  it('does not count compute for a call without an output, nor call exact params approximate', () => {
    const failed = layerRecord({ kind: 'Linear', args: { in_features: 256, out_features: 120 }, input: [1, 400], output: null, params: 30840, exactCounts: false });
    const hover = buildLayerHover([failed], undefined, { macsUnit: 'both', language: 'python' });
    assert.ok(hover.includes('**Params:** 30,840') && !hover.includes('approximate'), hover);
    assert.ok(hover.includes('**Compute:** ? (no output shape)'), hover);
  });

  it('flags counts past 2^53', () => {
    const huge = layerRecord({ kind: 'Linear', args: {}, input: [1, 2], output: [1, 2], params: 2 ** 54, macs: 2 ** 60, exactCounts: false });
    const hover = buildLayerHover([huge], undefined, { macsUnit: 'MACs', language: 'python' });
    assert.equal(hover.split('(approximate: past 2^53)').length, 3, hover);
  });
});

describe('hover content: unknowns and problems', () => {
  it('reads ? for unknown params and compute, never 0', () => {
    const unknown = layerRecord({ kind: 'Conv2d', args: {}, input: [1, 3, 8, 8], output: [1, 4, 8, 8], exactCounts: false, paramsUnknown: true, macsUnknown: true });
    const hover = buildLayerHover([unknown], undefined, { macsUnit: 'both', language: 'python' });
    assert.ok(hover.includes('**Params:** ? (the arguments are not known)'), hover);
    assert.ok(hover.includes('**Compute:** ?'), hover);
    assert.ok(!/\*\*Params:\*\* 0/.test(hover), hover);
  });

  it('gives model totals with unknown parts as a lower bound', () => {
    const model = modelReport('ResNet', [stem], undefined, { unknownParamLayers: 3, unknownMacLayers: 3, inputSource: 'call at line 98' });
    const hover = buildModelHover(model, { macsUnit: 'MACs' });
    assert.ok(hover.includes('**Params:** ≥ 9,408 (3 layers unknown)'), hover);
    assert.ok(hover.includes('**Compute:** ≥ 118,013,952 MACs (3 layers unknown)'), hover);
    const unused = buildModelHover(modelReport('Bottleneck', [], undefined, { inputSource: 'unknown', unknownParamLayers: 1 }), { macsUnit: 'MACs' });
    assert.ok(unused.includes('**Params:** ? (1 layer unknown)') && unused.includes('calls it as a model'), unused);
  });

  it('says gridding in one sentence with a link to the picture, and does not repeat diagnostics where VS Code shows them', () => {
    const gridding = { severity: 'warning' as const, code: 'gridding', message: 'Gridding effect: one output pixel never sees 4 of the 9 input pixels (per axis) ... HDC rule' };
    const error = { severity: 'error' as const, code: 'groups', message: 'in_channels must be divisible by groups' };
    const record = layerRecord({ kind: 'Conv2d', args: {}, issues: [gridding, error] });
    const options = { macsUnit: 'both' as const, language: 'python' as const, openInspectorLink: 'command:open' };
    const away = buildLayerHover([record], undefined, options);
    assert.ok(away.includes('**Gridding:** one output pixel does not see every input pixel inside its receptive field. [See the picture](command:open)'), away);
    assert.ok(!away.includes('HDC') && !away.includes('never sees'), away);
    assert.ok(away.includes('**PyTorch error:** in\\_channels must be divisible by groups'), away);
    const onSquiggle = buildLayerHover([record], undefined, { ...options, shownDiagnostics: new Set([error.message]) });
    assert.ok(onSquiggle.includes("**PyTorch error** (its message is in this hover's problem section)") && !onSquiggle.includes('divisible'), onSquiggle);
    // Another diagnostic's squiggle under the pointer does not hide this one's text.
    const elsewhere = buildLayerHover([record], undefined, { ...options, shownDiagnostics: new Set(['something else']) });
    assert.ok(elsewhere.includes('in\\_channels must be divisible by groups'), elsewhere);
  });
});
