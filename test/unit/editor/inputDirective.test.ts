import { strict as assert } from 'node:assert';
import { parseShapeText, planDirectiveEdit, validateShapeText } from '../../../src/editor/inputDirective';

describe('input directive', () => {
  it('parses the ways people write a shape', () => {
    assert.deepEqual(parseShapeText('1,3,224,224'), [1, 3, 224, 224]);
    assert.deepEqual(parseShapeText(' (1, 3, 224, 224) '), [1, 3, 224, 224]);
    assert.deepEqual(parseShapeText('[1, 28, 28, 1]'), [1, 28, 28, 1]);
    assert.deepEqual(parseShapeText('1x3x32x32'), [1, 3, 32, 32]);
  });

  it('rejects what is not a shape', () => {
    for (const bad of ['', 'abc', '1, -3, 4', '1, 0, 4', '1.5, 3', '7', '1,2,3,4,5,6,7']) {
      assert.equal(parseShapeText(bad), undefined, bad);
      assert.ok(validateShapeText(bad));
    }
    assert.equal(validateShapeText('1, 3, 8, 8'), undefined);
  });

  it('inserts above the model, above its decorators, with its indentation', () => {
    const lines = ['import torch', '', '@some.decorator', 'class Net(nn.Module):', '    pass'];
    assert.deepEqual(planDirectiveEdit(lines, 3, [1, 3, 32, 32], 'python'), { line: 2, replace: false, text: '# conv-inspector: input=(1, 3, 32, 32)' });
    assert.deepEqual(planDirectiveEdit(['  model = tf.sequential();'], 0, [1, 28, 28, 1], 'typescript'),
      { line: 0, replace: false, text: '  // conv-inspector: input=(1, 28, 28, 1)' });
  });

  it('updates an existing directive instead of adding a second one', () => {
    const lines = ['# conv-inspector: input=(1, 3, 8, 8)', '# a comment', 'class Net(nn.Module):'];
    assert.deepEqual(planDirectiveEdit(lines, 2, [2, 3, 16, 16], 'python'), { line: 0, replace: true, text: '# conv-inspector: input=(2, 3, 16, 16)' });
  });
});
