import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelReport } from '../../../src/engine/report';
import { buildLayerDetail, coveragePicture, groupWiring, scatterPicture } from '../../../src/panel/layerDetail';
import { layerOnLine, modelReport, range } from '../../support/records';

/** Written by tools/golden/panel_truth.py from real PyTorch (gradients and all-ones transposed convs). */
interface PanelTruth {
  coverage: Record<string, number[]>;
  stacks: Record<string, [number, number, number][]>;
  scatter: Record<string, { args: [number, number, number, number, number, number]; height: number; width: number; values: number[] }>;
}
const truth = JSON.parse(readFileSync(join(__dirname, 'truth/panelTruth.json'), 'utf8')) as PanelTruth;

function stackModel(layers: [number, number, number][]): ModelReport {
  const records = layers.flatMap(([kernel, stride, dilation], i) => [
    layerOnLine(String(2 * i), 'Conv2d', { in_channels: 1, out_channels: 1, kernel_size: kernel, stride, padding: 0, dilation, groups: 1 }, [1, 1, 64, 64], [1, 1, 60, 60], {
      line: 2 * i,
    }),
    // Element-wise layers in between must not change the picture.
    layerOnLine(String(2 * i + 1), 'ReLU', {}, [1, 1, 60, 60], [1, 1, 60, 60], { line: 2 * i + 1 }),
  ]);
  return modelReport('stack', records, range(0, 0, 99, 0), { input: [1, 1, 64, 64], inputSource: 'test', output: null });
}

describe('panel layer detail', () => {
  for (const name of Object.keys(truth.coverage)) {
    it(`receptive-field picture of ${name} equals the input pixels PyTorch's gradient reaches`, () => {
      const model = stackModel(truth.stacks[name]);
      const picture = coveragePicture(model, model.layers.length - 2);
      assert.ok(picture);
      const expected = truth.coverage[name];
      assert.equal(picture.width, expected.length);
      assert.equal(picture.height, expected.length);
      // 2-d convs with square kernels: the reached set is the outer product of the per-axis reach.
      const expectedGrid = expected.flatMap((row) => expected.map((column) => row & column));
      assert.deepEqual(picture.values, expectedGrid);
      assert.match(picture.caption, expected.includes(0) ? /holes per axis \(gridding\)/ : /no holes \(full coverage\)/);
    });
  }

  it('one receptive field everywhere: where branches widen it, the caption gives the model field and no chain picture is drawn', () => {
    const model = stackModel(truth.stacks.three3x3);
    const last = model.layers.length - 2;
    const widened = { ...model, layers: model.layers.map((layer, index) => (index === last ? { ...layer, receptiveField: [99, 99] } : layer)) };
    const picture = coveragePicture(widened, last);
    assert.equal(picture?.width, 0);
    assert.match(picture?.caption ?? '', /^99x99 over every path of the model/);
    assert.doesNotMatch(picture?.caption ?? '', /engine/);
    const detail = buildLayerDetail(widened, last);
    assert.equal(detail?.facts.find((fact) => fact.label === 'Receptive field')?.value.split(' ')[0], '99x99');
  });

  it('names the layer\'s own window "kernel extent", apart from the receptive field', () => {
    const detail = buildLayerDetail(stackModel(truth.stacks.rates222), 4);
    const [kernel, , dilation] = truth.stacks.rates222[2];
    const extent = dilation * (kernel - 1) + 1;
    assert.equal(detail?.facts.find((fact) => fact.label === 'Kernel extent')?.value, `${extent}x${extent}`);
    assert.notEqual(detail?.facts.find((fact) => fact.label === 'Receptive field')?.value.split(' ')[0], `${extent}x${extent}`);
  });

  it('rates (2,2,2) grid while (1,2,3) cover: the detail explains it with the HDC rule', () => {
    const gridding = buildLayerDetail(stackModel(truth.stacks.rates222), 4);
    const hybrid = buildLayerDetail(stackModel(truth.stacks.rates123), 4);
    assert.ok(gridding?.notes.some((fact) => /common factor 2/.test(fact)));
    assert.ok(hybrid?.notes.some((fact) => /M_2 = \d+ <= K = 3/.test(fact)));
    assert.equal(
      buildLayerDetail(stackModel(truth.stacks.three3x3), 4)?.notes.some((fact) => /HDC/.test(fact)),
      false,
      'no dilation, no HDC text',
    );
  });

  for (const name of Object.keys(truth.scatter)) {
    it(`transposed-conv scatter ${name} equals PyTorch's all-ones ConvTranspose2d output`, () => {
      const [kernel, stride, padding, dilation, outputPadding, size] = truth.scatter[name].args;
      const layer = layerOnLine(
        'up',
        'ConvTranspose2d',
        {
          in_channels: 1,
          out_channels: 1,
          kernel_size: kernel,
          stride,
          padding,
          output_padding: outputPadding,
          groups: 1,
          bias: true,
          dilation,
        },
        [1, 1, size, size],
        [1, 1, truth.scatter[name].height, truth.scatter[name].width],
        { line: 0 },
      );
      const picture = scatterPicture(layer);
      assert.ok(picture);
      assert.equal(picture.width, truth.scatter[name].width);
      assert.equal(picture.height, truth.scatter[name].height);
      assert.deepEqual(picture.values, truth.scatter[name].values);
    });
  }

  it('group wiring only for valid grouped convs', () => {
    const conv = (groups: number, inC = 3, outC = 30) =>
      layerOnLine('c', 'Conv2d', { in_channels: inC, out_channels: outC, kernel_size: 10, stride: 1, padding: 0, dilation: 1, groups }, [1, 3, 10, 10], [1, 30, 1, 1], { line: 0 });
    assert.deepEqual(groupWiring(conv(3)), { inChannels: 3, outChannels: 30, groups: 3 });
    assert.equal(groupWiring(conv(1)), undefined);
    assert.equal(groupWiring(conv(4)), undefined, 'groups that do not divide the channels');
  });

  it('collects title, formula with numbers and weight shapes', () => {
    const layer = layerOnLine(
      '0',
      'Conv2d',
      { in_channels: 3, out_channels: 16, kernel_size: 3, stride: 1, padding: 1, dilation: 1, groups: 1, bias: true },
      [1, 3, 32, 32],
      [1, 16, 32, 32],
      {
        line: 0,
        params: 448,
        paramTensors: [
          { name: 'weight', shape: [16, 3, 3, 3], trainable: true },
          { name: 'bias', shape: [16], trainable: true },
        ],
      },
    );
    const model = { ...stackModel([]), layers: [layer] };
    const detail = buildLayerDetail(model, 0);
    assert.ok(detail);
    assert.match(detail.title, /^Conv2d 3 -> 16/);
    assert.deepEqual(detail.weightShapes, ['weight: [16, 3, 3, 3]', 'bias: [16]']);
    assert.equal(detail.formulas.length, 1);
    assert.match(detail.formulas[0], /= 32$/);
    assert.equal(buildLayerDetail(model, 5), undefined);
  });
});
