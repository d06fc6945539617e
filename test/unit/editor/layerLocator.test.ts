import { strict as assert } from 'node:assert';
import { enclosingClassLine, holderName, locateTarget, wordAt } from '../../../src/editor/layerLocator';
import { fileAnalysis, layerRecord, modelReport, range } from '../../support/records';

const source = [
  'class Net(nn.Module):', // 0
  '    def __init__(self):', // 1
  '        super().__init__()', // 2
  '        self.conv1 = nn.Conv2d(3, 8, 3)', // 3
  '        self.block = nn.Sequential(nn.ReLU(), nn.Conv2d(8, 8, 3))', // 4
  '    def forward(self, x):', // 5
  '        x = self.conv1(x)', // 6
  '        x = self.conv1(x)', // 7
  '        return self.block(x)', // 8
  'conv = nn.Conv2d(1, 2, 3)', // 9
  'other = conv', // 10
];
const getLine = (line: number): string => source[line] ?? '';
const conv1First = layerRecord({ kind: 'Conv2d', path: 'conv1', layerId: 1, args: {}, range: range(3, 21, 3, 39), input: [1, 3, 10, 10], output: [1, 8, 8, 8] });
const conv1Second = { ...conv1First, input: [1, 8, 8, 8], output: [1, 8, 6, 6] };
const relu = layerRecord({ kind: 'ReLU', path: 'block.0', layerId: 2, args: {}, range: range(4, 35, 4, 44) });
const blockConv = layerRecord({ kind: 'Conv2d', path: 'block.1', layerId: 3, args: {}, range: range(4, 46, 4, 63) });
const net = modelReport('Net', [conv1First, conv1Second, relu, blockConv], range(0, 0, 8, 28));
const loose = layerRecord({ kind: 'Conv2d', path: 'conv', layerId: 4, args: {}, range: range(9, 7, 9, 25) });
const analysis = fileAnalysis([net, modelReport('conv', [loose], range(9, 7, 9, 25))]);

describe('layer locator', () => {
  it('takes a call of an imported builder whose layers all sit on it for the model', () => {
    const builderLine = ['model = efficientnet_b0()'];
    const call = range(0, 8, 0, 25);
    const layers = ['Conv2d', 'BatchNorm2d', 'SiLU'].map((kind, layerId) => layerRecord({ kind, path: `features.${layerId}`, layerId, args: {}, range: call }));
    const built = fileAnalysis([modelReport('model', layers, range(0, 0, 0, 25))]);
    const target = locateTarget(built, (line) => builderLine[line] ?? '', { line: 0, column: 12 });
    assert.equal(target?.type, 'model');
  });

  it('keeps a conv built once per block instance a layer: one kind at the call', () => {
    const blockLine = ['        self.conv = nn.Conv2d(c, c, 3)'];
    const call = range(0, 20, 0, 38);
    const convs = [0, 1].map((index) => layerRecord({ kind: 'Conv2d', path: `${index}.conv`, layerId: index, args: {}, range: call }));
    const built = fileAnalysis([modelReport('model', convs, range(0, 0, 0, 38))]);
    assert.equal(locateTarget(built, (line) => blockLine[line] ?? '', { line: 0, column: 24 })?.type, 'layer');
  });

  it('finds the constructor call under the cursor, innermost first', () => {
    const target = locateTarget(analysis, getLine, { line: 4, column: 50 });
    assert.equal(target?.type, 'layer');
    assert.deepEqual(target?.type === 'layer' ? target.records.map((record) => record.path) : [], ['block.1']);
  });

  it('maps self.conv1 in forward to every call of that layer', () => {
    const target = locateTarget(analysis, getLine, { line: 6, column: 20 });
    assert.ok(target?.type === 'layer');
    assert.equal(target.records.length, 2);
    assert.deepEqual(target.range, range(6, 17, 6, 22));
  });

  it('maps self.block to the block of layers it holds', () => {
    const target = locateTarget(analysis, getLine, { line: 8, column: 22 });
    assert.ok(target?.type === 'layer');
    assert.equal(target.blockName, 'block');
    assert.equal(target.records.length, 2);
  });

  it('maps a variable holding a constructor call', () => {
    const target = locateTarget(analysis, getLine, { line: 10, column: 10 });
    assert.ok(target?.type === 'layer');
    assert.equal(target.records[0]?.path, 'conv');
  });

  it('finds the model on its definition line', () => {
    const target = locateTarget(analysis, getLine, { line: 0, column: 7 });
    assert.equal(target?.type, 'model');
  });

  it('finds nothing on unrelated words', () => {
    assert.equal(locateTarget(analysis, getLine, { line: 2, column: 10 }), undefined);
    assert.equal(locateTarget(analysis, getLine, { line: 6, column: 8 }), undefined);
  });

  it('reads words and holders', () => {
    assert.deepEqual(wordAt('x = self.conv1(x)', 12), { word: 'conv1', start: 9, end: 14, prefix: 'x = self.' });
    assert.equal(holderName('        self.conv1 = nn.Conv2d(3, 8, 3)', 21), 'conv1');
    assert.equal(holderName('const conv: tf.layers.Layer = tf.layers.conv2d({})', 30), 'conv');
    assert.equal(holderName('    nn.Sequential(nn.Conv2d(1, 2, 3))', 18), undefined);
  });
});

