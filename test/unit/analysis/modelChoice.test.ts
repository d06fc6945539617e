import { strict as assert } from 'node:assert';
import { defaultModel, firstModelError, modelPickerEntries, modelUse, pickerOrder } from '../../../src/analysis/modelChoice';
import { fileAnalysis, layerRecord, modelReport, range } from '../../support/records';

const bottleneck = modelReport('Bottleneck', [], range(5, 0, 30, 0), { inputSource: "default: the first layer's in_channels" });
const resnet = modelReport('ResNet', [], range(32, 0, 80, 0), { inputSource: 'call at line 98' });
const unknown = modelReport('Head', [], range(82, 0, 90, 0), { inputSource: 'unknown' });

describe('model choice', () => {
  it('tells called, declared and unused models apart by where their input came from', () => {
    assert.equal(modelUse(resnet), 'called');
    assert.equal(modelUse({ inputSource: 'directive' }), 'called');
    assert.equal(modelUse({ inputSource: 'keras.Input (batch 1 for None)' }), 'declared');
    assert.equal(modelUse(bottleneck), 'unused');
    assert.equal(modelUse({ inputSource: 'inferred from fc (in_features=512)' }), 'unused');
    assert.equal(modelUse(unknown), 'unused');
  });

  it('defaults to the model the file calls, wherever the cursor is', () => {
    const analysis = fileAnalysis([bottleneck, resnet, unknown]);
    assert.equal(defaultModel(analysis, 10)?.name, 'ResNet');
    assert.equal(defaultModel(analysis, 0)?.name, 'ResNet');
  });

  it('falls back to the model under the cursor, then the first used one', () => {
    const declaredA = modelReport('a', [], range(0, 0, 5, 0), { inputSource: 'keras.Input' });
    const declaredB = modelReport('b', [], range(6, 0, 9, 0), { inputSource: 'keras.Input' });
    assert.equal(defaultModel(fileAnalysis([declaredA, declaredB]), 7)?.name, 'b');
    assert.equal(defaultModel(fileAnalysis([bottleneck, declaredB]), 10)?.name, 'b');
    assert.equal(defaultModel(fileAnalysis([bottleneck, unknown]), 84)?.name, 'Head');
    assert.equal(defaultModel(fileAnalysis([bottleneck, unknown]), 200)?.name, 'Bottleneck');
    assert.equal(defaultModel(fileAnalysis([]), 1), undefined);
  });

  it('finds the first error of a model (a layer issue or an error finding in its lines)', () => {
    const broken = layerRecord({ kind: 'Conv2d', args: {}, range: range(85, 8, 85, 40), issues: [{ severity: 'error', code: 'c', message: 'boom' }] });
    const model = modelReport('ResNet', [broken], range(32, 0, 90, 0));
    assert.deepEqual(firstModelError(fileAnalysis([model]), model), { line: 85, column: 8, message: 'boom' });
    const clean = modelReport('ResNet', [], range(32, 0, 90, 0));
    const withFinding = { ...fileAnalysis([clean]), diagnostics: [{ range: range(40, 4, 40, 9), severity: 'error' as const, code: 'x', message: 'bad' }] };
    assert.equal(firstModelError(withFinding, clean)?.line, 40);
    assert.equal(firstModelError(fileAnalysis([clean]), clean), undefined);
  });

  it('labels picker entries so that no two read the same, unused classes marked and listed last', () => {
    const entries = modelPickerEntries([bottleneck, resnet, unknown]);
    assert.deepEqual(
      entries.map((entry) => entry.label),
      ['Bottleneck (line 6) · not used in this file', 'ResNet (called at line 98)', 'Head (line 83) · not used in this file'],
    );
    assert.deepEqual(pickerOrder([bottleneck, resnet, unknown]), [1, 0, 2]);
    const lines = ['model = keras.Sequential([', '  keras.Sequential([', ''];
    const outer = modelReport('sequential_1', [], range(0, 0, 2, 0), { inputSource: 'keras.Input' });
    const twin = modelReport('sequential_2', [], range(0, 0, 2, 0), { inputSource: 'keras.Input' });
    const labels = modelPickerEntries([outer, twin, twin], (line) => lines[line] ?? '').map((entry) => entry.label);
    assert.deepEqual(labels, [
      'model = keras.Sequential(...) · sequential_1 (line 1)',
      'model = keras.Sequential(...) · sequential_2 (line 1)',
      'model = keras.Sequential(...) · sequential_2 (line 1) #2',
    ]);
    assert.equal(new Set(labels).size, labels.length);
  });
});
