import { strict as assert } from 'node:assert';
import { hintLabel, inlineHints, modelAtLine, statusText } from '../../../src/editor/inlineHintText';
import { fileAnalysis, layerRecord, modelReport, range } from '../../support/records';

const stem = layerRecord({ kind: 'Conv2d', args: {}, range: range(3, 20, 3, 60), input: [1, 3, 224, 224], output: [1, 64, 112, 112], params: 9408, macs: 118013952 });

describe('inline hint text', () => {
  it('reads like the issue: -> shape · params', () => {
    assert.equal(hintLabel([stem]), '-> [1, 64, 112, 112] · 9,408 params');
  });

  it('says ? for an unknown shape and flags errors', () => {
    const broken = layerRecord({ kind: 'Conv2d', args: {}, params: 120, issues: [{ severity: 'error', code: 'x', message: 'boom' }] });
    assert.equal(hintLabel([broken]), '-> ? · 120 params · error');
  });

  it('puts one hint at the end of each call, once for a layer called twice', () => {
    const second = { ...stem, input: [1, 3, 64, 64], output: [1, 64, 32, 32] };
    const other = layerRecord({ kind: 'ReLU', args: {}, layerId: 2, range: range(1, 4, 1, 13), output: [1, 64, 112, 112] });
    const hints = inlineHints(fileAnalysis([modelReport('Net', [stem, second, other])]));
    assert.deepEqual(
      hints.map((hint) => [hint.position.line, hint.position.column]),
      [
        [1, 13],
        [3, 60],
      ],
    );
    assert.equal(hints[1]?.label, ' -> [1, 64, 112, 112] (+1 more shapes) · 9,408 params');
  });

  it('writes the status bar text for each macsUnit', () => {
    const model = modelReport('ResNet', [stem]);
    assert.equal(statusText(model, 'MACs'), 'ResNet: 9.41 K params · 118.01 M MACs');
    assert.equal(statusText(model, 'FLOPs'), 'ResNet: 9.41 K params · 236.03 M FLOPs');
    assert.equal(statusText(model, 'both'), 'ResNet: 9.41 K params · 118.01 M MACs · 236.03 M FLOPs');
  });

  it('picks the model under the cursor, else the first', () => {
    const first = modelReport('A', [], range(0, 0, 10, 0));
    const second = modelReport('B', [], range(12, 0, 20, 0));
    const analysis = fileAnalysis([first, second]);
    assert.equal(modelAtLine(analysis, 15)?.name, 'B');
    assert.equal(modelAtLine(analysis, 11)?.name, 'A');
    assert.equal(modelAtLine(fileAnalysis([]), 1), undefined);
  });
});