describe('layer locator in building-block classes', () => {
  const blockSource = [
    'class Block(nn.Module):', // 0
    '    def __init__(self, c):', // 1
    '        self.conv1 = nn.Conv2d(c, c, 3)', // 2
    '    def forward(self, x):', // 3
    '        return self.conv1(x)', // 4
    'class Net(nn.Module):', // 5
    '    def __init__(self):', // 6
    '        self.conv1 = nn.Conv2d(3, 8, 3)', // 7
    '        self.a = Block(8)', // 8
    '        self.b = Block(8)', // 9
  ];
  const get = (line: number): string => blockSource[line] ?? '';
  const own = layerRecord({ kind: 'Conv2d', path: 'conv1', layerId: 1, args: {}, range: range(7, 21, 7, 39) });
  const inA = layerRecord({ kind: 'Conv2d', path: 'a.conv1', layerId: 2, args: {}, range: range(2, 21, 2, 39) });
  const inB = layerRecord({ kind: 'Conv2d', path: 'b.conv1', layerId: 3, args: {}, range: range(2, 21, 2, 39) });
  const blockAnalysis = fileAnalysis([modelReport('Net', [own, inA, inB], range(5, 0, 9, 25))]);

  it("maps self.conv1 in a block's forward to every instance built in that class", () => {
    const target = locateTarget(blockAnalysis, get, { line: 4, column: 22 });
    assert.ok(target?.type === 'layer');
    assert.deepEqual(
      target.records.map((record) => record.path),
      ['a.conv1', 'b.conv1'],
    );
  });

  it('finds the enclosing class by indentation', () => {
    assert.equal(enclosingClassLine(get, 4), 0);
    assert.equal(enclosingClassLine(get, 9), 5);
    assert.equal(enclosingClassLine(get, 5), 5);
    assert.equal(
      enclosingClassLine((line) => ['x = 1', '    y'][line] ?? '', 1),
      undefined,
    );
  });

  it('gives the model on the line whose call gave its input, and on its name where it is built', () => {
    const lines = ['class UNet(nn.Module):', '    pass', 'model = UNet(3, 2)', 'out = model(torch.randn(1, 3, 64, 64))'];
    const unet = modelReport('UNet', [], range(0, 0, 1, 8), { inputSource: 'call at line 4' });
    const file = fileAnalysis([unet]);
    const at = (line: number, column: number) => locateTarget(file, (index) => lines[index] ?? '', { line, column });
    const onCall = at(3, 2);
    assert.equal(onCall?.type, 'model');
    assert.deepEqual(onCall?.range, range(3, 0, 3, lines[3].length));
    assert.equal(at(2, 9)?.type, 'model');
    assert.equal(at(2, 1), undefined);
  });
});
